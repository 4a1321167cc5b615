package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb, nil)
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportListExport(t *testing.T) {
	db := testDB(t, "r.db")
	dir := writeFiles(t, map[string]string{
		"a.txt":       "Title: Harbour strike\nOutlet: Caldera Courier\n\nDockworkers stopped work on Monday.",
		"b.jsonl":     `{"title": "Gas cap", "outlet": "Bellmar Times", "text": "The regulator capped prices."}` + "\n" + `{"title": "Court", "text": "Judges ruled on sources."}` + "\n",
		"broken.json": `[{"title": "cut off`,
	})
	code, out, errs := runCLI(t, "import", "--db", db, dir)
	if code != ExitFail {
		t.Errorf("import with a broken file exited %d, want %d", code, ExitFail)
	}
	if !strings.Contains(errs, "FAILED") || !strings.Contains(errs, "broken.json") || strings.Contains(out, "FAILED") {
		t.Errorf("import's errors do not name the broken file on stderr:\nstdout:\n%s\nstderr:\n%s", out, errs)
	}
	if !strings.Contains(out, "Imported 3 new articles from 2 files") {
		t.Errorf("import summary wrong:\n%s", out)
	}

	// flags after the paths work too, and a second import finds duplicates
	code, out, _ = runCLI(t, "import", filepath.Join(dir, "a.txt"), "--db", db)
	if code != ExitOK || !strings.Contains(out, "0 new, 1 already stored") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}

	code, out, _ = runCLI(t, "list", "--db", db, "--json")
	if code != ExitOK {
		t.Fatalf("list exited %d", code)
	}
	var rows []listRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("list --json is not JSON: %v\n%s", err, out)
	}
	titles := map[string]string{}
	for _, r := range rows {
		titles[r.Title] = r.Outlet
	}
	if len(rows) != 3 || titles["Harbour strike"] != "Caldera Courier" || titles["Gas cap"] != "Bellmar Times" {
		t.Errorf("list gave %+v", rows)
	}

	code, out, _ = runCLI(t, "list", "--db", db)
	if code != ExitOK || !strings.HasPrefix(out, "ID") || strings.Count(out, "\n") != 4 {
		t.Errorf("list table: exit %d\n%s", code, out)
	}

	outFile := filepath.Join(t.TempDir(), "codes.csv")
	if code, _, errs := runCLI(t, "export", "--db", db, "--out", outFile); code != ExitOK {
		t.Fatalf("export exited %d: %s", code, errs)
	}
	f, err := os.Open(outFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0][0] != "annotation_id" {
		t.Errorf("export of an uncoded database: %v", recs)
	}
}

func TestUsageAndFailures(t *testing.T) {
	db := testDB(t, "r.db")
	notDB := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notDB, []byte("these are my notes, not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"unknown command", []string{"frobnicate"}, ExitUsage, "unknown command"},
		{"import without paths", []string{"import", "--db", db}, ExitUsage, "at least one file"},
		{"bad flag", []string{"list", "--db", db, "--colour"}, ExitUsage, "colour"},
		{"bad form", []string{"export", "--db", db, "--form", "tall"}, ExitUsage, "long, wide or articles"},
		{"not a database", []string{"list", "--db", notDB}, ExitFail, "not a Redline database"},
		{"missing path", []string{"import", "--db", db, "/no/such/file.txt"}, ExitFail, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errs)
			}
			if tt.err != "" && !strings.Contains(errs, tt.err) {
				t.Errorf("stderr %q lacks %q", errs, tt.err)
			}
			if tt.code == ExitFail && tt.err != "" && strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("failure reason is not one line: %q", errs)
			}
		})
	}
	before, _ := os.ReadFile(notDB)
	if string(before) != "these are my notes, not a database\n" {
		t.Errorf("refusing a file changed it")
	}
}

