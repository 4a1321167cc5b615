# Redline — two commands for a newcomer on Debian:
#   make run    install what is missing, build, open the workbench
#   make test   install what is missing, then gofmt, go vet and go test -race

GO      ?= go
BIN     ?= bin/redline
PKGS    := ./...
# Debian packages Fyne's cgo build needs (not the whole xorg-dev)
DEB_BUILD := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev \
             libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
# extra packages for the window smoke test and screenshots
DEB_SMOKE := xvfb xauth xdotool imagemagick x11-utils python3

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# What `redline --version` prints (package version): the release number is
# FyneApp.toml's, so the packages and the binary agree; the commit gets
# -dirty when the tree has uncommitted changes.
VERSION    ?= $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT     ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)
BUILD_DATE ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS    := -X redline/version.version=$(VERSION) -X redline/version.commit=$(COMMIT) \
              -X redline/version.date=$(BUILD_DATE)

.PHONY: run test deps deps-smoke build vet fmt-check race bench smoke clean

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
	$(GO) build -tags migrated_fynedo -ldflags "$(LDFLAGS)" -o $(BIN) .

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

smoke: deps-smoke build
	bash .ci/smoke

clean:
	rm -rf bin
