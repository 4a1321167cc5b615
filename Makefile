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

# What `redline --version` prints (package version): the release number is
# FyneApp.toml's, so the packages and the binary agree; the commit gets
# -dirty when the tree has uncommitted changes.
VERSION    ?= $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT     ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo -dirty)
BUILD_DATE ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDVARS     := redline/version.version=$(VERSION) redline/version.commit=$(COMMIT) \
              redline/version.date=$(BUILD_DATE)
LDFLAGS    := $(addprefix -X ,$(LDVARS))

.PHONY: run test deps deps-pg race-pg deps-smoke build vet fmt-check race bench fuzz smoke clean \
        deps-package fyne-cli package install install-package uninstall windows release release-check

run: deps build
	./$(BIN)

test: deps deps-pg fmt-check vet race race-pg

# deps installs only what is missing, so a second run is quick
deps:
	@missing=""; for p in $(DEB_BUILD); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(GO) mod download

# PostgreSQL for the tests of the team server: Debian's postgresql package
# (tools/pgtest install fails loudly when it cannot be installed)
deps-pg:
	tools/pgtest install

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

# the same tests again on a throw-away PostgreSQL server (initdb in a
# temporary folder as the postgres user, 127.0.0.1, stopped afterwards):
# the storage suite, the workflows, the command line and the window on
# the server database
PG_PKGS := ./storage/ ./workspace/ ./cli/ ./app/
race-pg:
	tools/pgtest run $(GO) test -tags ci -race -count=1 $(PG_PKGS)

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
	rm -rf bin dist

# ---- Packages and releases (README: Install; Building for Windows and macOS)

DIST         := dist
APP_ID       := $(shell sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml)
LINUX_PKG    := $(DIST)/redline-$(VERSION)-linux-amd64.tar.xz
WIN_ZIP      := $(DIST)/redline-$(VERSION)-windows-amd64.zip
# the fyne command-line tool (fyne package); a version the module proxy serves
FYNE_VERSION := v1.7.4
FYNE         := $(shell $(GO) env GOPATH)/bin/fyne
# fyne package builds with `go build` itself: it takes the -ldflags= words
# out of GOFLAGS and hands them on, so the version reaches its builds too
FYNE_GOFLAGS := $(strip $(shell $(GO) env GOFLAGS) $(addprefix -ldflags=-X=,$(LDVARS)))
WIN_CC       ?= x86_64-w64-mingw32-gcc
# Debian packages for packaging: the Windows cross-compiler, zip, the
# .desktop checker, xz for the Linux archive; unzip, file and python3 for the checks
DEB_PACKAGE  := gcc-mingw-w64-x86-64 zip unzip desktop-file-utils xz-utils file python3
# where `make install` puts Redline: the user's own home, no root needed
PREFIX       ?= $(HOME)/.local

# fyne_package runs `fyne package $(1)` with the environment $(2) and the
# version in GOFLAGS. fyne package adds one to Build in FyneApp.toml and
# rewrites the file (dropping its comments) after every run; a build must
# not change the source, so the file is put back as it was.
define fyne_package
	@cp FyneApp.toml .FyneApp.toml.keep
	$(2) GOFLAGS="$(FYNE_GOFLAGS)" "$(FYNE)" package $(1); status=$$?; \
	mv .FyneApp.toml.keep FyneApp.toml; exit $$status
endef

deps-package: deps
	@missing=""; for p in $(DEB_PACKAGE); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

fyne-cli:
	@[ -x "$(FYNE)" ] && "$(FYNE)" version 2>/dev/null | grep -q '$(FYNE_VERSION)' || \
		$(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VERSION)

# package: the Linux archive fyne package makes (binary, icon, .desktop
# entry and a Makefile with `make user-install`), from the binary `make
# build` made, into dist/
package: deps-package fyne-cli build
	@mkdir -p $(DIST)
	rm -f Redline.tar.xz
	$(call fyne_package,-os linux -exe $(BIN))
	mv Redline.tar.xz $(LINUX_PKG)
	@echo "Linux package: $(LINUX_PKG)"

# install: into the user's home without root: the binary to ~/.local/bin,
# the .desktop entry to ~/.local/share/applications (Exec is the full path,
# since a desktop session may not have ~/.local/bin on its PATH) and the
# icon into the hicolor theme. PREFIX=... installs elsewhere.
install: package
	@$(MAKE) --no-print-directory install-package

