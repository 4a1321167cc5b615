package workspace

import (
	"context"
	"strings"
	"testing"
	"time"

	"redline/agree"
	"redline/annotate"
)

func TestAgreementReadsTheDatabase(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	res, err := ws.Store.AddArticles(ctx, []annotate.Article{
		{Title: "one", Text: "The talks resumed on Monday in Geneva."},
		{Title: "one, later", Text: "The talks resumed on Monday in Geneva, officials said."},
		{Title: "two", Text: "Grain exports fell for a third month."},
	})
	if err != nil {
		t.Fatal(err)
	}
	v1, v2, other := res[0].ID, res[1].ID, res[2].ID
	if err := ws.Store.MergeFamilies(ctx, v1, v2); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	var anns []annotate.Annotation
	code := func(art int64, who, target, value string) *annotate.Annotation {
		anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: art, Annotator: who,
			Codebook: ws.Codebook.Name, CodebookVersion: ws.Codebook.Version, Dimension: "stance",
			Target: target, Value: value, CreatedAt: t0, UpdatedAt: t0})
		return &anns[len(anns)-1]
	}
	code(v1, "ann", "Russia", "unfavourable")
	code(v1, "bob", "Russia", "unfavourable")
	code(other, "ann", "Russia", "neutral")
	code(other, "bob", "Russia", "favourable")
	// ann's code carried to the later version, and bob coding it again:
	// the story is already counted through v1.
	code(v2, "ann", "Russia", "unfavourable").Carry = &annotate.Carry{From: anns[0].ID, Status: annotate.CarryExact, Score: 1}
	code(v2, "bob", "Russia", "neutral")
	if err := ws.Store.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}

	r, err := ws.Agreement(ctx, AgreementQuery{Dimension: "stance"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles != 2 || len(r.Variables) != 3 {
		t.Fatalf("articles %d, variables %d; want 2 stories and 3 stance targets", r.Articles, len(r.Variables))
	}
	russia := r.Variables[0]
	if russia.Target != "Russia" || russia.Units != 2 || russia.Pairable != 4 || russia.PercentAgreement != 0.5 {
		t.Errorf("Russia: %+v", russia)
	}
	if len(r.Notes) != 2 {
		t.Errorf("notes: %q", r.Notes)
	}

	r, err = ws.Agreement(ctx, AgreementQuery{Coders: []string{"ann", "eve"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), `coder "eve" has no codes`) {
		t.Errorf("an unknown coder is not mentioned: %q", r.Notes)
	}
	if _, err := ws.Agreement(ctx, AgreementQuery{Dimension: "tone"}); err == nil || !strings.Contains(err.Error(), "stance, frames") {
		t.Errorf("unknown dimension: got %v", err)
	}

	// bob in training, scored against the lead's adjudication of "two"
	r, err = ws.Agreement(ctx, AgreementQuery{Coders: []string{"bob"}, Dimension: "stance", Gold: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "no adjudicated codes") {
		t.Errorf("gold without adjudicated codes: notes %q", r.Notes)
	}
	if _, err := ws.Adjudicate(ctx, "lead", []string{anns[2].ID, anns[3].ID}, "neutral", "", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r, err = ws.Agreement(ctx, AgreementQuery{Coders: []string{"bob"}, Dimension: "stance", Gold: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Coders, ","); got != agree.GoldCoder+",bob" {
		t.Errorf("gold coders: %s", got)
	}
	diffs := r.Differences("stance", "Russia")
	if len(diffs) != 1 || diffs[0].Article != other || diffs[0].Codes[0].Value != "neutral" || diffs[0].Codes[1].Value != "favourable" {
		t.Errorf("bob's differences from the adjudicated set: %+v", diffs)
	}
}
