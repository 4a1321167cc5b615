package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redline/storage"
)

func TestOpenLoadsDemoOnceAndKeepsCodebook(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nested", "r.db")
	ws, err := Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	n, err := ws.Store.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("demo corpus gave %d articles, want at least 10", n)
	}
	if ws.Codebook.Dimension("stance") == nil {
		t.Errorf("default codebook not in force")
	}
	ws.Close()

	ws, err = Open(ctx, path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	again, _ := ws.Store.CountArticles(ctx)
	if again != n {
		t.Errorf("reopening changed the article count from %d to %d", n, again)
	}
}

func TestDefaultPathFollowsEnvironment(t *testing.T) {
	t.Setenv(EnvDB, "/tmp/x/own.db")
	if p, _ := DefaultPath(); p != "/tmp/x/own.db" {
		t.Errorf("with %s set: %s", EnvDB, p)
	}
	t.Setenv(EnvDB, "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, _ := DefaultPath(); p != "/data/redline/redline.db" {
		t.Errorf("with XDG_DATA_HOME: %s", p)
	}
}

func TestImportCancelKeepsWhatWasRead(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	dir := t.TempDir()
	for i, text := range []string{"One\n\nFirst text here.", "Two\n\nSecond text here.", "Three\n\nThird text here."} {
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := ws.Import(ctx, []string{dir}, func(p Progress) {
		if p.Done == 1 {
			cancel()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Canceled || sum.Imported() != 1 {
		t.Errorf("cancel after the first file: canceled %v, imported %d", sum.Canceled, sum.Imported())
	}
	n, _ := ws.Store.CountArticles(context.Background())
	if n != 1 {
		t.Errorf("database holds %d articles, want the 1 read before the cancel", n)
	}
}

// TestAddressesAreNotPaths: an address with another scheme is refused
// before any folder is made; a PostgreSQL address is a server (here one
// that is not running: "cannot reach", and no folder named postgres:);
// a Windows drive path is a path.
func TestAddressesAreNotPaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, loc := range []string{"https://example.com/r.db", "file:///tmp/r.db"} {
		if _, err := Open(context.Background(), loc, false); err == nil || !strings.Contains(err.Error(), "nothing was created") {
			t.Errorf("%s: %v", loc, err)
		}
	}
	for _, loc := range []string{"postgres://coder@127.0.0.1:1/redline", "postgresql://127.0.0.1:1/db", "host=127.0.0.1 port=1 dbname=redline user=ana"} {
		if !IsServer(loc) {
			t.Errorf("%s is a PostgreSQL address", loc)
		}
		_, err := Open(context.Background(), loc, false)
		if !errors.Is(err, storage.ErrOffline) || !strings.Contains(err.Error(), "cannot reach the server") {
			t.Errorf("%s: %v, want cannot reach the server", loc, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("refused locations left %v behind", entries)
	}
	for _, loc := range []string{`C:\Users\ana\redline.db`, "C:/Users/ana/redline.db", "data/redline.db", "my files/r.db"} {
		if err := CheckLocation(loc); err != nil {
			t.Errorf("%s is a path: %v", loc, err)
		}
	}
}
