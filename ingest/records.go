package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"redline/annotate"
)

// record is one article's fields as read from JSON or CSV, before they are
// checked and turned into an Article.
type record struct {
	values map[field]string
	ranks  map[field]int
	bad    string // why the record is refused: a field of the wrong kind
}

func (rec *record) set(s synonym, value string) {
	if rec.values == nil {
		rec.values = make(map[field]string, 8)
		rec.ranks = make(map[field]int, 8)
	}
	if old, ok := rec.ranks[s.field]; ok && old <= s.rank && rec.values[s.field] != "" {
		return
	}
	rec.values[s.field] = value
	rec.ranks[s.field] = s.rank
}

// article turns a record into an Article with SourcePath src, or returns
// false after warning (at line, about the record called where) when it has
// no text.
func (r *reader) article(rec *record, src string, line int, where string) (annotate.Article, int, bool) {
	var a annotate.Article
	if rec.bad != "" {
		r.warn(line, "%s%s; skipped", map[bool]string{true: where + ": ", false: ""}[line == 0], rec.bad)
		return a, 0, false
	}
	if strings.TrimSpace(rec.values[fieldText]) == "" {
		r.warn(line, "%s has no text (looked for a field named %s); skipped", where, textNames)
		return a, 0, false
	}
	prefix := "" // a warning with a line number needs no other pointer
	if line == 0 {
		prefix = where + ": "
	}
	replaced := 0
	for f := fieldText; f <= fieldRetrieved; f++ {
		if v, ok := rec.values[f]; ok {
			replaced += r.setField(&a, f, v, line, prefix)
		}
	}
	if a.Text == "" {
		r.warn(line, "%s has no text (looked for a field named %s); skipped", where, textNames)
		return a, 0, false
	}
	a.SourcePath = src
	a.Fill()
	return a, replaced, true
}

// jsonRecord collects the fields of a decoded JSON object.
// A text that is not text (a number, true or false) or a date that is
// neither text nor a number (an object, an array) refuses the record: it
// would store "5" as an article or drop the date without a word.
func jsonRecord(obj map[string]any) *record {
	rec := &record{}
	for k, v := range obj {
		s, ok := lookupField(k)
		if !ok {
			continue
		}
		if reason := wrongKind(v, s.field); reason != "" && rec.bad == "" {
			rec.bad = fmt.Sprintf("field %q is %s, %s", k, jsonKind(v), reason)
		}
		rec.set(s, jsonString(v, s.field))
	}
	return rec
}

// wrongKind says what a field's value should have been when its kind
// cannot be that field, or "".
func wrongKind(v any, f field) string {
	switch f {
	case fieldText:
		switch v.(type) {
		case json.Number, float64, bool:
			return "not text"
		case map[string]any:
			if jsonString(v, f) == "" {
				return "not text"
			}
		}
	case fieldPublished, fieldRetrieved:
		switch v.(type) {
		case bool, []any, map[string]any:
			return "not a date (write it as text, e.g. 2024-05-02T09:00:00Z, or as a Unix time)"
		}
	}
	return ""
}

// jsonString renders a JSON value as a field value: arrays are joined with
// ", " (several authors), an object gives its "name" (a source or author
// object), numbers keep their digits (Unix times for dates).
func jsonString(v any, f field) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.Number:
		if f == fieldPublished || f == fieldRetrieved {
			if n, err := v.Float64(); err == nil {
				return unixTime(n).Format(time.RFC3339)
			}
		}
		return v.String()
	case float64:
		if f == fieldPublished || f == fieldRetrieved {
			return unixTime(v).Format(time.RFC3339)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if s := strings.TrimSpace(jsonString(e, f)); s != "" {
				parts = append(parts, s)
			}
		}
		if f == fieldText {
			return strings.Join(parts, "\n\n")
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		for _, k := range []string{"name", "text", "value", "title"} {
			if s, ok := v[k].(string); ok {
				return s
			}
		}
	}
	return ""
}

// jsonKind names the type of a JSON value for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "an array"
	}
	return "an object"
}

