// Package storage keeps Redline's data in one SQLite file: articles, their
// families, codebooks, annotations and settings, with full-text search and
// CSV/JSONL export.
//
// A file is recognised by its application_id and versioned by user_version.
// Open refuses, without changing a byte, a file that is not a Redline
// database, one made by a newer Redline, or one that is damaged.
package storage

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors callers tell apart with errors.Is.
var (
	// ErrNewerSchema: the file was written by a newer Redline.
	ErrNewerSchema = errors.New("database made by a newer Redline")
	// ErrNotRedline: the file is not a Redline database.
	ErrNotRedline = errors.New("not a Redline database")
	// ErrCorrupt: the file is a damaged SQLite database.
	ErrCorrupt = errors.New("database file is damaged")
	// ErrNotFound: the thing asked for is not stored.
	ErrNotFound = errors.New("not found")
	// ErrCodebookChanged: a codebook of the same name and version is
	// stored with a different definition; give the new one a new version.
	ErrCodebookChanged = errors.New("codebook changed without a new version")
)

// applicationID marks a SQLite file as Redline's ("Rdln").
const applicationID = 0x52646c6e

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open Redline database.
//
// It holds two pools on the same file. Writes go through one connection
// (write), so transactions in this process queue in Go instead of failing
// with SQLITE_BUSY, and they begin IMMEDIATE so a second process (the
// command line while the window is open) waits on busy_timeout instead of
// deadlocking on a lock upgrade. Reads go through a small pool of read-only
// connections (read): in WAL mode they see the last commit and never block
// the writer, so the library list stays live during a long import.
type Store struct {
	path  string
	write *sql.DB
	read  *sql.DB
}

// Open opens the Redline database at path, creating it if missing, and
// brings its schema up to date.
func Open(path string) (*Store, error) {
	return open(context.Background(), path, migrationFiles)
}

// Path returns the path the store was opened with.
func (s *Store) Path() string { return s.path }

// Close closes the store. The last connection to close checkpoints the
// write-ahead log back into the file.
func (s *Store) Close() error {
	err := s.read.Close()
	_, _ = s.write.Exec("PRAGMA optimize")
	return errors.Join(err, s.write.Close())
}

const (
	pragmas      = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)"
	writePragmas = pragmas + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	readPragmas  = pragmas + "&_pragma=query_only(1)"
	// The probe never writes: journal_mode(WAL) would rewrite the header of
	// a file we are about to refuse. With no -wal beside the file nobody
	// has it open in WAL mode and immutable=1 reads it without creating a
	// -wal or -shm; with one (a crash, or another Redline running) the
	// probe must read through the log, and those files exist already.
	probeQuiet  = "mode=ro&immutable=1&_pragma=busy_timeout(5000)"
	probeShared = "mode=ro&_pragma=busy_timeout(5000)"
	readConns   = 4
)

func open(ctx context.Context, path string, migrations fs.FS) (*Store, error) {
	steps, err := loadMigrations(migrations)
	if err != nil {
		return nil, err
	}
	if err := probe(ctx, path, len(steps)); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, writePragmas))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w, path, steps); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, readPragmas))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	return &Store{path: path, write: w, read: r}, nil
}

// dsn makes a file: URI, so that a path with spaces, '?' or '#' is safe and
// mode=ro reaches SQLite.
func dsn(path, query string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // file:///C:/... on Windows
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: query}
	return u.String()
}

var sqliteMagic = []byte("SQLite format 3\x00")

