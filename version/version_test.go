package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func buildInfo(main string, settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "redline", Version: main}}
	for i := 0; i+1 < len(settings); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return bi
}

func TestResolve(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		name                string
		ldV, ldC, ldD       string
		bi                  *debug.BuildInfo
		wantShort, wantDate string
		wantCommit          string
		wantModified        bool
	}{
		{name: "make release", ldV: "0.2.0", ldC: "1a2b3c4", ldD: "2026-11-29T18:00:00Z",
			bi:        buildInfo("(devel)", "vcs.revision", rev, "vcs.time", "2026-11-28T10:00:00Z"),
			wantShort: "0.2.0", wantDate: "2026-11-29T18:00:00Z", wantCommit: "1a2b3c4"},
		{name: "make with a dirty tree", ldV: "0.2.0", ldC: "1a2b3c4-dirty",
			wantShort: "0.2.0", wantCommit: "1a2b3c4", wantModified: true},
		{name: "plain go build in a checkout",
			bi:        buildInfo("(devel)", "vcs.revision", rev, "vcs.time", "2026-11-28T10:00:00Z", "vcs.modified", "true"),
			wantShort: "dev+0123456789ab.dirty", wantDate: "2026-11-28T10:00:00Z", wantCommit: rev, wantModified: true},
		{name: "go install at a tag", bi: buildInfo("v0.3.1"),
			wantShort: "0.3.1"},
		{name: "no build info (go test of another module)",
			wantShort: "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := resolve(tt.ldV, tt.ldC, tt.ldD, tt.bi)
			if got := in.Short(); got != tt.wantShort {
				t.Errorf("Short() = %q, want %q", got, tt.wantShort)
			}
			if in.Date != tt.wantDate {
				t.Errorf("Date = %q, want %q", in.Date, tt.wantDate)
			}
			if in.Commit != tt.wantCommit || in.Modified != tt.wantModified {
				t.Errorf("Commit, Modified = %q, %v, want %q, %v", in.Commit, in.Modified, tt.wantCommit, tt.wantModified)
			}
			if in.GoVersion == "" {
				t.Error("GoVersion is empty")
			}
		})
	}
}

func TestLongSaysWhatIsUnknown(t *testing.T) {
	got := resolve("", "", "", nil).Long()
	for _, want := range []string{"Redline dev\n", "commit: unknown\n", "built: unknown\n", "go: go"} {
		if !strings.Contains(got, want) {
			t.Errorf("Long() = %q, lacks %q", got, want)
		}
	}
	got = resolve("0.2.0", "abc-dirty", "2026-11-29T18:00:00Z", nil).Long()
	for _, want := range []string{"Redline 0.2.0\n", "commit: abc (with uncommitted changes)\n", "built: 2026-11-29T18:00:00Z\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("Long() = %q, lacks %q", got, want)
		}
	}
}

// The running test binary has build info; String must never be empty.
func TestStringNeverEmpty(t *testing.T) {
	if s := String(); s == "" || strings.ContainsAny(s, " \n,") {
		t.Errorf("String() = %q: want one word for a CSV column", s)
	}
}
