package storage

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"redline/annotate"
)

// articleKey is the text_sha256 an article is stored under: the hash of its
// text, or for a stub (no text) "stub:" and the hash of its URL, or of its
// title, outlet and date when it has no URL.
func articleKey(a *annotate.Article) string {
	if !a.TextMissing {
		return annotate.TextHash(a.Text)
	}
	id := a.URL
	if id == "" {
		id = a.Title + "\n" + a.Outlet + "\n" + a.PublishedAt.UTC().Format(time.RFC3339)
	}
	return "stub:" + annotate.TextHash(id)
}

// originWriter records where articles came from inside one AddArticles
// transaction.
type originWriter struct {
	find, add, missing *sql.Stmt
	now                string
}

func newOriginWriter(ctx context.Context, tx *sql.Tx, now time.Time) (*originWriter, error) {
	w := &originWriter{now: stamp(now)}
	var err error
	if w.find, err = tx.PrepareContext(ctx, `SELECT article_id FROM article_origin
		WHERE source_db = ? AND doc_id = ? ORDER BY article_id LIMIT 1`); err != nil {
		return nil, err
	}
	if w.add, err = tx.PrepareContext(ctx, `INSERT OR IGNORE INTO article_origin
		(article_id, file, position, source_db, doc_id, section, length, load_date, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		w.close()
		return nil, err
	}
	if w.missing, err = tx.PrepareContext(ctx, "UPDATE article SET text_missing = 1 WHERE id = ?"); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *originWriter) close() {
	for _, s := range []*sql.Stmt{w.find, w.add, w.missing} {
		if s != nil {
			s.Close()
		}
	}
}

// known returns the article already stored under a's database document id.
// An id without a database (a CSV's own id column) says nothing across
// files, so it is not looked up.
func (w *originWriter) known(ctx context.Context, a *annotate.Article) (int64, bool, error) {
	if a.Origin.DocID == "" || a.Origin.Database == "" {
		return 0, false, nil
	}
	var id int64
	err := w.find.QueryRowContext(ctx, a.Origin.Database, a.Origin.DocID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// record notes where article id was found this time (nothing for a plain
// file), and marks a newly stored stub.
func (w *originWriter) record(ctx context.Context, id int64, a *annotate.Article, isNew bool) error {
	if isNew && a.TextMissing {
		if _, err := w.missing.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	o := a.Origin
	if o.File == "" {
		return nil
	}
	_, err := w.add.ExecContext(ctx, id, o.File, o.Position, o.Database, o.DocID, o.Section, o.Length, day(o.LoadDate), w.now)
	return err
}

// Provenance is where a stored article came from.
type Provenance struct {
	TextMissing bool              // a stub: the story list gave no text
	Origins     []annotate.Origin // every export and place it was found in, oldest first
}

// Provenance returns where article id came from.
func (s *Store) Provenance(ctx context.Context, id int64) (Provenance, error) {
	var p Provenance
	err := s.read.QueryRowContext(ctx, "SELECT text_missing FROM article WHERE id = ?", id).Scan(&p.TextMissing)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("provenance of article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("provenance of article %d: %w", id, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT file, position, source_db, doc_id, section, length, load_date
		FROM article_origin WHERE article_id = ? ORDER BY imported_at, file, position`, id)
	if err != nil {
		return p, fmt.Errorf("provenance of article %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			o    annotate.Origin
			load sql.NullString
		)
		if err := rows.Scan(&o.File, &o.Position, &o.Database, &o.DocID, &o.Section, &o.Length, &load); err != nil {
			return p, fmt.Errorf("provenance of article %d: %w", id, err)
		}
		if o.LoadDate, err = parseTime(load); err != nil {
			return p, fmt.Errorf("provenance of article %d: %w", id, err)
		}
		p.Origins = append(p.Origins, o)
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("provenance of article %d: %w", id, err)
	}
	return p, nil
}

// originColumns is the header of ExportOrigins.
var originColumns = []string{"article_id", "text_missing", "source_db", "doc_id", "file", "position", "section", "length", "load_date"}

// ExportOrigins writes one CSV row for every place an article was found
// (export file, position, database, document id), joined to the annotation
// exports by article_id; articles from plain files have no row. Stubs with
// no origin get a row with empty fields so text_missing is never lost.
func (s *Store) ExportOrigins(ctx context.Context, w io.Writer) error {
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.text_missing, o.source_db, o.doc_id, o.file, o.position,
		o.section, o.length, o.load_date
		FROM article a LEFT JOIN article_origin o ON o.article_id = a.id
		WHERE o.article_id IS NOT NULL OR a.text_missing = 1
		ORDER BY a.id, o.imported_at, o.file, o.position`)
	if err != nil {
		return fmt.Errorf("export origins: %w", err)
	}
	defer rows.Close()
	cw := csv.NewWriter(w)
	if err := cw.Write(originColumns); err != nil {
		return fmt.Errorf("export origins: %w", err)
	}
	for rows.Next() {
		var (
			id                                   int64
			missing                              bool
			db, doc, file, section, length, load sql.NullString
			pos                                  sql.NullInt64
		)
		if err := rows.Scan(&id, &missing, &db, &doc, &file, &pos, &section, &length, &load); err != nil {
			return fmt.Errorf("export origins: %w", err)
		}
		rec := []string{strconv.FormatInt(id, 10), "0", safe(db.String), safe(doc.String), safe(file.String),
			nullInt(pos), safe(section.String), safe(length.String), load.String}
		if missing {
			rec[1] = "1"
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("export origins: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export origins: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export origins: %w", err)
	}
	return nil
}

// headerKey is how a CSV header is found again: its column names trimmed,
// lower-cased and joined by tabs.
func headerKey(header []string) string {
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.ToLower(strings.TrimSpace(h))
	}
	return strings.Join(names, "\t")
}

// ColumnMapping returns the column -> field mapping saved for a CSV file
// with this header; ok is false when none is saved.
func (s *Store) ColumnMapping(ctx context.Context, header []string) (mapping map[string]string, ok bool, err error) {
	var js string
	err = s.read.QueryRowContext(ctx, "SELECT mapping FROM csv_mapping WHERE header = ?", headerKey(header)).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("column mapping: %w", err)
	}
	if err := json.Unmarshal([]byte(js), &mapping); err != nil {
		return nil, false, fmt.Errorf("column mapping: stored mapping is damaged: %w", err)
	}
	return mapping, true, nil
}

// SaveColumnMapping remembers the column -> field mapping for CSV files
// with this header, replacing an earlier one.
func (s *Store) SaveColumnMapping(ctx context.Context, header []string, mapping map[string]string) error {
	js, err := json.Marshal(mapping)
	if err != nil {
		return fmt.Errorf("save column mapping: %w", err)
	}
	return s.writeTx(ctx, "save column mapping", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO csv_mapping (header, mapping, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (header) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
			headerKey(header), string(js), stamp(time.Now()))
		return err
	})
}
