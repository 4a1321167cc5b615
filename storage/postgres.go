package storage

// The PostgreSQL side of the store: a team's shared database on a server.
//
// One Store type serves both databases. The SQL in this package is written
// once, in the dialect the two share; what differs is kept here: the
// connection (a database/sql connector that rewrites SQLite's "?"
// placeholders and INSERT OR IGNORE as PostgreSQL's $n and ON CONFLICT DO
// NOTHING), the schema (pgmigrations/, numbered as migrations/ is), full-
// text search (a GIN index on a tsvector instead of FTS5), bulk import
// (COPY) and the errors a server gives (serialization failures, a server
// gone away).

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

//go:embed pgmigrations/*.sql
var pgMigrationFiles embed.FS

// serverRE matches the PostgreSQL addresses --db takes: a URL with the
// postgres or postgresql scheme.
var serverRE = regexp.MustCompile(`(?i)^postgres(ql)?://`)

// keywordRE matches the start of a libpq keyword/value string
// ("host=db.example.org dbname=coding user=ana").
var keywordRE = regexp.MustCompile(`^\s*(host|hostaddr|dbname|user|port|service|sslmode|password|application_name|options|passfile|connect_timeout)\s*=`)

// IsServer reports whether loc names a PostgreSQL database rather than a
// file: a postgres:// or postgresql:// URL, or a libpq keyword/value
// string.
func IsServer(loc string) bool {
	return serverRE.MatchString(loc) || keywordRE.MatchString(loc)
}

// ServerName is loc as it may be shown: user, host, port and database,
// never the password.
func ServerName(loc string) string {
	cfg, err := pgx.ParseConfig(loc)
	if err != nil {
		if u, uerr := url.Parse(loc); uerr == nil && u.User != nil {
			u.User = url.User(u.User.Username())
			return u.Redacted()
		}
		return "PostgreSQL database"
	}
	host := cfg.Host
	if strings.HasPrefix(host, "/") {
		host = "socket " + host
	} else {
		host = net.JoinHostPort(host, fmt.Sprint(cfg.Port))
	}
	return fmt.Sprintf("postgres://%s@%s/%s", cfg.User, host, cfg.Database)
}

// IsServer reports whether the store is a PostgreSQL database.
func (s *Store) IsServer() bool { return s.pg }

// openPostgres connects to the PostgreSQL database loc and brings its
// schema up to date. Connection settings the address leaves out come from
// the PG* environment variables and ~/.pgpass, as for psql.
func openPostgres(ctx context.Context, loc string) (*Store, error) {
	name := ServerName(loc)
	cfg, err := pgx.ParseConfig(loc)
	if err != nil {
		return nil, fmt.Errorf("%s: not a PostgreSQL address Redline can read (%v); write it as postgres://user@host:port/database", name, redactErr(err, loc))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "redline"
	}
	// the server keeps the times as text, UTC; nothing depends on its zone
	cfg.RuntimeParams["timezone"] = "UTC"
	db := sql.OpenDB(pgConnector{base: stdlib.GetConnector(*cfg), role: cfg.User})
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, serverError(name, err)
	}
	steps, err := loadMigrations(pgMigrationFiles, "pgmigrations")
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := pgMigrate(ctx, db, name, steps); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{path: name, write: db, read: db, checked: make(chan struct{}), pg: true}
	close(s.checked)
	return s, nil
}

// ErrOffline: the PostgreSQL server could not be reached, or went away
// during the work. A change that met it was not saved, or, when the
// connection broke during the commit, may have been; saving it again is
// safe (saves are upserts by id). Nothing reported saved is lost.
var ErrOffline = errors.New("database server unreachable")

// serverError words a failure to reach the server.
func serverError(name string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return fmt.Errorf("%s: the server refused the login (%s); check the user name and the password (PGPASSWORD or ~/.pgpass)", name, pe.Message)
		case "3D000":
			return fmt.Errorf("%s: %s; ask the project lead to create it (redline server init prints how)", name, pe.Message)
		case "42501":
			user, lead := "YOUR_LOGIN", name
			if u, uerr := url.Parse(name); uerr == nil && u.User != nil {
				user = u.User.Username()
				u.User = url.User("LEAD")
				lead = u.String()
			}
			return fmt.Errorf("%s: the server does not let this login into the database (%s); ask the project lead to add you: redline server init --db %s --coder %s=YOUR_NAME --apply: %w",
				name, pe.Message, lead, user, ErrNotAllowed)
		}
	}
	if isOffline(err) {
		return fmt.Errorf("%s: cannot reach the server (%s); check that it is running and the address is right, then open it again: %w", name, connectCause(err), ErrOffline)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// connectCause is the reason a connection failed, once: pgx reports each
// address and each TLS attempt it tried, usually with the same reason.
func connectCause(err error) string {
	msg := err.Error()
	var causes []string
	for _, line := range strings.FieldsFunc(msg, func(r rune) bool { return r == '\n' || r == '\t' }) {
		line = strings.TrimSpace(line)
		if i := strings.LastIndex(line, "): "); i >= 0 && strings.HasPrefix(line, strings.Fields(line)[0]) && strings.Contains(line[:i], "(") {
			line = line[i+3:] // "127.0.0.1:5432 (localhost): dial error: …" -> "dial error: …"
		}
		if line == "" || strings.HasPrefix(line, "failed to connect to") {
			continue
		}
		known := false
		for i, c := range causes {
			if strings.Contains(c, line) {
				known = true
			} else if strings.Contains(line, c) {
				causes[i], known = line, true
			}
		}
		if !known {
			causes = append(causes, line)
		}
	}
	if len(causes) == 0 {
		return msg
	}
	return strings.Join(causes, "; ")
}

// isOffline reports whether err means the server is not there: refused or
// broken connections, a server shutting down, a timeout on connecting.
func isOffline(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrOffline) || errors.Is(err, driver.ErrBadConn) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, class 08 connection exceptions
		return pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" || strings.HasPrefix(pe.Code, "08")
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "connection refused") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "connection reset") ||
		strings.Contains(msg, "conn closed") || strings.Contains(msg, "failed to connect")
}

