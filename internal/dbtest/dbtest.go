// Package dbtest gives tests a database to work on: a file in the test's
// temporary folder, or, when $REDLINE_TEST_POSTGRES names a throw-away
// PostgreSQL server (tools/pgtest run sets it), a fresh database on it.
// The same tests then check that both databases behave alike.
//
// It does not import storage (storage's own tests use it): the caller
// passes the function that creates Redline's schema.
package dbtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the server's maintenance database
)

// EnvServer names the variable holding the test server's address.
const EnvServer = "REDLINE_TEST_POSTGRES"

// Server is the address of the test server, or "" when the tests run on
// SQLite files only.
func Server() string { return os.Getenv(EnvServer) }

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
	sequence     atomic.Int64
)

// At is the test server's address with its database replaced by db.
func At(tb testing.TB, db string) string {
	tb.Helper()
	u, err := url.Parse(Server())
	if err != nil {
		tb.Fatalf("%s: %v", EnvServer, err)
	}
	u.Path = "/" + db
	return u.String()
}

// Admin connects to the server's maintenance database as its superuser,
// closed when the test ends.
func Admin(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("pgx", Server())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Database creates an empty Redline database on the test server, dropped
// when the test ends, and returns its address. Each one is a copy of one
// template that migrate (given the template's address) brought to the
// current schema, so a test does not pay for the migrations.
func Database(tb testing.TB, migrate func(loc string) error) string {
	tb.Helper()
	admin := Admin(tb)
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
		templateErr = migrate(At(tb, templateName))
	})
	if templateErr != nil {
		tb.Fatalf("make the template database: %v", templateErr)
	}
	name := fmt.Sprintf("redline_test_%d_%d", os.Getpid(), sequence.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + templateName); err != nil {
		tb.Fatalf("create %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			tb.Errorf("drop %s: %v", name, err)
		}
	})
	return At(tb, name)
}

// Location is where a test's database lives: a fresh server database when
// the tests run against PostgreSQL, else file (a path in the test's
// temporary folder).
func Location(tb testing.TB, file string, migrate func(loc string) error) string {
	tb.Helper()
	if Server() == "" {
		return file
	}
	return Database(tb, migrate)
}

// Name is a database or role name unique to this test process: prefix,
// the process id and a sequence number.
func Name(prefix string) string {
	return fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), sequence.Add(1))
}
