//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestExportIntoFIFO(t *testing.T) {
	db := exportFixtureDB(t)
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	code, _, errs := runCLI(t, "export", "--db", db, "--out", fifo)
	if code != ExitOK {
		t.Fatalf("export into a FIFO: exit %d: %s", code, errs)
	}
	if data := <-got; !strings.Contains(data, "annotation_id") {
		t.Errorf("the FIFO's reader got %q, want the CSV", data)
	}
	fi, err := os.Lstat(fifo)
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
}

func TestExportToDevNullKeepsTheDevice(t *testing.T) {
	db := exportFixtureDB(t)
	code, _, errs := runCLI(t, "export", "--db", db, "--out", os.DevNull)
	if code != ExitOK {
		t.Fatalf("export to %s: exit %d: %s", os.DevNull, code, errs)
	}
	fi, err := os.Stat(os.DevNull)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a device: %v %v", os.DevNull, fi.Mode(), err)
	}
}

func TestExportFileModes(t *testing.T) {
	db := exportFixtureDB(t)
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()

	fresh := filepath.Join(dir, "new.csv")
	if code, _, errs := runCLI(t, "export", "--db", db, "--out", fresh); code != ExitOK {
		t.Fatalf("export: %d %s", code, errs)
	}
	if fi, err := os.Stat(fresh); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("new export file: mode %v, %v; want 0644", fi.Mode().Perm(), err)
	}

	kept := filepath.Join(dir, "private.csv")
	if err := os.WriteFile(kept, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(kept, 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(kept)
	if code, _, errs := runCLI(t, "export", "--db", db, "--out", kept); code != ExitOK {
		t.Fatalf("export: %d %s", code, errs)
	}
	after, err := os.Stat(kept)
	if err != nil || after.Mode().Perm() != 0o640 {
		t.Errorf("existing file: mode %v, %v; want its 0640 kept", after.Mode().Perm(), err)
	}
	if !os.SameFile(before, after) {
		t.Error("the existing file was replaced by another, not written")
	}
	if data, _ := os.ReadFile(kept); strings.HasPrefix(string(data), "old") || len(data) < 10 {
		t.Errorf("existing file not overwritten with the export: %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only the two exports", names)
	}
}
