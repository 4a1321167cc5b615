package storage

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"redline/annotate"
	"redline/version"
)

// Form is the shape of a CSV export.
type Form int

const (
	// FormLong has one row per live annotation.
	FormLong Form = iota
	// FormWide has one row per article and annotator, one column per
	// document-level variable of the codebook.
	FormWide
	// FormArticles has one row per article, coded or not (ExportArticles).
	FormArticles
)

// longColumns is the header of the long CSV form, in order. Offsets are
// given both in runes (code points) and in UTF-8 bytes, and say which.
var longColumns = []string{
	"annotation_id", "article_id", "family_id", "title", "outlet", "url", "published",
	"annotator", "dimension", "target", "value", "note", "codebook", "codebook_version",
	"created_at", "updated_at", "text_sha256",
	"span_start_rune", "span_end_rune", "span_start_byte", "span_end_byte",
	"span_text", "span_prefix", "span_suffix",
	"source_name", "linked_to", "carried_from", "carry_status", "carry_score",
	"adjudicated", "settles",
	"excluded", "exclusion_reason",
	"redline_version",
}

// wideLead is the header of the wide form before the codebook's columns.
var wideLead = []string{"article_id", "family_id", "title", "outlet", "url", "published", "annotator"}

// wideTail is the header of the wide form after the codebook's columns.
var wideTail = []string{"excluded", "exclusion_reason", "redline_version"}

// ExportCSV writes the live annotations as CSV (RFC 4180 quoting, UTF-8
// without a BOM, a header row), streaming from the database. ImportCSV reads
// the long form back; tombstones are not exported, so they do not travel
// this way (ExportWebAnnotations carries them).
//
// Lines end in LF, not RFC 4180's CRLF: Go's csv writer in CRLF mode would
// also turn every newline inside a note into CRLF, and Python, R and pandas
// keep that \r, so notes would not survive the trip. All of them read LF.
//
// Text cells starting with = + - @ tab or CR get a leading ' so spreadsheet
// programs do not run them as formulas (OWASP CSV injection); the numbers we
// write ourselves are left alone. A cell that already starts with quotes
// before one of those gets one more, so ImportCSV can undo it exactly. Line
// ends inside text cells are written as LF (see safe).
//
// FormWide needs the codebook whose document-level dimensions become
// columns; with cb nil the latest stored codebook is used. FormLong ignores
// cb.
//
// Every row ends with excluded (0 or 1) and exclusion_reason: whether the
// article was set aside from the analysis (Exclude), and why.
func (s *Store) ExportCSV(ctx context.Context, w io.Writer, form Form, cb *annotate.Codebook) error {
	return s.ExportCSVFiltered(ctx, w, form, cb, ExportFilter{})
}

