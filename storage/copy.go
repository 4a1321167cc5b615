package storage

// Copying a whole database into another: SQLite to PostgreSQL and back,
// or between two of a kind (redline copy).
//
// Both schemas have the same tables and columns (pgmigrations/0001 is
// where migrations/0001-0009 arrive), so every table is copied row for row,
// ids and all: article_key and relation too (what grouping found stays
// found), settings, history, schema_migrations excepted (each database
// records its own migrations). Full-text search is not a table on either
// side: SQLite's triggers fill article_fts and PostgreSQL's GIN index
// follows its rows as they arrive.
//
// The copy runs in one transaction on the target and is checked inside it
// before it commits: per table, the rows read from the source and the rows
// read back from the target are counted and hashed in primary-key order,
// their values encoded by kind (integer, real, text, NULL), so SQLite's
// and PostgreSQL's readings of the same rows hash alike. A difference
// rolls everything back.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

var (
	// ErrNotEmpty: the database a copy was to go into already holds data.
	ErrNotEmpty = errors.New("target database is not empty")
	// ErrCopyMismatch: the rows read back from a copy differ from the
	// source's.
	ErrCopyMismatch = errors.New("copy does not match its source")
)

// CopyReport is what a copy moved, table by table, parents first.
type CopyReport struct {
	Tables []CopiedTable
}

// CopiedTable is one table of a copy: the rows read from the source and
// found in the target, and the content hash of each side.
type CopiedTable struct {
	Table                  string
	Rows                   int64 // read from the source
	Copied                 int64 // read back from the target
	SourceHash, TargetHash string
}

// Match reports whether the target holds exactly the source's rows.
func (t CopiedTable) Match() bool { return t.Rows == t.Copied && t.SourceHash == t.TargetHash }

// Rows is the number of rows the copy read from the source.
func (r CopyReport) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// freshSettings are the settings a database holds before anything is put
// in it (Redline names itself on opening one); a copy replaces them with
// the source's.
var freshSettings = []string{SettingCreatedBy, SettingLastWrittenBy}

