package storage

import (
	"context"
	"fmt"

	"redline/annotate"
)

// LiveAnnotations returns every live annotation of every article and
// annotator (tombstones left out), ordered by article and id: what the
// agreement statistics read.
func (s *Store) LiveAnnotations(ctx context.Context) ([]annotate.Annotation, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+annotationColumns+
		" FROM annotation WHERE deleted = 0 ORDER BY article_id, id")
	if err != nil {
		return nil, fmt.Errorf("read annotations: %w", err)
	}
	defer rows.Close()
	var out []annotate.Annotation
	for rows.Next() {
		a, err := scanAnnotation(rows)
		if err != nil {
			return nil, fmt.Errorf("read annotations: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read annotations: %w", err)
	}
	return out, nil
}

// AnnotationsByID returns the stored annotations with the given ids, in
// the order given; an id that is not stored fails with ErrNotFound.
func (s *Store) AnnotationsByID(ctx context.Context, ids []string) ([]annotate.Annotation, error) {
	tx, err := s.readTx(ctx)
	if err != nil {
		return nil, fmt.Errorf("read annotations: %w", err)
	}
	defer tx.Rollback()
	out := make([]annotate.Annotation, 0, len(ids))
	for _, id := range ids {
		a, err := annotationByID(ctx, tx, id)
		if err != nil {
			return nil, fmt.Errorf("annotation %s: %w", id, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// SafeCell prepares a text cell for a CSV file the way the exports do
// (line ends as LF, a leading ' on a cell a spreadsheet would run as a
// formula), for files written outside this package.
func SafeCell(s string) string { return safe(s) }
