package storage

import (
	"errors"
	"testing"
)

// TestToPostgres: the statements written for both databases become
// PostgreSQL's, leaving quoted text and comments alone.
func TestToPostgres(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
		{"SELECT '?' , \"a?\" FROM t WHERE x = ? -- what? \n AND y = ?", "SELECT '?' , \"a?\" FROM t WHERE x = $1 -- what? \n AND y = $2"},
		{"SELECT 'it''s ?' WHERE a = ?", "SELECT 'it''s ?' WHERE a = $1"},
		{"SELECT id WHERE sha = ?1 ORDER BY url = ?2 DESC, (?3 <> '' AND outlet = ?3)", "SELECT id WHERE sha = $1 ORDER BY url = $2 DESC, ($3 <> '' AND outlet = $3)"},
		{"INSERT OR IGNORE INTO family (id, created_at) VALUES (?, ?)", "INSERT INTO family (id, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING"},
		{"  insert or ignore into k (a) values (?) RETURNING a", "  INSERT INTO k (a) values ($1)  ON CONFLICT DO NOTHING RETURNING a"},
		{rawSQL + "SELECT '?'", rawSQL + "SELECT '?'"},
	} {
		if got := toPostgres(c.in); got != c.want {
			t.Errorf("toPostgres(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestServerLocations: which --db values name a PostgreSQL database, and
// that the name shown never holds the password.
func TestServerLocations(t *testing.T) {
	for loc, want := range map[string]bool{
		"postgres://ana@db.example.org/coding":       true,
		"POSTGRESQL://ana@db/coding":                 true,
		"host=db.example.org dbname=coding user=ana": true,
		"dbname=coding":                              true,
		"redline.db":                                 false,
		`C:\Users\ana\redline.db`:                    false,
		"my host=1.db":                               false,
		"https://example.org/r.db":                   false,
	} {
		if got := IsServer(loc); got != want {
			t.Errorf("IsServer(%q) = %v, want %v", loc, got, want)
		}
	}
	for _, loc := range []string{"postgres://ana:s3cret@127.0.0.1:5433/coding?sslmode=disable", "host=127.0.0.1 port=5433 dbname=coding user=ana password=s3cret"} {
		name := ServerName(loc)
		if name != "postgres://ana@127.0.0.1:5433/coding" {
			t.Errorf("ServerName(%q) = %q", loc, name)
		}
	}
}

// TestConnectCause: a failed connection is reported with its reason once,
// not once per address and TLS attempt.
func TestConnectCause(t *testing.T) {
	for in, want := range map[string]string{
		"failed to connect to `user=ana database=coding`:\n\t127.0.0.1:1 (127.0.0.1): dial error: dial tcp 127.0.0.1:1: connect: connection refused\n\t127.0.0.1:1 (127.0.0.1): dial error: dial tcp 127.0.0.1:1: connect: connection refused": "dial error: dial tcp 127.0.0.1:1: connect: connection refused",
		"failed to connect to `user=ana database=coding`:\n\thostname resolving error: lookup db.invalid: no such host\n\tlookup db.invalid: no such host":                                                                                     "hostname resolving error: lookup db.invalid: no such host",
		"something else entirely": "something else entirely",
	} {
		if got := connectCause(errors.New(in)); got != want {
			t.Errorf("connectCause(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}
