package workspace

import (
	"path/filepath"
	"testing"

	"redline/internal/dbtest"
	"redline/storage"
)

// testDB is where a test's database lives: name in the test's temporary
// folder, or a fresh database on the throw-away PostgreSQL server when
// the tests run against one (tools/pgtest run), so the workflows are
// checked on both.
func testDB(tb testing.TB, name string) string {
	tb.Helper()
	return dbtest.Location(tb, filepath.Join(tb.TempDir(), name), func(loc string) error {
		s, err := storage.Open(loc)
		if err != nil {
			return err
		}
		return s.Close()
	})
}