// Copy copies every row of from into to, which must hold nothing yet (a
// new file, or a new database: only the settings that name the Redline
// that opened it). One transaction on to, checked before it commits (see
// CopyReport); from is read in one snapshot and never written. progress,
// when not nil, is called as each table's rows go in with the count so
// far, and once when the table is done (also for an empty one); the calls
// come one at a time, from the goroutines doing the copy.
func Copy(ctx context.Context, from, to *Store, progress func(table string, rows int64)) (CopyReport, error) {
	var rep CopyReport
	if from == to || (from.pg == to.pg && from.path == to.path) {
		return rep, fmt.Errorf("copy %s into itself: name another database to copy into", from.path)
	}
	if progress == nil {
		progress = func(string, int64) {}
	}
	if err := to.writable(ctx); err != nil {
		return rep, err
	}
	if from.pg {
		// a coder's login sees only what the project lets it (row-level
		// security): a copy made with it would lack others' codes
		if _, lead, err := from.ServerAnalyst(ctx); err != nil || !lead {
			return rep, fmt.Errorf("copy %s: a copy reads every coder's codes, and this login sees only what the project lets it see; run it with the project lead's login or the database owner's: %w", from.path, ErrNotAllowed)
		}
	}
	src, err := from.readTx(ctx)
	if err != nil {
		return rep, fmt.Errorf("read %s: %w", from.path, err)
	}
	defer src.Rollback()
	tables, err := copySchema(ctx, src, from.pg)
	if err != nil {
		return rep, fmt.Errorf("read the tables of %s: %w", from.path, err)
	}

	dst, err := beginCopy(ctx, to)
	if err != nil {
		return rep, fmt.Errorf("write %s: %w", to.path, err)
	}
	defer dst.rollback()
	targetTables, err := copySchema(ctx, dst.tx, to.pg)
	if err != nil {
		return rep, fmt.Errorf("read the tables of %s: %w", to.path, err)
	}
	if err := sameTables(tables, targetTables); err != nil {
		return rep, fmt.Errorf("%s and %s do not hold the same tables (%v); open each with this Redline first, so both have its schema", from.path, to.path, err)
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.name
	}
	if to.pg {
		// nobody writes to the tables between the check that they are
		// empty and the commit (SQLite's write transaction holds its
		// file's lock already)
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = quoteIdent(n)
		}
		if _, err := dst.tx.ExecContext(ctx, "LOCK TABLE "+strings.Join(quoted, ", ")+" IN EXCLUSIVE MODE"); err != nil {
			return rep, fmt.Errorf("write %s: %w", to.path, err)
		}
	}
	held, err := occupied(ctx, dst.tx, names)
	if err != nil {
		return rep, fmt.Errorf("look into %s: %w", to.path, err)
	}
	if len(held) > 0 {
		return rep, notEmpty(to.path, held)
	}
	// the target's own "which Redline made me" gives way to the source's
	if _, err := dst.tx.ExecContext(ctx, "DELETE FROM setting WHERE key IN (?, ?)", freshSettings[0], freshSettings[1]); err != nil {
		return rep, fmt.Errorf("write %s: %w", to.path, err)
	}

	for _, t := range tables {
		ct := CopiedTable{Table: t.name}
		n, sum, err := copyRows(ctx, src, from.pg, dst, t, func(n int64) { progress(t.name, n) })
		if err != nil {
			return rep, fmt.Errorf("copy %s from %s to %s: %w", t.name, from.path, to.path, err)
		}
		ct.Rows, ct.SourceHash = n, sum
		progress(t.name, n)
		rep.Tables = append(rep.Tables, ct)
	}
	if to.pg {
		for _, t := range targetTables {
			if t.identity == "" {
				continue
			}
			// ids given explicitly leave the identity's sequence behind;
			// the next row stored gets the id after the largest
			q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(%s), 0) + 1, false) FROM %s`,
				quoteIdent(t.identity), quoteIdent(t.name))
			if _, err := dst.tx.ExecContext(ctx, q, quoteIdent(t.name), t.identity); err != nil {
				return rep, fmt.Errorf("set the next %s id in %s: %w", t.name, to.path, err)
			}
		}
	}

	// read everything back through the target's transaction
	var bad []string
	for i, t := range tables {
		n, sum, err := hashTable(ctx, dst.tx, t, to.pg)
		if err != nil {
			return rep, fmt.Errorf("read back %s from %s: %w", t.name, to.path, err)
		}
		rep.Tables[i].Copied, rep.Tables[i].TargetHash = n, sum
		if !rep.Tables[i].Match() {
			bad = append(bad, t.name)
		}
	}
	if len(bad) > 0 {
		return rep, fmt.Errorf("the rows read back from %s differ from those of %s in %s; nothing was kept: %w",
			to.path, from.path, strings.Join(bad, ", "), ErrCopyMismatch)
	}
	if err := dst.commit(); err != nil {
		return rep, fmt.Errorf("write %s: %w", to.path, err)
	}
	return rep, nil
}

// notEmpty words a refusal to copy into a database that holds data.
func notEmpty(path string, held []string) error {
	return fmt.Errorf("%s already holds data (%s); copy into a new file, or into a new, empty PostgreSQL database (createdb NAME); nothing was changed: %w",
		path, strings.Join(held, ", "), ErrNotEmpty)
}

// queryer is what reading a table needs: a transaction or a database.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// occupied lists the tables that hold rows, as "article: 3 rows"; the
// settings a fresh database has do not count.
func occupied(ctx context.Context, q queryer, tables []string) ([]string, error) {
	var held []string
	for _, t := range tables {
		query := "SELECT count(*) FROM " + quoteIdent(t)
		var args []any
		if t == "setting" {
			query += " WHERE key NOT IN (?, ?)"
			args = []any{freshSettings[0], freshSettings[1]}
		}
		var n int64
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			err = rows.Scan(&n)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			return nil, err
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%s: %d %s", t, n, plural(n, "row", "rows")))
		}
	}
	return held, nil
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CheckEmpty refuses, reading only, a database file that already holds
// data (see Copy), so that a copy refused is refused before the file is
// opened for writing (which would bring an older file's schema up to
// date). A missing file is empty; a file that is not Redline's is
// refused.
func CheckEmpty(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder; name a database file in it: %w", path, ErrNotRedline)
	}
	if fi.Size() == 0 {
		return nil
	}
	steps, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	if _, err := probe(ctx, path, len(steps)); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn(path, probeQuery(path)))
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tables, err := sqliteTableNames(ctx, db)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	held, err := occupied(ctx, db, tables)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if len(held) > 0 {
		return notEmpty(path, held)
	}
	return nil
}

// OpenExisting opens a Redline database that must exist already (the
// source of a copy): a missing or empty file, or a PostgreSQL database
// without Redline's tables, is refused without anything being created.
func OpenExisting(ctx context.Context, loc string) (*Store, error) {
	if IsServer(loc) {
		if err := pgHasRedline(ctx, loc); err != nil {
			return nil, err
		}
		return Open(loc)
	}
	fi, err := os.Stat(loc)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s does not exist; check the path (nothing was created)", loc)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", loc, err)
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a folder; name the database file in it: %w", loc, ErrNotRedline)
	case fi.Size() == 0:
		return nil, fmt.Errorf("%s is an empty file, not a Redline database: %w", loc, ErrNotRedline)
	}
	return Open(loc)
}

// pgHasRedline refuses a PostgreSQL database that does not hold Redline's
// tables, without changing it.
func pgHasRedline(ctx context.Context, loc string) error {
	name := ServerName(loc)
	cfg, err := pgx.ParseConfig(loc)
	if err != nil {
		return fmt.Errorf("%s: not a PostgreSQL address Redline can read (%v); write it as postgres://user@host:port/database", name, redactErr(err, loc))
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	var ours, tables bool
	if err := db.QueryRowContext(ctx, `SELECT
			to_regclass('schema_migrations') IS NOT NULL,
			EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())`).Scan(&ours, &tables); err != nil {
		return serverError(name, err)
	}
	switch {
	case tables && !ours:
		return fmt.Errorf("%s holds tables that are not Redline's: %w", name, ErrNotRedline)
	case !ours:
		return fmt.Errorf("%s holds no Redline database (it has no tables); check the database name: %w", name, ErrNotRedline)
	}
	return nil
}

// copyTable is one table as a copy sees it.
type copyTable struct {
	name     string
	cols     []copyColumn
	pk       []string // primary-key columns, in key order
	parents  []string // tables its foreign keys refer to
	identity string   // PostgreSQL: the column filled by an identity sequence
}

// copyColumn is a column and the kind of value it holds: 'i' integer,
// 'f' real, 's' text.
type copyColumn struct {
	name string
	kind byte
}

// serverOnlyTables are the PostgreSQL database's own bookkeeping, not the
// project's data, and a copy leaves them: the change marks windows poll
// (change_log, change_base: a new database starts its own count) and the
// team's logins (coder: logins belong to one server; run redline server
// init on the new one).
var serverOnlyTables = []string{"change_log", "change_base", "coder"}

// copySchema lists the tables of a database that a copy moves, parents
// before the tables that refer to them (then by name).
func copySchema(ctx context.Context, q queryer, pg bool) ([]copyTable, error) {
	var byName map[string]*copyTable
	var err error
	if pg {
		byName, err = pgSchema(ctx, q)
	} else {
		byName, err = sqliteSchema(ctx, q)
	}
	if err != nil {
		return nil, err
	}
	delete(byName, "schema_migrations")
	for _, name := range serverOnlyTables {
		delete(byName, name)
	}
	for _, t := range byName {
		if len(t.pk) == 0 {
			return nil, fmt.Errorf("table %s has no primary key to copy it in order", t.name)
		}
	}
	// parents first: Kahn's order, ties by name so the order is one
	var out []copyTable
	done := map[string]bool{}
	for len(out) < len(byName) {
		var ready []string
		for name, t := range byName {
			if done[name] {
				continue
			}
			ok := true
			for _, p := range t.parents {
				if p != name && !done[p] {
					if _, known := byName[p]; known {
						ok = false
					}
				}
			}
			if ok {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			return nil, errors.New("the tables' foreign keys go round in a circle")
		}
		slices.Sort(ready)
		for _, name := range ready {
			done[name] = true
			out = append(out, *byName[name])
		}
	}
	return out, nil
}

// sqliteTableNames lists a file's tables of rows (not its search index's).
func sqliteTableNames(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_list
		WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'
		ORDER BY name`)
	if err != nil {
		return nil, err
	}
	return scanStrings(rows)
}