// probe decides, through a read-only connection, whether path may be opened
// for writing: missing or empty, or a Redline database no newer than we know
// and not damaged.
func probe(ctx context.Context, path string, known int) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("open %s: %w", path, err)
	case fi.IsDir():
		return fmt.Errorf("open %s: is a folder: %w", path, ErrNotRedline)
	case fi.Size() == 0:
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n < len(sqliteMagic) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return fmt.Errorf("%s: %w", path, ErrNotRedline)
	}
	if n < len(head) {
		return fmt.Errorf("%s: file is cut short: %w", path, ErrCorrupt)
	}

	query := probeQuiet
	if _, err := os.Stat(path + "-wal"); err == nil {
		query = probeShared
	}
	db, err := sql.Open("sqlite", dsn(path, query))
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	damaged := func(err error) error {
		if isCorrupt(err) {
			return fmt.Errorf("%s: %v: %w", path, err, ErrCorrupt)
		}
		return fmt.Errorf("open %s: %w", path, err)
	}

	var appID, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return damaged(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(err)
	}
	if appID != applicationID {
		var objects int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
			return damaged(err)
		}
		if appID != 0 || version != 0 || objects > 0 {
			return fmt.Errorf("%s: %w", path, ErrNotRedline)
		}
		return nil // an empty SQLite file: made ours by the first migration
	}
	if version > known {
		return newerSchema(path, version, known)
	}
	if fi.Size() > fullCheckBytes {
		// a full check reads every page (seconds for a large corpus); check
		// that the file holds all the pages its header claims, and let any
		// damage deeper in surface as ErrCorrupt when a page is read
		var pages, pageSize int64
		if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
			return damaged(err)
		}
		if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
			return damaged(err)
		}
		if _, err := os.Stat(path + "-wal"); err != nil && pages*pageSize > fi.Size() {
			return fmt.Errorf("%s: file is cut short (%d of %d bytes): %w", path, fi.Size(), pages*pageSize, ErrCorrupt)
		}
		return nil
	}
	if err := quickCheck(ctx, db); err != nil {
		return damaged(err)
	}
	return nil
}

// fullCheckBytes is the largest file checked page by page on open.
const fullCheckBytes = 64 << 20

func newerSchema(path string, version, known int) error {
	return fmt.Errorf("%s has schema version %d but this Redline knows only up to %d; upgrade Redline to open it: %w",
		path, version, known, ErrNewerSchema)
}

// quickCheck runs PRAGMA quick_check and reports its first complaint as
// ErrCorrupt.
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var first string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return err
		}
		if first == "" {
			first = msg
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if first != "ok" {
		return fmt.Errorf("quick_check: %s: %w", first, ErrCorrupt)
	}
	return nil
}

// sqliteCode returns the extended SQLite result code carried by err, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// isCorrupt reports whether err says the file is damaged.
func isCorrupt(err error) bool {
	if errors.Is(err, ErrCorrupt) {
		return true
	}
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads migrations/NNNN_name.sql and checks they are numbered
// 1, 2, 3... without gaps.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		base := filepath.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", base)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// migrate applies the migrations the file lacks, each in its own
// transaction, recording each in schema_migrations and in user_version.
func migrate(ctx context.Context, db *sql.DB, path string, steps []migration) error {
	for _, m := range steps {
		if err := applyMigration(ctx, db, path, m, len(steps)); err != nil {
			if isCorrupt(err) {
				return fmt.Errorf("%s: migration %s: %v: %w", path, m.name, err, ErrCorrupt)
			}
			return err
		}
	}
	return nil
}

// foreignKeysOff in a migration's SQL asks for it to run with foreign
// keys off (checked before it commits): SQLite's way to rebuild a table
// that others refer to.
const foreignKeysOff = "-- redline: foreign keys off"

func applyMigration(ctx context.Context, db *sql.DB, path string, m migration, known int) error {
	if strings.Contains(m.sql, foreignKeysOff) {
		// A table rebuild drops a parent table: foreign keys are off for
		// it (a no-op inside a transaction, so before it begins, on the
		// single write connection) and checked before the commit.
		if _, err := db.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		defer db.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer tx.Rollback()
	// Check again inside the (immediate) transaction: another process may
	// have opened the same file a moment ago.
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if version > known {
		return newerSchema(path, version, known)
	}
	if version >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT    NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if strings.Contains(m.sql, foreignKeysOff) {
		var table string
		err := tx.QueryRowContext(ctx, "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1").Scan(&table)
		if err == nil {
			return fmt.Errorf("migration %s: rows of %s point at missing rows", m.name, table)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		m.version, stamp(time.Now())); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	// PRAGMA takes no parameters; both values are integers we own.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}

// stampLayout is RFC 3339 with a fixed nine-digit fraction: text order is
// time order, which updated_at ordering relies on.
const stampLayout = "2006-01-02T15:04:05.000000000Z07:00"

// stamp formats t in UTC for created_at, updated_at and the like.
func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// day formats a publication or retrieval time: RFC 3339 in UTC to the
// second, or NULL when unknown.
func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// parseTime reads a time written by stamp or day; NULL or "" is the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s.String, err)
	}
	return t.UTC(), nil
}
