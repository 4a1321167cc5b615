package storage

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

const exportText = "Москва, 1 мая — «Переговоры идут», said the minister.\nA second line, with \"quotes\"."

// exportFixture stores one article coded by two analysts, with every kind
// of awkward cell, and returns the store, codebook and the span annotation.
func exportFixture(t *testing.T) (*Store, *annotate.Codebook, annotate.Annotation) {
	t.Helper()
	s := newTestStore(t)
	ctx := context.Background()
	cb, err := annotate.ParseCodebook(testCodebook)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.AddArticles(ctx, []annotate.Article{{
		Title: "=HYPERLINK(\"http://evil\")", Outlet: "-Wire, Inc.", URL: "https://example.com/a?x=1,2",
		PublishedAt: time.Date(2024, 5, 1, 10, 49, 0, 0, time.UTC), Text: exportText,
	}})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ID
	at := time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)
	n := 0
	mk := func(who, dim, target, value, note string) annotate.Annotation {
		n++
		ts := at.Add(time.Duration(n) * time.Second)
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: who, Codebook: cb.Name,
			CodebookVersion: cb.Version, Dimension: dim, Target: target, Value: value, Note: note,
			CreatedAt: ts, UpdatedAt: ts}
	}
	span, err := annotate.NewSpan(exportText, 16, 33) // «Переговоры идут»
	if err != nil {
		t.Fatal(err)
	}
	spanned := mk("ana", "source", "", "official", "=cmd|' /C calc'!A0")
	spanned.Span, spanned.Source = span, "=Ushakov"
	wasNeutral := mk("ana", "stance", "Russia", "neutral", "")
	nowFav := wasNeutral
	nowFav.Value, nowFav.UpdatedAt = "favourable", at.Add(time.Hour)
	untick := mk("bo", "frames", "", "security", "")
	untick.Deleted = true
	anns := []annotate.Annotation{
		spanned, wasNeutral,
		mk("ana", "stance", "United States", "neutral", ""),
		mk("ana", "frames", "", "economic", ""),
		mk("ana", "primary_frame", "", "economic", ""),
		mk("ana", "note", "", "", "line one\nline two, with \"quotes\"\r\n+1 and @all"),
		untick, // bo has only a tombstone: no wide row
		mk("cy", "source", "", "official", ""),
	}
	anns[len(anns)-1].Span = span // cy has only a span code: no wide row
	anns[len(anns)-1].LinkedTo = spanned.ID
	anns[len(anns)-1].Carry = &annotate.Carry{From: "01HQZX3V5P8J8K2M4N6Q8R0T2V", Status: annotate.CarryFuzzy, Score: 0.75}
	if err := s.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{nowFav}); err != nil {
		t.Fatal(err)
	}
	return s, cb, spanned
}

