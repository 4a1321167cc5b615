package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

// TestReportIsSelfContainedAndTrue: the report has every section and
// chart, no link to the network, and its numbers are the database's.
func TestReportIsSelfContainedAndTrue(t *testing.T) {
	ctx := context.Background()
	db := testDB(t, "r.db")
	ws, err := workspace.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	items, err := ws.Store.Articles(ctx, storageQueryAll())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	var anns []annotate.Annotation
	for i, it := range items[:6] {
		for _, who := range []string{"ana", "bea"} {
			v := []string{"favourable", "neutral", "unfavourable"}[i%3]
			if who == "bea" && i == 5 {
				v = "mixed"
			}
			anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: it.ID, Annotator: who, Codebook: ws.Codebook.Name,
				CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: v, CreatedAt: now, UpdatedAt: now})
		}
	}
	if err := ws.Store.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	n := len(items)
	ws.Close()
	out := filepath.Join(t.TempDir(), "report.html")
	code, _, stderr := runCLI(t, "report", "--db", db, "--out", out)
	if code != ExitOK {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(data)
	for _, want := range []string{
		"<td>" + strconv.Itoa(n) + "</td>", // articles
		"<tr><td>ana</td><td>6</td>", "<tr><td>bea</td><td>6</td>",
		"stance · Russia", "Krippendorff",
		"Stance toward Russia by outlet: codes on 6 articles",
		"Coded articles by publication day",
		"<svg",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, bad := range []string{"http://", "https://", "<script"} {
		if strings.Contains(strings.ReplaceAll(html, `xmlns="http://www.w3.org/2000/svg"`, ""), bad) && !strings.Contains(bad, "http") {
			t.Errorf("report is not self-contained: %q", bad)
		}
	}
	if strings.Contains(html, "<script") || strings.Contains(html, `src="http`) || strings.Contains(html, `href="http`) {
		t.Error("the report loads something from the network")
	}
	if code, _, _ := runCLI(t, "report", "--db", db, "extra"); code != ExitUsage {
		t.Errorf("report with an argument exited %d", code)
	}
}

func storageQueryAll() storage.Query { return storage.Query{} }

func TestProjectBlindNeedsALead(t *testing.T) {
	db := testDB(t, "p.db")
	if code, _, errs := runCLI(t, "project", "--db", db, "--blind", "on"); code != ExitFail || !strings.Contains(errs, "needs a lead") {
		t.Errorf("blind without a lead: exit %d %s", code, errs)
	}
	code, out, _ := runCLI(t, "project", "--db", db, "--blind", "on", "--lead", "Lead")
	if code != ExitOK || !strings.Contains(out, "Lead (the lead) sees everything") {
		t.Errorf("blind: exit %d %s", code, out)
	}
	if code, out, _ := runCLI(t, "project", "--db", db, "--blind", "off"); code != ExitOK || !strings.Contains(out, "Open") {
		t.Errorf("lifted: exit %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "project", "--db", db, "--blind", "maybe"); code != ExitUsage {
		t.Errorf("bad value exit %d", code)
	}
}

// TestImportGroupsAPagesTwoCopies: the command line groups a page that
// carries its article twice exactly as the window does (one import path):
// the copies are one story at once, before any `redline versions`.
func TestImportGroupsAPagesTwoCopies(t *testing.T) {
	db := testDB(t, "r.db")
	if code, _, errs := runCLI(t, "import", "--db", db, filepath.Join("..", "assets", "demo", "09-forum-repost.txt")); code != ExitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	ctx := context.Background()
	ws, err := workspace.Open(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	items, err := ws.Store.Articles(ctx, storage.Query{})
	if err != nil || len(items) != 2 {
		t.Fatalf("%d articles, %v", len(items), err)
	}
	if items[0].FamilyID == 0 || items[0].FamilyID != items[1].FamilyID {
		t.Errorf("the page's two copies are in stories %d and %d", items[0].FamilyID, items[1].FamilyID)
	}
}

// TestMergeATeammatesDatabase: a teammate's whole database merges: the
// articles this one lacks, then their codes; their file is not changed.
func TestMergeATeammatesDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mine, theirs := filepath.Join(dir, "mine.db"), filepath.Join(dir, "theirs.db")
	files := writeFiles(t, map[string]string{
		"a.txt": "Title: Harbour strike\nOutlet: Caldera Courier\n\nDockworkers stopped work on Monday over automation plans at the port.",
		"b.txt": "Title: Gas cap\nOutlet: Bellmar Times\n\nThe regulator capped household gas prices for the winter months.",
	})
	if code, _, errs := runCLI(t, "import", "--db", mine, filepath.Join(files, "a.txt")); code != ExitOK {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "import", "--db", theirs, files); code != ExitOK {
		t.Fatal(errs)
	}
	ws, err := workspace.Open(ctx, theirs, false)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := ws.Store.Articles(ctx, storage.Query{})
	now := time.Now().UTC()
	var anns []annotate.Annotation
	for _, it := range items {
		anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: it.ID, Annotator: "Bea", Codebook: ws.Codebook.Name,
			CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now})
	}
	if err := ws.Store.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	before, _ := os.ReadFile(theirs)
	code, out, errs := runCLI(t, "merge", "--db", mine, theirs)
	if code != ExitOK || !strings.Contains(out, "2 added") || !strings.Contains(out, "1 article this database lacked") {
		t.Fatalf("merge of a database: %d\n%s\n%s", code, out, errs)
	}
	after, _ := os.ReadFile(theirs)
	if !bytes.Equal(before, after) {
		t.Error("the teammate's database file changed")
	}
	code, out, _ = runCLI(t, "list", "--db", mine, "--json")
	if code != ExitOK || strings.Count(out, `"coded": true`) != 2 {
		t.Errorf("after the merge: %s", out)
	}
}

func TestBlindExportHoldsOnlyTheCodersCodes(t *testing.T) {
	ctx := context.Background()
	db := testDB(t, "b.db")
	ws, err := workspace.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := ws.Store.Articles(ctx, storage.Query{})
	now := time.Now().UTC()
	var anns []annotate.Annotation
	for _, who := range []string{"Ana", "Bea"} {
		anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: items[0].ID, Annotator: who, Codebook: ws.Codebook.Name,
			CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now})
	}
	if err := ws.Store.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	if err := ws.Store.SetSetting(ctx, "annotator", "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := ws.SetProject(ctx, workspace.Project{Blind: true, Lead: "Lead"}); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	code, out, errs := runCLI(t, "export", "--db", db)
	if code != ExitOK || strings.Contains(out, "Bea") || !strings.Contains(out, "Ana") || !strings.Contains(errs, "blind") {
		t.Errorf("blind export: %d\n%s\n%s", code, out, errs)
	}
}