// ExportCSVFiltered is ExportCSV writing only the rows f lets through.
// FormArticles writes the article-level dataset without texts
// (ExportArticles has the choice).
func (s *Store) ExportCSVFiltered(ctx context.Context, w io.Writer, form Form, cb *annotate.Codebook, f ExportFilter) error {
	if form == FormArticles {
		return s.ExportArticles(ctx, w, f, false)
	}
	cw := csv.NewWriter(w)
	var err error
	switch form {
	case FormLong:
		err = s.exportLongOnly(ctx, cw, nil, f)
	case FormWide:
		if cb == nil {
			if cb, _, err = s.LatestCodebook(ctx); err != nil {
				return fmt.Errorf("export wide: needs a codebook: %w", err)
			}
		}
		err = s.exportWide(ctx, cw, cb, f)
	default:
		return fmt.Errorf("export: unknown form %d", form)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// exportLongOnly writes the long CSV of the codes in only (all when nil)
// that f lets through.
func (s *Store) exportLongOnly(ctx context.Context, cw *csv.Writer, only map[string]bool, f ExportFilter) error {
	if err := cw.Write(longColumns); err != nil {
		return err
	}
	rec := make([]string, len(longColumns))
	return s.eachRow(ctx, rowQuery{byteOffsets: true, filter: f}, func(r *annRow) error {
		if only != nil && !only[r.id] {
			return nil
		}
		rec[0] = safe(r.id)
		rec[1] = strconv.FormatInt(r.articleID, 10)
		rec[2] = nullInt(r.familyID)
		rec[3] = safe(r.title)
		rec[4] = safe(r.outlet)
		rec[5] = safe(r.url)
		rec[6] = r.published.String
		rec[7] = safe(r.annotator)
		rec[8] = safe(r.dimension)
		rec[9] = safe(r.target)
		rec[10] = safe(r.value)
		rec[11] = safe(r.note)
		rec[12] = safe(r.codebook)
		rec[13] = strconv.Itoa(r.codebookVersion)
		rec[14] = r.created
		rec[15] = r.updated
		rec[16] = r.sha
		if r.start.Valid {
			rec[17] = strconv.FormatInt(r.start.Int64, 10)
			rec[18] = strconv.FormatInt(r.end.Int64, 10)
			rec[19], rec[20] = "", ""
			if r.startByte >= 0 {
				rec[19] = strconv.Itoa(r.startByte)
				rec[20] = strconv.Itoa(r.endByte)
			}
			rec[21], rec[22], rec[23] = safe(r.quote.String), safe(r.prefix.String), safe(r.suffix.String)
		} else {
			for i := 17; i <= 23; i++ {
				rec[i] = ""
			}
		}
		rec[24] = safe(r.source)
		rec[25] = safe(r.linked.String)
		rec[26], rec[27], rec[28] = "", "", ""
		if r.from.Valid {
			rec[26] = safe(r.from.String)
			rec[27] = safe(r.status.String)
			if r.score.Valid {
				rec[28] = strconv.FormatFloat(r.score.Float64, 'f', -1, 64)
			}
		}
		rec[29], rec[30] = "0", ""
		if strings.TrimSpace(r.settles) != "" {
			rec[29], rec[30] = "1", safe(strings.Join(strings.Fields(r.settles), " "))
		}
		rec[31], rec[32] = excludedCells(r.exclusion)
		rec[len(rec)-1] = version.String()
		return cw.Write(rec)
	})
}

// annRow is one annotation with its article's fields, as the exports read
// it.
type annRow struct {
	id                    string
	articleID             int64
	familyID              sql.NullInt64
	title, outlet, url    string
	published             sql.NullString
	annotator, dimension  string
	target, value, note   string
	codebook              string
	codebookVersion       int
	created, updated, sha string
	start, end            sql.NullInt64
	quote, prefix, suffix sql.NullString
	startByte, endByte    int // -1 when the span does not fit the text (or not asked for)
	source                string
	linked, from, status  sql.NullString
	score                 sql.NullFloat64
	deleted               bool
	settles               string         // ids an adjudicated code settles, space-separated
	exclusion             sql.NullString // the article's exclusion reason; NULL when not excluded
}

// rowQuery says which annotations eachRow reads and what it works out.
type rowQuery struct {
	tombstones  bool // deleted annotations too, not only live ones
	byteOffsets bool // fill startByte and endByte (reads span rows' texts)
	filter      ExportFilter
}

// eachRow calls fn for every annotation q asks for, ordered by article and
// id, inside one read transaction so the export is one consistent snapshot.
// Only one article's text is held at a time, and only for span rows when
// byte offsets are asked for.
func (s *Store) eachRow(ctx context.Context, q rowQuery, fn func(*annRow) error) error {
	tx, err := s.readTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	side, end, err := s.sideTx(ctx, tx)
	if err != nil {
		return err
	}
	defer end()
	textOf, err := side.PrepareContext(ctx, "SELECT text FROM article WHERE id = ?")
	if err != nil {
		return err
	}
	defer textOf.Close()
	where := "WHERE TRUE"
	if !q.tombstones {
		where += " AND n.deleted = 0"
	}
	cond, args := q.filter.where("n")
	where += cond
	rows, err := tx.QueryContext(ctx, `SELECT n.id, n.article_id, a.family_id, a.title, a.outlet, a.url,
		a.published_at, n.annotator, n.dimension, n.target, n.value, n.note, n.codebook,
		n.codebook_version, n.created_at, n.updated_at, a.text_sha256,
		n.span_start, n.span_end, n.quote, n.prefix, n.suffix,
		n.source_name, n.linked_to, n.carried_from, n.carry_status, n.carry_score, n.deleted,
		n.settles, x.reason
		FROM annotation n JOIN article a ON a.id = n.article_id
		LEFT JOIN article_exclusion x ON x.article_id = a.id
		`+where+`
		ORDER BY n.article_id, n.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		r   annRow
		idx runeIndex
	)
	for rows.Next() {
		err := rows.Scan(&r.id, &r.articleID, &r.familyID, &r.title, &r.outlet, &r.url,
			&r.published, &r.annotator, &r.dimension, &r.target, &r.value, &r.note, &r.codebook,
			&r.codebookVersion, &r.created, &r.updated, &r.sha,
			&r.start, &r.end, &r.quote, &r.prefix, &r.suffix,
			&r.source, &r.linked, &r.from, &r.status, &r.score, &r.deleted, &r.settles, &r.exclusion)
		if err != nil {
			return err
		}
		r.startByte, r.endByte = -1, -1
		if r.start.Valid && q.byteOffsets {
			if !idx.loaded || idx.id != r.articleID {
				var text string
				if err := textOf.QueryRowContext(ctx, r.articleID).Scan(&text); err != nil {
					return fmt.Errorf("text of article %d: %w", r.articleID, err)
				}
				idx.reset(r.articleID, text)
			}
			r.startByte, r.endByte = idx.bytes(int(r.start.Int64), int(r.end.Int64))
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// runeIndex converts rune offsets of one text into byte offsets in O(1),
// the same answer as annotate.Span.ByteOffsets without a scan per span.
type runeIndex struct {
	id     int64
	loaded bool
	text   string
	ascii  bool
	offs   []int // offs[i] is the byte offset of rune i; offs[len] = len(text)
}

func (x *runeIndex) reset(id int64, text string) {
	x.id, x.loaded, x.text, x.offs = id, true, text, x.offs[:0]
	x.ascii = true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			x.ascii = false
			break
		}
	}
}

// bytes returns the byte offsets of runes start and end, or -1, -1 when the
// span does not lie inside the text.
func (x *runeIndex) bytes(start, end int) (int, int) {
	if x.ascii {
		if start < 0 || end < start || end > len(x.text) {
			return -1, -1
		}
		return start, end
	}
	if len(x.offs) == 0 {
		for b := range x.text {
			x.offs = append(x.offs, b)
		}
		x.offs = append(x.offs, len(x.text))
	}
	if start < 0 || end < start || end >= len(x.offs) {
		return -1, -1
	}
	return x.offs[start], x.offs[end]
}

// wideColumn is one codebook column of the wide form.
type wideColumn struct {
	name  string
	dim   string
	match string // the target (single choice) or value (multiple choice) it holds
	kind  annotate.Choice
}

// wideColumns lays out the codebook's document-level dimensions: a column
// per target for single choice with targets, one per value (0/1) for
// multiple choice, else one per dimension.
func wideColumns(cb *annotate.Codebook) []wideColumn {
	var cols []wideColumn
	seen := map[string]int{}
	add := func(c wideColumn) {
		base := c.name
		for seen[c.name] > 0 {
			c.name = fmt.Sprintf("%s_%d", base, seen[base]+1)
			seen[base]++
		}
		seen[c.name]++
		cols = append(cols, c)
	}
	for _, d := range cb.DocumentDimensions() {
		switch {
		case d.Choice == annotate.ChoiceMultiple:
			for _, v := range d.Values {
				add(wideColumn{name: d.Key + "_" + slug(v.Key), dim: d.Key, match: v.Key, kind: d.Choice})
			}
		case d.Choice == annotate.ChoiceSingle && len(d.Targets) > 0:
			for _, t := range d.Targets {
				add(wideColumn{name: d.Key + "_" + slug(t), dim: d.Key, match: t, kind: d.Choice})
			}
		default:
			add(wideColumn{name: d.Key, dim: d.Key, kind: d.Choice})
		}
	}
	return cols
}

// slug makes a column-name part: lower case, runs of anything but letters
// and digits become one underscore ("United States" -> "united_states").
func slug(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
			continue
		}
		under = true
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

func (s *Store) exportWide(ctx context.Context, cw *csv.Writer, cb *annotate.Codebook, f ExportFilter) error {
	cols := wideColumns(cb)
	header := append(append([]string(nil), wideLead...), make([]string, len(cols))...)
	header = append(header, wideTail...)
	tail := len(wideLead) + len(cols)
	type key struct{ dim, match string }
	at := map[key]int{}         // annotation -> column
	multi := map[string][]int{} // multiple-choice dimension -> its 0/1 columns
	for i, c := range cols {
		header[len(wideLead)+i] = c.name
		at[key{c.dim, c.match}] = len(wideLead) + i
		if c.kind == annotate.ChoiceMultiple {
			multi[c.dim] = append(multi[c.dim], len(wideLead)+i)
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}

	tx, err := s.readTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cond, args := f.where("n")
	rows, err := tx.QueryContext(ctx, `SELECT n.article_id, a.family_id, a.title, a.outlet, a.url,
		a.published_at, n.annotator, n.dimension, n.target, n.value, n.note, x.reason
		FROM annotation n JOIN article a ON a.id = n.article_id
		LEFT JOIN article_exclusion x ON x.article_id = a.id
		WHERE n.deleted = 0 AND n.span_start IS NULL`+cond+`
		ORDER BY n.article_id, n.annotator, n.updated_at, n.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()

	rec := make([]string, len(header))
	var (
		curArticle int64
		curWho     string
		open       bool
	)
	flush := func() error {
		if !open {
			return nil
		}
		rec[len(rec)-1] = version.String()
		return cw.Write(rec)
	}
	for rows.Next() {
		var (
			articleID                     int64
			family                        sql.NullInt64
			title, outlet, link           string
			published                     sql.NullString
			who, dim, target, value, note string
			exclusion                     sql.NullString
		)
		if err := rows.Scan(&articleID, &family, &title, &outlet, &link, &published,
			&who, &dim, &target, &value, &note, &exclusion); err != nil {
			return err
		}
		if !open || articleID != curArticle || who != curWho {
			if err := flush(); err != nil {
				return err
			}
			clear(rec)
			rec[0] = strconv.FormatInt(articleID, 10)
			rec[1] = nullInt(family)
			rec[2], rec[3], rec[4] = safe(title), safe(outlet), safe(link)
			rec[5] = published.String
			rec[6] = safe(who)
			rec[tail], rec[tail+1] = excludedCells(exclusion)
			curArticle, curWho, open = articleID, who, true
		}
		if cs, ok := multi[dim]; ok {
			// The annotator coded this dimension: unticked values are 0,
			// not missing.
			for _, c := range cs {
				if rec[c] == "" {
					rec[c] = "0"
				}
			}
			if c, ok := at[key{dim, value}]; ok {
				rec[c] = "1"
			}
			continue
		}
		d := cb.Dimension(dim)
		if d == nil {
			continue
		}
		c, ok := at[key{dim, target}]
		if !ok {
			continue
		}
		// Later updates overwrite earlier ones (rows come in updated_at order).
		switch {
		case d.Choice == annotate.ChoiceText:
			rec[c] = safe(note)
		case d.Numeric() && d.Value(value) != nil:
			// a number the codebook defines ("-1"), not text: written as
			// is, so statistics programs read it as a number
			rec[c] = value
		default:
			rec[c] = safe(value)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// crlf turns CRLF and lone CR line ends into LF: Go's csv reader turns a
// quoted CRLF into LF while Python's keeps it, so only LF reads the same
// everywhere (stored article text is LF already).
var crlf = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// safe prepares a text cell: line ends as LF, and a leading ' on a cell a
// spreadsheet would run as a formula. A cell that starts with quotes and
// then a formula character (a quote and "=x") gets one more quote too
// (which a spreadsheet hides again), so unsafe can tell it from a
// neutralised "=x" and every cell reads back as written (line ends aside).
func safe(s string) string {
	if s == "" {
		return s
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = crlf.Replace(s)
	}
	if formulaLed(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// unsafe undoes safe's quote: one leading ' goes when the first character
// after the run of leading quotes is a formula character. It cannot undo
// the CRLF to LF change.
func unsafe(s string) string {
	if strings.HasPrefix(s, "'") && formulaLed(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

// formulaLed reports whether a spreadsheet would run s as a formula, or
// show it in another direction than written: a formula character (= + - @)
// first or after leading blanks (spaces, no-break spaces, zero-width
// characters), a tab or CR first, or a direction control first.
func formulaLed(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	if bidiControl(r) {
		return true
	}
	rest := strings.TrimLeftFunc(s, blankLead)
	if rest == "" || len(rest) == len(s) {
		return false
	}
	switch rest[0] {
	case '=', '+', '-', '@':
		return true
	}
	return false
}

// blankLead reports whether r is a character a spreadsheet may skip, or
// a reader not see, before a formula: white space and the zero-width
// characters.
func blankLead(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e':
		return true
	}
	return unicode.IsSpace(r) || bidiControl(r)
}

// bidiControl reports whether r sets the direction of the text after it
// (embeddings, overrides, isolates and marks).
func bidiControl(r rune) bool {
	switch {
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	}
	return false
}

// excludedCells are the excluded and exclusion_reason cells of a row.
func excludedCells(reason sql.NullString) (string, string) {
	if !reason.Valid {
		return "0", ""
	}
	return "1", safe(reason.String)
}

func nullInt(n sql.NullInt64) string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatInt(n.Int64, 10)
}

// jsonSpan is the span of a JSONL export line.
type jsonSpan struct {
	StartRune int    `json:"start_rune"`
	EndRune   int    `json:"end_rune"`
	StartByte *int   `json:"start_byte"`
	EndByte   *int   `json:"end_byte"`
	Text      string `json:"text"`
	Prefix    string `json:"prefix"`
	Suffix    string `json:"suffix"`
}

// jsonLine is one line of the JSONL export.
type jsonLine struct {
	AnnotationID    string    `json:"annotation_id"`
	ArticleID       int64     `json:"article_id"`
	FamilyID        *int64    `json:"family_id"`
	Title           string    `json:"title"`
	Outlet          string    `json:"outlet"`
	URL             string    `json:"url"`
	Published       *string   `json:"published"`
	TextSHA256      string    `json:"text_sha256"`
	Annotator       string    `json:"annotator"`
	Codebook        string    `json:"codebook"`
	CodebookVersion int       `json:"codebook_version"`
	Dimension       string    `json:"dimension"`
	Target          string    `json:"target"`
	Value           string    `json:"value"`
	Note            string    `json:"note"`
	Span            *jsonSpan `json:"span"`
	CreatedAt       string    `json:"created_at"`
	UpdatedAt       string    `json:"updated_at"`
	RedlineVersion  string    `json:"redline_version"`
	Excluded        bool      `json:"excluded"`
	ExclusionReason string    `json:"exclusion_reason"`
}

// ExportJSONL writes one JSON object per line for every live annotation,
// with its article's fields; span is null for document-level codes.
func (s *Store) ExportJSONL(ctx context.Context, w io.Writer) error {
	return s.ExportJSONLFiltered(ctx, w, ExportFilter{})
}

// ExportJSONLFiltered is ExportJSONL writing only the lines f lets through.
func (s *Store) ExportJSONLFiltered(ctx context.Context, w io.Writer, f ExportFilter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err := s.eachRow(ctx, rowQuery{byteOffsets: true, filter: f}, func(r *annRow) error {
		l := jsonLine{
			AnnotationID: r.id, ArticleID: r.articleID, Title: r.title, Outlet: r.outlet, URL: r.url,
			TextSHA256: r.sha, Annotator: r.annotator, Codebook: r.codebook,
			CodebookVersion: r.codebookVersion, Dimension: r.dimension, Target: r.target,
			Value: r.value, Note: r.note, CreatedAt: r.created, UpdatedAt: r.updated,
			RedlineVersion: version.String(),
			Excluded:       r.exclusion.Valid, ExclusionReason: r.exclusion.String,
		}
		if r.familyID.Valid {
			l.FamilyID = &r.familyID.Int64
		}
		if r.published.Valid {
			l.Published = &r.published.String
		}
		if r.start.Valid {
			sp := &jsonSpan{StartRune: int(r.start.Int64), EndRune: int(r.end.Int64),
				Text: r.quote.String, Prefix: r.prefix.String, Suffix: r.suffix.String}
			if r.startByte >= 0 {
				sb, eb := r.startByte, r.endByte
				sp.StartByte, sp.EndByte = &sb, &eb
			}
			l.Span = sp
		}
		return enc.Encode(l)
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
