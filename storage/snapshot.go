package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// Snapshot copies the database file at from into a new file to, reading
// from only (a teammate's file is never changed, not even its -wal): the
// copy holds every committed row, as SQLite's VACUUM INTO writes it.
func Snapshot(ctx context.Context, from, to string) error {
	if _, err := os.Stat(to); err == nil {
		return fmt.Errorf("copy %s: %s exists already", from, to)
	}
	q := probeQuiet
	if _, err := os.Stat(from + "-wal"); err == nil {
		q = probeShared // another Redline may have it open: read through its log
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	db, err := sql.Open("sqlite", dsn(from, q))
	if err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'annotation'").Scan(&n); err != nil {
		return fmt.Errorf("%s is not a database Redline can read: %w", from, err)
	}
	if n == 0 {
		return fmt.Errorf("%s is an SQLite file but not a Redline database: %w", from, ErrNotRedline)
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", to); err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	return nil
}
