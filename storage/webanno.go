package storage

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"redline/annotate"
	"redline/version"
)

// The W3C Web Annotation form (https://www.w3.org/TR/annotation-model/):
// one annotation per line, the standard's fields for any tool that reads
// the model, and everything Redline needs to rebuild the annotation under
// the extension property "redline", which ImportWebAnnotations trusts over
// the standard fields (a body is a rendering of it, not its source).
const (
	annoContext       = "http://www.w3.org/ns/anno.jsonld"
	annotationURNBase = "urn:redline:annotation:"
	articleURNBase    = "urn:redline:article:"
)

// waAgent is a creator or generator.
type waAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// waBody is a TextualBody: the code (purpose classifying), the note
// (commenting) or the source name (tagging).
type waBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
	Format  string `json:"format,omitempty"`
}

// waTarget is the article, by the hash of its text, narrowed by selectors
// for a span. Scope is the page the article was read from, when known.
type waTarget struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Scope    string `json:"scope,omitempty"`
	Selector []any  `json:"selector,omitempty"`
}

type waQuoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// waPositionSelector counts code points, as Redline's rune offsets do.
type waPositionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// waRedline is the extension object: the annotation as Redline keeps it,
// minus what the standard fields carry exactly (id, annotator as creator
// name, created, modified, the article and the span).
type waRedline struct {
	Codebook        string   `json:"codebook"`
	CodebookVersion int      `json:"codebook_version"`
	Dimension       string   `json:"dimension"`
	Target          string   `json:"target"`
	Value           string   `json:"value"`
	Note            string   `json:"note"`
	SourceName      string   `json:"source_name,omitempty"`
	LinkedTo        string   `json:"linked_to,omitempty"`
	Carry           *waCarry `json:"carry,omitempty"`
	Deleted         bool     `json:"deleted"`
	// Settles lists the codes an adjudicated code settles.
	Settles        []string `json:"settles,omitempty"`
	RedlineVersion string   `json:"redline_version,omitempty"` // the Redline that exported it
	// Excluded and ExclusionReason say the article was set aside from the
	// analysis (Exclude). They describe the article, not the code, and a
	// merge does not bring them in.
	Excluded        bool   `json:"excluded,omitempty"`
	ExclusionReason string `json:"exclusion_reason,omitempty"`
}

type waCarry struct {
	From   string  `json:"from"`
	Status string  `json:"status"`
	Score  float64 `json:"score"`
}

// waAnnotation is one exported line, fields in the order the standard's
// examples use.
type waAnnotation struct {
	Context    string    `json:"@context"`
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Creator    waAgent   `json:"creator"`
	Created    string    `json:"created"`
	Modified   string    `json:"modified"`
	Generator  waAgent   `json:"generator"`
	Body       []waBody  `json:"body"`
	Target     waTarget  `json:"target"`
	Redline    waRedline `json:"redline"`
}

// ExportWebAnnotations writes every annotation, tombstones included (so
// another machine's import learns of deletions), as W3C Web Annotation
// JSON, one per line, streaming from one read snapshot. Annotations with a
// value are "classifying"; those without one (text dimensions such as a
// note, whose text is the note) are "commenting". Span targets carry a
// TextQuoteSelector and a TextPositionSelector in code points.
func (s *Store) ExportWebAnnotations(ctx context.Context, w io.Writer) error {
	return s.ExportWebAnnotationsFiltered(ctx, w, ExportFilter{})
}

// ExportWebAnnotationsFiltered is ExportWebAnnotations writing only the
// annotations f lets through.
func (s *Store) ExportWebAnnotationsFiltered(ctx context.Context, w io.Writer, f ExportFilter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err := s.eachRow(ctx, rowQuery{tombstones: true, filter: f}, func(r *annRow) error {
		return enc.Encode(webAnnotation(r))
	})
	if err != nil {
		return fmt.Errorf("export web annotations: %w", err)
	}
	return nil
}

