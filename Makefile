# Redline — two commands for a newcomer on Debian:
#   make run    install what is missing, build, open the workbench
#   make test   install what is missing, then gofmt, go vet and go test -race

GO      ?= go
BIN     ?= bin/redline
PKGS    := ./...
# Debian packages Fyne's cgo build needs (not the whole xorg-dev)
DEB_BUILD := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev \
             libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
DEB_BUILD += poppler-utils  # PDF import (pdftotext), for run and test
# extra packages for the window smoke test and screenshots
DEB_SMOKE := xvfb xauth xdotool imagemagick x11-utils python3

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps deps-smoke build vet fmt-check race bench fuzz smoke clean

run: deps build
	./$(BIN)

test: deps fmt-check vet race

# deps installs only what is missing, so a second run is quick
deps:
	@missing=""; for p in $(DEB_BUILD); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(GO) mod download

deps-smoke: deps
	@missing=""; for p in $(DEB_SMOKE); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build:
	$(GO) build -tags migrated_fynedo -o $(BIN) .

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt would change these files:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet -tags ci $(PKGS)

# -tags ci selects Fyne's headless software driver: no display needed
race:
	$(GO) test -tags ci -race -count=1 $(PKGS)
	cd earlylog && $(GO) test -race -count=1 ./...

bench:
	$(GO) test -tags ci -run '^$$' -bench . -benchtime 1x $(PKGS)

# fuzz runs every fuzz target of every package for FUZZTIME each, with a
# short minimisation so a crash is reported soon; new crashers land in the
# package's testdata/fuzz and fail plain `go test` from then on.
FUZZTIME ?= 30s
FUZZMIN  ?= 5s
fuzz:
	@set -e; for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | sed 's/^func //'); do \
			echo "fuzz $$dir $$target ($(FUZZTIME))"; \
			$(GO) test -tags ci -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) $$dir; \
		done; \
	done

smoke: deps-smoke build
	bash .ci/smoke

clean:
	rm -rf bin
