package storage

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportFilter chooses the rows an export writes; the zero value writes
// every row. The conditions combine (an article must meet all of them);
// within a list, any entry matches. It is what the command line's export
// flags and the window's export dialog fill.
type ExportFilter struct {
	// From and To bound the publication date, both days included. Only
	// their calendar day counts, compared with the stored publication
	// time's day in UTC. An article with no publication date is left out
	// when either is set. Zero: no bound.
	From, To time.Time
	// Outlets keeps the articles of these outlets (case-insensitive for
	// ASCII letters, surrounding blanks ignored).
	Outlets []string
	// Stories keeps the articles of these stories (family ids).
	Stories []int64
	// Coders keeps the codes of these analysts. In the article-level form
	// no article is dropped: coded and coders count these analysts only.
	Coders []string
	// ExcludeExcluded leaves out the articles set aside (Exclude) and
	// their codes.
	ExcludeExcluded bool
}

// Empty reports whether f lets every row through.
func (f ExportFilter) Empty() bool {
	return f.From.IsZero() && f.To.IsZero() && len(f.Outlets) == 0 && len(f.Stories) == 0 &&
		len(f.Coders) == 0 && !f.ExcludeExcluded
}

// dayLayout is how a filter's days are written and compared.
const dayLayout = "2006-01-02"

// articleWhere returns the filter's conditions on article a, each
// starting with " AND ", and their arguments.
func (f ExportFilter) articleWhere() (string, []any) {
	var (
		b    strings.Builder
		args []any
	)
	if !f.From.IsZero() {
		// stored times are RFC 3339 in UTC, so text order is time order
		b.WriteString(" AND a.published_at >= ?")
		args = append(args, f.From.Format(dayLayout))
	}
	if !f.To.IsZero() {
		next := time.Date(f.To.Year(), f.To.Month(), f.To.Day()+1, 0, 0, 0, 0, time.UTC)
		b.WriteString(" AND a.published_at < ?")
		args = append(args, next.Format(dayLayout))
	}
	if len(f.Outlets) > 0 {
		b.WriteString(" AND trim(a.outlet) COLLATE NOCASE IN (" + marks(len(f.Outlets)) + ")")
		for _, o := range f.Outlets {
			args = append(args, strings.TrimSpace(o))
		}
	}
	if len(f.Stories) > 0 {
		b.WriteString(" AND a.family_id IN (" + marks(len(f.Stories)) + ")")
		for _, id := range f.Stories {
			args = append(args, id)
		}
	}
	if f.ExcludeExcluded {
		b.WriteString(" AND NOT " + excludedSQL)
	}
	return b.String(), args
}

// coderIn returns " AND col IN (...)" for the filter's coders, or "".
func (f ExportFilter) coderIn(col string) (string, []any) {
	if len(f.Coders) == 0 {
		return "", nil
	}
	args := make([]any, len(f.Coders))
	for i, c := range f.Coders {
		args[i] = c
	}
	return " AND " + col + " IN (" + marks(len(f.Coders)) + ")", args
}

// where returns the filter's conditions on an annotation row (alias n)
// joined with its article a.
func (f ExportFilter) where(n string) (string, []any) {
	cond, args := f.articleWhere()
	c, a := f.coderIn(n + ".annotator")
	return cond + c, append(args, a...)
}

// marks returns k comma-separated placeholders.
func marks(k int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", k), ", ")
}

// articleColumns is the header of the article-level form; "text" follows
// when the texts are asked for.
var articleColumns = []string{
	"article_id", "family_id", "title", "outlet", "url", "published", "words",
	"coded", "coders", "excluded", "exclusion_reason",
}

// ExportArticles writes the article-level dataset as CSV (ExportCSV's
// quoting and line ends): one row per article that f lets through, coded
// or not, for studies that report their sample. coded is 1 when anyone
// (or, with f.Coders, one of them) has a confirmed code on the article —
// the one definition of coded the library and the progress counts use —
// and coders is how many analysts have. withText adds the article's text
// as the last column.
func (s *Store) ExportArticles(ctx context.Context, w io.Writer, f ExportFilter, withText bool) error {
	cw := csv.NewWriter(w)
	if err := s.exportArticles(ctx, cw, f, withText); err != nil {
		return fmt.Errorf("export articles: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export articles: %w", err)
	}
	return nil
}

func (s *Store) exportArticles(ctx context.Context, cw *csv.Writer, f ExportFilter, withText bool) error {
	header := append([]string(nil), articleColumns...)
	text := ", ''"
	if withText {
		header = append(header, "text")
		text = ", a.text"
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	who, args := f.coderIn("n.annotator")
	cond, more := f.articleWhere()
	args = append(args, more...)
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, a.family_id, a.title, a.outlet, a.url, a.published_at, a.words,
		(SELECT count(DISTINCT n.annotator) FROM annotation n WHERE n.article_id = a.id AND `+confirmedSQL+who+`),
		x.reason`+text+`
		FROM article a LEFT JOIN article_exclusion x ON x.article_id = a.id
		WHERE TRUE`+cond+`
		ORDER BY a.published_at IS NULL, a.published_at, a.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	rec := make([]string, len(header))
	for rows.Next() {
		var (
			id, words, coders  int64
			family             sql.NullInt64
			title, outlet, url string
			published, reason  sql.NullString
			body               string
		)
		if err := rows.Scan(&id, &family, &title, &outlet, &url, &published, &words, &coders, &reason, &body); err != nil {
			return err
		}
		rec[0] = strconv.FormatInt(id, 10)
		rec[1] = nullInt(family)
		rec[2], rec[3], rec[4] = safe(title), safe(outlet), safe(url)
		rec[5] = published.String
		rec[6] = strconv.FormatInt(words, 10)
		rec[7] = "0"
		if coders > 0 {
			rec[7] = "1"
		}
		rec[8] = strconv.FormatInt(coders, 10)
		rec[9], rec[10] = excludedCells(reason)
		if withText {
			rec[11] = safe(body)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return rows.Err()
}
