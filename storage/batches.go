package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrHasCodes: the articles asked to be removed carry analysts' codes.
var ErrHasCodes = errors.New("articles carry codes")

// ImportBatch is the articles one import stored: they share the time the
// import started (Workspace.Import stamps them so).
type ImportBatch struct {
	At       time.Time
	Articles int
	Coded    int    // articles with at least one live code
	Example  string // the source path of its first article
}

// ImportBatches lists the imports, newest first.
func (s *Store) ImportBatches(ctx context.Context) ([]ImportBatch, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.imported_at, count(*),
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = a.id AND n.deleted = 0)),
			min(a.source_path)
		FROM article a GROUP BY a.imported_at ORDER BY a.imported_at DESC`)
	if err != nil {
		return nil, fmt.Errorf("imports: %w", err)
	}
	defer rows.Close()
	var out []ImportBatch
	for rows.Next() {
		var at, example string
		var b ImportBatch
		if err := rows.Scan(&at, &b.Articles, &b.Coded, &example); err != nil {
			return nil, fmt.Errorf("imports: %w", err)
		}
		if b.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("imports: stored time %q: %w", at, err)
		}
		b.Example = example
		out = append(out, b)
	}
	return out, rows.Err()
}

// RemoveImport deletes the articles of the import that started at at, in
// one transaction, with their tombstones and the families they leave
// empty. It refuses, changing nothing, when any of them carries a live
// code (ErrHasCodes): codes are never lost as a side effect. It returns
// how many articles it removed; ErrNotFound when no import started then.
func (s *Store) RemoveImport(ctx context.Context, at time.Time) (int, error) {
	key := stamp(at)
	var n int
	err := s.familyTx(ctx, "remove import", func(tx *sql.Tx) error {
		var err error
		n, err = removeImport(ctx, tx, s.pg, at, key)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

func removeImport(ctx context.Context, tx *sql.Tx, pg bool, at time.Time, key string) (int, error) {
	if pg {
		// Lock the import's articles before counting their codes: a coder
		// saving a code on one of them holds a key-share lock on it until
		// the code is committed, so the count below waits for it and sees
		// it; a code begun after this lock waits, and then finds the
		// article gone. Without the lock a code committed between the
		// count and the delete would go with the article. (SQLite runs
		// one writer at a time.)
		if _, err := tx.ExecContext(ctx, "SELECT id FROM article WHERE imported_at = ? FOR UPDATE", key); err != nil {
			return 0, err
		}
	}
	var n, coded int
	if err := tx.QueryRowContext(ctx, `SELECT count(*),
			count(*) FILTER (WHERE EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = a.id AND n.deleted = 0))
		FROM article a WHERE a.imported_at = ?`, key).Scan(&n, &coded); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, fmt.Errorf("no import started at %s: %w", key, ErrNotFound)
	}
	if coded > 0 {
		return 0, fmt.Errorf("%d of the %d articles of the import of %s carry codes; remove those codes first, or keep the import: %w",
			coded, n, at.UTC().Format(time.RFC3339), ErrHasCodes)
	}
	// the stories the import leaves empty go with it
	var families []any
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT family_id FROM article WHERE imported_at = ? AND family_id IS NOT NULL", key)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		families = append(families, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, q := range []string{
		"DELETE FROM annotation WHERE article_id IN (SELECT id FROM article WHERE imported_at = ?)",
		"DELETE FROM article WHERE imported_at = ?",
	} {
		if _, err := tx.ExecContext(ctx, q, key); err != nil {
			return 0, err
		}
	}
	for _, id := range families {
		if _, err := tx.ExecContext(ctx, "DELETE FROM family WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article WHERE family_id = family.id)", id); err != nil {
			return 0, err
		}
	}
	return n, nil
}
