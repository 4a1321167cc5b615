package storage

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
)

// CodeRow is one live code with the article it is on, as the Codes view
// lists it.
type CodeRow struct {
	ID, Annotator       string
	ArticleID, FamilyID int64
	Title, Outlet       string
	Published           string // RFC 3339, "" when unknown
	Dimension, Target   string
	Value, Note, Source string
	Start, End          int // rune span; -1 for document codes
	Quote               string
	CarryStatus         string // "" when made on this article
	CodebookVersion     int
	Created, Updated    string
}

// Codes lists every live code, ordered by article and id: what the Codes
// view shows and filters. Texts are not read.
func (s *Store) Codes(ctx context.Context) ([]CodeRow, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT n.id, n.annotator, n.article_id, coalesce(a.family_id, a.id),
		a.title, a.outlet, coalesce(a.published_at, ''), n.dimension, n.target, n.value, n.note, n.source_name,
		coalesce(n.span_start, -1), coalesce(n.span_end, -1), coalesce(n.quote, ''), coalesce(n.carry_status, ''),
		n.codebook_version, n.created_at, n.updated_at
		FROM annotation n JOIN article a ON a.id = n.article_id
		WHERE n.deleted = 0 ORDER BY n.article_id, n.id`)
	if err != nil {
		return nil, fmt.Errorf("list codes: %w", err)
	}
	defer rows.Close()
	var out []CodeRow
	for rows.Next() {
		var c CodeRow
		if err := rows.Scan(&c.ID, &c.Annotator, &c.ArticleID, &c.FamilyID, &c.Title, &c.Outlet, &c.Published,
			&c.Dimension, &c.Target, &c.Value, &c.Note, &c.Source, &c.Start, &c.End, &c.Quote, &c.CarryStatus,
			&c.CodebookVersion, &c.Created, &c.Updated); err != nil {
			return nil, fmt.Errorf("list codes: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list codes: %w", err)
	}
	return out, nil
}

// ExportCodes writes the long CSV (ExportCSV's columns and rules) of the
// codes whose ids are given: the rows a filtered Codes view shows.
func (s *Store) ExportCodes(ctx context.Context, w io.Writer, ids []string) error {
	only := make(map[string]bool, len(ids))
	for _, id := range ids {
		only[id] = true
	}
	cw := csv.NewWriter(w)
	if err := s.exportLongOnly(ctx, cw, only, ExportFilter{}); err != nil {
		return fmt.Errorf("export codes: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export codes: %w", err)
	}
	return nil
}
