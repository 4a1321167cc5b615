package cli

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// emptyServerDatabase creates an empty database on the test server
// ($REDLINE_TEST_POSTGRES, set by tools/pgtest run), dropped when the test
// ends, and returns its address; without a server the test is skipped.
func emptyServerDatabase(t *testing.T) string {
	t.Helper()
	server := os.Getenv("REDLINE_TEST_POSTGRES")
	if server == "" {
		t.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("redline_cli_copy_%d", os.Getpid())
	if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// copyCorpus makes a database with a few imported articles, two of them
// versions of one story, and returns its path.
func copyCorpus(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "first.db")
	dir := writeFiles(t, map[string]string{
		"a.txt":   "Title: Harbour strike\nOutlet: Caldera Courier\n\nDockworkers stopped work on Monday, the union said. The port was closed to cargo ships until further notice, officials added.",
		"b.txt":   "Title: Harbour strike (updated)\nOutlet: Caldera Courier\n\nDockworkers stopped work on Monday, the union said. The port was closed to cargo ships until further notice, officials added. Talks resume on Friday.",
		"c.jsonl": `{"title": "Gas cap", "outlet": "Bellmar Times", "text": "The regulator capped prices for «households»."}` + "\n",
	})
	if code, _, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatalf("import: exit %d\n%s", code, errs)
	}
	return db
}

func TestCopyCommand(t *testing.T) {
	first := copyCorpus(t)
	_, wantList, _ := runCLI(t, "list", "--db", first, "--json")
	_, wantVersions, _ := runCLI(t, "versions", "--db", first, "--json")
	middle := filepath.Join(t.TempDir(), "middle.db")
	if os.Getenv("REDLINE_TEST_POSTGRES") != "" {
		middle = emptyServerDatabase(t)
	}
	last := filepath.Join(t.TempDir(), "last.db")
	for _, step := range [][2]string{{first, middle}, {middle, last}} {
		code, out, errs := runCLI(t, "copy", "--from", step[0], "--to", step[1])
		if code != ExitOK {
			t.Fatalf("copy %s → %s: exit %d\n%s%s", step[0], step[1], code, out, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) < 3 || strings.Join(strings.Fields(lines[0]), " ") != "TABLE ROWS HASH" {
			t.Fatalf("copy printed:\n%s", out)
		}
		seen := map[string]string{}
		for _, l := range lines[1 : len(lines)-1] {
			f := strings.Fields(l)
			if len(f) != 3 || f[2] != "ok" {
				t.Errorf("copy row %q: want table, rows, ok", l)
				continue
			}
			seen[f[0]] = f[1]
		}
		if seen["article"] != "3" || seen["annotation"] != "0" || seen["codebook"] != "1" || seen["family"] == "" {
			t.Errorf("copy rows: %v", seen)
		}
		if !strings.HasPrefix(lines[len(lines)-1], "Copied ") || strings.Contains(out, "password") {
			t.Errorf("copy summary: %q", lines[len(lines)-1])
		}
		if errs != "" {
			t.Errorf("copy wrote to stderr: %s", errs)
		}
	}
	if _, got, _ := runCLI(t, "list", "--db", last, "--json"); got != wantList {
		t.Errorf("list of the copy of the copy:\n%s\nwant\n%s", got, wantList)
	}
	if _, got, _ := runCLI(t, "versions", "--db", last, "--json"); got != wantVersions {
		t.Errorf("versions of the copy of the copy:\n%s\nwant\n%s", got, wantVersions)
	}

	// a target with data is refused, unchanged
	code, out, errs := runCLI(t, "copy", "--from", first, "--to", last)
	if code != ExitFail || !strings.Contains(errs, "already holds data") || !strings.Contains(errs, "nothing was changed") || out != "" {
		t.Errorf("copy into a database with data: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if _, got, _ := runCLI(t, "list", "--db", last, "--json"); got != wantList {
		t.Error("the refused target changed")
	}
}

func TestCopyUsage(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"copy", "--from", a}, "needs both --from DB and --to DB"},
		{[]string{"copy", "--to", b}, "needs both --from DB and --to DB"},
		{[]string{"copy", "--db", a, "--to", b}, "does not use --db"},
		{[]string{"--db", a, "copy", "--to", b}, "does not use --db"},
		{[]string{"copy", "--from", a, "--to", b, "c.db"}, "takes no arguments"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != ExitUsage || !strings.Contains(errs, tc.says) {
			t.Errorf("%v: exit %d, %q; want usage saying %q", tc.args, code, errs, tc.says)
		}
	}
	code, _, errs := runCLI(t, "copy", "--from", a, "--to", b)
	if code != ExitFail || !strings.Contains(errs, "does not exist") {
		t.Errorf("copy of a missing file: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Errorf("copy of a missing file created it: %v", err)
	}
	if _, err := os.Stat(b); !os.IsNotExist(err) {
		t.Errorf("copy of a missing file created the target: %v", err)
	}
}