func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func sqliteSchema(ctx context.Context, q queryer) (map[string]*copyTable, error) {
	names, err := sqliteTableNames(ctx, q)
	if err != nil {
		return nil, err
	}
	out := map[string]*copyTable{}
	for _, name := range names {
		t := &copyTable{name: name}
		rows, err := q.QueryContext(ctx, "SELECT name, upper(type), pk FROM pragma_table_info(?) ORDER BY cid", name)
		if err != nil {
			return nil, err
		}
		pk := map[int]string{}
		for rows.Next() {
			var col, typ string
			var key int
			if err := rows.Scan(&col, &typ, &key); err != nil {
				rows.Close()
				return nil, err
			}
			kind, ok := map[string]byte{"INTEGER": 'i', "INT": 'i', "REAL": 'f', "TEXT": 's'}[typ]
			if !ok {
				rows.Close()
				return nil, fmt.Errorf("column %s.%s has type %s, which a copy does not know", name, col, typ)
			}
			t.cols = append(t.cols, copyColumn{col, kind})
			if key > 0 {
				pk[key] = col
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for i := 1; i <= len(pk); i++ {
			t.pk = append(t.pk, pk[i])
		}
		rows, err = q.QueryContext(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?) ORDER BY 1`, name)
		if err != nil {
			return nil, err
		}
		if t.parents, err = scanStrings(rows); err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

func pgSchema(ctx context.Context, q queryer) (map[string]*copyTable, error) {
	out := map[string]*copyTable{}
	rows, err := q.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type, c.is_identity
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col, typ, identity string
		if err := rows.Scan(&table, &col, &typ, &identity); err != nil {
			rows.Close()
			return nil, err
		}
		kind, ok := map[string]byte{"bigint": 'i', "integer": 'i', "smallint": 'i', "double precision": 'f', "real": 'f', "text": 's'}[typ]
		if !ok {
			rows.Close()
			return nil, fmt.Errorf("column %s.%s has type %s, which a copy does not know", table, col, typ)
		}
		t := out[table]
		if t == nil {
			t = &copyTable{name: table}
			out[table] = t
		}
		t.cols = append(t.cols, copyColumn{col, kind})
		if identity == "YES" {
			t.identity = col
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT cl.relname, a.attname
		FROM pg_index i
		JOIN pg_class cl ON cl.oid = i.indrelid
		JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
		WHERE i.indisprimary AND cl.relnamespace = current_schema()::regnamespace
		ORDER BY cl.relname, k.n`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			rows.Close()
			return nil, err
		}
		if t := out[table]; t != nil {
			t.pk = append(t.pk, col)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT DISTINCT cl.relname, p.relname
		FROM pg_constraint co
		JOIN pg_class cl ON cl.oid = co.conrelid
		JOIN pg_class p ON p.oid = co.confrelid
		WHERE co.contype = 'f' AND co.connamespace = current_schema()::regnamespace
		ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var table, parent string
		if err := rows.Scan(&table, &parent); err != nil {
			rows.Close()
			return nil, err
		}
		if t := out[table]; t != nil {
			t.parents = append(t.parents, parent)
		}
	}
	rows.Close()
	return out, rows.Err()
}

// sameTables checks that the target has the source's tables, each with
// the same columns (of the same kinds) and primary key.
func sameTables(src, dst []copyTable) error {
	have := map[string]copyTable{}
	for _, t := range dst {
		have[t.name] = t
	}
	var diffs []string
	for _, t := range src {
		d, ok := have[t.name]
		if !ok {
			diffs = append(diffs, "no table "+t.name+" in the target")
			continue
		}
		delete(have, t.name)
		cols := map[string]byte{}
		for _, c := range d.cols {
			cols[c.name] = c.kind
		}
		for _, c := range t.cols {
			kind, ok := cols[c.name]
			switch {
			case !ok:
				diffs = append(diffs, "no column "+t.name+"."+c.name+" in the target")
			case kind != c.kind:
				diffs = append(diffs, "column "+t.name+"."+c.name+" holds another kind of value in the target")
			}
			delete(cols, c.name)
		}
		for name := range cols {
			diffs = append(diffs, "column "+t.name+"."+name+" only in the target")
		}
		if !slices.Equal(t.pk, d.pk) {
			diffs = append(diffs, "table "+t.name+" has another primary key in the target")
		}
	}
	for name := range have {
		diffs = append(diffs, "table "+name+" only in the target")
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		return errors.New(strings.Join(diffs, "; "))
	}
	return nil
}

// quoteIdent quotes a table or column name for both databases.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// selectOrdered reads a table's columns in primary-key order. Text keys
// are compared byte by byte on both databases (SQLite's BINARY, and
// PostgreSQL's "C" whatever the database's own collation is), so both
// give the rows in one order.
func selectOrdered(t copyTable, pg bool) string {
	cols := make([]string, len(t.cols))
	for i, c := range t.cols {
		cols[i] = quoteIdent(c.name)
	}
	kinds := map[string]byte{}
	for _, c := range t.cols {
		kinds[c.name] = c.kind
	}
	order := make([]string, len(t.pk))
	for i, k := range t.pk {
		order[i] = quoteIdent(k)
		if pg && kinds[k] == 's' {
			order[i] += ` COLLATE "C"`
		}
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + quoteIdent(t.name) + " ORDER BY " + strings.Join(order, ", ")
}

// rowHash hashes rows as they are read: each value tagged by kind, then
// its bytes, so an integer, the same number as text, a real and NULL all
// differ, and the two databases' readings of one row hash alike.
type rowHash struct {
	h   hash.Hash
	buf []byte
}

func newRowHash() *rowHash { return &rowHash{h: sha256.New()} }

func (r *rowHash) add(vals []any) {
	b := r.buf[:0]
	for _, v := range vals {
		switch v := v.(type) {
		case nil:
			b = append(b, 'N')
		case int64:
			b = append(b, 'I')
			b = binary.BigEndian.AppendUint64(b, uint64(v))
		case float64:
			b = append(b, 'F')
			b = binary.BigEndian.AppendUint64(b, math.Float64bits(v))
		case string:
			b = append(b, 'S')
			b = binary.AppendUvarint(b, uint64(len(v)))
			b = append(b, v...)
		}
	}
	r.h.Write(b)
	r.buf = b
}

func (r *rowHash) sum() string { return hex.EncodeToString(r.h.Sum(nil)) }

// normalize turns the values a driver read for t's columns into one Go
// type per kind (int64, float64, string or nil), the same from either
// database; a value of another kind is an error naming its row.
func normalize(t copyTable, vals []any, pg bool) error {
	for i, v := range vals {
		c := t.cols[i]
		switch x := v.(type) {
		case nil:
			continue
		case []byte:
			v = string(x)
		case int32:
			v = int64(x)
		case int:
			v = int64(x)
		case bool:
			v = int64(0)
			if x {
				v = int64(1)
			}
		case float32:
			v = float64(x)
		}
		switch x := v.(type) {
		case int64:
			switch c.kind {
			case 'f':
				v = float64(x)
			case 's':
				return fmt.Errorf("%s, column %s: a number where text belongs", rowName(t, vals), c.name)
			}
		case float64:
			if c.kind != 'f' {
				return fmt.Errorf("%s, column %s: a fraction where %s belongs", rowName(t, vals), c.name, kindName(c.kind))
			}
		case string:
			if c.kind != 's' {
				return fmt.Errorf("%s, column %s: text (%q) where %s belongs", rowName(t, vals), c.name, clip(x, 40), kindName(c.kind))
			}
			if pg && strings.IndexByte(x, 0) >= 0 {
				return fmt.Errorf("%s, column %s: holds a NUL character, which PostgreSQL cannot store; correct it in the source and copy again", rowName(t, vals), c.name)
			}
			if pg && !utf8.ValidString(x) {
				return fmt.Errorf("%s, column %s: holds bytes that are not UTF-8, which PostgreSQL cannot store; correct it in the source and copy again", rowName(t, vals), c.name)
			}
		default:
			return fmt.Errorf("%s, column %s: a value of a kind Redline does not store (%T)", rowName(t, vals), c.name, v)
		}
		vals[i] = v
	}
	return nil
}

func kindName(k byte) string {
	switch k {
	case 'i':
		return "a whole number"
	case 'f':
		return "a number"
	}
	return "text"
}

// rowName names a row by its primary key, e.g. "article id=12".
func rowName(t copyTable, vals []any) string {
	var parts []string
	for _, k := range t.pk {
		for i, c := range t.cols {
			if c.name == k {
				parts = append(parts, fmt.Sprintf("%s=%v", k, vals[i]))
			}
		}
	}
	return t.name + " " + strings.Join(parts, " ")
}

// hashTable counts and hashes a table's rows.
func hashTable(ctx context.Context, q queryer, t copyTable, pg bool) (int64, string, error) {
	rows, err := q.QueryContext(ctx, selectOrdered(t, pg))
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	h := newRowHash()
	vals, ptrs := scanTargets(len(t.cols))
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, "", err
		}
		if err := normalize(t, vals, false); err != nil {
			return n, "", err
		}
		h.add(vals)
		n++
	}
	return n, h.sum(), rows.Err()
}

func scanTargets(n int) ([]any, []any) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, ptrs
}

