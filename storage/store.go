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
	"sync"
	"syscall"
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
	// ErrBusy: another program kept the database locked for longer than
	// Redline waits its turn.
	ErrBusy = errors.New("database kept busy by another program")
	// ErrReadOnly: the file, or the folder it is in, may not be written.
	ErrReadOnly = errors.New("database is read-only")
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

	checked   chan struct{} // closed when the open's full check is done
	checkErr  error         // what it found; writes are refused unless nil
	stopCheck func()        // cancels a check still running at Close

	pg bool // a PostgreSQL server (postgres.go); write and read are one pool

	// ChangeMark's own connection to a file (changemark.go)
	markMu   sync.Mutex
	markDB   *sql.DB
	markConn *sql.Conn
	markGen  int
}

// Open opens the Redline database at path, creating it if missing, and
// brings its schema up to date. A PostgreSQL address (IsServer) opens that
// server's database instead of a file.
func Open(path string) (*Store, error) {
	if IsServer(path) {
		return openPostgres(context.Background(), path)
	}
	return open(context.Background(), path, migrationFiles)
}

// Path returns the path the store was opened with.
func (s *Store) Path() string { return s.path }

// Close closes the store. The last connection to close checkpoints the
// write-ahead log back into the file.
func (s *Store) Close() error {
	if s.stopCheck != nil {
		s.stopCheck()
	}
	<-s.checked
	if s.pg {
		return s.write.Close()
	}
	err := errors.Join(s.closeChangeMark(), s.read.Close())
	if s.checkErr == nil {
		_, _ = s.write.Exec("PRAGMA optimize")
	}
	return errors.Join(err, s.write.Close())
}

// busyTimeout is how long SQLite itself waits for a lock before a write
// or read gives up with SQLITE_BUSY; writes then wait on (see begin).
var busyTimeout = 5 * time.Second

func pragmas() string {
	return fmt.Sprintf("_pragma=foreign_keys(1)&_pragma=busy_timeout(%d)", busyTimeout.Milliseconds())
}

func writePragmas() string {
	return pragmas() + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=cache_size(-32768)&_txlock=immediate"
}

func readPragmas() string { return pragmas() + "&_pragma=query_only(1)" }

const (
	// The probe never writes: journal_mode(WAL) would rewrite the header of
	// a file we are about to refuse. With no -wal beside the file nobody
	// has it open in WAL mode and immutable=1 reads it without creating a
	// -wal or -shm; with one (a crash, or another Redline running) the
	// probe must read through the log, and those files exist already.
	probeQuiet  = "mode=ro&immutable=1&_pragma=busy_timeout(5000)"
	probeShared = "mode=ro&_pragma=busy_timeout(5000)"
	readConns   = 4
)

// writeWait is how long a write waits for its turn while other programs
// (another Redline, a parallel merge) write to the same file, beyond the
// driver's own busy timeout; retryPause the pause between tries.
var (
	writeWait  = 10 * time.Minute
	retryPause = 50 * time.Millisecond
)

// begin starts a write transaction, waiting its turn: a lock held by
// another program is retried until writeWait has passed or ctx ends, so a
// writer never fails half-way for a lock.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	return s.beginAt(ctx, sql.LevelDefault)
}

// beginAt is begin at an isolation level PostgreSQL keeps (SQLite's one
// writer at a time is serializable already). The transaction is not run
// again on a collision: writeTx, codingTx and familyTx do that.
func (s *Store) beginAt(ctx context.Context, level sql.IsolationLevel) (*sql.Tx, error) {
	if err := s.writable(ctx); err != nil {
		return nil, err
	}
	if s.pg {
		tx, err := s.write.BeginTx(ctx, &sql.TxOptions{Isolation: level})
		if err != nil {
			return nil, s.lostServer(err, false)
		}
		return tx, nil
	}
	deadline := time.Now().Add(writeWait)
	for {
		tx, err := s.write.BeginTx(ctx, nil)
		if err == nil || !isBusy(err) {
			return tx, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s: another program has been writing to it for %s; try again when it has finished: %w",
				s.path, writeWait.Round(time.Second), ErrBusy)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retryPause):
		}
	}
}

