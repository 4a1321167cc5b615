package storage

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"redline/annotate"
)

// ImportCSV reads the long form that ExportCSV writes (columns found by
// name, so added or reordered columns are fine) and upserts its annotations
// as ImportWebAnnotations does: by id, the later updated_at winning, a
// problem with its line number for each row that cannot be used, 500 rows
// to a transaction. Articles are found by text_sha256, or by article_id
// when a row has no hash. The quote export puts before formula characters
// is taken off again.
//
// The long form holds live annotations only, so deletions do not travel
// this way, and line ends inside cells come back as LF even if they were
// CRLF. ExportWebAnnotations and ImportWebAnnotations carry both.
func (s *Store) ImportCSV(ctx context.Context, r io.Reader) (ImportReport, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return ImportReport{}, errors.New("nothing to import: the file is empty")
	}
	if err != nil {
		return ImportReport{}, fmt.Errorf("import csv: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // saved by a spreadsheet
		}
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"annotation_id", "annotator", "dimension", "updated_at"} {
		if _, ok := col[need]; !ok {
			return ImportReport{}, fmt.Errorf("import csv: no %s column: not the long form of a Redline export", need)
		}
	}
	_, hasSHA := col["text_sha256"]
	if _, hasID := col["article_id"]; !hasSHA && !hasID {
		return ImportReport{}, errors.New("import csv: neither a text_sha256 nor an article_id column")
	}
	width := len(header)

	im := newImporter(ctx, s)
	defer im.abandon()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			im.problem(pe.StartLine, "%v", pe.Err)
		} else if err != nil {
			return im.done, fmt.Errorf("import csv: %w", err)
		} else {
			line, _ := cr.FieldPos(0)
			size := 0
			for _, f := range rec {
				size += len(f)
			}
			if size > MaxLineBytes {
				im.problem(line, "row is longer than the %s limit; skipped (raise the limit with redline merge --max-line-bytes)", sizeWords(MaxLineBytes))
			} else if len(rec) != width {
				im.problem(line, "%d fields, but the header has %d", len(rec), width)
			} else if err := im.csvRow(line, row{rec, col}); err != nil {
				return im.done, fmt.Errorf("import csv: line %d: %w", line, err)
			}
		}
		if err := im.endLine(); err != nil {
			return im.done, fmt.Errorf("import csv: %w", err)
		}
	}
	if err := im.flush(); err != nil {
		return im.done, fmt.Errorf("import csv: %w", err)
	}
	return im.done, nil
}

// row is one CSV record read by column name; a missing column reads "".
type row struct {
	rec []string
	col map[string]int
}

func (r row) raw(name string) string {
	if i, ok := r.col[name]; ok {
		return r.rec[i]
	}
	return ""
}

// text reads a cell the export passed through safe.
func (r row) text(name string) string { return unsafe(r.raw(name)) }

// csvRow imports one record. Problems with the row are reported and the
// row skipped; only database failures come back as errors.
func (im *importer) csvRow(line int, r row) error {
	a, err := parseCSVRow(r)
	if err != nil {
		im.problem(line, "%v", err)
		return nil
	}
	if sha := strings.TrimSpace(r.raw("text_sha256")); sha != "" {
		if a.ArticleID, err = im.articleBySHA(sha, strings.TrimSpace(r.text("url")), strings.TrimSpace(r.text("outlet"))); err != nil {
			return err
		}
		if a.ArticleID == 0 {
			im.problem(line, "article sha256 %s is not in this database; import its text first", sha)
			return nil
		}
	} else {
		id, err := strconv.ParseInt(strings.TrimSpace(r.raw("article_id")), 10, 64)
		if err != nil {
			im.problem(line, "no text_sha256 and no article id")
			return nil
		}
		ok, err := im.articleExists(id)
		if err != nil {
			return err
		}
		if !ok {
			im.problem(line, "article %d is not in this database; import its text first", id)
			return nil
		}
		a.ArticleID = id
	}
	return im.put(line, a)
}

// parseCSVRow rebuilds a live annotation (ArticleID unset) from a row.
func parseCSVRow(r row) (annotate.Annotation, error) {
	a := annotate.Annotation{
		ID: r.text("annotation_id"), Annotator: r.text("annotator"), Codebook: r.text("codebook"),
		Dimension: r.text("dimension"), Target: r.text("target"), Value: r.text("value"), Note: r.text("note"),
		Source: r.text("source_name"), LinkedTo: r.text("linked_to"),
		Settles: strings.Join(strings.Fields(r.text("settles")), " "),
	}
	if adj := strings.TrimSpace(r.raw("adjudicated")); adj == "1" && a.Settles == "" {
		return a, errors.New("adjudicated is 1 but settles names no code")
	}
	var err error
	if v := r.raw("codebook_version"); v != "" {
		if a.CodebookVersion, err = strconv.Atoi(v); err != nil {
			return a, fmt.Errorf("codebook_version %q is not a whole number", v)
		}
	}
	if a.UpdatedAt, err = parseStamp(r.raw("updated_at")); err != nil {
		return a, fmt.Errorf("updated_at: %w", err)
	}
	a.CreatedAt = a.UpdatedAt
	if v := r.raw("created_at"); v != "" {
		if a.CreatedAt, err = parseStamp(v); err != nil {
			return a, fmt.Errorf("created_at: %w", err)
		}
	}
	start, end := r.raw("span_start_rune"), r.raw("span_end_rune")
	switch {
	case start == "" && end == "":
	case start == "" || end == "":
		return a, errors.New("a span needs both span_start_rune and span_end_rune")
	default:
		s, err1 := strconv.Atoi(start)
		e, err2 := strconv.Atoi(end)
		if err1 != nil || err2 != nil {
			return a, fmt.Errorf("span %q-%q is not in whole runes", start, end)
		}
		a.Span = &annotate.Span{Start: s, End: e,
			Quote: r.text("span_text"), Prefix: r.text("span_prefix"), Suffix: r.text("span_suffix")}
	}
	from, status, score := r.text("carried_from"), r.text("carry_status"), r.raw("carry_score")
	if from != "" || status != "" || score != "" {
		a.Carry = &annotate.Carry{From: from, Status: annotate.CarryStatus(status)}
		if score != "" {
			if a.Carry.Score, err = strconv.ParseFloat(score, 64); err != nil {
				return a, fmt.Errorf("carry_score %q is not a number", score)
			}
		}
	}
	return a, nil
}
