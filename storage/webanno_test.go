package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/version"
)

// Texts of the round-trip fixture: Cyrillic and guillemets, and a text
// with characters outside the Basic Multilingual Plane (one code point,
// two UTF-16 units, four UTF-8 bytes), where offsets in other units drift.
var tripTexts = []string{
	exportText,
	"🎉 Grüße aus 東京 — \"we will see\", said =Ushakov.\nSecond line, 🎉 again.",
}

// tripURL is the url of tripTexts[i]'s article ("" for none).
func tripURL(i int) string {
	if i == 0 {
		return "https://example.com/0?a=1&b=2"
	}
	return ""
}

// tripStore is a store made for a round trip and the ids of its articles,
// in tripTexts order.
type tripStore struct {
	s   *Store
	ids []int64
}

// newTripStore stores tripTexts behind an unrelated article, in reverse
// order, so article ids differ from the fixture's and only the text hash
// can match an annotation to its article.
func newTripStore(t *testing.T) tripStore {
	t.Helper()
	s := newTestStore(t)
	ctx := context.Background()
	arts := []annotate.Article{{Title: "unrelated", Text: "Nothing to see here."}}
	for i := len(tripTexts) - 1; i >= 0; i-- {
		arts = append(arts, annotate.Article{Title: fmt.Sprintf("copy %d", i), URL: tripURL(i), Text: tripTexts[i]})
	}
	res, err := s.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(tripTexts))
	for i := range tripTexts {
		ids[i] = res[len(res)-1-i].ID
	}
	return tripStore{s: s, ids: ids}
}

// tripFixture stores the texts with a varied set of annotations and returns
// the store and every annotation, tombstones included.
func tripFixture(t *testing.T) (tripStore, []annotate.Annotation) {
	t.Helper()
	s := newTestStore(t)
	ctx := context.Background()
	var arts []annotate.Article
	for i, text := range tripTexts {
		arts = append(arts, annotate.Article{Title: fmt.Sprintf("art %d", i), URL: tripURL(i), Text: text})
	}
	res, err := s.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	a, b := res[0].ID, res[1].ID
	at := time.Date(2024, 5, 2, 9, 0, 0, 123456789, time.UTC)
	n := 0
	mk := func(article int64, who, dim, target, value, note string) annotate.Annotation {
		n++
		created := at.Add(time.Duration(n) * time.Second)
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: article, Annotator: who, Codebook: "test",
			CodebookVersion: 3, Dimension: dim, Target: target, Value: value, Note: note,
			CreatedAt: created, UpdatedAt: created.Add(time.Duration(n) * time.Millisecond)}
	}
	span := func(text string, start, end int) *annotate.Span {
		sp, err := annotate.NewSpan(text, start, end)
		if err != nil {
			t.Fatal(err)
		}
		return sp
	}

	stance := mk(a, "ana", "stance", "Russia", "favourable", "=cmd|' /C calc'!A0")
	frames := mk(a, "ana", "frames", "", "economic", "")
	note := mk(a, "ana", "note", "", "", "line one\nline two, with \"quotes\" and a, comma\n+1 and @all\n'=already quoted")
	speaker := mk(a, "ana", "source", "", "official", "")
	speaker.Span, speaker.Source = span(tripTexts[0], 0, 6), "Москва" // at the start: no prefix
	quote := mk(a, "ana", "stance", "Russia", "neutral", "")
	quote.Span, quote.Source, quote.LinkedTo = span(tripTexts[0], 16, 33), "Москва", speaker.ID
	gone := mk(a, "-bo", "frames", "", "security", "")
	gone.Deleted = true
	carried := mk(b, "ana", "source", "", "official", "")
	carried.Span, carried.Source = span(tripTexts[1], 33, 45), "+Anon @ministry"
	carried.Carry = &annotate.Carry{From: annotate.NewID(), Status: annotate.CarryMoved, Score: 0.8125}
	orphan := mk(b, "-bo", "source", "", "official", "\ttabbed")
	orphan.Span = span(tripTexts[1], 0, 1) // the emoji
	orphan.Carry = &annotate.Carry{From: annotate.NewID(), Status: annotate.CarryOrphaned}
	last := mk(b, "bo", "stance", "United States", "neutral", "")
	end := len([]rune(tripTexts[1]))
	last.Span = span(tripTexts[1], end-9, end) // at the end: no suffix
	docB := mk(b, "bo", "stance", "Russia", "neutral", "")

	all := []annotate.Annotation{stance, frames, note, speaker, quote, gone, carried, orphan, last, docB}
	if err := s.SaveAnnotations(ctx, all); err != nil {
		t.Fatal(err)
	}
	return tripStore{s: s, ids: []int64{a, b}}, all
}

