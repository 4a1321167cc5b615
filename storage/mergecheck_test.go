package storage

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

const (
	mergeTextA = "The minister said the harbour would reopen on Monday."
	mergeTextB = "A second, unrelated article about grain prices."
)

// mergeFixture is a store with two articles, the test codebook (v1) and
// one stored code by ana on article A.
func mergeFixture(t *testing.T) (s *Store, a, b int64, stored annotate.Annotation) {
	t.Helper()
	s = newTestStore(t)
	ctx := context.Background()
	cb, err := annotate.ParseCodebook(testCodebook)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCodebook(ctx, cb, testCodebook); err != nil {
		t.Fatal(err)
	}
	a, b = addArticle(t, s, mergeTextA), addArticle(t, s, mergeTextB)
	at := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	stored = annotate.Annotation{ID: "01STORED", ArticleID: a, Annotator: "ana", Codebook: "test", CodebookVersion: 1,
		Dimension: "stance", Target: "Russia", Value: "favourable", CreatedAt: at, UpdatedAt: at}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{stored}); err != nil {
		t.Fatal(err)
	}
	return s, a, b, stored
}

// waLine renders a as an exported line, its article named by text.
func waLine(t testing.TB, a annotate.Annotation, text string) string {
	t.Helper()
	r := &annRow{id: a.ID, annotator: a.Annotator, created: stamp(a.CreatedAt), updated: stamp(a.UpdatedAt),
		sha: annotate.TextHash(text), codebook: a.Codebook, codebookVersion: a.CodebookVersion,
		dimension: a.Dimension, target: a.Target, value: a.Value, note: a.Note, deleted: a.Deleted}
	if a.Span != nil {
		r.start.Int64, r.start.Valid = int64(a.Span.Start), true
		r.end.Int64, r.end.Valid = int64(a.Span.End), true
		r.quote.String, r.quote.Valid = a.Span.Quote, true
	}
	data, err := json.Marshal(webAnnotation(r))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// csvLong renders annotations as the long CSV form merge reads.
func csvLong(t *testing.T, anns []annotate.Annotation, texts []string) []byte {
	t.Helper()
	recs := [][]string{{"annotation_id", "annotator", "text_sha256", "codebook", "codebook_version", "dimension",
		"target", "value", "note", "span_start_rune", "span_end_rune", "span_text", "created_at", "updated_at"}}
	for i, a := range anns {
		start, end, quote := "", "", ""
		if a.Span != nil {
			start, end, quote = strconv.Itoa(a.Span.Start), strconv.Itoa(a.Span.End), a.Span.Quote
		}
		recs = append(recs, []string{a.ID, a.Annotator, annotate.TextHash(texts[i]), a.Codebook,
			strconv.Itoa(a.CodebookVersion), a.Dimension, a.Target, a.Value, a.Note, start, end, quote,
			stamp(a.CreatedAt), stamp(a.UpdatedAt)})
	}
	return []byte(csvRows(t, recs...))
}

// mergeBoth imports the same annotations as JSON Lines into one fresh
// fixture and as long CSV into another, and hands each result to check.
func mergeBoth(t *testing.T, anns func(a, b int64, stored annotate.Annotation) ([]annotate.Annotation, []string),
	check func(t *testing.T, s *Store, rep ImportReport, stored annotate.Annotation)) {
	t.Run("jsonl", func(t *testing.T) {
		s, a, b, stored := mergeFixture(t)
		list, texts := anns(a, b, stored)
		var lines []string
		for i, x := range list {
			lines = append(lines, waLine(t, x, texts[i]))
		}
		check(t, s, importWeb(t, s, []byte(strings.Join(lines, "\n")+"\n")), stored)
	})
	t.Run("csv", func(t *testing.T) {
		s, a, b, stored := mergeFixture(t)
		list, texts := anns(a, b, stored)
		var live []annotate.Annotation
		var liveTexts []string
		for i, x := range list {
			if !x.Deleted { // the long form has no tombstones
				live, liveTexts = append(live, x), append(liveTexts, texts[i])
			}
		}
		check(t, s, importCSV(t, s, csvLong(t, live, liveTexts)), stored)
	})
}

func storedByID(t *testing.T, s *Store, id string) annotate.Annotation {
	t.Helper()
	var got annotate.Annotation
	rows, err := s.read.Query("SELECT "+annotationColumns+" FROM annotation WHERE id = ?", id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		if got, err = scanAnnotation(rows); err != nil {
			t.Fatal(err)
		}
	}
	return got
}

// TestMergeNeverMovesOrReattributes: a newer line with the id of a stored
// annotation that names another article or another annotator is a
// conflict, reported by line and never applied; the same annotator's later
// change to the same article (under a newer codebook version too) updates.
func TestMergeNeverMovesOrReattributes(t *testing.T) {
	later := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	mergeBoth(t, func(a, b int64, stored annotate.Annotation) ([]annotate.Annotation, []string) {
		otherArticle := stored
		otherArticle.UpdatedAt, otherArticle.Value = later, "neutral"
		otherAnnotator := stored
		otherAnnotator.UpdatedAt, otherAnnotator.Annotator = later, "bo"
		tombstone := stored
		tombstone.UpdatedAt, tombstone.Annotator, tombstone.Deleted = later, "bo", true
		return []annotate.Annotation{otherArticle, otherAnnotator, tombstone},
			[]string{mergeTextB, mergeTextA, mergeTextA}
	}, func(t *testing.T, s *Store, rep ImportReport, stored annotate.Annotation) {
		if rep.Added+rep.Updated != 0 || rep.Conflicts == 0 || rep.Conflicts != rep.Skipped || len(rep.Problems) != rep.Skipped {
			t.Errorf("report = %+v, want only conflicts", rep)
		}
		for i, p := range rep.Problems {
			if !strings.HasPrefix(p, "line "+strconv.Itoa(i+2)+": conflict: annotation 01STORED") &&
				!strings.HasPrefix(p, "line "+strconv.Itoa(i+1)+": conflict: annotation 01STORED") {
				t.Errorf("problem %d = %q, want a conflict naming its line", i, p)
			}
		}
		if got := storedByID(t, s, stored.ID); !equalAnnotation(got, stored) {
			t.Errorf("stored annotation changed:\n got %s\nwant %s", describe(got), describe(stored))
		}
	})

	// the same analyst, the same article, a later time: an update
	mergeBoth(t, func(a, b int64, stored annotate.Annotation) ([]annotate.Annotation, []string) {
		upd := stored
		upd.UpdatedAt, upd.Value, upd.CodebookVersion = later, "neutral", 2
		return []annotate.Annotation{upd}, []string{mergeTextA}
	}, func(t *testing.T, s *Store, rep ImportReport, stored annotate.Annotation) {
		if rep.Updated != 1 || rep.Skipped != 0 {
			t.Errorf("report = %+v, want one update", rep)
		}
		if got := storedByID(t, s, stored.ID); got.Value != "neutral" {
			t.Errorf("value = %q, want the later neutral", got.Value)
		}
	})
}

// TestMergeRefusesUnusableLines: each line a merge cannot use is refused
// with its line and reason, and the good lines around them are stored.
func TestMergeRefusesUnusableLines(t *testing.T) {
	now := time.Now().UTC()
	cases := []struct {
		name   string
		edit   func(*annotate.Annotation)
		reason string
	}{
		{"far future", func(x *annotate.Annotation) { x.UpdatedAt = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC) }, "in the future"},
		{"a day ahead", func(x *annotate.Annotation) { x.UpdatedAt = now.Add(24 * time.Hour) }, "in the future"},
		{"span past the end", func(x *annotate.Annotation) {
			x.Span = &annotate.Span{Start: 4, End: 1_000_000_000_000_000, Quote: "minister"}
		}, "past the end"},
		{"quote not the text", func(x *annotate.Annotation) { x.Span = &annotate.Span{Start: 4, End: 12, Quote: "ministry"} }, "quotes"},
		{"unknown dimension", func(x *annotate.Annotation) { x.Dimension = "mood" }, `dimension "mood" is not in codebook "test" v1`},
		{"unknown value", func(x *annotate.Annotation) { x.Value = "hostile" }, `value "hostile" is not one of stance's values`},
		{"NUL in note", func(x *annotate.Annotation) { x.Note = "fine\x00" }, "note holds a NUL byte"},
		{"NUL in annotator", func(x *annotate.Annotation) { x.Annotator = "a\x00na" }, "annotator holds a NUL byte"},
	}
	base := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	good := func(id string, a int64) annotate.Annotation {
		return annotate.Annotation{ID: id, ArticleID: a, Annotator: "bo", Codebook: "test", CodebookVersion: 1,
			Dimension: "frames", Value: "economic", CreatedAt: base, UpdatedAt: base}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mergeBoth(t, func(a, b int64, stored annotate.Annotation) ([]annotate.Annotation, []string) {
				bad := good("01BAD", a)
				bad.Dimension, bad.Target, bad.Value = "stance", "Russia", "neutral"
				tc.edit(&bad)
				return []annotate.Annotation{good("01GOOD1", a), bad, good("01GOOD2", b)},
					[]string{mergeTextA, mergeTextA, mergeTextB}
			}, func(t *testing.T, s *Store, rep ImportReport, stored annotate.Annotation) {
				if rep.Added != 2 || rep.Skipped != 1 || len(rep.Problems) != 1 {
					t.Fatalf("report = %+v, want 2 added, 1 skipped", rep)
				}
				if !strings.HasPrefix(rep.Problems[0], "line ") || !strings.Contains(rep.Problems[0], tc.reason) {
					t.Errorf("problem = %q, want its line and %q", rep.Problems[0], tc.reason)
				}
				if got := storedByID(t, s, "01BAD"); got.ID != "" {
					t.Errorf("refused line stored: %s", describe(got))
				}
			})
		})
	}
}