func exportCSV(t *testing.T, s *Store, form Form, cb *annotate.Codebook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportCSV(context.Background(), &buf, form, cb); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parseBoth reads CSV with encoding/csv and, when python3 is installed,
// with Python's csv module, and fails if they disagree.
func parseBoth(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if py, err := exec.LookPath("python3"); err == nil {
		cmd := exec.Command(py, "-c", `import csv, json, sys
sys.stdout.write(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))`, writeTemp(t, data))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("python3 csv: %v", err)
		}
		var pyRecs [][]string
		if err := json.Unmarshal(out, &pyRecs); err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(recs, pyRecs, slices.Equal) {
			t.Errorf("python reads\n%q\nGo reads\n%q", pyRecs, recs)
		}
	} else {
		t.Log("python3 not found: checked with encoding/csv only")
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportLong(t *testing.T) {
	s, _, spanned := exportFixture(t)
	data := exportCSV(t, s, FormLong, nil)
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("export starts with a BOM")
	}
	header := strings.SplitN(string(data), "\n", 2)[0]
	if got, want := header, strings.Join(longColumns, ","); got != want {
		t.Errorf("header = %s\nwant %s", got, want)
	}
	rows := parseBoth(t, data)
	if got, want := len(rows), 7; got != want { // 8 made, 1 tombstone
		t.Fatalf("got %d rows, want %d", got, want)
	}
	byID := map[string]map[string]string{}
	for _, r := range rows {
		byID[r["annotation_id"]] = r
		if r["title"] != `'=HYPERLINK("http://evil")` || r["outlet"] != "'-Wire, Inc." {
			t.Errorf("title, outlet = %q, %q: want formulas neutralised", r["title"], r["outlet"])
		}
		if r["url"] != "https://example.com/a?x=1,2" || r["published"] != "2024-05-01T10:49:00Z" {
			t.Errorf("url, published = %q, %q", r["url"], r["published"])
		}
		if r["text_sha256"] != annotate.TextHash(exportText) {
			t.Errorf("text_sha256 = %q", r["text_sha256"])
		}
	}
	sp := byID[spanned.ID]
	b0, b1 := spanned.Span.ByteOffsets(exportText)
	wantSpan := map[string]string{
		"span_start_rune": "16", "span_end_rune": "33",
		"span_start_byte": strconv.Itoa(b0), "span_end_byte": strconv.Itoa(b1),
		"span_text": "«Переговоры идут»", "span_prefix": "Москва, 1 мая — ",
		"note": "'=cmd|' /C calc'!A0", "value": "official", "annotator": "ana",
		"source_name": "'=Ushakov", "linked_to": "", "carried_from": "", "carry_status": "", "carry_score": "",
	}
	for col, want := range wantSpan {
		if got := sp[col]; got != want {
			t.Errorf("span row %s = %q, want %q", col, got, want)
		}
	}
	if got := exportText[b0:b1]; got != sp["span_text"] {
		t.Errorf("byte offsets cut %q, want %q", got, sp["span_text"])
	}
	var carried map[string]string
	for _, r := range rows {
		if r["annotator"] == "cy" {
			carried = r
		}
	}
	wantCarried := map[string]string{
		"source_name": "", "linked_to": spanned.ID, "carried_from": "01HQZX3V5P8J8K2M4N6Q8R0T2V",
		"carry_status": "fuzzy", "carry_score": "0.75", "span_start_rune": "16",
	}
	for col, want := range wantCarried {
		if got := carried[col]; got != want {
			t.Errorf("carried row %s = %q, want %q", col, got, want)
		}
	}
	if i := slices.Index(longColumns, "source_name"); i != slices.Index(longColumns, "span_suffix")+1 {
		t.Errorf("source_name is column %d: the new columns must follow the span columns", i)
	}
	var notes, favourable int
	for _, r := range rows {
		if r["dimension"] == "note" {
			notes++
			if got, want := r["note"], "line one\nline two, with \"quotes\"\n+1 and @all"; got != want {
				t.Errorf("note = %q, want %q", got, want)
			}
			if r["span_start_rune"] != "" || r["span_text"] != "" || r["carried_from"] != "" || r["carry_score"] != "" {
				t.Errorf("document-level row has span cells: %v", r)
			}
		}
		if r["target"] == "Russia" && r["value"] == "favourable" {
			favourable++
		}
	}
	if notes != 1 || favourable != 1 {
		t.Errorf("notes = %d, Russia favourable = %d; want 1 each", notes, favourable)
	}
}

func TestExportWide(t *testing.T) {
	s, cb, _ := exportFixture(t)
	data := exportCSV(t, s, FormWide, cb)
	header := strings.SplitN(string(data), "\n", 2)[0]
	want := "article_id,family_id,title,outlet,url,published,annotator," +
		"stance_russia,stance_united_states,frames_economic,frames_security,primary_frame,note," +
		"excluded,exclusion_reason,redline_version"
	if header != want {
		t.Errorf("header = %s\nwant %s", header, want)
	}
	rows := parseBoth(t, data)
	if len(rows) != 1 {
		t.Fatalf("got %d rows, want 1 (ana only): %v", len(rows), rows)
	}
	r := rows[0]
	wantRow := map[string]string{
		"annotator": "ana", "family_id": r["article_id"], "title": `'=HYPERLINK("http://evil")`,
		"stance_russia": "favourable", "stance_united_states": "neutral",
		"frames_economic": "1", "frames_security": "0", "primary_frame": "economic",
		"note": "line one\nline two, with \"quotes\"\n+1 and @all",
	}
	for col, want := range wantRow {
		if got := r[col]; got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}

	// With no codebook given, the latest stored one lays out the columns.
	if err := s.ExportCSV(context.Background(), &bytes.Buffer{}, FormWide, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("wide export with no codebook stored: got %v, want ErrNotFound", err)
	}
	if err := s.SaveCodebook(context.Background(), cb, testCodebook); err != nil {
		t.Fatal(err)
	}
	if got := exportCSV(t, s, FormWide, nil); !bytes.Equal(got, data) {
		t.Errorf("wide with the stored codebook differs:\n%s\nwant\n%s", got, data)
	}
}

func TestExportEmpty(t *testing.T) {
	s := newTestStore(t)
	got := string(exportCSV(t, s, FormLong, nil))
	if want := strings.Join(longColumns, ",") + "\n"; got != want {
		t.Errorf("empty long export = %q, want the header only", got)
	}
	cb, _ := annotate.ParseCodebook(testCodebook)
	if got := parseBoth(t, exportCSV(t, s, FormWide, cb)); len(got) != 0 {
		t.Errorf("empty wide export has rows: %v", got)
	}
}

func TestExportJSONL(t *testing.T) {
	s, _, spanned := exportFixture(t)
	var buf bytes.Buffer
	if err := s.ExportJSONL(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("got %d lines, want 7", len(lines))
	}
	var found bool
	for _, l := range lines {
		var got jsonLine
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %s: %v", l, err)
		}
		if got.AnnotationID != spanned.ID {
			if got.Dimension != "source" && got.Span != nil {
				t.Errorf("document-level line has a span: %s", l)
			}
			continue
		}
		found = true
		b0, b1 := spanned.Span.ByteOffsets(exportText)
		if got.Span == nil || got.Span.StartRune != 16 || *got.Span.StartByte != b0 || *got.Span.EndByte != b1 ||
			got.Span.Text != "«Переговоры идут»" || got.Note != spanned.Note {
			t.Errorf("span line = %s", l)
		}
	}
	if !found {
		t.Error("span annotation missing from JSONL")
	}
}

