package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"redline/annotate"
)

// excludedSQL is the condition "article a is excluded", for every query
// that counts or exports articles.
const excludedSQL = "EXISTS (SELECT 1 FROM article_exclusion x WHERE x.article_id = a.id)"

// Exclude sets the articles aside from the analysis with a reason: they
// keep their codes, leave the progress counts and are flagged in the
// exports. Excluding an excluded article again replaces its reason. Every
// id must be an article (ErrNotFound names the first that is not; nothing
// is changed then). It returns how many articles were not excluded before.
func (s *Store) Exclude(ctx context.Context, ids []int64, reason string) (int, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return 0, fmt.Errorf("exclude: an exclusion needs a reason (why the article is set aside): %w", annotate.ErrInvalid)
	}
	newly := 0
	err := s.writeTx(ctx, "exclude", func(tx *sql.Tx) error {
		newly = 0 // counted again when the transaction runs again
		now := stamp(time.Now())
		for _, id := range ids {
			if err := articleExists(ctx, tx, id); err != nil {
				return err
			}
			var had int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM article_exclusion WHERE article_id = ?", id).Scan(&had); err != nil {
				return err
			}
			if had == 0 {
				newly++
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_exclusion (article_id, reason, excluded_at) VALUES (?, ?, ?)
				ON CONFLICT (article_id) DO UPDATE SET reason = excluded.reason, excluded_at = excluded.excluded_at`,
				id, reason, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return newly, nil
}

// Include takes the articles back into the analysis (undoes Exclude).
// Every id must be an article; it returns how many were excluded.
func (s *Store) Include(ctx context.Context, ids []int64) (int, error) {
	n := 0
	err := s.writeTx(ctx, "include", func(tx *sql.Tx) error {
		n = 0 // counted again when the transaction runs again
		for _, id := range ids {
			if err := articleExists(ctx, tx, id); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, "DELETE FROM article_exclusion WHERE article_id = ?", id)
			if err != nil {
				return err
			}
			k, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += int(k)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Exclusion returns an article's exclusion reason, "" when it is not
// excluded.
func (s *Store) Exclusion(ctx context.Context, id int64) (string, error) {
	var reason string
	err := s.read.QueryRowContext(ctx, "SELECT coalesce((SELECT reason FROM article_exclusion WHERE article_id = ?), '')", id).Scan(&reason)
	if err != nil {
		return "", fmt.Errorf("exclusion of article %d: %w", id, err)
	}
	return reason, nil
}

func articleExists(ctx context.Context, tx *sql.Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM article WHERE id = ?", id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	return nil
}