// TestMergeFutureDoesNotBlock: once refused, a far-future line no longer
// hides the later real edit.
func TestMergeFutureDoesNotBlock(t *testing.T) {
	s, a, _, stored := mergeFixture(t)
	future := stored
	future.UpdatedAt, future.Value = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "neutral"
	rep := importWeb(t, s, []byte(waLine(t, future, mergeTextA)))
	if rep.Skipped != 1 {
		t.Fatalf("report = %+v, want the future line refused", rep)
	}
	real := stored
	real.ArticleID = a
	real.UpdatedAt, real.Value = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), "neutral"
	rep = importWeb(t, s, []byte(waLine(t, real, mergeTextA)))
	if rep.Updated != 1 {
		t.Errorf("report = %+v, want the real edit applied", rep)
	}
}

// TestMergeMessagesNameNoGoTypes: a line with a field of the wrong kind is
// refused in words, naming the field, never Go's types.
func TestMergeMessagesNameNoGoTypes(t *testing.T) {
	s, _, _, _ := mergeFixture(t)
	lines := []string{
		`"just a string"`,
		`{"id":"urn:redline:annotation:T1","type":"Annotation","creator":{"name":"ana"},"created":"2024-01-01T00:00:00Z","target":"urn:redline:article:x","redline":{"dimension":"note","codebook_version":"two"}}`,
		`{"id":5}`,
		`{"id":"urn:redline:annotation:T2","type":"Annotation","creator":{"name":"ana"},"created":"2024-01-01T00:00:00Z","target":{"source":5},"redline":{"dimension":"note"}}`,
	}
	rep := importWeb(t, s, []byte(strings.Join(lines, "\n")))
	if len(rep.Problems) != len(lines) {
		t.Fatalf("problems %q, want one a line", rep.Problems)
	}
	for _, p := range rep.Problems {
		for _, goWord := range []string{"Go ", "storage.", "struct", "int64", "waIn", "waRedline", "unmarshal"} {
			if strings.Contains(p, goWord) {
				t.Errorf("problem %q names Go's %q", p, goWord)
			}
		}
	}
	if !strings.Contains(rep.Problems[1], `"redline.codebook_version"`) && !strings.Contains(rep.Problems[1], `codebook_version`) {
		t.Errorf("problem %q does not name the field", rep.Problems[1])
	}
}
