package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// ChangeMark returns a short text that changes whenever codes, articles,
// stories, assignments or codebooks change, whoever changed them: another
// coder on the same server, another program on the same file, or this
// Store. A window polls it every few seconds and reloads what it shows
// only when the mark differs from the one it saw last. It reads one row or
// one number, so polling costs next to nothing.
//
// The mark may also change when nothing the window shows did (on SQLite
// any write to the file moves it), never the other way round.
func (s *Store) ChangeMark(ctx context.Context) (string, error) {
	if s.pg {
		return s.pgChangeMark(ctx)
	}
	return s.fileChangeMark(ctx)
}

// changeLogFold is how many rows change_log holds before ChangeMark
// folds them into change_base.
var changeLogFold int64 = 1000

// pgChangeMark counts the committed transactions that changed what a
// window shows (pgmigrations/0002_changes.sql), in one snapshot.
func (s *Store) pgChangeMark(ctx context.Context) (string, error) {
	var base, rows int64
	err := s.read.QueryRowContext(ctx,
		"SELECT (SELECT n FROM change_base), (SELECT count(*) FROM change_log)").Scan(&base, &rows)
	if err != nil {
		if isOffline(err) {
			return "", fmt.Errorf("%s: the database server cannot be reached (%v); what is shown may be out of date until it is back: %w", s.path, err, ErrOffline)
		}
		return "", fmt.Errorf("look for changes: %w", err)
	}
	if rows > changeLogFold {
		// Fold the log into change_base (pgmigrations/0004): the sum
		// stays what it was, and writers only insert, so this waits for
		// nobody. Best effort: the mark is right whether or not it
		// happens.
		_, _ = s.write.ExecContext(ctx, "SELECT redline_fold_changes()")
	}
	return fmt.Sprint(base + rows), nil
}

// fileChangeMark is SQLite's data_version, read on a connection of its
// own: it changes whenever another connection (this Store's writer, or
// another program) commits to the file. It is kept per connection, so the
// same connection must ask every time; a new one starts a new generation
// of marks.
func (s *Store) fileChangeMark(ctx context.Context) (string, error) {
	s.markMu.Lock()
	defer s.markMu.Unlock()
	if s.markConn == nil {
		if s.markDB == nil {
			db, err := sql.Open("sqlite", dsn(s.path, readPragmas()))
			if err != nil {
				return "", fmt.Errorf("look for changes in %s: %w", s.path, err)
			}
			db.SetMaxOpenConns(1)
			s.markDB = db
		}
		conn, err := s.markDB.Conn(ctx)
		if err != nil {
			return "", fmt.Errorf("look for changes in %s: %w", s.path, err)
		}
		s.markConn = conn
		s.markGen++
	}
	var v int64
	if err := s.markConn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		s.markConn.Close()
		s.markConn = nil
		return "", fmt.Errorf("look for changes in %s: %w", s.path, err)
	}
	return fmt.Sprintf("%d.%d", s.markGen, v), nil
}

// closeChangeMark closes what fileChangeMark opened.
func (s *Store) closeChangeMark() error {
	s.markMu.Lock()
	defer s.markMu.Unlock()
	var err error
	if s.markConn != nil {
		err = s.markConn.Close()
		s.markConn = nil
	}
	if s.markDB != nil {
		if cerr := s.markDB.Close(); err == nil {
			err = cerr
		}
		s.markDB = nil
	}
	return err
}
