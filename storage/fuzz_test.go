package storage

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// fuzzStore is one store per fuzzing process, with the merge fixture's
// codebook and articles; each input's annotations are removed after it.
func fuzzStore(f *testing.F) *Store {
	s := newTestStore(f)
	cb, err := annotate.ParseCodebook(testCodebook)
	if err != nil {
		f.Fatal(err)
	}
	if err := s.SaveCodebook(context.Background(), cb, testCodebook); err != nil {
		f.Fatal(err)
	}
	addArticle(f, s, mergeTextA)
	addArticle(f, s, mergeTextB)
	return s
}

// checkMerged fails unless every stored annotation is one a merge may
// store: its span inside its article's text and quoting it, no NUL, no
// time in the future. Then it clears the annotations for the next input.
func checkMerged(t *testing.T, s *Store, rep ImportReport, err error) {
	if err != nil {
		t.Fatalf("merge failed as a whole: %v", err)
	}
	if rep.Skipped != len(rep.Problems)-countSameTime(rep.Problems) {
		t.Errorf("%d skipped but %d problems", rep.Skipped, len(rep.Problems))
	}
	ctx := context.Background()
	rows, err := s.read.QueryContext(ctx, "SELECT "+annotationColumns+" FROM annotation")
	if err != nil {
		t.Fatal(err)
	}
	var stored []annotate.Annotation
	for rows.Next() {
		a, err := scanAnnotation(rows)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, a)
	}
	rows.Close()
	limit := time.Now().Add(FutureTolerance)
	for _, a := range stored {
		if f := nulField(a); f != "" {
			t.Errorf("stored annotation %q has a NUL in %s", a.ID, f)
		}
		if a.UpdatedAt.After(limit) || a.CreatedAt.After(limit) {
			t.Errorf("stored annotation %q is dated in the future", a.ID)
		}
		if a.Span != nil {
			var text string
			if err := s.read.QueryRowContext(ctx, "SELECT text FROM article WHERE id = ?", a.ArticleID).Scan(&text); err != nil {
				t.Fatal(err)
			}
			if why := spanFits(a.Span, text); why != "" {
				t.Errorf("stored annotation %q: %s", a.ID, why)
			}
		}
	}
	if _, err := s.write.ExecContext(ctx, "DELETE FROM annotation"); err != nil {
		t.Fatal(err)
	}
}

func countSameTime(problems []string) int {
	n := 0
	for _, p := range problems {
		if strings.Contains(p, "modified at the same time") {
			n++
		}
	}
	return n
}

func FuzzMergeWebAnnotations(f *testing.F) {
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	good := annotate.Annotation{ID: "F1", Annotator: "ana", Codebook: "test", CodebookVersion: 1,
		Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: t0, UpdatedAt: t0}
	span := good
	span.ID, span.Span = "F2", &annotate.Span{Start: 4, End: 12, Quote: "minister"}
	tomb := good
	tomb.Deleted, tomb.UpdatedAt = true, t0.Add(time.Hour)
	f.Add([]byte(waLine(f, good, mergeTextA) + "\n" + waLine(f, span, mergeTextA) + "\n" + waLine(f, tomb, mergeTextA) + "\n"))
	f.Add([]byte(`{"id":"urn:redline:annotation:X","type":"Annotation","creator":{"name":"bo"},"modified":"9999-12-31T00:00:00Z",` +
		`"target":{"source":"urn:redline:article:` + annotate.TextHash(mergeTextB) + `","selector":{"type":"TextPositionSelector","start":0,"end":1000000000000000}},` +
		`"redline":{"dimension":"note","note":"a\u0000b"}}`))
	s := fuzzStore(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := s.ImportWebAnnotations(context.Background(), bytes.NewReader(data))
		checkMerged(t, s, rep, err)
	})
}

func FuzzMergeCSV(f *testing.F) {
	head := "annotation_id,annotator,text_sha256,codebook,codebook_version,dimension,target,value,note,span_start_rune,span_end_rune,span_text,created_at,updated_at\n"
	f.Add([]byte(head + "C1,ana," + annotate.TextHash(mergeTextA) + ",test,1,stance,Russia,neutral,,4,12,minister,2024-01-01T00:00:00Z,2024-01-01T00:00:00Z\n"))
	f.Add([]byte(head + "C2,bo," + annotate.TextHash(mergeTextB) + ",test,1,note,,,'=x,,,,,2024-01-01T00:00:00Z\n"))
	s := fuzzStore(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := s.ImportCSV(context.Background(), bytes.NewReader(data))
		if err != nil && rep.Added+rep.Updated == 0 && !strings.Contains(err.Error(), "database") {
			// a file that is not the long form (no header, missing columns) is refused whole
			if _, dbErr := s.read.Exec("SELECT 1"); dbErr == nil {
				err = nil
			}
		}
		checkMerged(t, s, rep, err)
	})
}