func webAnnotation(r *annRow) waAnnotation {
	a := waAnnotation{
		Context: annoContext, ID: annotationURNBase + r.id, Type: "Annotation",
		Motivation: "classifying",
		Creator:    waAgent{Type: "Person", Name: r.annotator},
		Created:    r.created, Modified: r.updated,
		Generator: waAgent{Type: "Software", Name: "Redline"},
		Target:    waTarget{Type: "SpecificResource", Source: articleURNBase + r.sha, Scope: r.url},
		Redline: waRedline{Codebook: r.codebook, CodebookVersion: r.codebookVersion,
			Dimension: r.dimension, Target: r.target, Value: r.value, Note: r.note,
			SourceName: r.source, LinkedTo: r.linked.String, Deleted: r.deleted,
			RedlineVersion: version.String(),
			Excluded:       r.exclusion.Valid, ExclusionReason: r.exclusion.String},
	}
	if r.value == "" {
		a.Motivation = "commenting"
	} else {
		a.Body = append(a.Body, waBody{Type: "TextualBody", Purpose: "classifying", Value: r.value})
	}
	if r.note != "" || r.value == "" {
		a.Body = append(a.Body, waBody{Type: "TextualBody", Purpose: "commenting", Value: r.note, Format: "text/plain"})
	}
	if r.source != "" {
		a.Body = append(a.Body, waBody{Type: "TextualBody", Purpose: "tagging", Value: r.source})
	}
	if r.from.Valid {
		a.Redline.Carry = &waCarry{From: r.from.String, Status: r.status.String, Score: r.score.Float64}
	}
	a.Redline.Settles = strings.Fields(r.settles)
	if r.start.Valid {
		a.Target.Selector = []any{
			waQuoteSelector{Type: "TextQuoteSelector", Exact: r.quote.String, Prefix: r.prefix.String, Suffix: r.suffix.String},
			waPositionSelector{Type: "TextPositionSelector", Start: int(r.start.Int64), End: int(r.end.Int64)},
		}
	}
	return a
}

// ImportReport says what an import did: annotations added, updated (the
// incoming one was newer), left unchanged (the stored one was as new or
// newer), and lines or rows skipped, each with a problem naming its line.
// Problems also names, without skipping it, an unchanged annotation that
// differs from the stored one with the same modified time (the stored one
// is kept).
//
// Conflicts counts the skipped lines that would have moved a stored
// annotation to another article or another annotator; they are never
// applied.
type ImportReport struct {
	Articles                           int // articles brought in (merging a whole database)
	Added, Updated, Unchanged, Skipped int
	Conflicts                          int
	Problems                           []string
}

// MaxLineBytes is the longest line (JSON Lines) or row (CSV) a merge
// reads; a longer one is skipped with a problem, so one huge note cannot
// take the machine's memory.
var MaxLineBytes = 16 << 20

