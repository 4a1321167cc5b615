package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"redline/version"
)

func TestVersion(t *testing.T) {
	want := "Redline " + version.Get().Version + "\n"
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		code, out, errOut := runCLI(t, args...)
		if code != ExitOK || !strings.HasPrefix(out, want) || !strings.Contains(out, "\ncommit: ") ||
			!strings.Contains(out, "\nbuilt: ") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if code, _, _ := runCLI(t, "version", "extra"); code != ExitUsage {
		t.Errorf("version extra: exit %d, want %d", code, ExitUsage)
	}
}

func TestVersionOfADatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "Ana's coding", "r.db")
	code, out, _ := runCLI(t, "version", "--db", db)
	if code != ExitOK || !strings.Contains(out, "(not created yet)") {
		t.Errorf("missing database: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "list", "--db", db); code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	code, out, _ = runCLI(t, "--db", db, "version")
	v := version.String()
	if code != ExitOK || !strings.Contains(out, "created by: Redline "+v+"\n") ||
		!strings.Contains(out, "last written by: Redline "+v+"\n") {
		t.Errorf("after list: exit %d\n%s", code, out)
	}
}

// A database in a synced folder works, with a warning on stderr only.
func TestSyncedFolderWarning(t *testing.T) {
	db := filepath.Join(t.TempDir(), "Dropbox", "Team coding", "r.db")
	code, out, errOut := runCLI(t, "list", "--db", db, "--json")
	if code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "warning:") || !strings.Contains(errOut, "Dropbox") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr = %q, want one warning line naming Dropbox", errOut)
	}
	if strings.Contains(out, "warning") {
		t.Errorf("the warning reached stdout: %q", out)
	}
	if _, _, errOut := runCLI(t, "list", "--db", filepath.Join(t.TempDir(), "plain", "r.db")); errOut != "" {
		t.Errorf("plain folder: stderr = %q", errOut)
	}
}
