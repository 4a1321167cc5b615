package workspace

import (
	"context"
	"path/filepath"
	"testing"

	"redline/annotate"
	"redline/storage"
)

// TestImportAndRegroupAgree imports the wire-copy corpus in small files'
// worth of batches and checks that regrouping from scratch moves nothing:
// one algorithm, run at import in the batch's transaction and by
// `redline versions` over the whole database.
func TestImportAndRegroupAgree(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	sum, err := ws.Import(ctx, []string{filepath.Join("..", "diff", "testdata", "wire", "corpus.jsonl")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported() < 90 {
		t.Fatalf("imported %d articles: %+v", sum.Imported(), sum.Failed())
	}
	before, err := ws.Store.Memberships(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fams, changed, err := ws.Regroup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if changed != 0 {
		t.Errorf("regrouping after import moved %d articles", changed)
	}
	after, _ := ws.Store.Memberships(ctx)
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("regroup moved %+v to %+v", before[i], after[i])
		}
	}
	if len(fams) < 20 {
		t.Errorf("%d families of two or more versions, want at least 20 of the corpus's 26 stories", len(fams))
	}
	// the stories sharing background paragraphs are related, with passages
	byTitle := map[string]int64{}
	arts, _ := ws.Store.Articles(ctx, storage.Query{})
	for _, a := range arts {
		byTitle[a.Title] = a.ID
	}
	drought := byTitle["Farmers delay spring sowing as drought deepens"]
	rationing := byTitle["Capital to ration tap water at night from April"]
	rel, err := ws.RelatedStories(ctx, drought)
	if err != nil {
		t.Fatal(err)
	}
	rf, _ := ws.Store.FamilyOf(ctx, rationing)
	found := false
	for _, r := range rel {
		if r.FamilyID == rf.ID {
			found = true
			if len(r.Links) == 0 || len(r.Links[0].Passages) == 0 || r.Links[0].Passages[0].Text == "" || r.Links[0].Words < 100 {
				t.Errorf("related link without its passages: %+v", r.Links)
			}
		}
	}
	if !found {
		t.Errorf("the drought stories sharing five background paragraphs are not related: %+v", rel)
	}
}

// TestOldDatabaseGetsKeys: articles stored before index keys existed (or
// by another method) get keys before the next import compares with them.
func TestOldDatabaseGetsKeys(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	text := "The port authority said it would take at least ten days to clear the backlog of vessels, some of which had been diverted to rival terminals along the coast.\n\n" +
		"Exporters of frozen fish and timber had been among the hardest hit. The national chamber of commerce estimated the cost of the stoppage at 40 million euros a week."
	old, err := ws.Store.AddArticles(ctx, []annotate.Article{{Title: "old", Text: text}}) // no keys, as before migration 0004
	if err != nil {
		t.Fatal(err)
	}
	res, err := ws.addGroupedEnsured(ctx, []annotate.Article{{Title: "new", Text: text + "\n\nThe strike was the longest at Lorvik since 1987."}})
	if err != nil {
		t.Fatal(err)
	}
	f1, _ := ws.Store.FamilyOf(ctx, old[0].ID)
	f2, _ := ws.Store.FamilyOf(ctx, res[0].ID)
	if f1.ID != f2.ID {
		t.Errorf("a new version of an article stored before keys existed is in family %d, the old one in %d", f2.ID, f1.ID)
	}
}

func (ws *Workspace) addGroupedEnsured(ctx context.Context, arts []annotate.Article) ([]storage.AddResult, error) {
	if err := ws.ensureKeys(ctx); err != nil {
		return nil, err
	}
	return ws.addGrouped(ctx, arts)
}
