#!/usr/bin/env bash
# make verify: build the example site and a 1,000-article gencorpus site,
# its builds for the onion service and the mirror, and two offline editions
# (the example's, and 60 articles with photos in 30 days), then check the
# output as validators and browsers see it. Prints one line a
# step and a short table a check; for each failure, the page and the rule it
# broke. Exit 1 on any failure. Needs Go, Node 20, Java 17 and Debian's
# chromium (see .ci/run); everything talks to 127.0.0.1 only.
set -uo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.27.3
ROOT=$PWD
OUT=$ROOT/verify/out
BASE=https://dispatch.example/
ONION=http://nptt4mamu43ggy25u5lvnlcl2mmnwc4uuxm3tsvbmz657cyubyu73zqd.onion/
MIRROR=https://dispatch-mirror.example/
BUDGET=8192
# The offline editions: a fixed clock, so that their articles and bytes do
# not depend on the day; a month's edition of 60 articles with photos must
# stay under 5 MB; its front page, which lists them all on one page and is
# read from a disk, under 64 KB.
CLOCK=2024-10-31T12:00:00+09:00
EDITION_BUDGET=5000000
EDITION_INDEX_BUDGET=65536
rm -rf "$OUT"/example "$OUT"/corpus "$OUT"/corpus-src "$OUT"/devsite "$OUT"/previewsite "$OUT"/screenshots "$OUT"/lighthouse \
  "$OUT"/onion "$OUT"/mirror "$OUT"/corpus-mirror "$OUT"/edition-src "$OUT"/edition-example "$OUT"/edition-corpus "$OUT"/edition-*.zip \
  "$OUT"/imported-src "$OUT"/imported "$OUT"/wxr
mkdir -p "$OUT"
failed=0

# step NAME COMMAND...: run a step, its output in $OUT/NAME.log.
step() {
  local name=$1 start=$SECONDS
  shift
  if "$@" >"$OUT/$name.log" 2>&1; then
    printf 'pass  %-28s %4d s\n' "$name" $((SECONDS - start))
  else
    printf 'FAIL  %-28s %4d s  (%s)\n' "$name" $((SECONDS - start)) "verify/out/$name.log"
    tail -n 40 "$OUT/$name.log" | sed 's/^/        /'
    failed=$((failed + 1))
  fi
}

# vnu DIR: the Nu HTML Checker on every page; errors only. It does not know
# <meta http-equiv="onion-location">, which Tor Browser reads (the
# Onion-Location header for hosts that cannot send it per page).
vnu() {
  local out
  out=$(java -jar verify/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format gnu --skip-non-html \
    --filterpattern '.*Bad value .onion-location. for attribute .http-equiv. on element .meta.*' "$1" 2>&1)
  [ -z "$out" ] || { echo "$out" | sed "s#\"file:$1#page #"; return 1; }
  echo "no errors in $(find "$1" -name '*.html' | wc -l) pages"
}

# weight DIR PAGE...: HTML+CSS+JS of each page within the budget.
weight() {
  "$OUT/sitecheck" weight -budget "$BUDGET" "$@"
}

step npm-ci npm ci --prefix verify --no-audit --no-fund
step build-tools sh -c "go build -tags withdeploy -o '$OUT/dispatch' ./cmd/dispatch && go build -o '$OUT/sitecheck' ./tools/sitecheck"
step build-example "$OUT/dispatch" build --destination "$OUT/example"
step build-corpus sh -c "verify/corpus-site.sh '$OUT/corpus-src' 1000 20 && '$OUT/dispatch' build --source '$OUT/corpus-src' --destination '$OUT/corpus'"
step build-mirrors sh -c "'$OUT/dispatch' build --mirror onion --destination '$OUT/onion' && '$OUT/dispatch' build --mirror mirror --destination '$OUT/mirror' &&
  '$OUT/dispatch' build --source '$OUT/corpus-src' --mirror mirror --destination '$OUT/corpus-mirror'"
# The example's edition holds all its articles (ten years); the corpus's is
# the last 30 days of an article every 12 hours.
step build-editions sh -c "verify/corpus-site.sh '$OUT/edition-src' 60 60 -start 2024-10-01T18:00:00+09:00 -span 720h &&
  '$OUT/dispatch' edition --out '$OUT/edition-example.zip' --since 3650d --clock $CLOCK &&
  '$OUT/dispatch' edition --source '$OUT/edition-src' --out '$OUT/edition-corpus.zip' --clock $CLOCK"
