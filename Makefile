# scrubs: the two set-up commands of the README are `make demo` and `make test`.
GO ?= go
BIN := bin/scrubs
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/scrubs-dev/scrubs/internal/cli.Version=$(VERSION)

# The packages that read or write memory through package unsafe: make test
# runs their tests again with the compiler's pointer checks (checkptr), so
# that a read or write past an allocation fails instead of going unnoticed.
UNSAFE_PKGS := $(shell grep -rl --include='*.go' --exclude='*_test.go' '"unsafe"' . | xargs -n1 dirname | sort -u)

.PHONY: build demo test fuzz bench eval speed clean deps packs

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/scrubs

deps:
	@command -v $(GO) >/dev/null || { echo "Go 1.26+ is required (https://go.dev/dl/)"; exit 2; }
	$(GO) mod download

# Runs scrubs check on the shipped example post (exit 1 = it has findings).
demo: deps build
	./$(BIN) check --role resident --account personal --platform x examples/post.txt || [ $$? -eq 1 ]

# The whole test suite (CI runs this through .ci/run).
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -gcflags=all=-d=checkptr $(UNSAFE_PKGS)
	./scripts/fuzz-smoke.sh 5s

# After editing rules/packs/*.yaml: rewrite the parsed snapshot the binary
# loads at start-up (rules/packs.json; a test fails while it is stale).
packs:
	$(GO) test ./rules -run TestSnapshotIsFresh -update

# Longer fuzzing of every parser and detector.
fuzz:
	./scripts/fuzz-smoke.sh 60s

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Accuracy against ../shared/eval (not part of `make test`: users clone the project alone).
eval: build
	./scripts/eval.sh

# Throughput, latency and memory figures for the README.
speed: build
	./scripts/speed.sh

clean:
	rm -rf bin
