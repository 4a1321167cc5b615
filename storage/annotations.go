package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"redline/annotate"
)

const annotationColumns = `id, article_id, annotator, codebook, codebook_version, dimension, target,
	value, note, span_start, span_end, quote, prefix, suffix, created_at, updated_at, deleted,
	source_name, linked_to, carried_from, carry_status, carry_score, settles`

// Annotations returns every annotation of the article, tombstones included,
// ordered by updated_at (then id).
func (s *Store) Annotations(ctx context.Context, articleID int64) ([]annotate.Annotation, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+annotationColumns+
		" FROM annotation WHERE article_id = ? ORDER BY updated_at, id", articleID)
	if err != nil {
		return nil, fmt.Errorf("annotations of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []annotate.Annotation
	for rows.Next() {
		a, err := scanAnnotation(rows)
		if err != nil {
			return nil, fmt.Errorf("annotations of article %d: %w", articleID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("annotations of article %d: %w", articleID, err)
	}
	return out, nil
}

func scanAnnotation(rows *sql.Rows) (annotate.Annotation, error) {
	var (
		a                     annotate.Annotation
		start, end            sql.NullInt64
		quote, prefix, suffix sql.NullString
		created, updated      sql.NullString
		linked, from, status  sql.NullString
		score                 sql.NullFloat64
	)
	err := rows.Scan(&a.ID, &a.ArticleID, &a.Annotator, &a.Codebook, &a.CodebookVersion, &a.Dimension,
		&a.Target, &a.Value, &a.Note, &start, &end, &quote, &prefix, &suffix, &created, &updated, &a.Deleted,
		&a.Source, &linked, &from, &status, &score, &a.Settles)
	if err != nil {
		return a, err
	}
	a.LinkedTo = linked.String
	if from.Valid {
		a.Carry = &annotate.Carry{From: from.String, Status: annotate.CarryStatus(status.String), Score: score.Float64}
	}
	if start.Valid {
		a.Span = &annotate.Span{Start: int(start.Int64), End: int(end.Int64),
			Quote: quote.String, Prefix: prefix.String, Suffix: suffix.String}
	}
	if a.CreatedAt, err = parseTime(created); err != nil {
		return a, err
	}
	if a.UpdatedAt, err = parseTime(updated); err != nil {
		return a, err
	}
	return a, nil
}

// SaveAnnotations upserts annotations by id in one transaction and returns
// only after the commit is on disk (WAL with synchronous=FULL). Every field
// is replaced by the given one.
func (s *Store) SaveAnnotations(ctx context.Context, anns []annotate.Annotation) error {
	if len(anns) == 0 {
		return nil
	}
	for _, a := range anns {
		if err := checkAnnotation(a); err != nil {
			return fmt.Errorf("save annotations: %w", err)
		}
	}
	return s.codingTx(ctx, "save annotations", func(tx *sql.Tx) error {
		return saveAnnotations(ctx, tx, anns)
	})
}

// checkAnnotation rejects what the schema would store but no reader could
// use. Codebook rules are annotate.Annotation.Validate's job.
func checkAnnotation(a annotate.Annotation) error {
	switch {
	case strings.TrimSpace(a.ID) == "":
		return fmt.Errorf("annotation without an id: %w", annotate.ErrInvalid)
	case a.ArticleID <= 0:
		return fmt.Errorf("annotation %s names no article: %w", a.ID, annotate.ErrInvalid)
	case a.Span != nil && (a.Span.Start < 0 || a.Span.End < a.Span.Start):
		return fmt.Errorf("annotation %s has span %d-%d: %w", a.ID, a.Span.Start, a.Span.End, annotate.ErrInvalid)
	}
	if a.Adjudicated() {
		if a.Carry != nil {
			return fmt.Errorf("annotation %s is adjudicated and carried at once: %w", a.ID, annotate.ErrInvalid)
		}
		for _, id := range a.SettledIDs() {
			if id == a.ID {
				return fmt.Errorf("annotation %s settles itself: %w", a.ID, annotate.ErrInvalid)
			}
		}
	}
	return nil
}

func saveAnnotations(ctx context.Context, tx *sql.Tx, anns []annotate.Annotation) error {
	up, err := tx.PrepareContext(ctx, "INSERT INTO annotation ("+annotationColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			article_id = excluded.article_id, annotator = excluded.annotator,
			codebook = excluded.codebook, codebook_version = excluded.codebook_version,
			dimension = excluded.dimension, target = excluded.target,
			value = excluded.value, note = excluded.note,
			span_start = excluded.span_start, span_end = excluded.span_end,
			quote = excluded.quote, prefix = excluded.prefix, suffix = excluded.suffix,
			created_at = excluded.created_at, updated_at = excluded.updated_at,
			deleted = excluded.deleted, source_name = excluded.source_name,
			linked_to = excluded.linked_to, carried_from = excluded.carried_from,
			carry_status = excluded.carry_status, carry_score = excluded.carry_score,
			settles = excluded.settles`)
	if err != nil {
		return err
	}
	defer up.Close()
	for _, a := range anns {
		var start, end, quote, prefix, suffix any
		if a.Span != nil {
			start, end, quote, prefix, suffix = a.Span.Start, a.Span.End, a.Span.Quote, a.Span.Prefix, a.Span.Suffix
		}
		var linked, from, status, score any
		if a.LinkedTo != "" {
			linked = a.LinkedTo
		}
		if a.Carry != nil {
			from, status, score = a.Carry.From, string(a.Carry.Status), a.Carry.Score
		}
		_, err := up.ExecContext(ctx, a.ID, a.ArticleID, a.Annotator, a.Codebook, a.CodebookVersion,
			a.Dimension, a.Target, a.Value, a.Note, start, end, quote, prefix, suffix,
			stamp(a.CreatedAt), stamp(a.UpdatedAt), a.Deleted, a.Source, linked, from, status, score, a.Settles)
		if isForeignKey(err) {
			return fmt.Errorf("annotation %s: article %d: %w", a.ID, a.ArticleID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("annotation %s: %w", a.ID, err)
		}
	}
	return nil
}

// HasSpanCodes reports whether any live span code made on its own version
// (not carried) is stored: when none is, nothing can be carried to a new
// version and an import can skip looking.
func (s *Store) HasSpanCodes(ctx context.Context) (bool, error) {
	var has bool
	err := s.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM annotation
		WHERE span_start IS NOT NULL AND carried_from IS NULL AND deleted = 0)`).Scan(&has)
	if err != nil {
		return false, fmt.Errorf("look for span codes: %w", err)
	}
	return has, nil
}
