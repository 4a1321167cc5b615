package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exportFixtureDB is a database with one imported article, for exports.
func exportFixtureDB(t *testing.T) string {
	t.Helper()
	return exportFixtureAt(t, testDB(t, "r.db"))
}

// exportFixtureFile is exportFixtureDB always in a file, for the commands
// that work on the file itself.
func exportFixtureFile(t *testing.T) string {
	t.Helper()
	return exportFixtureAt(t, filepath.Join(t.TempDir(), "r.db"))
}

func exportFixtureAt(t *testing.T, db string) string {
	t.Helper()
	dir := writeFiles(t, map[string]string{"a.txt": "Title: Harbour strike\n\nDockworkers stopped work on Monday."})
	if code, _, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	return db
}

// TestExportLeavesNoNamedTempFile: while an export is being written, and
// after it failed, no temporary file has a name beside the target, so a
// kill at any moment leaves nothing behind.
func TestExportLeavesNoNamedTempFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.csv")
	var during []string
	failing := errors.New("the export broke off")
	err := writeTarget(target, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("row,row\n", 50000))
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			during = append(during, e.Name())
		}
		return failing
	})
	if !errors.Is(err, failing) {
		t.Errorf("err = %v, want the export's own", err)
	}
	if len(during) != 0 {
		t.Errorf("while exporting the folder held %v, want nothing", during)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed export left %d files", len(entries))
	}
}

const killTargetEnv = "REDLINE_CLI_KILL_TARGET"

// TestExportKilledLeavesNothing kills (SIGKILL) a child process in the
// middle of writing an export and finds nothing left beside the target.
func TestExportKilledLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "out.csv")
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), killTargetEnv+"="+target)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "writing" {
	}
	cmd.Process.Kill()
	cmd.Wait()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("a killed export left %s", e.Name())
	}
}

// TestExportKillChild is the child of TestExportKilledLeavesNothing.
func TestExportKillChild(t *testing.T) {
	target := os.Getenv(killTargetEnv)
	if target == "" {
		t.Skip("run by TestExportKilledLeavesNothing")
	}
	writeTarget(target, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("cell,cell\n", 1<<20))
		fmt.Println("writing")
		time.Sleep(time.Minute) // killed before this ends
		return nil
	})
}
