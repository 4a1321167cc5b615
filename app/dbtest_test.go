package app

import (
	"testing"

	"redline/internal/testdb"
)

// testDB is where a test's database lives: a file, or a fresh database on
// the test server when the tests run against PostgreSQL (internal/testdb).
func testDB(tb testing.TB, name string) string { return testdb.Location(tb, name) }
