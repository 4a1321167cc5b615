package storage

import (
	"bytes"
	"context"
	"testing"
	"time"

	"redline/annotate"
)

// TestSameTextTwoPublications: an agency story carried word for word by a
// second outlet is a second article; the same text from the same outlet
// and URL is a duplicate.
func TestSameTextTwoPublications(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	text := "Dock workers voted on Wednesday to end a three-week strike after the port offered a pay rise."
	res, err := s.AddArticles(ctx, []annotate.Article{
		{Outlet: "Meridian Press", URL: "https://mp.example/1", Text: text},
		{Outlet: "Harbour Daily", URL: "https://hd.example/a", Text: text},
		{Outlet: "Harbour Daily", URL: "https://hd.example/a", Text: text},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || res[1].Duplicate || res[0].ID == res[1].ID {
		t.Errorf("the second outlet's copy was not stored as its own article: %+v", res)
	}
	if !res[2].Duplicate || res[2].ID != res[1].ID {
		t.Errorf("the same text from the same URL is a duplicate of article %d: %+v", res[1].ID, res[2])
	}
	var fk int
	if s.pg {
		return // foreign keys are always on in PostgreSQL
	}
	if err := s.write.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d after the migrations (err %v), want on", fk, err)
	}
}

// TestMergeFindsThePublication: codes made on the second outlet's copy of
// an identical text go to that copy in the teammate's database, through
// CSV and Web Annotations alike.
func TestMergeFindsThePublication(t *testing.T) {
	ctx := context.Background()
	text := "Rescuers reached the nine miners on Wednesday evening after drilling through 40 meters of rock."
	pubs := []annotate.Article{
		{Outlet: "Meridian Press", URL: "https://mp.example/mine", Text: text},
		{Outlet: "Eastfield Post", URL: "https://ep.example/mine", Text: text},
	}
	src := newTestStore(t)
	res, err := src.AddArticles(ctx, pubs)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 14, 9, 0, 0, 0, time.UTC)
	code := annotate.Annotation{ID: annotate.NewID(), ArticleID: res[1].ID, Annotator: "ana", Dimension: "stance",
		Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now}
	if err := src.SaveAnnotations(ctx, []annotate.Annotation{code}); err != nil {
		t.Fatal(err)
	}
	var csvData, webData bytes.Buffer
	if err := src.ExportCSV(ctx, &csvData, FormLong, nil); err != nil {
		t.Fatal(err)
	}
	if err := src.ExportWebAnnotations(ctx, &webData); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		merge func(*Store) (ImportReport, error)
	}{
		{"csv", func(s *Store) (ImportReport, error) { return s.ImportCSV(ctx, bytes.NewReader(csvData.Bytes())) }},
		{"web annotations", func(s *Store) (ImportReport, error) {
			return s.ImportWebAnnotations(ctx, bytes.NewReader(webData.Bytes()))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := newTestStore(t)
			got, err := dst.AddArticles(ctx, pubs)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := tc.merge(dst)
			if err != nil || rep.Added != 1 {
				t.Fatalf("merge: %+v, %v", rep, err)
			}
			for i, want := range []int{0, 1} {
				anns, err := dst.Annotations(ctx, got[i].ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(anns) != want {
					t.Errorf("publication %d (%s) has %d codes, want %d", i, pubs[i].Outlet, len(anns), want)
				}
			}
		})
	}
}