// boundedLine reads the next line without its "\n" into *buf. A line
// longer than limit is read to its end but not kept (tooLong). err is
// io.EOF on the last line.
func boundedLine(br *bufio.Reader, buf *[]byte, limit int) (line []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(*buf)+len(chunk) > limit+1 {
				tooLong = true
				*buf = (*buf)[:0]
			} else {
				*buf = append(*buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		return bytes.TrimSuffix(*buf, []byte("\n")), false, err
	}
}

// sizeWords writes a byte count for a message: "16 MB".
func sizeWords(n int) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// importBatch is how many lines or rows share one transaction.
const importBatch = 500

// ImportWebAnnotations reads what ExportWebAnnotations writes and upserts
// each annotation by id, the later modified time winning (so importing the
// same file twice, or an older copy, changes nothing). An annotation's
// article is found by the hash of its text; one whose article is not
// stored, and a line that cannot be read, is skipped with a problem giving
// its line number while the rest import. Every 500 lines are committed
// together; on an error the report counts what was committed.
//
// The "redline" object is required: an annotation made by another tool has
// no codebook dimension to file it under.
func (s *Store) ImportWebAnnotations(ctx context.Context, r io.Reader) (ImportReport, error) {
	im := newImporter(ctx, s)
	defer im.abandon()
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for line := 1; ; line++ {
		data, tooLong, err := boundedLine(br, &buf, MaxLineBytes)
		if err != nil && !errors.Is(err, io.EOF) {
			return im.done, fmt.Errorf("import web annotations: line %d: %w", line, err)
		}
		if len(data) == 0 && !tooLong && errors.Is(err, io.EOF) {
			break
		}
		if tooLong {
			im.problem(line, "line is longer than the %s limit; skipped (raise the limit with redline merge --max-line-bytes)", sizeWords(MaxLineBytes))
		} else if data = bytes.TrimSpace(data); len(data) > 0 {
			if line == 1 {
				data = bytes.TrimPrefix(data, []byte("\ufeff"))
			}
			if err := im.webLine(line, data); err != nil {
				return im.done, fmt.Errorf("import web annotations: line %d: %w", line, err)
			}
		}
		if err := im.endLine(); err != nil {
			return im.done, fmt.Errorf("import web annotations: %w", err)
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if err := im.flush(); err != nil {
		return im.done, fmt.Errorf("import web annotations: %w", err)
	}
	return im.done, nil
}

// waIn is an incoming line: the standard's fields that may come in more
// than one shape are read raw.
type waIn struct {
	ID       string          `json:"id"`
	Type     json.RawMessage `json:"type"`
	Creator  json.RawMessage `json:"creator"`
	Created  string          `json:"created"`
	Modified string          `json:"modified"`
	Target   json.RawMessage `json:"target"`
	Redline  *waRedline      `json:"redline"`
}

type waTargetIn struct {
	Source   string          `json:"source"`
	Selector json.RawMessage `json:"selector"`
}

type waSelectorIn struct {
	Type   string  `json:"type"`
	Exact  *string `json:"exact"`
	Prefix string  `json:"prefix"`
	Suffix string  `json:"suffix"`
	Start  *int    `json:"start"`
	End    *int    `json:"end"`
}

// webLine imports one line. Problems with the line are reported and the
// line skipped; only database failures come back as errors.
func (im *importer) webLine(line int, data []byte) error {
	a, sha, pos, err := parseWebAnnotation(data)
	if err != nil {
		im.problem(line, "%v", err)
		return nil
	}
	id, err := im.articleBySHA(sha, webScope(data), "")
	if err != nil {
		return err
	}
	if id == 0 {
		im.problem(line, "article sha256 %s is not in this database; import its text first", sha)
		return nil
	}
	a.ArticleID = id
	if pos != nil && a.Span == nil {
		// positions without a quote: take the quote and context from the text
		text, err := im.text(id)
		if err != nil {
			return err
		}
		if a.Span, err = annotate.NewSpan(text, pos[0], pos[1]); err != nil {
			im.problem(line, "%v", err)
			return nil
		}
	}
	return im.put(line, a)
}

// parseWebAnnotation turns a line into an annotation (ArticleID unset) and
// its article's hash. pos is the span's start and end when the target has
// a TextPositionSelector but no TextQuoteSelector; the caller fills in the
// quote.
func parseWebAnnotation(data []byte) (a annotate.Annotation, sha string, pos []int, err error) {
	var in waIn
	if err := json.Unmarshal(data, &in); err != nil {
		return a, "", nil, errors.New(jsonReason(err))
	}
	if !hasType(in.Type, "Annotation") {
		return a, "", nil, fmt.Errorf(`type is not "Annotation"`)
	}
	id, ok := strings.CutPrefix(in.ID, annotationURNBase)
	if !ok || strings.TrimSpace(id) == "" {
		return a, "", nil, fmt.Errorf("id %q is not a Redline annotation id (%s...)", in.ID, annotationURNBase)
	}
	if in.Redline == nil {
		return a, "", nil, fmt.Errorf("annotation %s has no redline object (made by another tool?)", id)
	}
	who, err := creatorName(in.Creator)
	if err != nil {
		return a, "", nil, fmt.Errorf("annotation %s: %v", id, err)
	}
	rl := in.Redline
	a = annotate.Annotation{ID: id, Annotator: who, Codebook: rl.Codebook, CodebookVersion: rl.CodebookVersion,
		Dimension: rl.Dimension, Target: rl.Target, Value: rl.Value, Note: rl.Note,
		Source: rl.SourceName, LinkedTo: rl.LinkedTo, Deleted: rl.Deleted}
	for _, id := range rl.Settles {
		if strings.TrimSpace(id) == "" || strings.ContainsAny(id, " \t\r\n") {
			return a, "", nil, fmt.Errorf("annotation %s: settles holds %q, which is not an annotation id", a.ID, id)
		}
	}
	a.Settles = strings.Join(rl.Settles, " ")
	if rl.Carry != nil {
		a.Carry = &annotate.Carry{From: rl.Carry.From, Status: annotate.CarryStatus(rl.Carry.Status), Score: rl.Carry.Score}
	}
	if a.CreatedAt, a.UpdatedAt, err = webTimes(in.Created, in.Modified); err != nil {
		return a, "", nil, fmt.Errorf("annotation %s: %v", id, err)
	}
	var t waTargetIn
	switch first := firstByte(in.Target); first {
	case '"':
		err = json.Unmarshal(in.Target, &t.Source)
	case '{':
		err = json.Unmarshal(in.Target, &t)
		if err != nil {
			err = errors.New(jsonReason(err))
		}
	case '[':
		return a, "", nil, fmt.Errorf("annotation %s has more than one target", id)
	default:
		return a, "", nil, fmt.Errorf("annotation %s has no target", id)
	}
	if err != nil {
		return a, "", nil, fmt.Errorf("annotation %s: target: %v", id, err)
	}
	sha, ok = strings.CutPrefix(t.Source, articleURNBase)
	if !ok || sha == "" {
		return a, "", nil, fmt.Errorf("annotation %s: target %q is not a Redline article (%s<sha256>)", id, t.Source, articleURNBase)
	}
	sels, err := selectors(t.Selector)
	if err != nil {
		return a, "", nil, fmt.Errorf("annotation %s: selector: %s", id, jsonReason(err))
	}
	var quote, position *waSelectorIn
	for i := range sels {
		switch sels[i].Type {
		case "TextQuoteSelector":
			quote = &sels[i]
		case "TextPositionSelector":
			position = &sels[i]
		}
	}
	switch {
	case position == nil && quote != nil:
		return a, "", nil, fmt.Errorf("annotation %s: a TextQuoteSelector needs a TextPositionSelector beside it", id)
	case position == nil && len(sels) > 0:
		return a, "", nil, fmt.Errorf("annotation %s: no TextPositionSelector among the selectors", id)
	case position == nil:
		return a, sha, nil, nil
	case position.Start == nil || position.End == nil:
		return a, "", nil, fmt.Errorf("annotation %s: TextPositionSelector needs start and end", id)
	case quote == nil:
		return a, sha, []int{*position.Start, *position.End}, nil
	case quote.Exact == nil:
		return a, "", nil, fmt.Errorf("annotation %s: TextQuoteSelector has no exact", id)
	}
	a.Span = &annotate.Span{Start: *position.Start, End: *position.End,
		Quote: *quote.Exact, Prefix: quote.Prefix, Suffix: quote.Suffix}
	return a, sha, nil, nil
}

// jsonReason words a decoding error without Go's type names.
func jsonReason(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		want := "a different kind of value"
		switch te.Type.Kind().String() {
		case "string":
			want = "text"
		case "int", "int64", "float64":
			want = "a number"
		case "bool":
			want = "true or false"
		case "struct", "map":
			want = "an object"
		case "slice":
			want = "an array"
		}
		found := map[string]string{"string": "text", "number": "a number", "bool": "true or false",
			"object": "an object", "array": "an array"}[te.Value]
		if found == "" {
			found = te.Value
		}
		if te.Field == "" {
			return fmt.Sprintf("not a JSON object (found %s)", found)
		}
		return fmt.Sprintf("field %q holds %s where %s belongs", te.Field, found, want)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("not a JSON object: %s (at byte %d)", se.Error(), se.Offset)
	}
	return "not a JSON object: " + err.Error()
}

func firstByte(raw json.RawMessage) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return 0
	}
	return raw[0]
}

