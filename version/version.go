// Package version says which Redline this is: the release number, the
// commit it was built from and when it was built. The Makefile sets the
// three with -ldflags -X; a plain `go build` or `go install` falls back to
// what the Go toolchain stamped into the binary (module version and the
// vcs.* settings), so even a developer's build names its commit.
//
// The database records String() as the Redline that created and last wrote
// it, and every export carries it in a redline_version column or field.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// Set at link time:
//
//	go build -ldflags "-X redline/version.version=0.2.0 -X redline/version.commit=abc123 -X redline/version.date=2026-11-29T18:00:00Z"
var (
	version string
	commit  string
	date    string
)

// Dev is the version of a build that names none: `go build` in a checkout.
const Dev = "dev"

// Info is what a binary knows about itself.
type Info struct {
	Version   string // "0.2.0", or Dev
	Commit    string // full or short hash; "" when unknown
	Modified  bool   // built from a checkout with uncommitted changes
	Date      string // RFC 3339 build (or, failing that, commit) time; "" when unknown
	GoVersion string // the toolchain, "go1.26.8"
}

// Get returns this binary's Info.
func Get() Info { return get() }

// get reads the build info once: exports ask for every row.
var get = sync.OnceValue(func() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return resolve(version, commit, date, bi)
})

// String is the version as the database and exports record it: the
// release number, with the short commit after a + for a development build
// ("dev+1a2b3c4d5e6f", "dev+1a2b3c4d5e6f.dirty"). A release build is its
// number alone ("0.2.0").
func String() string { return Get().Short() }

// resolve fills what the linker left empty from the build info.
func resolve(ldVersion, ldCommit, ldDate string, bi *debug.BuildInfo) Info {
	in := Info{Version: ldVersion, Commit: ldCommit, Date: ldDate, GoVersion: runtime.Version()}
	if bi != nil {
		if bi.GoVersion != "" {
			in.GoVersion = bi.GoVersion
		}
		if in.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			// go install redline@v0.2.0 stamps the module version
			in.Version = strings.TrimPrefix(bi.Main.Version, "v")
		}
		settings := map[string]string{}
		for _, s := range bi.Settings {
			settings[s.Key] = s.Value
		}
		if in.Commit == "" {
			in.Commit = settings["vcs.revision"]
			in.Modified = settings["vcs.modified"] == "true"
		}
		if in.Date == "" {
			in.Date = settings["vcs.time"]
		}
	}
	if in.Version == "" {
		in.Version = Dev
	}
	// a commit set by the Makefile may say it was dirty
	if c, ok := strings.CutSuffix(in.Commit, "-dirty"); ok {
		in.Commit, in.Modified = c, true
	}
	return in
}

// ShortCommit is the first 12 characters of the commit, "" when unknown.
func (in Info) ShortCommit() string {
	if len(in.Commit) > 12 {
		return in.Commit[:12]
	}
	return in.Commit
}

// Short is the version as recorded in databases and exports (see String).
func (in Info) Short() string {
	if in.Version != Dev {
		return in.Version
	}
	s := in.Version
	if c := in.ShortCommit(); c != "" {
		s += "+" + c
		if in.Modified {
			s += ".dirty"
		}
	}
	return s
}

// Long is what `redline --version` prints and Help ▸ About shows: one line
// per fact, the unknown ones said so.
func (in Info) Long() string {
	c := in.Commit
	if c == "" {
		c = "unknown"
	} else if in.Modified {
		c += " (with uncommitted changes)"
	}
	d := in.Date
	if d == "" {
		d = "unknown"
	}
	return fmt.Sprintf("Redline %s\ncommit: %s\nbuilt: %s\ngo: %s\n", in.Version, c, d, in.GoVersion)
}
