package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"redline/annotate"
)

// Rejection is one analyst's decision against one suggested quote, found by
// its rune span in the article. Rejected false withdraws the decision (the
// state an undone rejection goes back to).
type Rejection struct {
	Annotator  string
	ArticleID  int64
	Start, End int
	Quote      string
	Rejected   bool
}

// Edit is what one coding action writes: annotations (upserted by id) and
// decisions on suggestions. Either may be empty.
type Edit struct {
	Annotations []annotate.Annotation
	Rejections  []Rejection
}

func (e Edit) empty() bool { return len(e.Annotations) == 0 && len(e.Rejections) == 0 }

// Change is one coding action as the undo history keeps it: what it wrote
// as it was before and as it left it.
type Change struct {
	Seq           int64
	Label         string // what the analyst did, e.g. "stance · Russia: unfavourable"
	Before, After Edit
}

// ArticleID is the article the change was made on (the first one it
// touched; codes carried to other versions come after their origin).
func (c Change) ArticleID() int64 {
	if len(c.After.Annotations) > 0 {
		return c.After.Annotations[0].ArticleID
	}
	if len(c.After.Rejections) > 0 {
		return c.After.Rejections[0].ArticleID
	}
	return 0
}

// historyLimit is how many changes per analyst the history keeps.
const historyLimit = 2000

// SaveChange writes the annotations of one coding action and records it in
// the analyst's undo history, in one transaction.
func (s *Store) SaveChange(ctx context.Context, annotator, label string, after []annotate.Annotation) error {
	return s.SaveEdit(ctx, annotator, label, Edit{Annotations: after})
}

// SaveEdit writes one coding action and records it in the analyst's undo
// history, in one transaction. The state before is read from the database:
// an annotation not stored yet has a tombstone of itself as its state
// before, a rejection not stored yet a withdrawn one, so undoing removes
// them. A new change drops the changes undone before it.
func (s *Store) SaveEdit(ctx context.Context, annotator, label string, after Edit) error {
	if after.empty() {
		return nil
	}
	for _, a := range after.Annotations {
		if err := checkAnnotation(a); err != nil {
			return fmt.Errorf("save change: %w", err)
		}
	}
	for _, r := range after.Rejections {
		if r.ArticleID <= 0 || r.Start < 0 || r.End <= r.Start || r.Annotator == "" {
			return fmt.Errorf("save change: a suggestion decision needs an analyst, an article and a span: %w", annotate.ErrInvalid)
		}
	}
	err := s.codingTx(ctx, "save change", func(tx *sql.Tx) error {
		before, err := editBefore(ctx, tx, after)
		if err != nil {
			return err
		}
		if err := applyEdit(ctx, tx, after, time.Now()); err != nil {
			return err
		}
		bj, err := encodeEdit(before)
		if err != nil {
			return err
		}
		aj, err := encodeEdit(after)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM history WHERE annotator = ? AND undone = 1", annotator); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO history (annotator, label, before, after, created_at) VALUES (?, ?, ?, ?, ?)",
			annotator, label, string(bj), string(aj), stamp(time.Now())); err != nil {
			return err
		}
		if s.pg {
			return nil // trimmed after the commit
		}
		return trimHistory(ctx, tx, annotator)
	})
	if err != nil || !s.pg {
		return err
	}
	// On PostgreSQL the trim runs after the commit, on its own at READ
	// COMMITTED: it reads all the analyst's changes, and deleting one
	// analyst's oldest changes cannot harm anyone else's. The change is
	// saved whatever becomes of it; the next save trims again.
	if tx, err := s.begin(ctx); err == nil {
		defer tx.Rollback()
		if trimHistory(ctx, tx, annotator) == nil {
			tx.Commit()
		}
	}
	return nil
}

// trimHistory drops the analyst's changes beyond the newest historyLimit.
func trimHistory(ctx context.Context, tx *sql.Tx, annotator string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM history WHERE annotator = ? AND seq <= (
		SELECT seq FROM history WHERE annotator = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
		annotator, annotator, historyLimit)
	return err
}

