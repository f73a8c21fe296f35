#!/usr/bin/env bash
# bench/search.sh [N]: the search on a corpus of N gencorpus articles
# (10,000 by default, no photos), built with this theme as make verify
# builds its corpus: how long dispatch build takes with and without the
# Pagefind index, and what the search page and a first search transfer
# (verify/search.mjs --measure, in Chromium). Needs what make verify needs
# (node, verify/node_modules, /usr/bin/chromium). make bench-search runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.27.3
n=${1:-10000}
work=${DISPATCH_BENCH_DIR:-/tmp/dispatch-search-bench}
query=${DISPATCH_BENCH_QUERY:-border}
rm -rf "$work"
mkdir -p "$work"
verify/corpus-site.sh "$work/src" "$n" 0 >/dev/null
go build -tags withdeploy -o "$work/dispatch" ./cmd/dispatch
build() {
  /usr/bin/time -f "  %e s wall, %U s user + %S s system (dispatch, Hugo and Pagefind)" \
    "$work/dispatch" build --source "$work/src" --destination "$work/public" "$@" 2>&1 |
    grep -E '^dispatch: published|s wall'
}
echo "$n articles, $(nproc) cores; the CPU times are steadier than the wall times on a shared machine"
echo "a first build, with the search index (it also warms Hugo's caches):"
build
echo "without the index (--search=false):"
build --search=false
echo "with the index:"
build
rm -rf "$work/copy" && cp -r "$work/public" "$work/copy" && rm -rf "$work/copy/pagefind"
echo "Pagefind alone on the built site:"
/usr/bin/time -f "  %e s wall, %U s user + %S s system" \
  "$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/dispatch/pagefind/*/pagefind_extended | head -n 1)" \
  --site "$work/copy" --root-selector '[data-pagefind-body]' --silent
echo "index: $(du -sh "$work/public/pagefind" | cut -f1), $(find "$work/public/pagefind" -type f | wc -l) files"
echo
node verify/search.mjs --measure "$work/public" --query "$query" | tail -n 5
