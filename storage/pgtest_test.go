package storage

import (
	"database/sql"
	"testing"

	"redline/internal/dbtest"
)

// testServer is the address of a throw-away PostgreSQL server to run the
// tests against (tools/pgtest run sets it), or "".
var testServer = dbtest.Server()

// serverAt is testServer with its database replaced by db.
func serverAt(tb testing.TB, db string) string { return dbtest.At(tb, db) }

// newTestDatabase creates an empty Redline database on the test server,
// dropped when the test ends, and returns its address.
func newTestDatabase(tb testing.TB) string { return dbtest.Database(tb, migrateAt) }

// migrateAt brings the database at loc to the current schema.
func migrateAt(loc string) error {
	s, err := Open(loc)
	if err != nil {
		return err
	}
	return s.Close()
}

// sqliteOnly skips a test of how Redline treats its SQLite file (page
// checks, PRAGMAs, the query planner, file copies) when the tests run
// against PostgreSQL, saying why.
func sqliteOnly(tb testing.TB, why string) {
	tb.Helper()
	if testServer != "" {
		tb.Skip("SQLite only: " + why)
	}
}

// adminDB connects to the test server's maintenance database as its
// superuser.
func adminDB(tb testing.TB) *sql.DB { return dbtest.Admin(tb) }