func TestRuneIndex(t *testing.T) {
	texts := []string{"", "plain ascii", "Grüße — 東京 🎉 done", "🎉"}
	for _, text := range texts {
		t.Run(text, func(t *testing.T) {
			var x runeIndex
			x.reset(1, text)
			n := len([]rune(text))
			for start := -1; start <= n+1; start++ {
				for end := start; end <= n+1; end++ {
					gs, ge := x.bytes(start, end)
					ws, we := -1, -1
					if start >= 0 && end <= n {
						ws, we = annotate.Span{Start: start, End: end}.ByteOffsets(text)
					}
					if gs != ws || ge != we {
						t.Errorf("bytes(%d, %d) = %d, %d; want %d, %d", start, end, gs, ge, ws, we)
					}
				}
			}
		})
	}
}

// TestSafe checks that the formula quote is added where a spreadsheet
// would run a cell and that unsafe takes exactly it off again.
func TestSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"a=b", "a=b"},
		{"=SUM(A1)", "'=SUM(A1)"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@all", "'@all"},
		{"\tx", "'\tx"},
		{"'", "'"},
		{"''", "''"},
		{"'abc", "'abc"},
		{"'=x", "''=x"},   // one more quote, so it reads back as typed
		{"''-x", "'''-x"}, // and so on
		{"it's", "it's"},
		{"x\r\ny", "x\ny"}, // line ends become LF: not undone
		{"\rx", "\nx"},     // a CR is a line end too, and LF runs nothing
		// blanks before a formula character do not hide it
		{" =1+1", "' =1+1"},
		{"\u00a0-2", "'\u00a0-2"},
		{"\u200b@all", "'\u200b@all"},
		{"\ufeff\u2060+1", "'\ufeff\u2060+1"},
		{" \t =x", "' \t =x"},
		{"' =x", "'' =x"},
		{" plain", " plain"},
		{"\u00a0", "\u00a0"},
		// a direction override at the start is neutralised, not inside
		{"\u202egnp.exe", "'\u202egnp.exe"},
		{"\u2067x", "'\u2067x"},
		{"a\u202eb", "a\u202eb"},
	}
	for _, tt := range tests {
		got := safe(tt.in)
		if got != tt.want {
			t.Errorf("safe(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back, want := unsafe(got), crlf.Replace(tt.in); back != want {
			t.Errorf("unsafe(%q) = %q, want %q", got, back, want)
		}
	}
	// only a quote before a formula character is taken off
	for _, in := range []string{"'abc", "'", "''", "' x", "'1", "x'=y", "'\u00a0"} {
		if got := unsafe(in); got != in {
			t.Errorf("unsafe(%q) = %q, want it unchanged", in, got)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia", "russia"},
		{"United States", "united_states"},
		{"  Côte d'Ivoire ", "côte_d_ivoire"},
		{"EU/NATO", "eu_nato"},
		{"---", "x"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
