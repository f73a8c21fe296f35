#!/usr/bin/env bash
# corpus-site.sh DIR N IMAGES [GENCORPUS FLAGS...]: a site of N gencorpus
# articles (IMAGES of them with a photo) with this theme, the example's
# configuration and about pages, and the corpus's vocabulary. make verify
# builds one of 1,000 articles, and one of 60 in 30 days (-start, -span) for
# the offline edition; make bench-search one of 10,000.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 n=$2 images=$3
go run ./bench/gencorpus -n "$n" -images "$images" "${@:4}" -out "$dir"
cp config.toml "$dir/"
cp -r layouts assets i18n archetypes "$dir/"
mkdir -p "$dir/content/about" "$dir/content/search"
cp -r content/about/. "$dir/content/about/"
cp -r content/search/. "$dir/content/search/"
