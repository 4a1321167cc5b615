package storage

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// testServer is the address of a throw-away PostgreSQL server to run the
// tests against (tools/pgtest run sets it), or "".
var testServer = os.Getenv("REDLINE_TEST_POSTGRES")

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
	databaseSeq  atomic.Int64
)

// serverAt is testServer with its database name replaced.
func serverAt(tb testing.TB, db string) string {
	tb.Helper()
	u, err := url.Parse(testServer)
	if err != nil {
		tb.Fatalf("REDLINE_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + db
	return u.String()
}

// adminDB connects to the server's maintenance database as the test's
// superuser.
func adminDB(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("pgx", testServer)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// newTestDatabase creates an empty Redline database on the test server,
// dropped when the test ends, and returns its address. Each is a copy of
// one migrated template, so a test does not pay for the migrations.
func newTestDatabase(tb testing.TB) string {
	tb.Helper()
	admin := adminDB(tb)
	templateOnce.Do(func() {
		templateName = fmt.Sprintf("redline_template_%d", os.Getpid())
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + templateName); err != nil {
			templateErr = err
			return
		}
		if _, err := admin.Exec("CREATE DATABASE " + templateName); err != nil {
			templateErr = err
			return
		}
		s, err := Open(serverAt(tb, templateName))
		if err != nil {
			templateErr = err
			return
		}
		templateErr = s.Close()
	})
	if templateErr != nil {
		tb.Fatalf("make the template database: %v", templateErr)
	}
	name := fmt.Sprintf("redline_test_%d_%d", os.Getpid(), databaseSeq.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + templateName); err != nil {
		tb.Fatalf("create %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("drop %s: %v", name, err)
		}
	})
	return serverAt(tb, name)
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