// stored returns every annotation of ts by id, with ArticleID replaced by
// the article's index in tripTexts so stores can be compared.
func (ts tripStore) stored(t *testing.T) map[string]annotate.Annotation {
	t.Helper()
	out := map[string]annotate.Annotation{}
	for i, id := range ts.ids {
		anns, err := ts.s.Annotations(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range anns {
			a.ArticleID = int64(i)
			out[a.ID] = a
		}
	}
	return out
}

// sameStored fails unless got holds exactly the annotations of want, field
// by field.
func sameStored(t *testing.T, got, want map[string]annotate.Annotation) {
	t.Helper()
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			t.Errorf("annotation %s (%s) missing", id, w.Dimension)
			continue
		}
		if !equalAnnotation(g, w) {
			t.Errorf("annotation %s:\n got %s\nwant %s", id, describe(g), describe(w))
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("unexpected annotation %s", id)
		}
	}
}

func describe(a annotate.Annotation) string {
	s := fmt.Sprintf("%+v", a)
	if a.Span != nil {
		s += fmt.Sprintf(" span %+v", *a.Span)
	}
	if a.Carry != nil {
		s += fmt.Sprintf(" carry %+v", *a.Carry)
	}
	return s
}

func exportWeb(t *testing.T, s *Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportWebAnnotations(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func importWeb(t *testing.T, s *Store, data []byte) ImportReport {
	t.Helper()
	rep, err := s.ImportWebAnnotations(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func checkReport(t *testing.T, got, want ImportReport) {
	t.Helper()
	if got.Added != want.Added || got.Updated != want.Updated || got.Unchanged != want.Unchanged ||
		got.Skipped != want.Skipped || !slices.Equal(got.Problems, want.Problems) {
		t.Errorf("report = %+v\nwant %+v", got, want)
	}
}

func sortedLines(data []byte) []string {
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	slices.Sort(lines)
	return lines
}

func TestWebAnnotationsRoundTrip(t *testing.T) {
	src, all := tripFixture(t)
	data := exportWeb(t, src.s)
	if got := bytes.Count(data, []byte("\n")); got != len(all) {
		t.Fatalf("exported %d lines, want %d (tombstones included)", got, len(all))
	}
	want := src.stored(t)

	dst := newTripStore(t)
	checkReport(t, importWeb(t, dst.s, data), ImportReport{Added: len(all)})
	sameStored(t, dst.stored(t), want)
	// and out again, the same lines (in another order: article ids differ)
	if got := exportWeb(t, dst.s); !slices.Equal(sortedLines(got), sortedLines(data)) {
		t.Errorf("re-export differs:\n%s\nwant\n%s", got, data)
	}

	t.Run("twice changes nothing", func(t *testing.T) {
		checkReport(t, importWeb(t, dst.s, data), ImportReport{Unchanged: len(all)})
		sameStored(t, dst.stored(t), want)
	})

	t.Run("newer wins either way", func(t *testing.T) {
		ctx := context.Background()
		// dst edits one annotation later than the file: the file's older
		// version leaves it alone
		edited := all[0]
		edited.ArticleID = dst.ids[0]
		edited.Value, edited.UpdatedAt = "neutral", edited.UpdatedAt.Add(time.Hour)
		if err := dst.s.SaveAnnotations(ctx, []annotate.Annotation{edited}); err != nil {
			t.Fatal(err)
		}
		checkReport(t, importWeb(t, dst.s, data), ImportReport{Unchanged: len(all)})
		if got := dst.stored(t)[edited.ID]; got.Value != "neutral" {
			t.Errorf("older import overwrote a newer edit: value %q", got.Value)
		}
		// src deletes another one later still: the tombstone wins in dst
		del := all[1]
		del.Deleted, del.UpdatedAt = true, del.UpdatedAt.Add(2*time.Hour)
		if err := src.s.SaveAnnotations(ctx, []annotate.Annotation{del}); err != nil {
			t.Fatal(err)
		}
		checkReport(t, importWeb(t, dst.s, exportWeb(t, src.s)), ImportReport{Updated: 1, Unchanged: len(all) - 1})
		if got := dst.stored(t)[del.ID]; !got.Deleted || !got.UpdatedAt.Equal(del.UpdatedAt) {
			t.Errorf("newer tombstone not imported: %s", describe(got))
		}
	})
}

func TestWebAnnotationShape(t *testing.T) {
	src, all := tripFixture(t)
	lines := strings.Split(strings.TrimSuffix(string(exportWeb(t, src.s)), "\n"), "\n")
	byID := map[string]map[string]any{}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		id, _ := m["id"].(string)
		byID[strings.TrimPrefix(id, "urn:redline:annotation:")] = m
		if m["@context"] != "http://www.w3.org/ns/anno.jsonld" || m["type"] != "Annotation" {
			t.Errorf("not a web annotation: %s", l)
		}
	}
	get := func(id string) map[string]any {
		t.Helper()
		m, ok := byID[id]
		if !ok {
			t.Fatalf("annotation %s not exported", id)
		}
		return m
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }

	stance, note, quote, gone, orphan := get(all[0].ID), get(all[2].ID), get(all[4].ID), get(all[5].ID), get(all[7].ID)
	sha0 := annotate.TextHash(tripTexts[0])
	tests := []struct {
		name      string
		got, want string
	}{
		{"stance motivation", js(stance["motivation"]), `"classifying"`},
		{"stance creator", js(stance["creator"]), `{"name":"ana","type":"Person"}`},
		{"stance created", js(stance["created"]), `"2024-05-02T09:00:01.123456789Z"`},
		{"stance modified", js(stance["modified"]), `"2024-05-02T09:00:01.124456789Z"`},
		{"stance body", js(stance["body"]), `[{"purpose":"classifying","type":"TextualBody","value":"favourable"},` +
			`{"format":"text/plain","purpose":"commenting","type":"TextualBody","value":"=cmd|' /C calc'!A0"}]`},
		{"stance target", js(stance["target"]), `{"scope":"https://example.com/0?a=1\u0026b=2","source":"urn:redline:article:` + sha0 + `","type":"SpecificResource"}`},
		{"note motivation", js(note["motivation"]), `"commenting"`},
		{"note body", js(note["body"]), `[{"format":"text/plain","purpose":"commenting","type":"TextualBody","value":` + js(all[2].Note) + `}]`},
		{"quote selector", js(quote["target"].(map[string]any)["selector"]),
			`[{"exact":"«Переговоры идут»","prefix":"Москва, 1 мая — ","suffix":", said the minister.\nA second li","type":"TextQuoteSelector"},` +
				`{"end":33,"start":16,"type":"TextPositionSelector"}]`},
		{"quote redline", js(quote["redline"]), `{"codebook":"test","codebook_version":3,"deleted":false,"dimension":"stance",` +
			`"linked_to":"` + all[3].ID + `","note":"","redline_version":"` + version.String() + `","source_name":"Москва","target":"Russia","value":"neutral"}`},
		{"tombstone", js(gone["redline"].(map[string]any)["deleted"]), `true`},
		{"orphan carry", js(orphan["redline"].(map[string]any)["carry"]), `{"from":"` + all[7].Carry.From + `","score":0,"status":"orphaned"}`},
		{"emoji is one code point", js(orphan["target"].(map[string]any)["selector"].([]any)[1]), `{"end":1,"start":0,"type":"TextPositionSelector"}`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %s\nwant %s", tt.name, tt.got, tt.want)
		}
	}
	if _, ok := get(all[9].ID)["target"].(map[string]any)["selector"]; ok {
		t.Error("document-level annotation has a selector")
	}
	if _, ok := get(all[9].ID)["target"].(map[string]any)["scope"]; ok {
		t.Error("article without a url has a scope")
	}
}

func TestImportWebAnnotationsProblems(t *testing.T) {
	src, _ := tripFixture(t)
	lines := strings.Split(strings.TrimSuffix(string(exportWeb(t, src.s)), "\n"), "\n")
	var a0, b0 string // a line of each article
	for _, l := range lines {
		if strings.Contains(l, annotate.TextHash(tripTexts[0])) && a0 == "" {
			a0 = l
		}
		if strings.Contains(l, annotate.TextHash(tripTexts[1])) && b0 == "" {
			b0 = l
		}
	}
	missing := annotate.TextHash("a text nobody imported")
	noArticle := strings.Replace(b0, annotate.TextHash(tripTexts[1]), missing, 1)
	noArticle = strings.Replace(noArticle, `"urn:redline:annotation:`, `"urn:redline:annotation:X`, 1)
	input := strings.Join([]string{
		a0,
		`{"id": "urn:redline:annotation:1", "type": "Annotation", "redline": {`, // cut short
		"",
		noArticle,
		`{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:redline:annotation:2","type":"Annotation","target":"urn:redline:article:` + missing + `"}`,
		`{"id":"urn:redline:annotation:3","type":"Annotation","creator":{"name":"x"},"modified":"2024-01-01T00:00:00Z","target":{"source":"urn:redline:article:` +
			annotate.TextHash(tripTexts[0]) + `","selector":{"type":"TextQuoteSelector","exact":"x"}},"redline":{"dimension":"note"}}`,
		b0,
	}, "\n") // no newline after the last line

	dst := newTripStore(t)
	rep := importWeb(t, dst.s, []byte(input))
	if rep.Added != 2 || rep.Skipped != 4 || len(rep.Problems) != 4 {
		t.Fatalf("report = %+v; want 2 added, 4 skipped with problems", rep)
	}
	wantStart := []string{
		"line 2: not a JSON object",
		"line 4: article sha256 " + missing + " is not in this database; import its text first",
		"line 5: annotation 2 has no redline object",
		"line 6: annotation 3: a TextQuoteSelector needs a TextPositionSelector",
	}
	for i, w := range wantStart {
		if !strings.HasPrefix(rep.Problems[i], w) {
			t.Errorf("problem %d = %q, want it to start %q", i, rep.Problems[i], w)
		}
	}
	got := dst.stored(t)
	for _, l := range []string{a0, b0} {
		var w struct{ ID string }
		if err := json.Unmarshal([]byte(l), &w); err != nil {
			t.Fatal(err)
		}
		if _, ok := got[strings.TrimPrefix(w.ID, "urn:redline:annotation:")]; !ok {
			t.Errorf("%s not stored", w.ID)
		}
	}
	if len(got) != 2 {
		t.Errorf("stored %d annotations, want the first and last lines' 2", len(got))
	}
}

func TestImportWebAnnotationsSameIDTwice(t *testing.T) {
	src, all := tripFixture(t)
	data := exportWeb(t, src.s)
	var first string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, all[0].ID) {
			first = l
		}
	}
	newer := strings.Replace(first, `"value":"favourable"`, `"value":"neutral"`, 2)
	newer = strings.Replace(newer, `"modified":"2024-05-02T09:00:01.124456789Z"`, `"modified":"2024-05-03T00:00:00Z"`, 1)
	sameTime := strings.Replace(first, `"note":"=cmd`, `"note":"=other`, 1)
	if newer == first || sameTime == first {
		t.Fatal("test lines not edited")
	}

	dst := newTripStore(t)
	// older then newer in one batch: the newer is stored
	checkReport(t, importWeb(t, dst.s, []byte(first+"\n"+newer+"\n")), ImportReport{Added: 1, Updated: 1})
	// newer then older: nothing changes
	checkReport(t, importWeb(t, dst.s, []byte(newer+"\n"+first+"\n")), ImportReport{Unchanged: 2})
	got := dst.stored(t)[all[0].ID]
	if got.Value != "neutral" || !got.UpdatedAt.Equal(time.Date(2024, 5, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("stored %s, want the newer version", describe(got))
	}

	// a different annotation with the same time as the stored one: kept, and said
	dst2 := newTripStore(t)
	importWeb(t, dst2.s, []byte(first))
	rep := importWeb(t, dst2.s, []byte(sameTime))
	if rep.Unchanged != 1 || rep.Skipped != 0 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "same time") {
		t.Errorf("report = %+v, want one unchanged with a problem about the same time", rep)
	}
	if got := dst2.stored(t)[all[0].ID]; got.Note != all[0].Note {
		t.Errorf("note = %q, want the stored %q", got.Note, all[0].Note)
	}
}

// TestImportWebAnnotationsBatches imports more lines than one transaction
// holds, with the same annotation changed across a batch boundary.
func TestImportWebAnnotationsBatches(t *testing.T) {
	src := newTestStore(t)
	id := addArticle(t, src, "Some text to code.")
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var anns []annotate.Annotation
	for i := range 2*importBatch + 7 {
		anns = append(anns, annotate.Annotation{ID: fmt.Sprintf("A%05d", i), ArticleID: id, Annotator: "ana",
			Dimension: "note", Note: fmt.Sprint(i), CreatedAt: at, UpdatedAt: at.Add(time.Duration(i))})
	}
	if err := src.SaveAnnotations(context.Background(), anns); err != nil {
		t.Fatal(err)
	}
	data := exportWeb(t, src)
	// the first line again, newer, after the first batch has committed
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	again := strings.Replace(lines[0], `"modified":"2024-01-01T00:00:00.000000000Z"`, `"modified":"2025-01-01T00:00:00Z"`, 1)
	data = append(data, again+"\n"...)

	dst := newTestStore(t)
	addArticle(t, dst, "Some text to code.")
	checkReport(t, importWeb(t, dst, data), ImportReport{Added: len(anns), Updated: 1})
	got, err := dst.Annotations(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(anns) || got[len(got)-1].ID != "A00000" {
		t.Errorf("got %d annotations, the latest %s; want %d, the latest A00000", len(got), got[len(got)-1].ID, len(anns))
	}
}

func TestImportWebAnnotationsCancelled(t *testing.T) {
	src, _ := tripFixture(t)
	data := exportWeb(t, src.s)
	dst := newTripStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := dst.s.ImportWebAnnotations(ctx, bytes.NewReader(data))
	if err == nil || rep.Added != 0 {
		t.Errorf("cancelled import: %+v, %v; want an error and nothing added", rep, err)
	}
	if got := dst.stored(t); len(got) != 0 {
		t.Errorf("cancelled import stored %d annotations", len(got))
	}
}

// TestImportWebAnnotationPositionOnly: a span target with only a
// TextPositionSelector takes its quote and context from the stored text.
func TestImportWebAnnotationPositionOnly(t *testing.T) {
	dst := newTripStore(t)
	line := `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:redline:annotation:P1","type":"Annotation",` +
		`"creator":{"type":"Person","name":"ana"},"created":"2024-05-02T09:00:00Z",` +
		`"target":{"source":"urn:redline:article:` + annotate.TextHash(tripTexts[1]) + `",` +
		`"selector":{"type":"TextPositionSelector","start":0,"end":1}},` +
		`"redline":{"dimension":"source","value":"official"}}`
	checkReport(t, importWeb(t, dst.s, []byte(line)), ImportReport{Added: 1})
	got := dst.stored(t)["P1"]
	want, _ := annotate.NewSpan(tripTexts[1], 0, 1)
	if got.Span == nil || *got.Span != *want || got.Span.Quote != "🎉" {
		t.Errorf("span = %+v, want %+v", got.Span, want)
	}
	if !got.UpdatedAt.Equal(got.CreatedAt) || got.CreatedAt.IsZero() {
		t.Errorf("times %v, %v: want modified to default to created", got.CreatedAt, got.UpdatedAt)
	}
}
