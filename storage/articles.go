package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"redline/annotate"
)

// AddResult says what happened to one article given to AddArticles.
type AddResult struct {
	ID        int64
	Duplicate bool // the same text was already stored; ID is that article's
}

// AddArticles stores articles in one transaction; an article whose text
// is already stored from the same outlet and URL is not stored again
// (Duplicate true, ID of the existing one). The same text from another
// outlet or URL is another publication: a new article. The hash is always computed from Text; the word count
// when Words is 0, the import time when ImportedAt is zero. Article.ID is
// ignored.
func (s *Store) AddArticles(ctx context.Context, arts []annotate.Article) ([]AddResult, error) {
	if len(arts) == 0 {
		return nil, nil
	}
	var res []AddResult
	err := s.familyBulkTx(ctx, "add articles", func(tx *sql.Tx, conn *bulkConn) error {
		var err error
		res, err = addArticles(ctx, tx, conn, arts, time.Now())
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// wordsAndTime is what an article stores as its word count and import
// time: its own, else counted from its text and now.
func wordsAndTime(a *annotate.Article, now time.Time) (int, time.Time) {
	words := a.Words
	if words == 0 {
		words = annotate.CountWords(a.Text)
	}
	imported := a.ImportedAt
	if imported.IsZero() {
		imported = now
	}
	return words, imported
}

// addArticles stores arts in tx. conn is the connection tx runs on when
// the store is PostgreSQL (nil on SQLite): a large batch is copied in
// through it (bulk.go).
func addArticles(ctx context.Context, tx *sql.Tx, conn *bulkConn, arts []annotate.Article, now time.Time) ([]AddResult, error) {
	if len(arts) >= bulkMin && !lookupsOrigins(arts) {
		return addArticlesBulk(ctx, tx, conn, arts, now)
	}
	return addArticlesRows(ctx, tx, arts, now)
}

// addArticlesRows stores arts one statement at a time.
func addArticlesRows(ctx context.Context, tx *sql.Tx, arts []annotate.Article, now time.Time) ([]AddResult, error) {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article
		(family_id, title, outlet, url, byline, published_at, retrieved_at, source_path, text_sha256, words, imported_at, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (text_sha256, outlet, url) DO NOTHING
		RETURNING id`)
	if err != nil {
		return nil, err
	}
	defer ins.Close()
	find, err := tx.PrepareContext(ctx, "SELECT id FROM article WHERE text_sha256 = ? AND outlet = ? AND url = ?")
	if err != nil {
		return nil, err
	}
	defer find.Close()
	origins, err := newOriginWriter(ctx, tx, now) // provenance: origins.go
	if err != nil {
		return nil, err
	}
	defer origins.close()

	out := make([]AddResult, len(arts))
	for i := range arts {
		a := &arts[i]
		if id, ok, err := origins.known(ctx, a); err != nil || ok {
			if err == nil {
				out[i] = AddResult{ID: id, Duplicate: true} // the same database document
				err = origins.record(ctx, id, a, false)
			}
			if err != nil {
				return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
			}
			continue
		}
		hash := articleKey(a)
		words, imported := wordsAndTime(a, now)
		var id int64
		err := ins.QueryRowContext(ctx, nullID(a.FamilyID), a.Title, a.Outlet, a.URL, a.Byline,
			day(a.PublishedAt), day(a.RetrievedAt), a.SourcePath, hash, words, stamp(imported), a.Text).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := find.QueryRowContext(ctx, hash, a.Outlet, a.URL).Scan(&id); err != nil {
				return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
			}
			out[i] = AddResult{ID: id, Duplicate: true}
		case err != nil:
			if isForeignKey(err) {
				return nil, fmt.Errorf("article %d (%s): family %d: %w", i, a.SourcePath, a.FamilyID, ErrNotFound)
			}
			return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
		default:
			out[i] = AddResult{ID: id}
			if a.FamilyID == 0 {
				// a story of its own until grouping finds its versions
				if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO family (id, created_at) VALUES (?, ?)", id, stamp(now)); err != nil {
					return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
				}
				if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = ? WHERE id = ?", id, id); err != nil {
					return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
				}
			}
		}
		if err := origins.record(ctx, out[i].ID, a, !out[i].Duplicate); err != nil {
			return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
		}
	}
	return out, nil
}

// nullID stores the id 0 ("none") as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Article returns one article with its text.
func (s *Store) Article(ctx context.Context, id int64) (annotate.Article, error) {
	var (
		a                  annotate.Article
		family             sql.NullInt64
		pub, ret, imported sql.NullString
	)
	err := s.read.QueryRowContext(ctx, `SELECT id, family_id, title, outlet, url, byline,
		published_at, retrieved_at, source_path, text_sha256, words, imported_at, text, text_missing
		FROM article WHERE id = ?`, id).Scan(&a.ID, &family, &a.Title, &a.Outlet, &a.URL, &a.Byline,
		&pub, &ret, &a.SourcePath, &a.TextSHA256, &a.Words, &imported, &a.Text, &a.TextMissing)
	if errors.Is(err, sql.ErrNoRows) {
		return annotate.Article{}, fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return annotate.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	a.FamilyID = family.Int64
	if a.PublishedAt, err = parseTime(pub); err != nil {
		return annotate.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	if a.RetrievedAt, err = parseTime(ret); err != nil {
		return annotate.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	if a.ImportedAt, err = parseTime(imported); err != nil {
		return annotate.Article{}, fmt.Errorf("article %d: %w", id, err)
	}
	return a, nil
}

// Coded filters articles by whether they are coded.
type Coded int

const (
	CodedAny Coded = iota
	CodedYes       // coded: at least one confirmed code (annotate.Annotation.Confirmed)
	CodedNo        // not coded
)

// confirmedSQL is annotate.Annotation.Confirmed as a condition on an
// annotation row n: live, and made here or carried here and confirmed.
// It is the one definition of "coded" for every query.
const confirmedSQL = "n.deleted = 0 AND (n.carried_from IS NULL OR n.carry_status = 'confirmed')"

// pendingSQL is annotate.Annotation.Pending for a live row n.
const pendingSQL = "n.deleted = 0 AND n.carried_from IS NOT NULL AND n.carry_status NOT IN ('confirmed', 'rejected')"

// Query selects articles for the library list.
type Query struct {
	// Search is what the user typed. Each word is matched as a literal
	// (FTS5 syntax is not interpreted) and the last word as a prefix, so
	// the list narrows as the user types. Words with no letter or digit
	// are ignored.
	Search string
	Coded  Coded
	// Annotator, when set, makes Coded and the summaries' Coded and
	// Pending flags about this analyst's codes; otherwise anyone's.
	Annotator string
	// AssignedTo, when set, keeps the articles assigned to that coder.
	AssignedTo string
	Order      Order
	// HideExcluded leaves out the articles set aside (Exclude), as the
	// next-uncoded key and the counts do.
	HideExcluded bool
	Limit        int // 0 = all
	Offset       int
}

// Order is how the library list is sorted.
type Order int

const (
	ByDate   Order = iota // publication time (unknown last), then id
	ByOutlet              // outlet, then date
	ByTitle               // title, then date
	ByStory               // stories by their first version's date, versions in order beneath
)

// Articles lists article summaries ordered by publication time (unknown
// last), then id.
func (s *Store) Articles(ctx context.Context, q Query) ([]annotate.ArticleSummary, error) {
	var (
		b    strings.Builder
		args []any
		and  = " WHERE "
	)
	who := ""
	if q.Annotator != "" {
		who = " AND n.annotator = ?"
	}
	coded := "EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = a.id AND " + confirmedSQL + who + ")"
	pending := "EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = a.id AND " + pendingSQL + who + ")"
	place := "0, 0"
	if q.Order == ByStory {
		place = `row_number() OVER (PARTITION BY coalesce(a.family_id, -a.id) ORDER BY a.published_at IS NULL, a.published_at, a.id),
			count(*) OVER (PARTITION BY coalesce(a.family_id, -a.id))`
	}
	b.WriteString(`SELECT a.id, a.family_id, a.title, a.outlet, a.published_at, a.words, ` + coded + `, ` + pending + `, ` + place + `,
		(SELECT x.reason FROM article_exclusion x WHERE x.article_id = a.id)
		FROM article a`)
	if q.Annotator != "" {
		args = append(args, q.Annotator, q.Annotator)
	}
	if cond, arg := s.searchSQL(q.Search); cond != "" {
		b.WriteString(and + cond)
		args = append(args, arg)
		and = " AND "
	}
	if q.HideExcluded {
		b.WriteString(and + "NOT " + excludedSQL)
		and = " AND "
	}
	switch q.Coded {
	case CodedYes:
		b.WriteString(and + coded)
		and = " AND "
	case CodedNo:
		b.WriteString(and + "NOT " + coded)
		and = " AND "
	}
	if q.Coded != CodedAny && q.Annotator != "" {
		args = append(args, q.Annotator)
	}
	if q.AssignedTo != "" {
		b.WriteString(and + "a.id IN (SELECT article_id FROM assignment WHERE coder = ?)")
		args = append(args, q.AssignedTo)
	}
	switch q.Order {
	case ByOutlet:
		b.WriteString(" ORDER BY a.outlet = '', a.outlet COLLATE NOCASE, a.published_at IS NULL, a.published_at, a.id")
	case ByTitle:
		b.WriteString(" ORDER BY a.title COLLATE NOCASE, a.published_at IS NULL, a.published_at, a.id")
	case ByStory:
		// a story sorts by its first version's time; its versions follow in order
		b.WriteString(` ORDER BY (SELECT min(coalesce(f.published_at, '9999')) FROM article f WHERE f.family_id = a.family_id),
			coalesce(a.family_id, -a.id), a.published_at IS NULL, a.published_at, a.id`)
	default:
		// Matches the article_list index, so no sort is needed.
		b.WriteString(" ORDER BY a.published_at IS NULL, a.published_at, a.id")
	}
	if q.Limit > 0 || q.Offset > 0 {
		limit := q.Limit
		if limit <= 0 {
			limit = 1 << 62 // no limit, said the same way to both databases
		}
		b.WriteString(" LIMIT ? OFFSET ?")
		args = append(args, limit, max(q.Offset, 0))
	}

	rows, err := s.read.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	out := make([]annotate.ArticleSummary, 0, max(q.Limit, 0))
	for rows.Next() {
		var (
			a      annotate.ArticleSummary
			family sql.NullInt64
			pub    sql.NullString
			reason sql.NullString
		)
		if err := rows.Scan(&a.ID, &family, &a.Title, &a.Outlet, &pub, &a.Words, &a.Coded, &a.Pending, &a.Version, &a.Versions, &reason); err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		a.Excluded, a.ExclusionReason = reason.Valid, reason.String
		a.FamilyID = family.Int64
		a.Pending = a.Pending && !a.Coded
		if a.PublishedAt, err = parseTime(pub); err != nil {
			return nil, fmt.Errorf("list articles: article %d: %w", a.ID, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// matchExpr turns what a user typed into a safe FTS5 query: every word
// quoted as a string (so AND, NEAR, *, ^ and stray quotes are literal), the
// last one a prefix. It returns "" when nothing searchable is left.
func matchExpr(search string) string {
	var terms []string
	for _, w := range strings.Fields(search) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	if len(terms) == 0 {
		return ""
	}
	terms[len(terms)-1] += "*"
	return strings.Join(terms, " ")
}

// Progress is how far the coding has come: articles in the analysis (those
// not excluded), and for each analyst how many of them they have coded
// (annotate.Coded's rule). Excluded articles count in none of these.
type Progress struct {
	Articles int
	Coded    map[string]int // analyst -> articles coded
	Anyone   int            // articles coded by at least one analyst
	Excluded int            // articles set aside (Exclude), outside the counts above
}

// Progress counts coded articles per analyst, leaving out excluded ones.
func (s *Store) Progress(ctx context.Context) (Progress, error) {
	p := Progress{Coded: map[string]int{}}
	if err := s.read.QueryRowContext(ctx, "SELECT count(*), count(*) FILTER (WHERE "+excludedSQL+") FROM article a").Scan(&p.Articles, &p.Excluded); err != nil {
		return p, fmt.Errorf("count articles: %w", err)
	}
	p.Articles -= p.Excluded
	included := "NOT EXISTS (SELECT 1 FROM article_exclusion x WHERE x.article_id = n.article_id)"
	rows, err := s.read.QueryContext(ctx, "SELECT n.annotator, count(DISTINCT n.article_id) FROM annotation n WHERE "+confirmedSQL+" AND "+included+" GROUP BY n.annotator")
	if err != nil {
		return p, fmt.Errorf("count coded articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var who string
		var n int
		if err := rows.Scan(&who, &n); err != nil {
			return p, fmt.Errorf("count coded articles: %w", err)
		}
		p.Coded[who] = n
	}
	if err := rows.Err(); err != nil {
		return p, fmt.Errorf("count coded articles: %w", err)
	}
	if err := s.read.QueryRowContext(ctx, "SELECT count(DISTINCT n.article_id) FROM annotation n WHERE "+confirmedSQL+" AND "+included).Scan(&p.Anyone); err != nil {
		return p, fmt.Errorf("count coded articles: %w", err)
	}
	return p, nil
}

// CountArticles returns how many articles are stored.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM article").Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}