// IsOffline reports whether err is the database server being out of
// reach: the change was not saved, and trying again later may work.
func IsOffline(err error) bool { return isOffline(err) }

// isRetryable reports whether a transaction failed only because another
// one ran at the same time (a serialization failure or a deadlock), so
// running it again from the start is right.
func isRetryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return false
}

// pgCode returns the SQLSTATE a PostgreSQL error carries, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// redactErr drops the password from an error message that quotes loc.
func redactErr(err error, loc string) string {
	msg := err.Error()
	if u, uerr := url.Parse(loc); uerr == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	return msg
}

// pgLockKey is the advisory lock migrations hold, so two Redlines opening
// a new database at once do not both create it ("Rdln").
const pgLockKey = 0x52646c6e

// pgMigrate applies the migrations the database lacks, each in its own
// transaction under an advisory lock. A database that holds tables but no
// schema_migrations is someone else's: refused, untouched.
func pgMigrate(ctx context.Context, db *sql.DB, name string, steps []migration) error {
	var version int
	var ours, tables bool
	if err := db.QueryRowContext(ctx, `SELECT
			to_regclass('schema_migrations') IS NOT NULL,
			EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())`).Scan(&ours, &tables); err != nil {
		return serverError(name, err)
	}
	if tables && !ours {
		return fmt.Errorf("%s holds tables that are not Redline's; give Redline a database of its own (createdb redline): %w", name, ErrNotRedline)
	}
	if ours {
		if err := db.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&version); err != nil {
			if pgCode(err) == "42501" { // a login the lead has not set up
				var role string
				if db.QueryRowContext(ctx, "SELECT current_user").Scan(&role) == nil {
					return &NoAnalystError{Role: role, Database: name}
				}
			}
			return serverError(name, err)
		}
		if version > len(steps) {
			return newerSchema(name, version, len(steps))
		}
		if version == len(steps) {
			return nil
		}
	}
	for _, m := range steps {
		if err := pgApply(ctx, db, name, m, len(steps)); err != nil {
			if pgCode(err) == "42501" {
				return fmt.Errorf("%s needs this Redline's schema update %s, which only the database's owner may make; ask the project lead to open it once with this Redline (or run redline server init --apply), then open it again: %w",
					name, m.name, ErrNotAllowed)
			}
			return err
		}
	}
	return nil
}