// copyTarget is the target's side of a copy: its transaction and, on
// PostgreSQL, the connection it runs on (COPY goes through it).
type copyTarget struct {
	tx   *sql.Tx
	conn *bulkConn // PostgreSQL only
	pg   bool
	done bool
}

func beginCopy(ctx context.Context, s *Store) (*copyTarget, error) {
	if !s.pg {
		tx, err := s.begin(ctx)
		if err != nil {
			return nil, err
		}
		return &copyTarget{tx: tx}, nil
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, serverError(s.path, err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, serverError(s.path, err)
	}
	return &copyTarget{tx: tx, conn: &bulkConn{conn}, pg: true}, nil
}

func (c *copyTarget) rollback() {
	if !c.done {
		c.tx.Rollback()
	}
	c.conn.Close()
}

func (c *copyTarget) commit() error {
	c.done = true
	return c.tx.Commit()
}

// copyBatchValues caps the values one INSERT carries into SQLite (its
// limit is 32766).
const copyBatchValues = 16000

// copyBatchRows caps the rows of one INSERT (and how often progress is
// told).
const copyBatchRows = 500

// copyRows copies table t's rows, in primary-key order, from src into
// dst and returns how many it read and their hash.
func copyRows(ctx context.Context, src *sql.Tx, srcPG bool, dst *copyTarget, t copyTable, progress func(int64)) (int64, string, error) {
	rows, err := src.QueryContext(ctx, selectOrdered(t, srcPG))
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	h := newRowHash()
	var n int64
	// next reads the next row, checked and hashed, or nil at the end
	next := func() ([]any, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		vals, ptrs := scanTargets(len(t.cols))
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		if err := normalize(t, vals, dst.pg); err != nil {
			return nil, err
		}
		h.add(vals)
		n++
		return vals, nil
	}
	if dst.pg {
		err = copyIn(ctx, dst, t, func() ([]any, error) {
			vals, err := next()
			if vals != nil && n%copyBatchRows == 0 {
				progress(n)
			}
			return vals, err
		})
	} else {
		err = insertRows(ctx, dst.tx, t, next, progress, func() int64 { return n })
	}
	if err != nil {
		return n, "", err
	}
	return n, h.sum(), nil
}

// copyIn streams rows into a PostgreSQL table with COPY, on the
// transaction's connection.
func copyIn(ctx context.Context, dst *copyTarget, t copyTable, next func() ([]any, error)) error {
	cols := make([]string, len(t.cols))
	for i, c := range t.cols {
		cols[i] = c.name
	}
	return dst.conn.pgx(func(c *pgx.Conn) error {
		_, err := c.CopyFrom(ctx, pgx.Identifier{t.name}, cols, pgx.CopyFromFunc(next))
		return err
	})
}

// insertRows writes rows into an SQLite table in multi-row INSERTs.
func insertRows(ctx context.Context, tx *sql.Tx, t copyTable, next func() ([]any, error), progress func(int64), count func() int64) error {
	per := max(1, min(copyBatchRows, copyBatchValues/len(t.cols)))
	cols := make([]string, len(t.cols))
	for i, c := range t.cols {
		cols[i] = quoteIdent(c.name)
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := "INSERT INTO " + quoteIdent(t.name) + " (" + strings.Join(cols, ", ") + ") VALUES "
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	flush := func(batch []any) error {
		k := len(batch) / len(cols)
		if k == 0 {
			return nil
		}
		st := stmts[k]
		if st == nil {
			var err error
			st, err = tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(one+", ", k), ", "))
			if err != nil {
				return err
			}
			stmts[k] = st
		}
		if _, err := st.ExecContext(ctx, batch...); err != nil {
			return err
		}
		progress(count())
		return nil
	}
	batch := make([]any, 0, per*len(cols))
	for {
		vals, err := next()
		if err != nil {
			return err
		}
		if vals == nil {
			return flush(batch)
		}
		batch = append(batch, vals...)
		if len(batch) == per*len(cols) {
			if err := flush(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
}
