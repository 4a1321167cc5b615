package workspace

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"redline/storage"
)

// demoFile makes a database holding the demo corpus and the default
// codebook, closed again.
func demoFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "demo.db")
	ws, err := Open(context.Background(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestCopyIntoNewFile(t *testing.T) {
	ctx := context.Background()
	from := demoFile(t, t.TempDir())
	to := filepath.Join(t.TempDir(), "copy.db")
	rep, err := Copy(ctx, from, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range rep.Tables {
		if !tb.Match() {
			t.Errorf("%s: %d rows, %d copied", tb.Table, tb.Rows, tb.Copied)
		}
	}
	a, err := Open(ctx, from, false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, to, false)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	na, _ := a.Store.CountArticles(ctx)
	nb, _ := b.Store.CountArticles(ctx)
	if na == 0 || na != nb {
		t.Errorf("copy holds %d articles, the source %d", nb, na)
	}
	if b.Codebook.Name != a.Codebook.Name || b.Codebook.Version != a.Codebook.Version {
		t.Errorf("codebook in force %s v%d, want %s v%d", b.Codebook.Name, b.Codebook.Version, a.Codebook.Name, a.Codebook.Version)
	}
	fa, _ := a.Store.Families(ctx, 2)
	fb, _ := b.Store.Families(ctx, 2)
	if len(fa) == 0 || len(fa) != len(fb) {
		t.Errorf("copy has %d stories of several versions, the source %d", len(fb), len(fa))
	}
}

func TestCopyFailedRemovesOnlyTheNewFile(t *testing.T) {
	from := demoFile(t, t.TempDir())
	before := fileSum(t, from)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(dir, "copy.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := Copy(ctx, from, to, func(string, int64) {
		calls++
		if calls == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled copy: %v", err)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"notes.txt"}) {
		t.Errorf("after the failed copy the folder holds %v, want only notes.txt", got)
	}
	if fileSum(t, from) != before {
		t.Error("the source file changed")
	}
}

func TestCopyRefusesTargetWithDataUnchanged(t *testing.T) {
	ctx := context.Background()
	from := demoFile(t, t.TempDir())
	dir := t.TempDir()
	to := demoFile(t, dir)
	before := fileSum(t, to)
	names := dirNames(t, dir)
	_, err := Copy(ctx, from, to, nil)
	if !errors.Is(err, storage.ErrNotEmpty) || !strings.Contains(err.Error(), "article:") {
		t.Fatalf("copy into a file with articles: %v", err)
	}
	if fileSum(t, to) != before || !slices.Equal(dirNames(t, dir), names) {
		t.Error("the refused target was changed")
	}
}

func TestCopyRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from := demoFile(t, dir)
	rel, err := filepath.Rel(mustGetwd(t), from)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, from, to, says string
	}{
		{"same file", from, rel, "both the database to copy and the one to copy into"},
		{"missing source", filepath.Join(dir, "nothing.db"), filepath.Join(dir, "new.db"), "does not exist"},
		{"missing folder", from, filepath.Join(dir, "no", "such", "new.db"), "does not exist"},
		{"other scheme", "https://example.org/db", filepath.Join(dir, "new.db"), "cannot open"},
		{"not a database", filepath.Join(dir, "notes.txt"), filepath.Join(dir, "new.db"), "not a Redline database"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o644); err != nil {
				t.Fatal(err)
			}
			names := dirNames(t, dir)
			_, err := Copy(ctx, tc.from, tc.to, nil)
			if err == nil || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("error %v, want one saying %q", err, tc.says)
			}
			if got := dirNames(t, dir); !slices.Equal(got, names) {
				t.Errorf("the folder went from %v to %v", names, got)
			}
		})
	}
}

func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
