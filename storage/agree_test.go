package storage

import (
	"context"
	"testing"
	"time"

	"redline/annotate"
)

func TestLiveAnnotations(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	a1 := addArticle(t, s, "First story text.")
	a2 := addArticle(t, s, "Second story text.")
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	mk := func(id string, art int64, who, value string) annotate.Annotation {
		return annotate.Annotation{ID: id, ArticleID: art, Annotator: who, Codebook: "test", CodebookVersion: 1,
			Dimension: "stance", Target: "Russia", Value: value, CreatedAt: t0, UpdatedAt: t0}
	}
	gone := mk("03", a1, "bob", "neutral")
	gone.Deleted = true
	carried := mk("04", a2, "ana", "neutral")
	carried.Carry = &annotate.Carry{From: "01", Status: annotate.CarryFuzzy, Score: 0.8}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{mk("02", a2, "bob", "favourable"), mk("01", a1, "ana", "favourable"), gone, carried}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LiveAnnotations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if len(ids) != 3 || ids[0] != "01" || ids[1] != "02" || ids[2] != "04" {
		t.Errorf("got %v, want 01 02 04 (article order, no tombstone)", ids)
	}
	if got[2].Carry == nil || got[2].Carry.Status != annotate.CarryFuzzy {
		t.Errorf("carried annotation lost its carry: %+v", got[2])
	}
}