// editBefore reads what an edit is about to overwrite.
func editBefore(ctx context.Context, tx *sql.Tx, after Edit) (Edit, error) {
	var before Edit
	for _, a := range after.Annotations {
		old, err := annotationByID(ctx, tx, a.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			old = a
			old.Deleted = true
		case err != nil:
			return Edit{}, err
		}
		before.Annotations = append(before.Annotations, old)
	}
	for _, r := range after.Rejections {
		old := r
		err := tx.QueryRowContext(ctx, `SELECT quote, rejected FROM suggestion_rejection
			WHERE annotator = ? AND article_id = ? AND span_start = ? AND span_end = ?`,
			r.Annotator, r.ArticleID, r.Start, r.End).Scan(&old.Quote, &old.Rejected)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			old.Rejected = false
		case err != nil:
			return Edit{}, err
		}
		before.Rejections = append(before.Rejections, old)
	}
	return before, nil
}

// applyEdit writes an edit's annotations and decisions.
func applyEdit(ctx context.Context, tx *sql.Tx, e Edit, now time.Time) error {
	if len(e.Annotations) > 0 {
		if err := saveAnnotations(ctx, tx, e.Annotations); err != nil {
			return err
		}
	}
	for _, r := range e.Rejections {
		_, err := tx.ExecContext(ctx, `INSERT INTO suggestion_rejection
			(annotator, article_id, span_start, span_end, quote, rejected, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (annotator, article_id, span_start, span_end) DO UPDATE SET
			quote = excluded.quote, rejected = excluded.rejected, updated_at = excluded.updated_at`,
			r.Annotator, r.ArticleID, r.Start, r.End, r.Quote, r.Rejected, stamp(now))
		if err != nil {
			return fmt.Errorf("suggestion decision on article %d: %w", r.ArticleID, err)
		}
	}
	return nil
}

// Rejections lists the suggested quotes annotator has rejected in an article.
func (s *Store) Rejections(ctx context.Context, annotator string, articleID int64) ([]Rejection, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT span_start, span_end, quote FROM suggestion_rejection
		WHERE annotator = ? AND article_id = ? AND rejected = 1 ORDER BY span_start, span_end`, annotator, articleID)
	if err != nil {
		return nil, fmt.Errorf("rejected suggestions of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []Rejection
	for rows.Next() {
		r := Rejection{Annotator: annotator, ArticleID: articleID, Rejected: true}
		if err := rows.Scan(&r.Start, &r.End, &r.Quote); err != nil {
			return nil, fmt.Errorf("rejected suggestions of article %d: %w", articleID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("rejected suggestions of article %d: %w", articleID, err)
	}
	return out, nil
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

// Undo reverts the analyst's latest change that is not undone, writing what
// it overwrote (annotations stamped now, so a merge sees the undo as the
// latest word). It returns the change, or one with Seq 0 when there is
// nothing to undo.
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
	var c Change
	err := s.codingTx(ctx, what, func(tx *sql.Tx) error {
		var bj, aj string
		err := tx.QueryRowContext(ctx, q, annotator).Scan(&c.Seq, &c.Label, &bj, &aj)
		if errors.Is(err, sql.ErrNoRows) {
			c = Change{}
			return nil
		}
		if err != nil {
			return err
		}
		if c.Before, err = decodeEdit([]byte(bj)); err != nil {
			return fmt.Errorf("history entry %d is damaged: %w", c.Seq, err)
		}
		if c.After, err = decodeEdit([]byte(aj)); err != nil {
			return fmt.Errorf("history entry %d is damaged: %w", c.Seq, err)
		}
		write := &c.After
		if undo {
			write = &c.Before
		}
		for i := range write.Annotations {
			write.Annotations[i].UpdatedAt = now
		}
		if err := applyEdit(ctx, tx, *write, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE history SET undone = ? WHERE seq = ?", undo, c.Seq)
		return err
	})
	if err != nil {
		return Change{}, err
	}
	return c, nil
}