// hasType reports whether a JSON-LD type (a string or an array of them)
// includes want.
func hasType(raw json.RawMessage, want string) bool {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return one == want
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		for _, t := range many {
			if t == want {
				return true
			}
		}
	}
	return false
}

// creatorName reads the annotator: the name of the creator, or of the
// first creator when there are several.
func creatorName(raw json.RawMessage) (string, error) {
	if firstByte(raw) == '[' {
		var many []json.RawMessage
		if err := json.Unmarshal(raw, &many); err != nil || len(many) == 0 {
			return "", errors.New("no creator")
		}
		raw = many[0]
	}
	var c waAgent
	if firstByte(raw) != '{' || json.Unmarshal(raw, &c) != nil || strings.TrimSpace(c.Name) == "" {
		return "", errors.New("no creator with a name")
	}
	return c.Name, nil
}

// selectors reads a selector or an array of them.
func selectors(raw json.RawMessage) ([]waSelectorIn, error) {
	switch firstByte(raw) {
	case 0:
		return nil, nil
	case '{':
		var one waSelectorIn
		err := json.Unmarshal(raw, &one)
		return []waSelectorIn{one}, err
	default:
		var many []waSelectorIn
		err := json.Unmarshal(raw, &many)
		return many, err
	}
}

// webTimes reads created and modified; a missing modified is created.
func webTimes(created, modified string) (c, m time.Time, err error) {
	if created == "" && modified == "" {
		return c, m, errors.New("neither created nor modified")
	}
	if created != "" {
		if c, err = parseStamp(created); err != nil {
			return c, m, fmt.Errorf("created: %w", err)
		}
	}
	if modified == "" {
		return c, c, nil
	}
	if m, err = parseStamp(modified); err != nil {
		return c, m, fmt.Errorf("modified: %w", err)
	}
	return c, m, nil
}