func pgApply(ctx context.Context, db *sql.DB, name string, m migration, known int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return serverError(name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", pgLockKey); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT    NOT NULL
	)`); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	var version int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&version); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if version > known {
		return newerSchema(name, version, known)
	}
	if version >= m.version {
		return nil
	}
	// the migration's SQL runs as it is written: it is PostgreSQL's own
	if _, err := tx.ExecContext(ctx, rawSQL+m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		m.version, stamp(time.Now())); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return tx.Commit()
}

// rawSQL at the start of a statement keeps the connector from rewriting
// it (a migration, written for PostgreSQL, may hold a literal '?').
const rawSQL = "/* redline:raw */ "

// pgConnector hands out connections that speak the SQL this package
// writes, and word the server's refusals for an analyst (roles.go).
type pgConnector struct {
	base driver.Connector
	role string // the login, named in refusals
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: conn.(*stdlib.Conn), role: c.role}, nil
}

func (c pgConnector) Driver() driver.Driver { return c.base.Driver() }

// pgConn is a pgx connection whose statements are rewritten on the way in.
type pgConn struct {
	*stdlib.Conn
	role string
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.Conn.PrepareContext(ctx, toPostgres(query))
	if err != nil {
		return nil, denied(c.role, err)
	}
	return &pgStmt{Stmt: st.(*stdlib.Stmt), role: c.role}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.Conn.ExecContext(ctx, toPostgres(query), args)
	return r, denied(c.role, err)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.Conn.QueryContext(ctx, toPostgres(query), args)
	return r, denied(c.role, err)
}

// pgStmt is a prepared statement whose refusals are worded as pgConn's.
type pgStmt struct {
	*stdlib.Stmt
	role string
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	r, err := s.Stmt.ExecContext(ctx, args)
	return r, denied(s.role, err)
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	r, err := s.Stmt.QueryContext(ctx, args)
	return r, denied(s.role, err)
}

// CheckNamedValue stores a Go bool as 0 or 1: the flags are integers on
// both databases, and SQLite's driver writes bools that way.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
		return nil
	}
	return c.Conn.CheckNamedValue(nv)
}

// rewritten caches toPostgres: the same few hundred statements run again
// and again. Statements built with a varying number of placeholders are
// many, so the cache stops growing at maxRewritten.
var (
	rewritten     sync.Map
	rewrittenSize atomic.Int64
)

const maxRewritten = 4096

var insertOrIgnoreRE = regexp.MustCompile(`(?is)^(\s*)INSERT\s+OR\s+IGNORE\s+INTO\b`)

// toPostgres turns a statement written for both databases into
// PostgreSQL's: ? placeholders become $1, $2…, and INSERT OR IGNORE
// becomes INSERT … ON CONFLICT DO NOTHING. Quoted text and comments are
// left alone.
func toPostgres(q string) string {
	if strings.HasPrefix(q, rawSQL) {
		return q
	}
	if v, ok := rewritten.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(q) {
				if q[j] == c {
					if j+1 < len(q) && q[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			b.WriteString(q[i:min(j+1, len(q))])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '?':
			// ?NNN is parameter NNN (SQLite's numbered form), as $NNN
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				b.WriteString("$" + q[i+1:j])
				i = j - 1
				continue
			}
			n++
			fmt.Fprintf(&b, "$%d", n)
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	if insertOrIgnoreRE.MatchString(out) {
		out = insertOrIgnoreRE.ReplaceAllString(out, "${1}INSERT INTO")
		if i := returningIndex(out); i >= 0 {
			out = out[:i] + " ON CONFLICT DO NOTHING " + out[i:]
		} else {
			out = strings.TrimRight(out, "; \n\t") + " ON CONFLICT DO NOTHING"
		}
	}
	if rewrittenSize.Load() < maxRewritten {
		if _, loaded := rewritten.LoadOrStore(q, out); !loaded {
			rewrittenSize.Add(1)
		}
	}
	return out
}

var returningRE = regexp.MustCompile(`(?i)\bRETURNING\b`)

func returningIndex(q string) int {
	if loc := returningRE.FindStringIndex(q); loc != nil {
		return loc[0]
	}
	return -1
}

// tsQuery turns what the analyst typed in the search box into a
// PostgreSQL text query that means what matchExpr's FTS5 query means:
// every word, the last one as a prefix (so results come while typing).
func tsQuery(search string) string {
	var terms []string
	for _, w := range strings.Fields(search) {
		// the words inside w as the index splits them (don't -> don, t)
		for _, part := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			terms = append(terms, "'"+part+"'")
		}
	}
	if len(terms) == 0 {
		return ""
	}
	terms[len(terms)-1] += ":*"
	return strings.Join(terms, " & ")
}

// searchSQL is the condition an article meets when it matches the search
// box: FTS5's index on SQLite, a GIN-indexed tsvector on PostgreSQL. It
// returns "" (no condition) for a search with no words.
func (s *Store) searchSQL(search string) (string, any) {
	if s.pg {
		q := tsQuery(search)
		if q == "" {
			return "", nil
		}
		return "to_tsvector('redline', a.title || ' ' || a.text) @@ to_tsquery('redline', ?)", q
	}
	m := matchExpr(search)
	if m == "" {
		return "", nil
	}
	return "a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)", m
}

// readTx begins a read-only transaction that sees one moment of the
// database throughout: on SQLite any read transaction does (WAL); on
// PostgreSQL it takes REPEATABLE READ.
func (s *Store) readTx(ctx context.Context) (*sql.Tx, error) {
	if !s.pg {
		return s.read.BeginTx(ctx, nil)
	}
	return s.read.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// sideTx returns a transaction for lookups made while tx's rows are still
// being read, seeing what tx sees. SQLite runs them on the same
// connection; a PostgreSQL connection runs one query at a time, so there
// it is a second connection that imports tx's snapshot. Its end is
// returned with it.
func (s *Store) sideTx(ctx context.Context, tx *sql.Tx) (*sql.Tx, func(), error) {
	if !s.pg {
		return tx, func() {}, nil
	}
	var snap string
	if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snap); err != nil {
		return nil, nil, err
	}
	side, err := s.readTx(ctx)
	if err != nil {
		return nil, nil, err
	}
	// SET takes no parameters; snap is the server's own identifier
	if _, err := side.ExecContext(ctx, "SET TRANSACTION SNAPSHOT '"+strings.ReplaceAll(snap, "'", "''")+"'"); err != nil {
		side.Rollback()
		return nil, nil, err
	}
	return side, func() { side.Rollback() }, nil
}
