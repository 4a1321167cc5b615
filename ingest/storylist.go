package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"redline/annotate"
)

// Options change how files are read.
type Options struct {
	// Columns maps CSV column names (matched case-insensitively, spaces
	// trimmed) to field names (see FieldNames). It wins over the column
	// names Redline knows; the field "ignore" leaves a column out.
	Columns map[string]string
}

// Fields a CSV column can be mapped to beyond those of a JSON record: the
// database's own id for the story, and its section.
const (
	fieldSourceID field = 100 + iota
	fieldSection
)

// FieldIgnore is the field name that leaves a column out.
const FieldIgnore = "ignore"

// fieldNames names the fields a column can be mapped to, in the order a
// mapping preview offers them.
var fieldNames = []struct {
	name  string
	field field
}{
	{"text", fieldText}, {"title", fieldTitle}, {"outlet", fieldOutlet}, {"url", fieldURL},
	{"byline", fieldByline}, {"published", fieldPublished}, {"retrieved", fieldRetrieved},
	{"source_id", fieldSourceID}, {"section", fieldSection}, {FieldIgnore, fieldNone},
}

// FieldNames lists the fields a CSV column can be mapped to, "ignore" last.
func FieldNames() []string {
	out := make([]string, len(fieldNames))
	for i, f := range fieldNames {
		out[i] = f.name
	}
	return out
}

// fieldNamed returns the field called name ("ignore" is fieldNone).
func fieldNamed(name string) (field, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range fieldNames {
		if f.name == name {
			return f.field, true
		}
	}
	return fieldNone, false
}

func nameOfField(f field) string {
	for _, n := range fieldNames {
		if n.field == f {
			return n.name
		}
	}
	return FieldIgnore
}

// CheckMapping reports the first mapping whose field Redline does not know,
// in words for the command line.
func CheckMapping(m map[string]string) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := fieldNamed(m[k]); !ok {
			return fmt.Errorf("column %q mapped to %q: the fields are %s", k, m[k], strings.Join(FieldNames(), ", "))
		}
	}
	return nil
}

func init() {
	// Media Cloud story lists and similar exports
	for name, s := range map[string]synonym{
		"media_name":   {fieldOutlet, 50},
		"media":        {fieldOutlet, 51},
		"stories_id":   {fieldSourceID, 0},
		"story_id":     {fieldSourceID, 1},
		"section":      {fieldSection, 0},
		"collect_date": {fieldRetrieved, 50},
		"indexed_date": {fieldRetrieved, 51},
	} {
		if _, taken := synonyms[name]; !taken {
			synonyms[name] = s
		}
	}
}

// csvState is what the reader knows about the story list it reads.
type csvState struct {
	database string // "Media Cloud" when the header says so
	noText   bool   // a story list: no column maps to text, rows become stubs
	stubs    int    // rows imported without text
}

// csvColumn maps column i of a CSV header to a field; at the first column
// it looks at the whole header to recognise a Media Cloud story list, whose
// "id" column is the story's id.
func (r *reader) csvColumn(header []string, i int) (synonym, bool) {
	if i == 0 {
		r.csv.database = ""
		if isMediaCloud(header) {
			r.csv.database = dbMediaCloud
		}
	}
	if s, ok := r.column(header[i]); ok || r.csv.database != dbMediaCloud {
		return s, ok
	}
	if strings.EqualFold(strings.TrimSpace(header[i]), "id") {
		if _, mapped := lookupMapped(r.opts.Columns, header[i]); !mapped {
			return synonym{fieldSourceID, 0}, true
		}
	}
	return synonym{}, false
}

// isMediaCloud recognises the header of a Media Cloud story list: the older
// API's stories_id, or the newer search tool's id, indexed_date and
// media_name.
func isMediaCloud(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return has["media_name"] && (has["stories_id"] || has["id"] && has["indexed_date"])
}

// column maps one CSV header name to a field: the Options mapping first,
// then the names Redline knows.
func (r *reader) column(name string) (synonym, bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	for k, v := range r.opts.Columns {
		if strings.ToLower(strings.TrimSpace(k)) == key {
			f, ok := fieldNamed(v)
			if !ok || f == fieldNone {
				return synonym{}, false
			}
			return synonym{f, -1}, true
		}
	}
	return lookupField(name)
}

// storyList reports whether a CSV without a text column is a story list
// whose rows can be stored as stubs: it has a title or a URL column.
func (r *reader) storyList(_ []string, columns []synonym) bool {
	has := map[field]bool{}
	for _, c := range columns {
		has[c.field] = true
	}
	r.csv.noText = has[fieldTitle] || has[fieldURL]
	return r.csv.noText
}

