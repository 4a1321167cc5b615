package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"redline/annotate"
)

// Change is one coding action as the undo history keeps it: the
// annotations as they were before it and as it left them.
type Change struct {
	Seq           int64
	Label         string // what the analyst did, e.g. "stance · Russia: unfavourable"
	Before, After []annotate.Annotation
}

// historyLimit is how many changes per analyst the history keeps.
const historyLimit = 2000

// SaveChange writes the annotations of one coding action and records it in
// the analyst's undo history, in one transaction. The state before is read
// from the database; an annotation not stored yet has a tombstone of itself
// as its state before, so undoing it deletes it. A new change drops the
// changes undone before it (they can no longer be redone).
func (s *Store) SaveChange(ctx context.Context, annotator, label string, after []annotate.Annotation) error {
	if len(after) == 0 {
		return nil
	}
	for _, a := range after {
		if err := checkAnnotation(a); err != nil {
			return fmt.Errorf("save change: %w", err)
		}
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	defer tx.Rollback()
	before := make([]annotate.Annotation, len(after))
	for i, a := range after {
		old, err := annotationByID(ctx, tx, a.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			old = a
			old.Deleted = true
		case err != nil:
			return fmt.Errorf("save change: %w", err)
		}
		before[i] = old
	}
	if err := saveAnnotations(ctx, tx, after); err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	bj, err := json.Marshal(before)
	if err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	aj, err := json.Marshal(after)
	if err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM history WHERE annotator = ? AND undone = 1", annotator); err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO history (annotator, label, before, after, created_at) VALUES (?, ?, ?, ?, ?)",
		annotator, label, string(bj), string(aj), stamp(time.Now())); err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM history WHERE annotator = ? AND seq <= (
		SELECT seq FROM history WHERE annotator = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
		annotator, annotator, historyLimit); err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save change: %w", err)
	}
	return nil
}

func annotationByID(ctx context.Context, tx *sql.Tx, id string) (annotate.Annotation, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+annotationColumns+" FROM annotation WHERE id = ?", id)
	if err != nil {
		return annotate.Annotation{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return annotate.Annotation{}, err
		}
		return annotate.Annotation{}, ErrNotFound
	}
	return scanAnnotation(rows)
}

// Undo reverts the analyst's latest change that is not undone, writing the
// annotations as they were before it (stamped now, so a merge sees the
// undo as the latest word). It returns the change, or one with Seq 0 when
// there is nothing to undo.
func (s *Store) Undo(ctx context.Context, annotator string, now time.Time) (Change, error) {
	return s.travel(ctx, annotator, now, true)
}

// Redo applies again the change undone last.
func (s *Store) Redo(ctx context.Context, annotator string, now time.Time) (Change, error) {
	return s.travel(ctx, annotator, now, false)
}

func (s *Store) travel(ctx context.Context, annotator string, now time.Time, undo bool) (Change, error) {
	what := "redo"
	q := "SELECT seq, label, before, after FROM history WHERE annotator = ? AND undone = 1 ORDER BY seq ASC LIMIT 1"
	if undo {
		what = "undo"
		q = "SELECT seq, label, before, after FROM history WHERE annotator = ? AND undone = 0 ORDER BY seq DESC LIMIT 1"
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return Change{}, fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	var c Change
	var bj, aj string
	err = tx.QueryRowContext(ctx, q, annotator).Scan(&c.Seq, &c.Label, &bj, &aj)
	if errors.Is(err, sql.ErrNoRows) {
		return Change{}, nil
	}
	if err != nil {
		return Change{}, fmt.Errorf("%s: %w", what, err)
	}
	if err := json.Unmarshal([]byte(bj), &c.Before); err != nil {
		return Change{}, fmt.Errorf("%s: history entry %d is damaged: %w", what, c.Seq, err)
	}
	if err := json.Unmarshal([]byte(aj), &c.After); err != nil {
		return Change{}, fmt.Errorf("%s: history entry %d is damaged: %w", what, c.Seq, err)
	}
	write := c.After
	if undo {
		write = c.Before
	}
	stamped := make([]annotate.Annotation, len(write))
	for i, a := range write {
		a.UpdatedAt = now
		stamped[i] = a
	}
	if err := saveAnnotations(ctx, tx, stamped); err != nil {
		return Change{}, fmt.Errorf("%s: %w", what, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE history SET undone = ? WHERE seq = ?", undo, c.Seq); err != nil {
		return Change{}, fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return Change{}, fmt.Errorf("%s: %w", what, err)
	}
	if undo {
		c.Before = stamped
	} else {
		c.After = stamped
	}
	return c, nil
}