// isBusy reports whether err is a lock held by another connection.
func isBusy(err error) bool {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}

// checkWritable refuses, before SQLite touches anything, a database file
// that may not be written, or whose folder may not (SQLite keeps its
// -wal and -shm files beside the database).
//
// A file or folder with no write permission for anyone counts as
// read-only even for a user (root) whom the system would let write: its
// owner made it so on purpose.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o222 == 0 {
		return readOnlyFile(path)
	}
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o222 == 0 {
		return readOnlyDir(dir)
	}
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
	} else if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return readOnlyFile(path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("open %s: %w", path, err)
	}
	probe, err := os.CreateTemp(dir, ".redline-write-check-*")
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return readOnlyDir(dir)
		}
		return fmt.Errorf("open %s: %w", path, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

func readOnlyFile(path string) error {
	return fmt.Errorf("%s is read-only (its permissions or its disk), and Redline needs to write to it; "+
		"make it writable, or copy it to a folder you can write to: %w", path, ErrReadOnly)
}

func readOnlyDir(dir string) error {
	return fmt.Errorf("the folder %s is read-only, and Redline keeps its journal files beside the database; "+
		"make the folder writable, or copy the database to a folder you can write to: %w", dir, ErrReadOnly)
}

func open(ctx context.Context, path string, migrations fs.FS) (*Store, error) {
	steps, err := loadMigrations(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	later, err := probe(ctx, path, len(steps))
	if err != nil {
		return nil, err
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(path, writePragmas()))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w, path, steps); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, readPragmas()))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	s := &Store{path: path, write: w, read: r, checked: make(chan struct{})}
	if !later {
		close(s.checked)
		return s, nil
	}
	// the full check of a large file: reads go on meanwhile, writes wait
	checkCtx, cancel := context.WithCancel(context.Background())
	s.stopCheck = cancel
	go func() {
		defer close(s.checked)
		db, err := sql.Open("sqlite", dsn(path, readPragmas()))
		if err != nil {
			s.checkErr = fmt.Errorf("check %s: %w", path, err)
			return
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		if err := quickCheck(checkCtx, db); err != nil {
			if isCorrupt(err) {
				err = asDamaged(path, err)
			} else if checkCtx.Err() == nil {
				err = fmt.Errorf("check %s: %w", path, err)
			}
			s.checkErr = err
		}
	}()
	return s, nil
}