// storyRow turns a CSV row into an article, or, in a story list (a CSV
// without a text column), into a stub when the row has a title or URL, and
// notes where in the file it was found. In a CSV with a text column a row
// without text is skipped with a warning: its text was lost, not left out.
func (r *reader) storyRow(rec *record, src string, line int) (annotate.Article, int, bool) {
	var (
		a   annotate.Article
		rep int
		ok  bool
	)
	if r.csv.noText && (strings.TrimSpace(rec.values[fieldTitle]) != "" || strings.TrimSpace(rec.values[fieldURL]) != "") {
		for f := fieldTitle; f <= fieldRetrieved; f++ {
			if v, has := rec.values[f]; has {
				r.setField(&a, f, v, line, "")
			}
		}
		a.TextMissing = true
		a.SourcePath = src
		a.Fill()
		if a.Title == "" {
			a.Title = a.URL
		}
		r.csv.stubs++
		ok = true
	} else {
		a, rep, ok = r.article(rec, src, line, "row")
	}
	if !ok {
		return a, rep, false
	}
	a.Origin = annotate.Origin{
		Database: r.csv.database,
		DocID:    cleanField(rec.values[fieldSourceID]),
		File:     r.path,
		Position: line,
		Section:  cleanField(rec.values[fieldSection]),
	}
	return a, rep, true
}

// warnStubs says how many rows were stored without text.
func (r *reader) warnStubs() {
	switch n := r.csv.stubs; {
	case n == 1:
		r.warn(0, "1 row has no text: stored as a stub (title, URL, date, outlet), marked text missing; it can be coded at document level")
	case n > 1:
		r.warn(0, "%d rows have no text: stored as stubs (title, URL, date, outlet), marked text missing; they can be coded at document level", n)
	}
}

// ColumnGuess is how Redline would read one CSV column.
type ColumnGuess struct {
	Name    string   // the column name as the header gives it
	Field   string   // the field it maps to, "ignore" when none
	Known   bool     // Field comes from a name Redline knows (not from a mapping)
	Samples []string // the first few values, for a preview
}

// CSVPreview is the header of a CSV file, how each column would be read,
// and whether the file can be imported as it is.
type CSVPreview struct {
	Header  []string
	Columns []ColumnGuess
	HasText bool // some column maps to text; otherwise rows become stubs
	Stubs   bool // no text, but a title or URL: rows become stubs
}

// PreviewCSV reads the header and the first rows of a CSV file (samples a
// column, at most) and tells how each column would be read with the
// column mapping m (nil: the names Redline knows).
func PreviewCSV(path string, m map[string]string, samples int) (CSVPreview, error) {
	f, err := os.Open(path)
	if err != nil {
		return CSVPreview{}, fmt.Errorf("%s: %s", path, osReason(err))
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return CSVPreview{}, fmt.Errorf("%s: file is empty", path)
		}
		return CSVPreview{}, fmt.Errorf("%s: cannot read the header row: %v", path, err)
	}
	r := &reader{opts: Options{Columns: m}}
	p := CSVPreview{Header: header}
	var cols []synonym
	for i, h := range header {
		s, ok := r.csvColumn(header, i)
		_, mapped := lookupMapped(m, h)
		cols = append(cols, s)
		g := ColumnGuess{Name: h, Field: FieldIgnore, Known: ok && !mapped}
		if ok {
			g.Field = nameOfField(s.field)
		}
		if s.field == fieldText {
			p.HasText = true
		}
		p.Columns = append(p.Columns, g)
	}
	p.Stubs = !p.HasText && r.storyList(header, cols)
	for n := 0; n < samples; n++ {
		row, err := cr.Read()
		if err != nil {
			break
		}
		for i := range p.Columns {
			if i < len(row) {
				v := cleanField(row[i])
				if len([]rune(v)) > 80 {
					v = string([]rune(v)[:79]) + "…"
				}
				p.Columns[i].Samples = append(p.Columns[i].Samples, v)
			}
		}
	}
	return p, nil
}

// CSVHeader returns the header row of a CSV file, or nil when it has none
// that can be read.
func CSVHeader(path string) []string {
	p, err := PreviewCSV(path, nil, 0)
	if err != nil {
		return nil
	}
	return p.Header
}

func lookupMapped(m map[string]string, name string) (string, bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	for k, v := range m {
		if strings.ToLower(strings.TrimSpace(k)) == key {
			return v, true
		}
	}
	return "", false
}
