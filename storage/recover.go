package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// CheckReport is what a full check of a database file found.
type CheckReport struct {
	Problems    []string // SQLite's complaints; none for a sound file
	Articles    int      // counted when the file could be read
	Annotations int
}

// Check runs SQLite's full integrity check on the file at path without
// changing it (no -wal or -shm is created when none is there) and counts
// what it holds. An error is a file that cannot be read at all, or is not
// a Redline database.
func Check(ctx context.Context, path string) (CheckReport, error) {
	var rep CheckReport
	if _, err := os.Stat(path); err != nil {
		return rep, fmt.Errorf("check %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(path, probeQuery(path)))
	if err != nil {
		return rep, fmt.Errorf("check %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var appID int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		rep.Problems = append(rep.Problems, "the file's header cannot be read: "+err.Error())
		return rep, nil
	}
	if appID != applicationID {
		return rep, fmt.Errorf("%s: %w", path, ErrNotRedline)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(100)")
	if err != nil {
		rep.Problems = append(rep.Problems, err.Error())
		return rep, nil
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rep.Problems = append(rep.Problems, err.Error())
			break
		}
		if msg != "ok" {
			rep.Problems = append(rep.Problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		rep.Problems = append(rep.Problems, err.Error())
	}
	rows.Close()
	_ = db.QueryRowContext(ctx, "SELECT count(*) FROM article").Scan(&rep.Articles)
	_ = db.QueryRowContext(ctx, "SELECT count(*) FROM annotation").Scan(&rep.Annotations)
	return rep, nil
}

// TableCount is how many rows of one table a recovery copied, and how
// many it could not read.
type TableCount struct {
	Table              string
	Copied, Unreadable int
}

// recoverChunk is how many rows are read at a time; a chunk that fails is
// read again row by row, over recoverProbe row ids.
const (
	recoverChunk = 500
	recoverProbe = 2000
)

// Recover copies everything that can still be read from the database at
// from into a new database at to (which must not exist), table by table
// and row by row, skipping what the damage makes unreadable. from is only
// read. The new file has the current schema; its full-text index is
// rebuilt from the copied articles.
func Recover(ctx context.Context, from, to string) ([]TableCount, error) {
	if _, err := os.Stat(to); err == nil {
		return nil, fmt.Errorf("%s already exists: recover into a new file name", to)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("recover into %s: %w", to, err)
	}
	src, err := sql.Open("sqlite", dsn(from, probeQuery(from)))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", from, err)
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	var appID int
	if err := src.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err == nil && appID != applicationID {
		return nil, fmt.Errorf("%s: %w", from, ErrNotRedline)
	}

	fresh, err := Open(to)
	if err != nil {
		return nil, err
	}
	fresh.Close()
	dst, err := sql.Open("sqlite", dsn(to, "_pragma=foreign_keys(0)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"))
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	dst.SetMaxOpenConns(1)

	tables, err := recoverTables(ctx, dst)
	if err != nil {
		return nil, err
	}
	var out []TableCount
	for _, t := range tables {
		n, err := recoverTable(ctx, src, dst, t)
		if err != nil {
			return out, err
		}
		out = append(out, n)
	}
	// the text-reuse index is not copied: forget which method made it, so
	// the next import or regroup builds it again
	if _, err := dst.ExecContext(ctx, "DELETE FROM setting WHERE key = ?", settingKeys); err != nil {
		return out, fmt.Errorf("reset the version index of %s: %w", to, err)
	}
	if _, err := dst.ExecContext(ctx, "INSERT INTO article_fts (article_fts) VALUES ('rebuild')"); err != nil {
		return out, fmt.Errorf("rebuild the search index of %s: %w", to, err)
	}
	return out, nil
}

// recoverTables lists the tables of a fresh database that hold data, in
// the order they were made (so a table comes after those it refers to).
func recoverTables(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'article_fts%' AND name != 'schema_migrations'
		AND sql NOT LIKE 'CREATE VIRTUAL%'
		AND sql NOT LIKE '%WITHOUT ROWID%' -- derived indexes (article_key, relation): rebuilt on next use
		ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

func columns(ctx context.Context, db *sql.DB, table string) (map[string]bool, []string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	set := map[string]bool{}
	var list []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, nil, err
		}
		set[name] = true
		list = append(list, name)
	}
	return set, list, rows.Err()
}

// recoverTable copies the columns table has in both files, keeping row
// ids.
func recoverTable(ctx context.Context, src, dst *sql.DB, table string) (TableCount, error) {
	count := TableCount{Table: table}
	_, dstCols, err := columns(ctx, dst, table)
	if err != nil {
		return count, err
	}
	srcCols, _, err := columns(ctx, src, table)
	if err != nil || len(srcCols) == 0 {
		return count, nil // not in the old file, or its schema is unreadable
	}
	var cols []string
	for _, c := range dstCols {
		if srcCols[c] {
			cols = append(cols, `"`+c+`"`)
		}
	}
	if len(cols) == 0 {
		return count, nil
	}
	list := strings.Join(cols, ", ")
	quoted := `"` + table + `"`
	insert := "INSERT OR IGNORE INTO " + quoted + " (rowid, " + list + ") VALUES (?" + strings.Repeat(", ?", len(cols)) + ")"
	chunk := "SELECT rowid, " + list + " FROM " + quoted + " WHERE rowid > ? ORDER BY rowid LIMIT ?"
	one := "SELECT rowid, " + list + " FROM " + quoted + " WHERE rowid = ?"
	var maxID int64
	if err := src.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM "+quoted).Scan(&maxID); err != nil {
		maxID = -1 // unknown: probe until the reads run dry
	}

	tx, err := dst.BeginTx(ctx, nil)
	if err != nil {
		return count, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, insert)
	if err != nil {
		return count, err
	}
	defer ins.Close()
	put := func(vals []any) error {
		_, err := ins.ExecContext(ctx, vals...)
		if err == nil {
			count.Copied++
		}
		return err
	}
	after := int64(-1 << 62)
	empty := 0 // probe windows in a row that found no row
	for {
		if err := ctx.Err(); err != nil {
			return count, err
		}
		got, last, err := readRows(ctx, src, chunk, len(cols)+1, after, recoverChunk, put)
		if fatal(ctx, err) {
			return count, err
		}
		if err == nil {
			if got < recoverChunk {
				break
			}
			after = last
			continue
		}
		// a damaged page: read the next ids one by one
		if got > 0 {
			after = last
		}
		start := max(after+1, 0)
		if after < 0 {
			start = 1
		}
		found := false
		for id := start; id < start+recoverProbe && (maxID < 0 || id <= maxID); id++ {
			n, _, err := readRows(ctx, src, one, len(cols)+1, id, -1, put)
			if fatal(ctx, err) {
				return count, err
			}
			if err != nil {
				count.Unreadable++
			}
			found = found || n > 0
		}
		after = start + recoverProbe - 1
		if found {
			empty = 0
		} else {
			empty++
		}
		// with the last id unknown, stop after a long run of nothing
		if (maxID >= 0 && after >= maxID) || (maxID < 0 && empty >= 50) {
			break
		}
	}
	if err := tx.Commit(); err != nil {
		return count, err
	}
	return count, nil
}

// readRows runs q with (arg, limit), or (arg) when limit < 0, and hands
// each row (rowid first) to put; it returns how many rows it read and the
// last rowid.
func readRows(ctx context.Context, db *sql.DB, q string, width int, arg int64, limit int, put func([]any) error) (int, int64, error) {
	var rows *sql.Rows
	var err error
	if limit < 0 {
		rows, err = db.QueryContext(ctx, q, arg)
	} else {
		rows, err = db.QueryContext(ctx, q, arg, limit)
	}
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	n, last := 0, int64(0)
	vals := make([]any, width)
	ptrs := make([]any, width)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, last, err
		}
		id, _ := vals[0].(int64)
		if err := put(append([]any(nil), vals...)); err != nil {
			return n, last, &writeFailure{err}
		}
		n++
		last = id
	}
	return n, last, rows.Err()
}

// fatal reports whether err stops the recovery: writing the new file
// failed, or it was cancelled. Any other error is damage to read around.
func fatal(ctx context.Context, err error) bool {
	var wf *writeFailure
	return err != nil && (errors.As(err, &wf) || ctx.Err() != nil)
}

// writeFailure marks an error writing the new file, as opposed to one
// reading the damaged file.
type writeFailure struct{ err error }

func (w *writeFailure) Error() string { return "write the recovered file: " + w.err.Error() }
func (w *writeFailure) Unwrap() error { return w.err }
