// Package testdb gives the tests of the packages above storage (the
// workflows, the command line, the window) their database: a file in the
// test's temporary folder, or, when the tests run against a throw-away
// PostgreSQL server (tools/pgtest run), a fresh database on it. storage's
// own tests use internal/dbtest directly (this package imports storage).
package testdb

import (
	"path/filepath"
	"testing"

	"redline/internal/dbtest"
	"redline/storage"
)

// Location is where a test's database lives: name in the test's
// temporary folder, or a fresh server database.
func Location(tb testing.TB, name string) string {
	tb.Helper()
	return dbtest.Location(tb, filepath.Join(tb.TempDir(), name), func(loc string) error {
		s, err := storage.Open(loc)
		if err != nil {
			return err
		}
		return s.Close()
	})
}