# install-package: install $(LINUX_PKG) as it is, without building
install-package:
	@set -e; [ -f "$(LINUX_PKG)" ] || { echo "no $(LINUX_PKG): run 'make package' first" >&2; exit 1; }; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	tar -xJf "$(LINUX_PKG)" -C "$$tmp"; \
	exe=$$(find "$$tmp" -path '*/bin/redline' -type f | head -1); usr=$${exe%/bin/redline}; \
	[ -n "$$exe" ] || { echo "$(LINUX_PKG) holds no bin/redline" >&2; exit 1; }; \
	install -Dm755 "$$exe" "$(PREFIX)/bin/redline"; \
	install -Dm644 "$$usr/share/pixmaps/$(APP_ID).png" "$(PREFIX)/share/icons/hicolor/256x256/apps/$(APP_ID).png"; \
	mkdir -p "$(PREFIX)/share/applications"; \
	sed 's|^Exec=redline|Exec="$(PREFIX)/bin/redline"|' "$$usr/share/applications/$(APP_ID).desktop" \
		> "$(PREFIX)/share/applications/$(APP_ID).desktop"; \
	chmod 644 "$(PREFIX)/share/applications/$(APP_ID).desktop"; \
	if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$(PREFIX)/share/applications" || true; fi; \
	if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$(PREFIX)/share/icons/hicolor" || true; fi; \
	echo "Installed Redline $(VERSION): $(PREFIX)/bin/redline, in the application menu as Redline"

uninstall:
	rm -f "$(PREFIX)/bin/redline" "$(PREFIX)/share/applications/$(APP_ID).desktop" \
		"$(PREFIX)/share/icons/hicolor/256x256/apps/$(APP_ID).png"

# windows: cross-compile for 64-bit Windows with mingw-w64 (cgo, for the GL
# driver): dist/redline.exe, the gui program for the Start menu, with icon,
# manifest and version resource from fyne package; dist/redline-cli.exe, the
# same program with the console subsystem (tools/pesubsystem), so cmd.exe
# waits for it and its exit status reaches scripts; and the portable zip.
windows: deps-package fyne-cli
	@mkdir -p $(DIST)
	rm -f redline.exe Redline.exe
	@# An existing -exe skips fyne's first build (without the icon resource);
	@# its second build, with the resource, is then its first, and so still
	@# has the -ldflags it takes out of GOFLAGS (it drops them after one build)
	: > redline.exe
	$(call fyne_package,-os windows --release -exe redline.exe,GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(WIN_CC))
	mv Redline.exe $(DIST)/redline.exe
	$(GO) run ./tools/pesubsystem -subsystem console $(DIST)/redline.exe $(DIST)/redline-cli.exe
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	dir="$$tmp/redline-$(VERSION)-windows-amd64"; mkdir -p "$$dir"; \
	cp $(DIST)/redline.exe $(DIST)/redline-cli.exe "$$dir/"; \
	sed 's/$$/\r/' packaging/windows/README.txt > "$$dir/README.txt"; \
	rm -f $(WIN_ZIP); (cd "$$tmp" && zip -qr9 - "redline-$(VERSION)-windows-amd64") > $(WIN_ZIP)
	@echo "Windows: $(DIST)/redline.exe, $(DIST)/redline-cli.exe, $(WIN_ZIP)"

# release: everything above into dist/, with SHA-256 sums and the release
# notes taken from CHANGELOG.md (which must have an entry for this version)
release: package windows
	@grep -q '^## $(VERSION)\b' CHANGELOG.md || { echo "CHANGELOG.md has no entry '## $(VERSION)': write one first" >&2; exit 1; }
	awk '/^## /{p = ($$2 == "$(VERSION)")} p' CHANGELOG.md > $(DIST)/RELEASE-NOTES-$(VERSION).md
	cd $(DIST) && sha256sum redline-$(VERSION)-linux-amd64.tar.xz redline-$(VERSION)-windows-amd64.zip \
		redline.exe redline-cli.exe RELEASE-NOTES-$(VERSION).md > SHA256SUMS && sha256sum -c --quiet SHA256SUMS
	@echo "Release $(VERSION) in $(DIST)/:"; cat $(DIST)/SHA256SUMS

# release-check: what to run before a release, beside `make test`: builds
# the Linux package and the Windows programs, then checks both (the Windows
# cross-build is too slow for every CI run: README, "Building for Windows
# and macOS")
release-check: package windows
	bash .ci/package-check
	bash .ci/windows-check