// writable waits for the full check of the file, if one is under way, and
// refuses every write to a file it found damaged.
func (s *Store) writable(ctx context.Context) error {
	select {
	case <-s.checked:
		return s.checkErr
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Checked waits for the check of the file made when it was opened and
// returns what it found: nil for a sound file, an error matching
// ErrCorrupt for a damaged one.
func (s *Store) Checked(ctx context.Context) error { return s.writable(ctx) }

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
//
// A file larger than fullCheckBytes comes back unchecked (later true): its
// full check runs in the background after open, and writes wait for it.
// One with migrations to apply is checked here whatever its size, since
// migrating writes.
func probe(ctx context.Context, path string, known int) (later bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("open %s: %w", path, err)
	case fi.IsDir():
		return false, fmt.Errorf("open %s: is a folder: %w", path, ErrNotRedline)
	case fi.Size() == 0:
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n < len(sqliteMagic) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return false, fmt.Errorf("%s: %w", path, ErrNotRedline)
	}
	if n < len(head) {
		return false, damagedFile(path, "the file is cut short")
	}

	db, err := sql.Open("sqlite", dsn(path, probeQuery(path)))
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	damaged := func(err error) error {
		if isCorrupt(err) {
			return asDamaged(path, err)
		}
		return fmt.Errorf("open %s: %w", path, err)
	}

	var appID, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return false, damaged(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, damaged(err)
	}
	if appID != applicationID {
		var objects int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
			return false, damaged(err)
		}
		if appID != 0 || version != 0 || objects > 0 {
			return false, fmt.Errorf("%s: %w", path, ErrNotRedline)
		}
		return false, nil // an empty SQLite file: made ours by the first migration
	}
	if version > known {
		return false, newerSchema(path, version, known)
	}
	// the file must hold all the pages its header claims
	var pages, pageSize int64
	if err := db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return false, damaged(err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return false, damaged(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil && pages*pageSize > fi.Size() {
		return false, damagedFile(path, fmt.Sprintf("the file is cut short (%d of %d bytes)", fi.Size(), pages*pageSize))
	}
	if fi.Size() > fullCheckBytes && version == known {
		return true, nil
	}
	if err := quickCheck(ctx, db); err != nil {
		return false, damaged(err)
	}
	return false, nil
}

// probeQuery is the read-only connection that creates nothing beside the
// file (see probeQuiet).
func probeQuery(path string) string {
	if _, err := os.Stat(path + "-wal"); err == nil {
		return probeShared
	}
	return probeQuiet
}

// fullCheckBytes is the largest file checked page by page before Open
// returns; a larger one is checked in the background while reads go on,
// and writes wait for the check.
var fullCheckBytes int64 = 64 << 20

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
		return &DamageError{Detail: first}
	}
	return nil
}

// DamageError is a damaged database file: what SQLite found, and where.
// It matches ErrCorrupt with errors.Is.
type DamageError struct {
	Path   string
	Detail string // the first complaint, in SQLite's words
}

func (e *DamageError) Error() string {
	if e.Path == "" {
		return "the database file is damaged (" + e.Detail + ")"
	}
	return e.Path + " is damaged (" + e.Detail + "); Redline will not write to it"
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *DamageError) Is(target error) bool { return target == ErrCorrupt }

// damagedFile is a DamageError for path.
func damagedFile(path, detail string) error { return &DamageError{Path: path, Detail: detail} }

// asDamaged words err, which isCorrupt, as a DamageError for path.
func asDamaged(path string, err error) error {
	var de *DamageError
	if errors.As(err, &de) {
		return damagedFile(path, de.Detail)
	}
	msg := err.Error()
	if e := (*sqlite.Error)(nil); errors.As(err, &e) {
		msg = sqlite.ErrorCodeString[e.Code()]
		if msg == "" {
			msg = e.Error()
		}
	}
	return damagedFile(path, msg)
}

// sqliteCode returns the extended SQLite result code carried by err, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// isForeignKey reports whether err is a row pointing at a missing row,
// on either database.
func isForeignKey(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY || pgCode(err) == "23503"
}

// isUnique reports whether err is a second row with a key that must be
// unique, on either database.
func isUnique(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || pgCode(err) == "23505"
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

// loadMigrations reads dir/NNNN_name.sql and checks they are numbered
// 1, 2, 3... without gaps.
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	names, err := fs.Glob(fsys, dir+"/*.sql")
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
	// up to date (the usual case): no write lock taken, so many processes
	// opening the file at once do not queue for nothing
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err == nil && version >= len(steps) {
		return nil
	}
	for _, m := range steps {
		if err := applyMigration(ctx, db, path, m, len(steps)); err != nil {
			if isCorrupt(err) {
				return asDamaged(path, err)
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
	for deadline := time.Now().Add(writeWait); err != nil && isBusy(err) && time.Now().Before(deadline); {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(retryPause):
		}
		tx, err = db.BeginTx(ctx, nil)
	}
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

// IsFull reports whether err is SQLite finding the disk full.
func IsFull(err error) bool {
	return sqliteCode(err)&0xff == sqlite3.SQLITE_FULL || errors.Is(err, syscall.ENOSPC)
}
