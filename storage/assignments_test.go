package storage

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

func TestAssignmentsAndProgress(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	a1 := addArticle(t, s, "First text.")
	a2 := addArticle(t, s, "Second text.")
	a3 := addArticle(t, s, "Third text.")
	now := time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)
	err := s.SaveAssignments(ctx, []Assignment{
		{ArticleID: a1, Coder: "ana", Overlap: true}, {ArticleID: a1, Coder: "bea", Overlap: true},
		{ArticleID: a2, Coder: "ana"}, {ArticleID: a3, Coder: "ana"},
	}, now)
	if err != nil {
		t.Fatal(err)
	}
	code := func(id string, art int64, who string, carry *annotate.Carry) annotate.Annotation {
		return annotate.Annotation{ID: id, ArticleID: art, Annotator: who, Dimension: "stance", Target: "Russia",
			Value: "neutral", Carry: carry, CreatedAt: now, UpdatedAt: now}
	}
	err = s.SaveAnnotations(ctx, []annotate.Annotation{
		code("c1", a1, "ana", nil), // ana coded a1
		code("c2", a2, "ana", &annotate.Carry{From: "c1", Status: annotate.CarryFuzzy}),     // not confirmed: not coded
		code("c3", a3, "ana", &annotate.Carry{From: "c1", Status: annotate.CarryConfirmed}), // confirmed: coded
		code("c4", a1, "cat", nil), // cat is not assigned a1; bea has not coded it
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Assigned(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id             int64
		overlap, coded bool
	}{{a1, true, true}, {a2, false, false}, {a3, false, true}}
	if len(got) != len(want) {
		t.Fatalf("got %d assignments for ana, want 3: %+v", len(got), got)
	}
	for i, w := range want {
		g := got[i]
		if g.ArticleID != w.id || g.Overlap != w.overlap || g.Coded != w.coded || g.TextSHA256 == "" {
			t.Errorf("assignment %d: got %+v, want %+v", i, g, w)
		}
	}
	all, err := s.Assigned(ctx, "")
	if err != nil || len(all) != 4 || all[3].Coder != "bea" || all[3].Coded {
		t.Errorf("all assignments: %+v %v", all, err)
	}
	// assigning again changes the overlap mark only
	if err := s.SaveAssignments(ctx, []Assignment{{ArticleID: a2, Coder: "ana", Overlap: true}}, now); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Assigned(ctx, "ana"); !got[1].Overlap {
		t.Errorf("overlap mark not updated: %+v", got[1])
	}
	if err := s.SaveAssignments(ctx, []Assignment{{ArticleID: 999, Coder: "ana"}}, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown article: got %v", err)
	}
	if id, err := s.ArticleBySHA(ctx, annotate.TextHash("Second text.")); err != nil || id != a2 {
		t.Errorf("ArticleBySHA: %d %v", id, err)
	}
}

func TestAssignmentsFileRoundTrip(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)
	lead := newTestStore(t)
	a1 := addArticle(t, lead, "First text.")
	a2 := addArticle(t, lead, "Second text.")
	if err := lead.SaveAssignments(ctx, []Assignment{{ArticleID: a1, Coder: "=ana", Overlap: true}, {ArticleID: a2, Coder: "bea"}}, now); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := lead.ExportAssignments(ctx, &file); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(file.String(), "'=ana") {
		t.Errorf("a coder name like a formula is not neutralised:\n%s", file.String())
	}
	// the coder's machine holds the first text only
	mine := newTestStore(t)
	b1 := addArticle(t, mine, "First text.")
	// an assignment from an earlier draw, which the file replaces
	if err := mine.SaveAssignments(ctx, []Assignment{{ArticleID: b1, Coder: "old"}}, now); err != nil {
		t.Fatal(err)
	}
	n, problems, err := mine.ImportAssignments(ctx, strings.NewReader(file.String()+"abc,cat,2\n"), now)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || len(problems) != 2 || !strings.Contains(problems[0], "line 3: article") || !strings.Contains(problems[1], "line 4: overlap") {
		t.Errorf("import: %d stored, problems %q", n, problems)
	}
	got, _ := mine.Assigned(ctx, "")
	if len(got) != 1 || got[0].Coder != "=ana" || got[0].ArticleID != b1 || !got[0].Overlap {
		t.Errorf("imported assignments: %+v", got)
	}
	if _, _, err := mine.ImportAssignments(ctx, strings.NewReader("title,words\nx,1\n"), now); err == nil {
		t.Errorf("a file that is not an assignments file was read")
	}
}