// parseStamp reads an RFC 3339 time, with any fraction, into UTC.
func parseStamp(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t.UTC(), nil
}

// importer upserts imported annotations by id, the later UpdatedAt
// winning, a batch of lines to a transaction. Annotations are written when
// the batch commits; pending holds them meanwhile, and a later line of the
// same batch with the same id is compared with the pending one.
type importer struct {
	ctx  context.Context
	s    *Store
	tx   *sql.Tx
	stmt struct{ byID, bySHA, hasID, text *sql.Stmt }

	articles   map[string]int64 // text_sha256, url, outlet -> article id, 0 when not stored
	textID     int64            // the article whose text is held
	textOf     string
	pending    []annotate.Annotation
	pendingAt  map[string]int // id -> index in pending
	lines      int            // lines of the open batch
	batchLines int            // lines of the batch being written

	done ImportReport // committed, plus every problem and skip
	cur  ImportReport // counted in the open transaction

	now       time.Time // no incoming change may be dated much later
	codebooks map[codebookKey]*annotate.Codebook
}

func newImporter(ctx context.Context, s *Store) *importer {
	return &importer{ctx: ctx, s: s, now: time.Now()}
}

// begin opens the batch's transaction on first need.
func (im *importer) begin() error {
	if im.tx != nil {
		return nil
	}
	// On PostgreSQL a batch reads every code it may replace, to keep the
	// newer of the two, and writes them at its end: REPEATABLE READ, so a
	// coder's save of one of them in between makes the batch fail rather
	// than put an older code over the coder's newer one. It is not run
	// again by itself (a batch spans many lines of the file and counts as
	// it goes); flush says to merge again, which is safe.
	tx, err := im.s.beginAt(im.ctx, sql.LevelRepeatableRead)
	if err != nil {
		return err
	}
	im.tx = tx
	prep := []struct {
		to *(*sql.Stmt)
		q  string
	}{
		{&im.stmt.byID, "SELECT " + annotationColumns + " FROM annotation WHERE id = ?"},
		{&im.stmt.bySHA, publicationBySHA},
		{&im.stmt.hasID, "SELECT count(*) FROM article WHERE id = ?"},
		{&im.stmt.text, "SELECT text FROM article WHERE id = ?"},
	}
	for _, p := range prep {
		if *p.to, err = tx.PrepareContext(im.ctx, p.q); err != nil {
			im.abandon()
			return err
		}
	}
	im.articles = map[string]int64{}
	im.pendingAt = map[string]int{}
	im.textID = 0
	return nil
}

// abandon rolls back the open batch, if any.
func (im *importer) abandon() {
	if im.tx != nil {
		im.tx.Rollback() // closes the statements too
		im.tx = nil
	}
	im.pending, im.cur = nil, ImportReport{}
}

