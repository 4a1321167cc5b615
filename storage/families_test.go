package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"redline/annotate"
)

func addTexts(t *testing.T, s *Store, texts ...string) []int64 {
	t.Helper()
	arts := make([]annotate.Article, len(texts))
	for i, text := range texts {
		arts[i] = annotate.Article{Title: fmt.Sprintf("A%d", i), Text: text}
	}
	res, err := s.AddArticles(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.ID
	}
	return ids
}

func familyIDs(t *testing.T, s *Store) map[int64]int64 {
	t.Helper()
	ms, err := s.Memberships(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]int64{}
	for _, m := range ms {
		out[m.ID] = m.FamilyID
	}
	return out
}

func TestFamiliesRegroupJoinMergeMoveOut(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ids := addTexts(t, s, "one", "two", "three", "four", "five")
	fam := familyIDs(t, s)
	for _, id := range ids {
		if fam[id] != id {
			t.Fatalf("new article %d in family %d, want its own", id, fam[id])
		}
	}

	n, err := s.Regroup(ctx, [][]int64{{ids[1], ids[2]}, {ids[3], ids[4]}})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("regroup changed %d articles, want 2", n)
	}
	if again, _ := s.Regroup(ctx, [][]int64{{ids[2], ids[1]}, {ids[4], ids[3]}}); again != 0 {
		t.Errorf("regrouping the same groups changed %d articles, want 0", again)
	}
	fam = familyIDs(t, s)
	if fam[ids[2]] != ids[1] || fam[ids[4]] != ids[3] {
		t.Errorf("families %v", fam)
	}

	// a new article that matches both groups bridges them
	nid := addTexts(t, s, "six")[0]
	got, err := s.Join(ctx, nid, []int64{ids[2], ids[4]})
	if err != nil {
		t.Fatal(err)
	}
	fam = familyIDs(t, s)
	if got != ids[1] || fam[ids[3]] != ids[1] || fam[nid] != ids[1] {
		t.Errorf("join gave family %d, families %v", got, fam)
	}

	// moving the smallest member out renumbers the rest
	if err := s.MoveOut(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	fam = familyIDs(t, s)
	if fam[ids[1]] != ids[1] || fam[ids[2]] != ids[2] || fam[nid] != ids[2] {
		t.Errorf("after move out: %v", fam)
	}
	// automatic regrouping leaves a pinned article where the analyst put it
	if _, err := s.Regroup(ctx, [][]int64{{ids[1], ids[2]}}); err != nil {
		t.Fatal(err)
	}
	if f := familyIDs(t, s); f[ids[1]] != ids[1] {
		t.Errorf("regroup moved a pinned article into family %d", f[ids[1]])
	}

	if err := s.MergeFamilies(ctx, ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	f, err := s.FamilyOf(ctx, ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != ids[0] || len(f.Versions) != 2 {
		t.Errorf("merged family %+v", f)
	}
}

func TestFamilyVersionOrder(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 3, 14, 10, 49, 0, 0, time.UTC)
	res, err := s.AddArticles(ctx, []annotate.Article{
		{Title: "late", Text: "c", PublishedAt: t0.Add(4 * time.Hour)},
		{Title: "unknown", Text: "d"},
		{Title: "early", Text: "a", PublishedAt: t0},
		{Title: "retrieved", Text: "b", RetrievedAt: t0},
	})
	if err != nil {
		t.Fatal(err)
	}
	var g []int64
	for _, r := range res {
		g = append(g, r.ID)
	}
	if _, err := s.Regroup(ctx, [][]int64{g}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetVersionTime(ctx, res[3].ID, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	f, err := s.FamilyOf(ctx, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, v := range f.Versions {
		order = append(order, v.Title)
	}
	if fmt.Sprint(order) != "[early retrieved late unknown]" {
		t.Errorf("version order %v", order)
	}
}

func TestOutletTextsOnePerStory(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	res, err := s.AddArticles(ctx, []annotate.Article{
		{Outlet: "Herald", Text: "story one v1"},
		{Outlet: "Herald", Text: "story one v2"},
		{Outlet: "Herald", Text: "story two"},
		{Outlet: "Courier", Text: "story three"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Regroup(ctx, [][]int64{{res[0].ID, res[1].ID}}); err != nil {
		t.Fatal(err)
	}
	texts, err := s.OutletTexts(ctx, "Herald", 10)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(texts) != "[story two story one v1]" {
		t.Errorf("texts %q", texts)
	}
}
