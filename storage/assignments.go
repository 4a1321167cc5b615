package storage

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"redline/annotate"
)

// Assignment hands one article to one coder. Overlap marks the sample every
// coder codes, on which agreement is measured.
type Assignment struct {
	ArticleID int64
	Coder     string
	Overlap   bool
}

// AssignedArticle is an assignment as a coder's list shows it.
type AssignedArticle struct {
	Assignment
	Title      string
	TextSHA256 string
	// Coded is true when the coder has at least one confirmed code of
	// their own on the article (codes carried from another version count
	// only once confirmed).
	Coded bool
	// Excluded is true when the article is set aside from the analysis
	// (Exclude): it is no longer work to do.
	Excluded bool
}

// SaveAssignments stores assignments in one transaction; an article already
// assigned to the coder keeps its row, with the overlap mark given.
func (s *Store) SaveAssignments(ctx context.Context, as []Assignment, now time.Time) error {
	if len(as) == 0 {
		return nil
	}
	return s.writeTx(ctx, "save assignments", func(tx *sql.Tx) error {
		return saveAssignments(ctx, tx, as, now)
	})
}

func saveAssignments(ctx context.Context, tx *sql.Tx, as []Assignment, now time.Time) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO assignment (article_id, coder, overlap, assigned_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (article_id, coder) DO UPDATE SET overlap = excluded.overlap`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, a := range as {
		if strings.TrimSpace(a.Coder) == "" {
			return fmt.Errorf("article %d is assigned to nobody: %w", a.ArticleID, annotate.ErrInvalid)
		}
		_, err := st.ExecContext(ctx, a.ArticleID, a.Coder, a.Overlap, stamp(now))
		if isForeignKey(err) {
			return fmt.Errorf("article %d: %w", a.ArticleID, ErrNotFound)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ReplaceAssignments removes every assignment and stores as instead, in
// one transaction (a lead drawing again). Codes are not touched.
func (s *Store) ReplaceAssignments(ctx context.Context, as []Assignment, now time.Time) error {
	return s.writeTx(ctx, "replace assignments", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM assignment"); err != nil {
			return err
		}
		return saveAssignments(ctx, tx, as, now)
	})
}

// Assigned lists the articles assigned to coder (every coder's when coder
// is ""), by coder and article id, with whether the coder has coded each.
func (s *Store) Assigned(ctx context.Context, coder string) ([]AssignedArticle, error) {
	q := `SELECT s.article_id, s.coder, s.overlap, a.title, a.text_sha256,
		EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = s.article_id AND n.annotator = s.coder
			AND ` + confirmedSQL + `), ` + excludedSQL + `
		FROM assignment s JOIN article a ON a.id = s.article_id`
	var args []any
	if coder != "" {
		q += " WHERE s.coder = ?"
		args = append(args, coder)
	}
	rows, err := s.read.QueryContext(ctx, q+" ORDER BY s.coder, s.article_id", args...)
	if err != nil {
		return nil, fmt.Errorf("read assignments: %w", err)
	}
	defer rows.Close()
	var out []AssignedArticle
	for rows.Next() {
		var a AssignedArticle
		var title sql.NullString
		if err := rows.Scan(&a.ArticleID, &a.Coder, &a.Overlap, &title, &a.TextSHA256, &a.Coded, &a.Excluded); err != nil {
			return nil, fmt.Errorf("read assignments: %w", err)
		}
		a.Title = title.String
		out = append(out, a)
	}
	return out, rows.Err()
}

// ArticleBySHA returns the id of the article with the given text hash, or
// 0 when none is stored.
func (s *Store) ArticleBySHA(ctx context.Context, sha string) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, "SELECT id FROM article WHERE text_sha256 = ? ORDER BY id LIMIT 1", sha).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find article by hash: %w", err)
	}
	return id, nil
}

// assignmentColumns is the header of an assignments file.
var assignmentColumns = []string{"text_sha256", "coder", "overlap", "article_id", "title"}

// ExportAssignments writes every assignment as CSV (a header row, one row
// per article and coder), the file a lead hands out: the articles are named
// by the hash of their text, so the file works on every coder's machine.
func (s *Store) ExportAssignments(ctx context.Context, w io.Writer) error {
	as, err := s.Assigned(ctx, "")
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(assignmentColumns); err != nil {
		return fmt.Errorf("export assignments: %w", err)
	}
	for _, a := range as {
		ov := "0"
		if a.Overlap {
			ov = "1"
		}
		if err := cw.Write([]string{a.TextSHA256, safe(a.Coder), ov, strconv.FormatInt(a.ArticleID, 10), safe(a.Title)}); err != nil {
			return fmt.Errorf("export assignments: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export assignments: %w", err)
	}
	return nil
}

// ImportAssignments reads what ExportAssignments writes and stores the
// assignments whose article this database holds (found by text hash) in
// place of those there were: the file is the lead's whole draw. A row that
// cannot be used is reported with its line, and the rest are stored; it
// returns how many were stored.
func (s *Store) ImportAssignments(ctx context.Context, r io.Reader, now time.Time) (int, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return 0, nil, fmt.Errorf("import assignments: the header cannot be read: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"text_sha256", "coder", "overlap"} {
		if _, ok := col[need]; !ok {
			return 0, nil, fmt.Errorf("import assignments: no %s column: not an assignments file (redline assign --out)", need)
		}
	}
	var (
		as       []Assignment
		problems []string
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		cell := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		coder := unsafe(cell("coder"))
		if coder == "" {
			problems = append(problems, fmt.Sprintf("line %d: no coder", line))
			continue
		}
		ov := cell("overlap")
		if ov != "0" && ov != "1" {
			problems = append(problems, fmt.Sprintf("line %d: overlap is %q, not 0 or 1", line, ov))
			continue
		}
		id, err := s.ArticleBySHA(ctx, cell("text_sha256"))
		if err != nil {
			return 0, problems, err
		}
		if id == 0 {
			problems = append(problems, fmt.Sprintf("line %d: article %s is not in this database; import its text first", line, cell("text_sha256")))
			continue
		}
		as = append(as, Assignment{ArticleID: id, Coder: coder, Overlap: ov == "1"})
	}
	if err := s.ReplaceAssignments(ctx, as, now); err != nil {
		return 0, problems, err
	}
	return len(as), problems, nil
}
