package dbtest

// A team on the test server: login roles named for one test run, dropped
// when the test ends (roles belong to the whole server, not to one
// database).

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Team is an empty database on the test server and the names of login
// roles the test may make in it.
type Team struct {
	server string
	DB     string // the database's name
	run    string // what makes this run's names unique
	admin  *sql.DB
	roles  []string
}

// NewTeam makes an empty database, dropped when the test ends, with the roles
// Role names dropped after it.
func NewTeam(tb testing.TB) *Team {
	tb.Helper()
	server := Server()
	if server == "" {
		tb.Skip("needs a PostgreSQL server: run under tools/pgtest run")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		tb.Fatal(err)
	}
	n := sequence.Add(1)
	t := &Team{server: server, admin: admin, run: fmt.Sprintf("%d_%d", os.Getpid(), n)}
	t.DB = "redline_team_" + t.run
	// registered first, so it runs after the database is dropped: a role
	// with rights on a database cannot be dropped before it
	tb.Cleanup(func() {
		for _, r := range t.roles {
			if _, err := admin.Exec("DROP ROLE IF EXISTS " + pgx.Identifier{r}.Sanitize()); err != nil {
				tb.Errorf("drop role %s: %v", r, err)
			}
		}
		admin.Close()
	})
	if _, err := admin.Exec("CREATE DATABASE " + t.DB); err != nil {
		tb.Fatalf("create %s: %v", t.DB, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + t.DB + " WITH (FORCE)"); err != nil {
			tb.Errorf("drop %s: %v", t.DB, err)
		}
	})
	return t
}

// Role names a login role for this run ("lead" becomes rl_lead_PID_N)
// and drops it when the test ends. It does not make it.
func (t *Team) Role(base string) string {
	r := "rl_" + base + "_" + t.run
	t.roles = append(t.roles, r)
	return r
}

// Login makes the role a login that may connect to the database, and
// nothing more: a role the lead has not set up.
func (t *Team) Login(tb testing.TB, role string) {
	tb.Helper()
	id := pgx.Identifier{role}.Sanitize()
	for _, q := range []string{"CREATE ROLE " + id + " LOGIN", "GRANT CONNECT ON DATABASE " + t.DB + " TO " + id} {
		if _, err := t.admin.Exec(q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
}

// URL is the database's address, logged in as role ("" for the server's
// superuser, who owns the database).
func (t *Team) URL(role string) string {
	u, err := url.Parse(t.server)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + t.DB
	if role != "" {
		u.User = url.User(role)
	}
	return u.String()
}

// Own makes role a login that may create roles (not a superuser) and the
// owner of the database: a lead as `createdb -O ROLE` makes one.
func (t *Team) Own(tb testing.TB, role string) {
	tb.Helper()
	id := pgx.Identifier{role}.Sanitize()
	for _, q := range []string{"CREATE ROLE " + id + " LOGIN CREATEROLE", "ALTER DATABASE " + t.DB + " OWNER TO " + id} {
		if _, err := t.admin.Exec(q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
}