func TestVersionsAndDiffOnDemoCorpus(t *testing.T) {
	db := testDB(t, "r.db")
	if code, _, errs := runCLI(t, "import", "--db", db, "../assets/demo"); code != ExitOK {
		t.Fatalf("import demo: exit %d %s", code, errs)
	}
	code, out, _ := runCLI(t, "versions", "--db", db, "--json")
	if code != ExitOK {
		t.Fatalf("versions exited %d", code)
	}
	var v struct {
		Changed  int `json:"changed"`
		Families []struct {
			ID       int64 `json:"family_id"`
			Versions []struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
			} `json:"versions"`
		} `json:"families"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Changed != 0 {
		t.Errorf("versions right after import changed %d articles, want 0", v.Changed)
	}
	var ceasefire []int64
	for _, f := range v.Families {
		if len(f.Versions) == 3 {
			for _, x := range f.Versions {
				ceasefire = append(ceasefire, x.ID)
			}
		}
	}
	// the ceasefire, the grain convoy, the forum page carrying its article
	// twice, and the web archive's edit history of the dam story
	if len(v.Families) != 4 || len(ceasefire) != 3 {
		t.Fatalf("families %+v, want 4 with one of three versions", v.Families)
	}

	args := []string{"diff", "--db", db, "--changes", fmt.Sprint(ceasefire[1]), fmt.Sprint(ceasefire[2])}
	code, out, _ = runCLI(t, args...)
	if code != ExitOK {
		t.Fatalf("diff exited %d", code)
	}
	for _, want := range []string{
		"Headline changed:",
		"+ \"The road is open for now",         // the new quote
		"- According to the Korvanian defence", // the deleted sentence
		"- \"We have forty trucks",             // the dropped source
		"> The fighting began on March 5",      // the moved paragraph
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\n= ") {
		t.Errorf("--changes printed unchanged sentences")
	}
	code, out, _ = runCLI(t, "diff", "--db", db, "--json", fmt.Sprint(ceasefire[0]), fmt.Sprint(ceasefire[1]))
	var d struct {
		Summary struct{ Added, Edited int }
		Pairs   []struct {
			Kind  string `json:"kind"`
			Words []struct{ Op, Text string }
		} `json:"pairs"`
	}
	if err := json.Unmarshal([]byte(out), &d); code != ExitOK || err != nil {
		t.Fatalf("diff --json: exit %d, %v", code, err)
	}
	if d.Summary.Added < 2 || d.Summary.Edited < 2 {
		t.Errorf("v1→v2 summary %+v: want the two added paragraphs and two edited sentences", d.Summary)
	}
	edits := ""
	for _, p := range d.Pairs {
		if p.Kind == "edited" {
			for _, w := range p.Words {
				if w.Op != "equal" {
					edits += w.Op + ":" + strings.TrimSpace(w.Text) + " "
				}
			}
		}
	}
	for _, want := range []string{"delete:14", "insert:19", "delete:added", "insert:warned"} {
		if !strings.Contains(edits, want) {
			t.Errorf("word changes %q lack %q", edits, want)
		}
	}
	if code, _, _ := runCLI(t, "diff", "--db", db, "1"); code != ExitUsage {
		t.Errorf("diff with one id exited %d, want 2", code)
	}
}

func TestExportMergeRoundTrip(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Title: Harbour strike\n\nDockworkers stopped work on Monday."})
	ana := filepath.Join(t.TempDir(), "ana.db")
	bea := filepath.Join(t.TempDir(), "bea.db")
	for _, db := range []string{ana, bea} {
		if code, _, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
			t.Fatalf("import: %d %s", code, errs)
		}
	}
	// code on ana's machine through the store, as the window does
	ctx := context.Background()
	ws, err := workspace.Open(ctx, ana, false)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := ws.Store.Articles(ctx, storage.Query{})
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: items[0].ID, Annotator: "ana", Codebook: ws.Codebook.Name,
		CodebookVersion: 1, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := ws.Store.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	out := filepath.Join(t.TempDir(), "ana.jsonl")
	if code, _, errs := runCLI(t, "export", "--db", ana, "--format", "jsonl", "--out", out); code != ExitOK {
		t.Fatalf("export: %d %s", code, errs)
	}
	code, stdout, _ := runCLI(t, "merge", "--db", bea, out)
	if code != ExitOK || !strings.Contains(stdout, "1 added") {
		t.Fatalf("merge: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "merge", "--db", bea, out)
	if code != ExitOK || !strings.Contains(stdout, "1 unchanged") {
		t.Errorf("merging again: exit %d\n%s", code, stdout)
	}
	csvOut := filepath.Join(t.TempDir(), "bea.csv")
	runCLI(t, "export", "--db", bea, "--out", csvOut)
	data, _ := os.ReadFile(csvOut)
	if !strings.Contains(string(data), a.ID) || !strings.Contains(string(data), "neutral") {
		t.Errorf("bea's export lacks ana's merged code:\n%s", data)
	}
}

func TestSuggestPrintsQuotesAndStoresNothing(t *testing.T) {
	db := testDB(t, "r.db")
	dir := writeFiles(t, map[string]string{"a.txt": "Title: Truce\n\n\"We have agreed to silence the guns,\" the deputy foreign minister Anika Varelo told reporters in Orlesk."})
	if code, _, _ := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatal("import failed")
	}
	code, out, _ := runCLI(t, "suggest", "--db", db, "--json", "1")
	if code != ExitOK {
		t.Fatalf("suggest exited %d", code)
	}
	var rows []struct {
		Quote struct {
			Text string `json:"text"`
		} `json:"quote"`
		Speaker string `json:"speaker"`
		Kind    string `json:"attribution"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Quote.Text != "We have agreed to silence the guns," && rows[0].Quote.Text != "We have agreed to silence the guns" {
		t.Fatalf("suggestions %+v", rows)
	}
	if rows[0].Speaker != "Anika Varelo" || rows[0].Kind != "direct" {
		t.Errorf("speaker %q kind %q", rows[0].Speaker, rows[0].Kind)
	}
	code, out, _ = runCLI(t, "export", "--db", db)
	if code != ExitOK || strings.Count(out, "\n") != 1 {
		t.Errorf("suggesting stored annotations:\n%s", out)
	}
}

