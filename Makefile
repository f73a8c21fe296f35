# Shortcuts for the commands in README.md. Everything but verify needs only Go.
GO   ?= go
# Hugo v0.166 needs Go 1.27; the go command fetches it from the module proxy.
# Machines here run with GOTOOLCHAIN=local, which ignores go.mod's line.
export GOTOOLCHAIN := go1.27.3
TAGS := withdeploy
BIN  := bin/dispatch

.PHONY: site serve check test difftest verify bench bench-search clean

$(BIN): go.mod go.sum $(shell find cmd internal -name '*.go')
	$(GO) build -tags $(TAGS) -o $@ ./cmd/dispatch

## site: check the content and build the example site into public/
site: $(BIN)
	./$(BIN) build

## serve: preview with live reload on http://127.0.0.1:1313/
serve: $(BIN)
	./$(BIN) server

## check: the editorial checks alone
check: $(BIN)
	./$(BIN) check

## test: vet and all tests
test:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) ./...

## difftest: the full differential test of the checks against Hugo, 2,000
## generated sites; the disagreements are saved as txtar in /tmp/dispatch-difftest
difftest:
	$(GO) test -tags $(TAGS) -run TestDifferential -timeout 60m ./internal/difftest \
		-difftest.n 2000 -difftest.out /tmp/dispatch-difftest -v

## verify: build the example site and a 1,000-article corpus and check them
## with the Nu HTML Checker, a link checker, page-weight budgets, Chromium
## (console, requests, CSP, axe-core, skip link, screenshots), Lighthouse
## (mobile, 100 in every category) and the dev server. Needs node, java and
## /usr/bin/chromium (see .ci/run).
verify:
	verify/run.sh

## bench: every benchmark of bench/ as its own process, theme and bare
## alternated (builds at 1,000, 10,000 and 30,000 articles, GC settings, the
## check, the audit, the import, photos, the preview), one table; the table
## is also written to bench/out/table.md. BENCH adds options:
## make bench BENCH='-only build -n 10000 -rounds 3'
BENCH ?=
bench: $(BIN)
	mkdir -p bench/out
	$(GO) run ./bench/cmd/buildbench -dispatch $(BIN) -out bench/out/table.md $(BENCH)

## bench-search: dispatch build with and without the search index, and what a
## first search transfers, on a 10,000-article corpus (needs what verify needs)
bench-search:
	bench/search.sh 10000

clean:
	rm -rf bin public resources/_gen .hugo_build.lock