# A WordPress import into a copy of the example site: 40 generated posts
# (bench/genwxr: classic and block editor, [caption] and [gallery], Korean
# translations, photos with GPS), checked and built as any site is.
step build-imported sh -c "mkdir -p '$OUT/imported-src' && for p in config.toml content layouts assets i18n data archetypes static; do
    [ ! -e \$p ] || cp -r \$p '$OUT/imported-src/'; done &&
  go run ./bench/genwxr -n 40 -ko 0.25 -photos 12 -out '$OUT/wxr' &&
  cd '$OUT/imported-src' && '$OUT/dispatch' import wordpress '$OUT/wxr/export.xml' --uploads '$OUT/wxr/uploads' &&
  '$OUT/dispatch' check && '$OUT/dispatch' build --destination '$OUT/imported'"

CORPUS_ARTICLE=$(cd "$OUT/corpus" 2>/dev/null && ls -d news/2024/*/ | head -n 1)
CORPUS_KO=$(cd "$OUT/corpus" 2>/dev/null && ls -d ko/news/2024/*/ | head -n 1)
CORPUS_TAG=tags/surveillance/
IMPORTED_ARTICLE=$(cd "$OUT/imported" 2>/dev/null && ls -d news/20*/*/ | head -n 1)

step edition-example "$OUT/sitecheck" edition -base "$BASE" -budget "$EDITION_BUDGET" "$OUT/edition-example.zip" "$OUT/edition-example"
step edition-corpus "$OUT/sitecheck" edition -base "$BASE" -budget "$EDITION_BUDGET" "$OUT/edition-corpus.zip" "$OUT/edition-corpus"
EDITION_ARTICLE=$(cd "$OUT/edition-corpus" 2>/dev/null && ls -d news/2024/*/ | head -n 1)
EDITION_KO=$(cd "$OUT/edition-corpus" 2>/dev/null && ls -d ko/news/2024/*/ | head -n 1)
EDITION_TAG=$(cd "$OUT/edition-corpus" 2>/dev/null && ls -d tags/*/ | head -n 1)
EDITION_REGION=$(cd "$OUT/edition-corpus" 2>/dev/null && ls -d regions/*/ | head -n 1)

step html-example vnu "$OUT/example"
step html-corpus vnu "$OUT/corpus"
step html-onion vnu "$OUT/onion"
step html-mirror vnu "$OUT/mirror"
step html-edition-example vnu "$OUT/edition-example"
step html-edition-corpus vnu "$OUT/edition-corpus"
step html-imported vnu "$OUT/imported"
step links-example "$OUT/sitecheck" links -base "$BASE" "$OUT/example"
step links-corpus "$OUT/sitecheck" links -base "$BASE" "$OUT/corpus"
step links-onion "$OUT/sitecheck" links -base "$ONION" "$OUT/onion"
step links-mirror "$OUT/sitecheck" links -base "$MIRROR" "$OUT/mirror"
step links-edition-example "$OUT/sitecheck" links -base "$BASE" "$OUT/edition-example"
step links-edition-corpus "$OUT/sitecheck" links -base "$BASE" "$OUT/edition-corpus"
step links-imported "$OUT/sitecheck" links -base "$BASE" "$OUT/imported"
# No WordPress markup survives the import in any page.
step imported-markup sh -c "! grep -rlE '\\[caption|<!-- wp:|\\[gallery|style=' '$OUT/imported' --include='*.html'"
step weight-example weight "$OUT/example" index.html news/2024/hoeryong-phone-calls/index.html \
  ko/news/2024/hoeryong-phone-calls/index.html tags/surveillance/index.html regions/hoeryong/index.html \
  authors/han-ji-won/index.html archive/index.html 404.html search/index.html ko/search/index.html
step weight-imported weight "$OUT/imported" "${IMPORTED_ARTICLE}index.html"
step weight-corpus weight "$OUT/corpus" index.html "${CORPUS_ARTICLE}index.html" "${CORPUS_KO}index.html" "${CORPUS_TAG}index.html"
MIRROR_PAGES="index.html news/2024/hoeryong-phone-calls/index.html ko/news/2024/hoeryong-phone-calls/index.html tags/surveillance/index.html about/reach/index.html"
# shellcheck disable=SC2086
step weight-onion weight "$OUT/onion" $MIRROR_PAGES
# shellcheck disable=SC2086
step weight-mirror weight "$OUT/mirror" $MIRROR_PAGES
# The corpus's pages are the heaviest; the mirror's URLs are the longest of
# an https:// build, which also carries Onion-Location.
step weight-corpus-mirror weight "$OUT/corpus-mirror" index.html "${CORPUS_ARTICLE}index.html" "${CORPUS_KO}index.html" "${CORPUS_TAG}index.html"
# The edition's pages on the network budget; its front pages on their own.
step weight-edition weight "$OUT/edition-corpus" "${EDITION_ARTICLE}index.html" "${EDITION_KO}index.html" \
  "${EDITION_TAG}index.html" "${EDITION_REGION}index.html"
step weight-edition-index "$OUT/sitecheck" weight -budget "$EDITION_INDEX_BUDGET" "$OUT/edition-corpus" index.html ko/index.html
step browser node verify/browser.mjs --shots "$OUT/screenshots" \
  --site example="$OUT/example" --site corpus="$OUT/corpus" --site onion="$OUT/onion" --site imported="$OUT/imported" \
  --page example:home:/ \
  --page example:article:/news/2024/hoeryong-phone-calls/ \
  --page example:tag:/tags/surveillance/ \
  --page example:region:/regions/hoeryong/ \
  --page example:author:/authors/han-ji-won/ \
  --page example:korean-article:/ko/news/2024/hoeryong-phone-calls/ \
  --page example:archive:/archive/ \
  --page example:reach:/about/reach/ \
  --page onion:article:/news/2024/hoeryong-phone-calls/ \
  --page example:404:/no-such-page/ \
  --page example:search:/search/?q=Hoeryong \
  --page example:korean-search:/ko/search/?q=%ED%9C%B4%EB%8C%80%EC%A0%84%ED%99%94 \
  --page corpus:article:/"$CORPUS_ARTICLE" \
  --page corpus:korean-article:/"$CORPUS_KO" \
  --page corpus:tag:/"$CORPUS_TAG" \
  --page imported:article:/"$IMPORTED_ARTICLE"
# Lighthouse's mobile audit of the four kinds of page readers land on: every
# category at 100. The JSON reports are in verify/out/lighthouse/.
step lighthouse env CHROME_PATH="${CHROMIUM:-/usr/bin/chromium}" node verify/lighthouse.mjs --out "$OUT/lighthouse" \
  --site "$OUT/example" \
  --page home:/ \
  --page article:/news/2024/hoeryong-phone-calls/ \
  --page korean-article:/ko/news/2024/hoeryong-phone-calls/ \
  --page tag:/tags/surveillance/
step search node verify/search.mjs --site "$OUT/example" --corpus "$OUT/corpus"
step browser-safest node verify/safest.mjs --site "$OUT/onion" --name onion
step browser-edition-example node verify/edition.mjs --dir "$OUT/edition-example" --name example --shots "$OUT/screenshots"
step browser-edition-corpus node verify/edition.mjs --dir "$OUT/edition-corpus" --name corpus --shots "$OUT/screenshots"
step devserver sh -c "mkdir -p '$OUT/devsite' && cp -r config.toml content layouts assets i18n data archetypes '$OUT/devsite/' && node verify/devserver.mjs '$OUT/dispatch' '$OUT/devsite'"
# The preview's banners: a draft's, a scheduled article's, and the error
# banner of an article Hugo cannot build, on every page; axe-core clean.
step preview sh -c "mkdir -p '$OUT/previewsite' && cp -r config.toml content layouts assets i18n data archetypes '$OUT/previewsite/' && node verify/preview.mjs '$OUT/dispatch' '$OUT/previewsite' '$OUT/screenshots'"

for log in weight-example weight-imported weight-corpus weight-onion weight-mirror weight-corpus-mirror weight-edition weight-edition-index edition-example edition-corpus \
  browser search browser-safest browser-edition-example browser-edition-corpus lighthouse devserver preview; do
  echo
  echo "== $log"
  grep -v '^\s*$' "$OUT/$log.log" | grep -v '^  edited' || true
done
echo
echo "== audit (dispatch build audits every site before it is published)"
grep -h "published .* the audit took" "$OUT"/build-example.log "$OUT"/build-corpus.log 2>/dev/null | sed 's/^dispatch: //' || true
echo
echo "screenshots: verify/out/screenshots/ ($(ls "$OUT/screenshots" 2>/dev/null | wc -l) files)"
if [ "$failed" -gt 0 ]; then
  echo "verify: $failed steps failed"
  exit 1
fi
echo "verify: every step passed"
