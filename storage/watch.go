package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Watched is a page or feed `redline watch` checks, with the validators of
// its last answer.
type Watched struct {
	URL          string
	Kind         string // "page", "feed", or "item" (a page found in a feed)
	Feed         string // for an item, the feed that listed it
	ETag         string
	LastModified string
	CheckedAt    time.Time // zero: never checked
	AddedAt      time.Time
}

// AddWatch puts a URL on the watch list; false when it was there already.
func (s *Store) AddWatch(ctx context.Context, url, kind, feed string) (bool, error) {
	var added bool
	err := s.watchWrite(ctx, url, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO watch (url, kind, feed, added_at) VALUES (?, ?, ?, ?)",
			url, kind, feed, stamp(time.Now()))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		added = n > 0
		return nil
	})
	return added, err
}

// SetWatchKind records what a watched URL turned out to be.
func (s *Store) SetWatchKind(ctx context.Context, url, kind string) error {
	return s.watchWrite(ctx, url, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE watch SET kind = ? WHERE url = ?", kind, url)
		return err
	})
}

// watchWrite runs one change of the watch list in a transaction.
func (s *Store) watchWrite(ctx context.Context, url string, do func(tx *sql.Tx) error) error {
	return s.writeTx(ctx, "watch "+url, do)
}

// RemoveWatch takes a URL off the list, with the pages its feed listed;
// false when it was not on it. Stored versions stay.
func (s *Store) RemoveWatch(ctx context.Context, url string) (bool, error) {
	var n int64
	err := s.writeTx(ctx, "stop watching "+url, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM watch WHERE url = ? AND kind != 'item'", url)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		_, err = tx.ExecContext(ctx, "DELETE FROM watch WHERE kind = 'item' AND feed = ?", url)
		return err
	})
	return n > 0, err
}

// Watches lists the watch list: pages and feeds in the order added, then
// the pages feeds listed.
func (s *Store) Watches(ctx context.Context) ([]Watched, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT url, kind, feed, etag, last_modified, checked_at, added_at
		FROM watch ORDER BY kind = 'item', added_at, url`)
	if err != nil {
		return nil, fmt.Errorf("read the watch list: %w", err)
	}
	defer rows.Close()
	var out []Watched
	for rows.Next() {
		var w Watched
		var checked, added sql.NullString
		if err := rows.Scan(&w.URL, &w.Kind, &w.Feed, &w.ETag, &w.LastModified, &checked, &added); err != nil {
			return nil, fmt.Errorf("read the watch list: %w", err)
		}
		if w.CheckedAt, err = parseTime(checked); err != nil {
			return nil, err
		}
		if w.AddedAt, err = parseTime(added); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// SetWatchChecked records a check and the validators of its answer.
func (s *Store) SetWatchChecked(ctx context.Context, url, etag, lastModified string, at time.Time) error {
	return s.watchWrite(ctx, url, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE watch SET etag = ?, last_modified = ?, checked_at = ? WHERE url = ?",
			etag, lastModified, stamp(at), url)
		return err
	})
}