func (im *importer) problem(line int, format string, args ...any) {
	im.done.Skipped++
	im.done.Problems = append(im.done.Problems, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
}

// endLine counts a line and commits every importBatch lines.
func (im *importer) endLine() error {
	if err := im.ctx.Err(); err != nil {
		return err
	}
	im.lines++
	if im.lines < importBatch {
		return nil
	}
	return im.flush()
}

// flush writes the pending annotations and commits the batch.
func (im *importer) flush() error {
	im.batchLines, im.lines = im.lines, 0
	if im.tx == nil {
		return nil
	}
	err := saveAnnotations(im.ctx, im.tx, im.pending)
	if err == nil {
		err = im.tx.Commit()
	}
	if err != nil {
		im.abandon()
		if isRetryable(err) {
			err = fmt.Errorf("a coder saved some of the same codes while this file was being merged, so its last %d lines were not; "+
				"merge the file again (what was merged stays, and merging again is safe): %w", im.batchLines, err)
		}
		return im.s.lostServer(err, false)
	}
	im.tx = nil
	im.done.Added += im.cur.Added
	im.done.Updated += im.cur.Updated
	im.done.Unchanged += im.cur.Unchanged
	im.pending, im.cur = nil, ImportReport{}
	return nil
}

// articleBySHA returns the id of the article whose text has the hash, or
// 0; of several publications of that text, the one with the URL (and the
// outlet, when given).
func (im *importer) articleBySHA(sha, url, outlet string) (int64, error) {
	if err := im.begin(); err != nil {
		return 0, err
	}
	key := sha + "\x00" + url + "\x00" + outlet
	if id, ok := im.articles[key]; ok {
		return id, nil
	}
	var id int64
	err := im.stmt.bySHA.QueryRowContext(im.ctx, sha, url, outlet).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	im.articles[key] = id
	return id, nil
}

// articleExists reports whether an article with the id is stored.
func (im *importer) articleExists(id int64) (bool, error) {
	if err := im.begin(); err != nil {
		return false, err
	}
	var n int
	err := im.stmt.hasID.QueryRowContext(im.ctx, id).Scan(&n)
	return n > 0, err
}

// text returns an article's text, holding the last one asked for.
func (im *importer) text(id int64) (string, error) {
	if err := im.begin(); err != nil {
		return "", err
	}
	if im.textID != id {
		if err := im.stmt.text.QueryRowContext(im.ctx, id).Scan(&im.textOf); err != nil {
			return "", err
		}
		im.textID = id
	}
	return im.textOf, nil
}

// put upserts a, whose ArticleID is set and stored: added when its id is
// new, replacing the stored one when a is newer, else left out. Two
// versions with the same time that differ keep the stored one and say so.
// A line vet refuses is skipped with its reason; one that would move a
// stored annotation to another article or annotator is a conflict, skipped
// whatever its time.
func (im *importer) put(line int, a annotate.Annotation) error {
	if err := checkAnnotation(a); err != nil {
		im.problem(line, "%s", strings.TrimSuffix(err.Error(), ": "+annotate.ErrInvalid.Error()))
		return nil
	}
	if err := im.begin(); err != nil {
		return err
	}
	if reason, err := im.vet(a); err != nil {
		return err
	} else if reason != "" {
		im.problem(line, "%s", reason)
		return nil
	}
	var (
		prev  annotate.Annotation
		found bool
	)
	if i, ok := im.pendingAt[a.ID]; ok {
		prev, found = im.pending[i], true
	} else {
		rows, err := im.stmt.byID.QueryContext(im.ctx, a.ID)
		if err != nil {
			return err
		}
		if rows.Next() {
			prev, err = scanAnnotation(rows)
			found = err == nil
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return fmt.Errorf("annotation %s: %w", a.ID, err)
		}
	}
	if found {
		if reason := sameIdentity(a, prev); reason != "" {
			im.problem(line, "%s", reason)
			im.done.Conflicts++
			return nil
		}
	}
	switch {
	case !found:
		im.cur.Added++
	case a.UpdatedAt.After(prev.UpdatedAt):
		im.cur.Updated++
	default:
		im.cur.Unchanged++
		if a.UpdatedAt.Equal(prev.UpdatedAt) && !equalAnnotation(a, prev) {
			im.done.Problems = append(im.done.Problems, fmt.Sprintf(
				"line %d: annotation %s differs from the stored one but was modified at the same time; kept the stored one",
				line, a.ID))
		}
		return nil
	}
	if i, ok := im.pendingAt[a.ID]; ok {
		im.pending[i] = a
	} else {
		im.pendingAt[a.ID] = len(im.pending)
		im.pending = append(im.pending, a)
	}
	return nil
}

// equalAnnotation reports whether a and b are the same field by field,
// times compared as instants.
func equalAnnotation(a, b annotate.Annotation) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) || !a.UpdatedAt.Equal(b.UpdatedAt) {
		return false
	}
	if (a.Span == nil) != (b.Span == nil) || (a.Span != nil && *a.Span != *b.Span) {
		return false
	}
	if (a.Carry == nil) != (b.Carry == nil) || (a.Carry != nil && *a.Carry != *b.Carry) {
		return false
	}
	a.CreatedAt, a.UpdatedAt, a.Span, a.Carry = b.CreatedAt, b.UpdatedAt, b.Span, b.Carry
	return a == b
}
