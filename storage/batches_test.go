package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"redline/annotate"
)

func TestRemoveImport(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	first := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	second := first.Add(time.Hour)
	batch := func(at time.Time, texts ...string) []int64 {
		var arts []annotate.Article
		for _, x := range texts {
			arts = append(arts, annotate.Article{Title: x, Text: x, ImportedAt: at})
		}
		res, err := s.AddArticles(ctx, arts)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range res {
			ids = append(ids, r.ID)
		}
		return ids
	}
	kept := batch(first, "Kept one.", "Kept two.")
	gone := batch(second, "Removed one.", "Removed two.", "Removed three.")

	got, err := s.ImportBatches(ctx)
	if err != nil || len(got) != 2 || got[0].Articles != 3 || !got[0].At.Equal(second) || got[1].Articles != 2 {
		t.Fatalf("ImportBatches = %+v, %v", got, err)
	}

	// a live code on one article refuses the whole removal
	now := time.Now()
	code := annotate.Annotation{ID: "R1", ArticleID: gone[1], Annotator: "ana", Dimension: "note", Note: "n", CreatedAt: now, UpdatedAt: now}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{code}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RemoveImport(ctx, second); !errors.Is(err, ErrHasCodes) || n != 0 {
		t.Errorf("RemoveImport with a coded article: %d, %v; want refused", n, err)
	}
	if got, _ := s.ImportBatches(ctx); got[0].Articles != 3 || got[0].Coded != 1 {
		t.Errorf("after the refusal: %+v, want all 3 articles, 1 coded", got[0])
	}

	// once the code is deleted (a tombstone stays), the import goes
	code.Deleted, code.UpdatedAt = true, now.Add(time.Second)
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{code}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RemoveImport(ctx, second); err != nil || n != 3 {
		t.Fatalf("RemoveImport: %d, %v; want 3 removed", n, err)
	}
	for _, id := range gone {
		if _, err := s.Article(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("article %d still stored: %v", id, err)
		}
	}
	for _, id := range kept {
		if _, err := s.Article(ctx, id); err != nil {
			t.Errorf("article %d of the other import: %v", id, err)
		}
	}
	if found, _ := s.Articles(ctx, Query{Search: "removed"}); len(found) != 0 {
		t.Errorf("search still finds %d removed articles", len(found))
	}
	if _, err := s.RemoveImport(ctx, second); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing it again: %v, want not found", err)
	}
}
