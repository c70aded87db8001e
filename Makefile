# Everything a contributor or CI runs. `make test` is the whole check.
GO ?= go

.PHONY: test build vet fmt race verify generate example bench fuzz

test: build vet race verify

build:
	$(GO) build ./...

# vet also fails on files gofmt would change, and runs gostage-vet on the
# user lifecycle example, which must use no string key that has a typed
# accessor. (The typedkeys example reads one string key on purpose: its
# benchmark compares the typed read with the string-keyed one.)
vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) build -o bin/gostage-vet ./cmd/gostage-vet
	$(GO) vet -vettool=$(CURDIR)/bin/gostage-vet ./examples/userlifecycle/...

# The tests of runtime/redischeckpoint start their own redis-server on a
# free loopback port and stop it after. Without redis-server they are
# skipped, saying so, except in CI (CI=true), where that fails.
race:
	$(GO) test -race ./...

# generate rewrites every generated file in the module.
generate:
	$(GO) generate ./...

# verify regenerates everything and fails if any generated file changed,
# or if a generated file is missing from git.
verify: generate
	@git diff --exit-code --stat -- . || { echo "generated files are stale: run make generate and commit"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard); if [ -n "$$untracked" ]; then echo "untracked files after generate:"; echo "$$untracked"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# example regenerates the examples' code with gostage-gen and runs them:
# the user lifecycle workflow (generated keys and actions), the tour of
# the generated key API, the ported upstream programs, then a durable run
# that crashes and resumes.
example:
	$(GO) generate ./examples/...
	$(GO) run ./examples/userlifecycle
	$(GO) run ./examples/typedkeys
	$(GO) run ./examples/porting
	$(GO) run ./examples/porting/catalog
	@dir=$$(mktemp -d); \
	$(GO) run ./examples/durable -dir $$dir -crash || echo "(crashed on purpose)"; \
	$(GO) run ./examples/durable -dir $$dir; status=$$?; rm -rf $$dir; exit $$status

# fuzz runs every fuzz test for FUZZTIME each (their seed corpora already
# run in make test).
FUZZTIME ?= 20s
fuzz:
	@set -e; for pkg in $$(git grep -l '^func Fuzz' -- '*_test.go' | xargs -n1 dirname | sort -u); do \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$pkg/*_test.go | sed 's/^func //'); do \
			echo "$$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) ./$$pkg; \
		done; \
	done
