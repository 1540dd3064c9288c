# sessionkit — build, generate, test. `make help` lists the targets.
GO          ?= go
STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: generate
generate: ## Validate openapi/*.yaml and regenerate gen/ with the pinned oapi-codegen.
	@scripts/generate.sh

.PHONY: check-generated
check-generated: ## Fail (naming the files) if gen/ differs from what the specs generate.
	@scripts/generate.sh --check

.PHONY: lean
lean: ## Check that a program importing only a wrapper links no kin-openapi, gorilla/mux or YAML module.
	$(GO) test -count=1 ./internal/leanimports

.PHONY: build
build: ## Compile every package.
	$(GO) build ./...

# The race detector needs cgo and a C compiler; a machine without one still
# runs every test, without -race, and says so.
RACE := $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && command -v "$$($(GO) env CC)" >/dev/null 2>&1 && echo -race)

.PHONY: unit
unit: ## Go tests only (race detector on when a C compiler is there); needs nothing but Go.
	@[ -n "$(RACE)" ] || echo "unit: no C compiler for the race detector (go env CC); running without -race" >&2
	$(GO) test $(RACE) -count=1 ./...

PRISM := tools/prism/node_modules/.bin/prism

$(PRISM): tools/prism/package.json tools/prism/package-lock.json
	cd tools/prism && SCARF_ANALYTICS=false npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: prism
prism: $(PRISM) ## Install the pinned Prism mock server from tools/prism's lock file.

.PHONY: contract
contract: $(PRISM) ## Contract suite against Prism mocks of openapi/*.yaml (starts and stops Prism itself).
	$(GO) test -tags prism -count=1 -run 'Prism' ./internal/contract

.PHONY: contract-live
contract-live: ## Contract cases against the real services named by SESSIONKIT_LIVE_* (README: Live contract run); read-only unless SESSIONKIT_LIVE_WRITES=1; not part of make test.
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && $(GO) test -tags live -c -o "$$tmp/live.test" ./internal/contract && "$$tmp/live.test" -test.run '^TestLive$$' -test.count=1

.PHONY: test
test: build unit contract ## The whole suite: build, race-enabled unit tests, the Prism contract run.

.PHONY: fuzz
fuzz: ## Run every fuzz target for FUZZTIME each (default 30s); not part of make test.
	@scripts/fuzz.sh

.PHONY: bench
bench: ## Print the wrappers' ratios to raw net/http + encoding/json and the test servers' round trips/s on one core (BENCHMARKS.md); not part of make test.
	cd internal/cmd/benchreport && $(GO) run .

.PHONY: lint
lint: ## go mod tidy check, go vet, staticcheck (pinned in go.mod via tools.go) and a gofmt check.
	$(GO) mod tidy -diff
	$(GO) vet ./...
	cd internal/cmd/benchreport && $(GO) mod tidy -diff && $(GO) vet .
	$(STATICCHECK) ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
