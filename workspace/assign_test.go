package workspace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"redline/annotate"
)

func TestDraw(t *testing.T) {
	arts := make([]int64, 100)
	for i := range arts {
		arts[i] = int64(i + 1)
	}
	plan := AssignPlan{Coders: []string{"cat", "ana", "bea"}, Overlap: 0.2, Seed: 7}
	as, err := Draw(arts, plan)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	overlap := map[int64]int{}
	seen := map[int64]bool{}
	for _, a := range as {
		per[a.Coder]++
		seen[a.ArticleID] = true
		if a.Overlap {
			overlap[a.ArticleID]++
		}
	}
	if len(overlap) != 20 {
		t.Errorf("overlap sample: %d articles, want 20", len(overlap))
	}
	for id, n := range overlap {
		if n != 3 {
			t.Errorf("overlap article %d went to %d coders, want all 3", id, n)
		}
	}
	if len(seen) != 100 {
		t.Errorf("%d articles assigned, want every one of 100", len(seen))
	}
	// 80 dealt out to 3: 27, 27, 26, plus the 20 each
	for c, n := range per {
		if n != 46 && n != 47 {
			t.Errorf("%s got %d, want 46 or 47", c, n)
		}
	}

	// the same seed in any order gives the same; another seed another
	shuffled := slices.Clone(arts)
	slices.Reverse(shuffled)
	again, _ := Draw(shuffled, AssignPlan{Coders: []string{"bea", "cat", "ana"}, Overlap: 0.2, Seed: 7})
	if !slices.Equal(as, again) {
		t.Errorf("the draw depends on the order of articles or coders")
	}
	other, _ := Draw(arts, AssignPlan{Coders: plan.Coders, Overlap: 0.2, Seed: 8})
	if slices.Equal(as, other) {
		t.Errorf("another seed gave the same draw")
	}
	byCount, _ := Draw(arts, AssignPlan{Coders: plan.Coders, OverlapCount: 5, Seed: 7})
	n := 0
	for _, a := range byCount {
		if a.Overlap {
			n++
		}
	}
	if n != 15 {
		t.Errorf("overlap count 5 with 3 coders: %d overlap assignments, want 15", n)
	}

	for name, p := range map[string]AssignPlan{
		"no coders":    {Overlap: 0.1},
		"twice":        {Coders: []string{"ana", "ana"}},
		"share over 1": {Coders: []string{"ana"}, Overlap: 1.5},
		"too many":     {Coders: []string{"ana"}, OverlapCount: 101},
		"empty name":   {Coders: []string{"ana", " "}},
	} {
		if _, err := Draw(arts, p); !errors.Is(err, annotate.ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", name, err)
		}
	}
}

func TestAssignAndProgress(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	var arts []annotate.Article
	for i := range 10 {
		arts = append(arts, annotate.Article{Title: fmt.Sprintf("story %d", i), Text: fmt.Sprintf("Story number %d about something else entirely: %d.", i, i*7919)})
	}
	arts = append(arts, annotate.Article{Title: "story 0, later", Text: "Story number 0 about something else entirely: 0. Updated."})
	res, err := ws.Store.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Store.MergeFamilies(ctx, res[0].ID, res[10].ID); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)
	as, err := ws.Assign(ctx, AssignPlan{Coders: []string{"ana", "bea"}, OverlapCount: 2, Seed: 1}, false, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.ArticleID == res[10].ID {
			t.Errorf("a later version of a story was assigned: each story counts once")
		}
	}
	if len(as) != 2*2+8 {
		t.Errorf("got %d assignments, want 12 (2 overlap × 2 coders + 8 dealt)", len(as))
	}
	// ana codes her first assigned article
	mine, _ := ws.Store.Assigned(ctx, "ana")
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: mine[0].ArticleID, Annotator: "ana", Codebook: ws.Codebook.Name,
		CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now}
	if err := ws.Store.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	ps, err := ws.AssignedProgress(ctx, "ana")
	if err != nil || len(ps) != 1 {
		t.Fatalf("progress: %+v %v", ps, err)
	}
	p := ps[0]
	if p.Coder != "ana" || p.Total != 6 || p.Coded != 1 || p.OverlapTotal != 2 || p.Next != mine[1].ArticleID {
		t.Errorf("ana's progress: %+v", p)
	}
	all, _ := ws.AssignedProgress(ctx, "")
	if len(all) != 2 || all[1].Coder != "bea" || all[1].Coded != 0 {
		t.Errorf("everyone's progress: %+v", all)
	}
	if _, err := ws.Assign(ctx, AssignPlan{Coders: []string{"ana"}, OverlapCount: 99}, true, now); !errors.Is(err, annotate.ErrInvalid) {
		t.Errorf("impossible plan: %v", err)
	}
	if _, err := ws.Assign(ctx, AssignPlan{Coders: []string{"cem"}}, false, now); !errors.Is(err, ErrAssigned) {
		t.Errorf("drawing again without replacing: %v", err)
	}
	if _, err := ws.Assign(ctx, AssignPlan{Coders: []string{"cem"}}, true, now); err != nil {
		t.Fatal(err)
	}
	all, _ = ws.AssignedProgress(ctx, "")
	if len(all) != 1 || all[0].Coder != "cem" || all[0].Total != 10 {
		t.Errorf("after replacing: %+v", all)
	}
	if a, _ := ws.Store.AnnotationsByID(ctx, []string{a.ID}); len(a) != 1 || a[0].Deleted {
		t.Errorf("replacing assignments touched a code")
	}
}
