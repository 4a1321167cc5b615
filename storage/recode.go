package storage

import (
	"context"
	"fmt"

	"redline/annotate"
)

// CodebookAnnotations returns the live annotations made under the codebook
// of this name (any version), by article and id: what a recoding reads.
func (s *Store) CodebookAnnotations(ctx context.Context, codebook string) ([]annotate.Annotation, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+annotationColumns+
		" FROM annotation WHERE codebook = ? AND deleted = 0 ORDER BY article_id, id", codebook)
	if err != nil {
		return nil, fmt.Errorf("codes of codebook %s: %w", codebook, err)
	}
	defer rows.Close()
	var out []annotate.Annotation
	for rows.Next() {
		a, err := scanAnnotation(rows)
		if err != nil {
			return nil, fmt.Errorf("codes of codebook %s: %w", codebook, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
