package workspace

import (
	"context"
	"errors"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
)

func TestAdjudicateSettlesAndUndoes(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	res, err := ws.Store.AddArticles(ctx, []annotate.Article{
		{Title: "one", Text: "The talks resumed on Monday in Geneva."},
		{Title: "two", Text: "Grain exports fell for a third month."},
	})
	if err != nil {
		t.Fatal(err)
	}
	art, other := res[0].ID, res[1].ID
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	mk := func(art int64, who, target, value string) annotate.Annotation {
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: art, Annotator: who, Codebook: ws.Codebook.Name,
			CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: target, Value: value, CreatedAt: t0, UpdatedAt: t0}
	}
	ana, bea := mk(art, "ana", "Russia", "unfavourable"), mk(art, "bea", "Russia", "neutral")
	ukr := mk(art, "bea", "Ukraine", "neutral")
	elsewhere := mk(other, "ana", "Russia", "neutral")
	if err := ws.Store.SaveAnnotations(ctx, []annotate.Annotation{ana, bea, ukr, elsewhere}); err != nil {
		t.Fatal(err)
	}
	before, err := ws.Agreement(ctx, AgreementQuery{Dimension: "stance"})
	if err != nil {
		t.Fatal(err)
	}

	t1 := t0.Add(time.Hour)
	final, err := ws.Adjudicate(ctx, "lead", []string{ana.ID, bea.ID}, "unfavourable", "the headline decides", t1)
	if err != nil {
		t.Fatal(err)
	}
	if final.Annotator != "lead" || final.Value != "unfavourable" || final.Settles != ana.ID+" "+bea.ID || final.ArticleID != art {
		t.Errorf("adjudicated code: %+v", final)
	}
	// Changing one's mind changes the same code.
	again, err := ws.Adjudicate(ctx, "lead", []string{bea.ID}, "neutral", "", t1.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != final.ID || again.Value != "neutral" || again.Settles != bea.ID+" "+ana.ID {
		t.Errorf("re-adjudication: %+v, want the same code changed", again)
	}
	after, err := ws.Agreement(ctx, AgreementQuery{Dimension: "stance"})
	if err != nil {
		t.Fatal(err)
	}
	if after.Variables[0].Pairable != before.Variables[0].Pairable || len(after.Coders) != 2 {
		t.Errorf("adjudicated code entered the agreement: before %+v after %+v", before.Variables[0], after.Variables[0])
	}

	if _, err := ws.Store.Undo(ctx, "lead", t1.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	stored, _ := ws.Store.AnnotationsByID(ctx, []string{final.ID})
	if stored[0].Deleted || stored[0].Value != "unfavourable" || stored[0].Settles != ana.ID+" "+bea.ID {
		t.Errorf("undo should bring back the first adjudication, links and all: %+v", stored[0])
	}
	if _, err := ws.Store.Undo(ctx, "lead", t1.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	stored, _ = ws.Store.AnnotationsByID(ctx, []string{final.ID})
	if !stored[0].Deleted {
		t.Errorf("undoing the adjudication should remove it: %+v", stored[0])
	}

	for name, ids := range map[string][]string{
		"other target":  {ana.ID, ukr.ID},
		"other article": {ana.ID, elsewhere.ID},
		"none":          nil,
		"adjudicated":   {final.ID},
	} {
		if name == "adjudicated" {
			// bring it back to life first
			if _, err := ws.Store.Redo(ctx, "lead", t1.Add(4*time.Minute)); err != nil {
				t.Fatal(err)
			}
			if back, _ := ws.Store.AnnotationsByID(ctx, []string{final.ID}); back[0].Deleted || back[0].Settles != ana.ID+" "+bea.ID {
				t.Errorf("redo should bring the adjudication back with its links: %+v", back[0])
			}
		}
		if _, err := ws.Adjudicate(ctx, "lead", ids, "neutral", "", t1); !errors.Is(err, ErrNotSettleable) {
			t.Errorf("%s: got %v, want ErrNotSettleable", name, err)
		}
	}
	if _, err := ws.Adjudicate(ctx, "lead", []string{"NOPE"}, "neutral", "", t1); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown code: got %v", err)
	}
	if _, err := ws.Adjudicate(ctx, "lead", []string{ana.ID}, "sarcastic", "", t1); !errors.Is(err, annotate.ErrInvalid) {
		t.Errorf("value off the codebook: got %v", err)
	}
}

func TestAdjudicateFrames(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	res, err := ws.Store.AddArticles(ctx, []annotate.Article{{Title: "one", Text: "Grain exports fell for a third month."}})
	if err != nil {
		t.Fatal(err)
	}
	art := res[0].ID
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	mk := func(who, dim, target, value string) annotate.Annotation {
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: art, Annotator: who, Codebook: ws.Codebook.Name,
			CodebookVersion: ws.Codebook.Version, Dimension: dim, Target: target, Value: value, CreatedAt: t0, UpdatedAt: t0}
	}
	// ann ticks economic and security; bob coded the article, ticking neither
	eco, sec := mk("ann", "frames", "", "economic"), mk("ann", "frames", "", "security")
	if err := ws.Store.SaveAnnotations(ctx, []annotate.Annotation{eco, sec, mk("bob", "stance", "Russia", "neutral")}); err != nil {
		t.Fatal(err)
	}
	r, _ := ws.Agreement(ctx, AgreementQuery{Dimension: "frames"})
	diffs := r.Differences("frames", "economic")
	if len(diffs) != 1 || diffs[0].Codes[0].AnnotationID != eco.ID || diffs[0].Codes[1].Value != "absent" {
		t.Fatalf("economic differences: %+v", diffs)
	}

	absent, err := ws.Adjudicate(ctx, "lead", []string{eco.ID}, "absent", "", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if absent.Value != "" || absent.Settles != eco.ID || absent.Dimension != "frames" {
		t.Errorf("absence stored as %+v", absent)
	}
	present, err := ws.Adjudicate(ctx, "lead", []string{sec.ID}, "present", "", t0.Add(time.Hour))
	if err != nil || present.Value != "security" {
		t.Fatalf("presence: %+v %v", present, err)
	}
	// bob against the gold set: economic absent for both, security differs
	r, err = ws.Agreement(ctx, AgreementQuery{Coders: []string{"bob"}, Dimension: "frames", Gold: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Differences("frames", "economic"); len(d) != 0 {
		t.Errorf("economic settled absent, bob absent: differences %+v", d)
	}
	d := r.Differences("frames", "security")
	if len(d) != 1 || d[0].Codes[0].Value != "present" || d[0].Codes[1].Value != "absent" {
		t.Errorf("security: %+v", d)
	}
	if d := r.Differences("frames", "health"); len(d) != 0 {
		t.Errorf("health, settled by nobody: %+v", d)
	}

	if _, err := ws.Adjudicate(ctx, "lead", []string{eco.ID, sec.ID}, "absent", "", t0); !errors.Is(err, ErrNotSettleable) {
		t.Errorf("two frames at once: %v", err)
	}
	if _, err := ws.Adjudicate(ctx, "lead", []string{eco.ID}, "maybe", "", t0); !errors.Is(err, annotate.ErrInvalid) {
		t.Errorf("a frame settled as maybe: %v", err)
	}
	// changing the absence to a presence changes the same code
	again, err := ws.Adjudicate(ctx, "lead", []string{eco.ID}, "economic", "", t0.Add(2*time.Hour))
	if err != nil || again.ID != absent.ID || again.Value != "economic" {
		t.Errorf("re-adjudicating economic: %+v %v", again, err)
	}
}