// countingReader counts the bytes read through it, so a truncated file can
// say where it ends.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readJSON reads a .json file: one object, an array of objects, an object
// that wraps such an array ({"articles": [...]}), or objects one after
// another.
func (r *reader) readJSON(in io.Reader) error {
	cr := &countingReader{r: in}
	br := bufio.NewReaderSize(cr, 64<<10)
	first, err := firstNonSpace(br)
	if err != nil {
		return fail("file is empty (it holds only blank space)")
	}
	dec := json.NewDecoder(br)
	dec.UseNumber()
	truncated := func(err error) error {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fail("JSON ends early at byte %d: the file may be cut off", cr.n)
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fail("invalid JSON at byte %d: %s", se.Offset, se.Error())
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fail("invalid JSON at byte %d: %s", te.Offset, te.Error())
		}
		return fail("cannot read: %s", osReason(err))
	}

	n := 0 // records seen
	replaced := 0
	record := func(v any, start, end int64) {
		n++
		where := "record " + strconv.Itoa(n)
		if end-start > int64(MaxRecordBytes) {
			r.warn(0, "%s is %s, larger than the %s limit for one record; skipped (raise the limit with redline import --max-line-bytes)", where, megabytes(end-start), megabytesRound(int64(MaxRecordBytes)))
			return
		}
		obj, ok := v.(map[string]any)
		if !ok {
			r.warn(0, "%s is %s, not an object with the article's fields; skipped", where, jsonKind(v))
			return
		}
		src := r.path + "#" + strconv.Itoa(n)
		if a, rep, ok := r.article(jsonRecord(obj), src, 0, where); ok {
			replaced += rep
			r.emit(a)
		}
	}
	// array streams the elements of an array whose '[' is the next token.
	array := func() error {
		if _, err := dec.Token(); err != nil {
			return truncated(err)
		}
		for dec.More() {
			if err := r.halted(); err != nil {
				return err
			}
			start := dec.InputOffset()
			var v any
			if err := dec.Decode(&v); err != nil {
				return truncated(err)
			}
			record(v, start, dec.InputOffset())
		}
		if _, err := dec.Token(); err != nil {
			return truncated(err)
		}
		return nil
	}

	single := false
	switch first {
	case '[':
		if err := array(); err != nil {
			return err
		}
	case '{':
		for count := 0; dec.More(); count++ {
			if err := r.halted(); err != nil {
				return err
			}
			start := dec.InputOffset()
			var v any
			if err := dec.Decode(&v); err != nil {
				return truncated(err)
			}
			if obj, ok := v.(map[string]any); ok && count == 0 && !dec.More() {
				if list, key := wrappedArray(obj); list != nil {
					r.warn(0, "read the articles inside the %q array", key)
					for _, e := range list {
						record(e, 0, 0)
					}
					break
				}
				single = true
			}
			record(v, start, dec.InputOffset())
		}
	default:
		return fail("not a JSON object or array: the file starts with %q; Redline reads an object, or an array of objects, with a text field", first)
	}
	if _, err := dec.Token(); err != io.EOF {
		r.warn(0, "data after the end of the JSON (at byte %d) ignored", dec.InputOffset())
	}
	if single && len(r.res.Articles) == 1 {
		r.res.Articles[0].SourcePath = r.path
	}
	r.warnReplaced(0, replaced)
	if n == 0 {
		r.warn(0, "the JSON holds no records")
	}
	return nil
}

// wrappedArray finds the array of articles in an object that has no text of
// its own but one field holding an array of objects, as many APIs return.
func wrappedArray(obj map[string]any) ([]any, string) {
	if jsonRecord(obj).values[fieldText] != "" {
		return nil, ""
	}
	var found []any
	var key string
	for k, v := range obj {
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			continue
		}
		if _, ok := list[0].(map[string]any); !ok {
			continue
		}
		if found != nil {
			return nil, "" // more than one: do not guess
		}
		found, key = list, k
	}
	return found, key
}

func firstNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
		case 0xEF:
			bom, _ := br.Peek(3)
			if bytes.Equal(bom, []byte("\uFEFF")) {
				_, _ = br.Discard(3)
				continue
			}
			return b[0], nil
		default:
			return b[0], nil
		}
	}
}

// readJSONL reads one JSON object a line. Bad lines are warnings; the other
// lines are kept.
func (r *reader) readJSONL(in io.Reader) error {
	br := bufio.NewReaderSize(in, 1<<20)
	var (
		long       []byte
		replaced   int
		badLines   int
		firstBad   int
		records    int
		lineNumber int
	)
	for {
		if err := r.halted(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, &long)
		if err != nil && err != io.EOF {
			return fail("cannot read: %s", osReason(err))
		}
		if len(line) == 0 && !tooLong && err == io.EOF {
			break
		}
		lineNumber++
		if lineNumber == 1 {
			line = trimBOM(line)
		}
		if tooLong {
			r.warn(lineNumber, "line is longer than the %s limit for one record; skipped (raise the limit with redline import --max-line-bytes)", megabytesRound(int64(MaxRecordBytes)))
			records++
		} else if line = bytes.TrimSpace(line); len(line) > 0 {
			records++
			r.jsonLine(line, lineNumber, &replaced, &badLines, &firstBad)
		}
		if err == io.EOF {
			break
		}
	}
	if replaced > 0 {
		r.warn(firstBad, "%d invalid bytes replaced on %d lines (the text is not valid UTF-8; it may have been saved in another encoding)", replaced, badLines)
	}
	if records == 0 {
		return fail("file is empty (it holds only blank lines)")
	}
	return nil
}

func (r *reader) jsonLine(line []byte, n int, replaced, badLines, firstBad *int) {
	if line[0] != '{' {
		kind := "not a JSON object"
		if line[0] == '[' {
			kind = "a JSON array, not an object"
		}
		r.warn(n, "line is %s; skipped (each line must be one object with the article's fields)", kind)
		return
	}
	if !utf8.Valid(line) {
		if k := countInvalid(line); k > 0 {
			*replaced += k
			*badLines++
			if *firstBad == 0 {
				*firstBad = n
			}
		}
	}
	var obj map[string]any
	if err := json.Unmarshal(line, &obj); err != nil {
		reason := err.Error()
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset >= int64(len(line)) {
			reason = "the object ends early"
		}
		r.warn(n, "line is not valid JSON (%s); skipped", reason)
		return
	}
	src := r.path + ":" + strconv.Itoa(n)
	if a, _, ok := r.article(jsonRecord(obj), src, n, "line"); ok {
		r.emit(a)
	}
}

// countInvalid counts the bytes of b that are not valid UTF-8.
func countInvalid(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}

// readLine returns the next line without its "\n", using *buf for lines
// longer than the reader's buffer. A line longer than MaxRecordBytes is read
// to its end and dropped, with tooLong set. err is io.EOF on the last line.
func readLine(br *bufio.Reader, buf *[]byte) (line []byte, tooLong bool, err error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(*buf)+len(chunk) > MaxRecordBytes+1 {
				tooLong = true
				*buf = (*buf)[:0]
			} else if err == bufio.ErrBufferFull || len(*buf) > 0 {
				*buf = append(*buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			return nil, true, err
		}
		if len(*buf) > 0 {
			chunk = *buf
		}
		return bytes.TrimSuffix(chunk, []byte("\n")), false, err
	}
}