// TestImportGroupsAPageCarriedTwice: `redline import` of a page that
// carries its article twice puts both copies in one story at once, as the
// window's import does (one import path).
func TestImportGroupsAPageCarriedTwice(t *testing.T) {
	db := testDB(t, "r.db")
	page, err := os.ReadFile(filepath.Join("..", "assets", "demo", "09-forum-repost.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{"repost.txt": string(page)})
	if code, out, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatalf("import exit %d\n%s%s", code, out, errs)
	}
	ws, err := workspace.Open(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	fams, err := ws.Store.Families(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) != 1 || len(fams[0].Versions) != 2 {
		t.Errorf("after a command-line import the page's copies are in %d families: %+v", len(fams), fams)
	}
}

func TestVersionsJSONShowsRelatedStories(t *testing.T) {
	db := testDB(t, "r.db")
	background := "The mine has been operated since 1962 by the state copper company, which employs about 2,400 people in the region and exports most of its ore to smelters abroad, mainly in the north."
	dir := writeFiles(t, map[string]string{
		"a.txt": "Title: Miners rescued\n\nRescuers reached the nine miners on Wednesday evening after drilling through 40 meters of rock, the operator said.\n\n" + background,
		"b.txt": "Title: Copper falls\n\nThe copper price fell for a third day on Thursday as traders worried about demand from builders and carmakers in Asia.\n\n" + background,
	})
	if code, out, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatalf("import exit %d\n%s%s", code, out, errs)
	}
	code, out, _ := runCLI(t, "versions", "--db", db, "--json")
	if code != ExitOK {
		t.Fatalf("versions exit %d", code)
	}
	var got struct {
		Families []struct {
			ID       int64 `json:"family_id"`
			Versions []struct{ ID int64 }
			Related  []struct {
				FamilyID int64 `json:"family_id"`
				Links    []struct {
					Words    int
					Passages []struct {
						Text  string
						Words int
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Families) != 2 {
		t.Fatalf("want the two stories listed, each with its related story:\n%s", out)
	}
	for _, f := range got.Families {
		if len(f.Versions) != 1 || len(f.Related) != 1 || len(f.Related[0].Links) != 1 {
			t.Fatalf("family %d: %+v", f.ID, f)
		}
		p := f.Related[0].Links[0].Passages
		if len(p) != 1 || !strings.Contains(p[0].Text, "state copper company") {
			t.Errorf("family %d: shared passage %+v, want the background paragraph", f.ID, p)
		}
	}
	if code, _, errs := runCLI(t, "versions", "--db", db, "--threshold", "0.5"); code != ExitUsage || !strings.Contains(errs, "passages articles share") {
		t.Errorf("--threshold: exit %d, %q; want a usage error that says what replaced it", code, errs)
	}
}
