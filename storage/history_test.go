package storage

import (
	"context"
	"testing"
	"time"

	"redline/annotate"
)

func TestUndoRedoSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := addTexts(t, s, "The minister said the plan would work.")[0]
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveChange(ctx, "ana", "stance: neutral", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	b := a
	b.Value, b.UpdatedAt = "unfavourable", t0.Add(time.Minute)
	if err := s.SaveChange(ctx, "ana", "stance: unfavourable", []annotate.Annotation{b}); err != nil {
		t.Fatal(err)
	}
	// another analyst's history is separate
	other := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "bea", Dimension: "stance", Target: "Russia", Value: "mixed", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveChange(ctx, "bea", "stance: mixed", []annotate.Annotation{other}); err != nil {
		t.Fatal(err)
	}

	// reopen: the history is on disk
	path := s.Path()
	s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	value := func() (string, bool) {
		anns, err := s.Annotations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range anns {
			if x.ID == a.ID {
				return x.Value, x.Deleted
			}
		}
		return "", true
	}
	c, err := s.Undo(ctx, "ana", t0.Add(time.Hour))
	if err != nil || c.Label != "stance: unfavourable" {
		t.Fatalf("undo: %+v %v", c, err)
	}
	if v, del := value(); v != "neutral" || del {
		t.Errorf("after one undo: %q deleted=%v, want neutral", v, del)
	}
	if _, err := s.Undo(ctx, "ana", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, del := value(); !del {
		t.Errorf("undoing the first change did not delete the annotation")
	}
	if c, _ := s.Undo(ctx, "ana", t0.Add(3*time.Hour)); c.Seq != 0 {
		t.Errorf("undo with nothing left returned %+v", c)
	}
	if _, err := s.Redo(ctx, "ana", t0.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if v, del := value(); v != "neutral" || del {
		t.Errorf("after redo: %q deleted=%v", v, del)
	}
	// a new change drops what could be redone
	c2 := b
	c2.Value, c2.UpdatedAt = "mixed", t0.Add(5*time.Hour)
	if err := s.SaveChange(ctx, "ana", "stance: mixed", []annotate.Annotation{c2}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Redo(ctx, "ana", t0.Add(6*time.Hour)); c.Seq != 0 {
		t.Errorf("redo after a new change returned %+v", c)
	}
	// bea's change was untouched by ana's undos
	anns, _ := s.Annotations(ctx, id)
	for _, x := range anns {
		if x.ID == other.ID && (x.Deleted || x.Value != "mixed") {
			t.Errorf("bea's annotation changed: %+v", x)
		}
	}
}
