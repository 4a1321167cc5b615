package storage

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

func importCSV(t *testing.T, s *Store, data []byte) ImportReport {
	t.Helper()
	rep, err := s.ImportCSV(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// live drops the tombstones: the CSV export writes live annotations only.
func live(all map[string]annotate.Annotation) map[string]annotate.Annotation {
	out := map[string]annotate.Annotation{}
	for id, a := range all {
		if !a.Deleted {
			out[id] = a
		}
	}
	return out
}

func TestCSVRoundTrip(t *testing.T) {
	src, all := tripFixture(t)
	data := exportCSV(t, src.s, FormLong, nil)
	parseBoth(t, data) // Python reads it as Go does
	want := live(src.stored(t))
	if len(want) != len(all)-1 {
		t.Fatalf("fixture has %d live annotations, want all but the one tombstone", len(want))
	}

	dst := newTripStore(t)
	checkReport(t, importCSV(t, dst.s, data), ImportReport{Added: len(want)})
	got := dst.stored(t)
	sameStored(t, got, want)
	// Tombstones do not travel through CSV: the deleted annotation is
	// neither in the file nor in the store it is imported into.
	for _, a := range all {
		if a.Deleted {
			if _, ok := got[a.ID]; ok {
				t.Errorf("tombstone %s came through CSV", a.ID)
			}
			if bytes.Contains(data, []byte(a.ID)) {
				t.Errorf("tombstone %s exported to CSV", a.ID)
			}
		}
	}
	// the same rows out again
	if again := exportCSV(t, dst.s, FormLong, nil); !sameCells(t, again, data, "annotation_id", "article_id", "family_id", "title") {
		t.Errorf("re-export differs:\n%s\nwant\n%s", again, data)
	}

	t.Run("twice changes nothing", func(t *testing.T) {
		checkReport(t, importCSV(t, dst.s, data), ImportReport{Unchanged: len(want)})
		sameStored(t, dst.stored(t), want)
	})

	t.Run("older does not overwrite newer", func(t *testing.T) {
		edited := all[0]
		edited.ArticleID = dst.ids[0]
		edited.Note, edited.UpdatedAt = "revised", edited.UpdatedAt.Add(time.Minute)
		if err := dst.s.SaveAnnotations(context.Background(), []annotate.Annotation{edited}); err != nil {
			t.Fatal(err)
		}
		checkReport(t, importCSV(t, dst.s, data), ImportReport{Unchanged: len(want)})
		if got := dst.stored(t)[edited.ID]; got.Note != "revised" {
			t.Errorf("note = %q: an older row overwrote a newer edit", got.Note)
		}
	})

	t.Run("as a spreadsheet saves it", func(t *testing.T) {
		// a BOM and CRLF line ends (also inside quoted cells, which CSV
		// readers turn back into LF)
		saved := append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
		fresh := newTripStore(t)
		checkReport(t, importCSV(t, fresh.s, saved), ImportReport{Added: len(want)})
		sameStored(t, fresh.stored(t), want)
	})
}

// sameCells reports whether two long exports hold the same rows, matched by
// key, ignoring the columns that depend on the store's article ids.
func sameCells(t *testing.T, got, want []byte, key string, ignore ...string) bool {
	t.Helper()
	index := func(data []byte) map[string]map[string]string {
		out := map[string]map[string]string{}
		for _, r := range parseBoth(t, data) {
			for _, c := range ignore {
				delete(r, c)
			}
			out[r[key]] = r
		}
		return out
	}
	g, w := index(got), index(want)
	if len(g) != len(w) {
		return false
	}
	for k, wr := range w {
		gr, ok := g[k]
		if !ok {
			return false
		}
		for c, v := range wr {
			if gr[c] != v {
				t.Logf("row %s column %s = %q, want %q", k, c, gr[c], v)
				return false
			}
		}
	}
	return true
}

// TestCSVNoteLineEnds: CRLF inside a note is written as LF, so it comes
// back as LF; everything else in the note comes back as it was.
func TestCSVNoteLineEnds(t *testing.T) {
	src := newTestStore(t)
	id := addArticle(t, src, "A text.")
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Dimension: "note",
		Note: "'=one\r\ntwo\rthree\n\"four\"", CreatedAt: at, UpdatedAt: at}
	if err := src.SaveAnnotations(context.Background(), []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	dst := newTestStore(t)
	id2 := addArticle(t, dst, "A text.")
	checkReport(t, importCSV(t, dst, exportCSV(t, src, FormLong, nil)), ImportReport{Added: 1})
	got, err := dst.Annotations(context.Background(), id2)
	if err != nil {
		t.Fatal(err)
	}
	if want := "'=one\ntwo\nthree\n\"four\""; len(got) != 1 || got[0].Note != want {
		t.Errorf("got %+v, want one note %q", got, want)
	}
}

// csvRows writes records as CSV.
func csvRows(t *testing.T, recs ...[]string) string {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestImportCSVProblems(t *testing.T) {
	src, all := tripFixture(t)
	data := exportCSV(t, src.s, FormLong, nil)
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	edit := func(rec []string, cells map[string]string) []string {
		out := append([]string(nil), rec...)
		for c, v := range cells {
			out[col[c]] = v
		}
		return out
	}
	var base []string // a row on one line, so line numbers below are easy to count
	for _, r := range recs[1:] {
		if !strings.Contains(strings.Join(r, ""), "\n") {
			base = r
		}
	}
	missing := annotate.TextHash("never imported")
	lines := strings.Count(string(data), "\n") // the rows below start on the next line
	extra := csvRows(t,
		[]string{"too", "short"},
		edit(base, map[string]string{"annotation_id": "B1", "updated_at": "yesterday"}),
	) + "B2,1,bare\"quote,x\n" + csvRows(t,
		edit(base, map[string]string{"annotation_id": "B3", "text_sha256": missing}),
		edit(base, map[string]string{"annotation_id": "B4", "span_start_rune": "3", "span_end_rune": ""}),
		edit(base, map[string]string{"annotation_id": "B5", "note": "multi\nline"}),
		edit(base, map[string]string{"annotation_id": "B6", "text_sha256": "", "article_id": "9999"}),
		edit(base, map[string]string{"annotation_id": "B7"}),
	)
	dst := newTripStore(t)
	rep := importCSV(t, dst.s, append(data, extra...))
	liveCount := len(all) - 1
	if rep.Added != liveCount+2 || rep.Skipped != 6 {
		t.Errorf("report = %+v; want %d added (B5 and B7 too), 6 skipped", rep, liveCount+2)
	}
	want := []string{
		fmt.Sprintf("line %d: 2 fields, but the header has %d", lines+1, len(recs[0])),
		fmt.Sprintf("line %d: updated_at: \"yesterday\" is not an RFC 3339 time", lines+2),
		fmt.Sprintf("line %d: bare \" in non-quoted-field", lines+3),
		fmt.Sprintf("line %d: article sha256 %s is not in this database; import its text first", lines+4, missing),
		fmt.Sprintf("line %d: a span needs both span_start_rune and span_end_rune", lines+5),
		// B5 spans two lines
		fmt.Sprintf("line %d: article 9999 is not in this database; import its text first", lines+8),
	}
	if strings.Join(rep.Problems, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(rep.Problems, "\n"), strings.Join(want, "\n"))
	}
	got := dst.stored(t)
	if got["B5"].Note != "multi\nline" || got["B7"].ID == "" {
		t.Errorf("rows after the bad ones not imported: B5 %+v, B7 %+v", got["B5"], got["B7"])
	}
}

// TestImportCSVByArticleID: a row without text_sha256 finds its article
// by article_id.
func TestImportCSVByArticleID(t *testing.T) {
	src, all := tripFixture(t)
	recs, err := csv.NewReader(bytes.NewReader(exportCSV(t, src.s, FormLong, nil))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// drop the column altogether
	sha := -1
	for i, h := range recs[0] {
		if h == "text_sha256" {
			sha = i
		}
	}
	for i, r := range recs {
		recs[i] = append(r[:sha:sha], r[sha+1:]...)
	}
	// a store with the same ids: the articles added in the same order
	dst := newTestStore(t)
	var arts []annotate.Article
	for _, text := range tripTexts {
		arts = append(arts, annotate.Article{Text: text})
	}
	res, err := dst.AddArticles(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].ID != src.ids[0] || res[1].ID != src.ids[1] {
		t.Fatalf("article ids %v, want %v", res, src.ids)
	}
	checkReport(t, importCSV(t, dst, []byte(csvRows(t, recs...))), ImportReport{Added: len(all) - 1})
	sameStored(t, tripStore{s: dst, ids: src.ids}.stored(t), live(src.stored(t)))
}

func TestImportCSVNotLongForm(t *testing.T) {
	s, cb, _ := exportFixture(t)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"wide form", exportCSV(t, s, FormWide, cb), "no annotation_id column"},
		{"no article", []byte("annotation_id,annotator,dimension,updated_at\n"), "neither a text_sha256 nor an article_id column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ImportCSV(context.Background(), bytes.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
}
