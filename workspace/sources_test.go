package workspace

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redline/annotate"
	"redline/ingest/fixtures"
	"redline/storage"
)

// factivaPage is a Factiva HTML download of two fictional articles.
const factivaPage = `<html><body>
<div class="article enArticle"><div id="hd"><span class="enHeadline">Harbour workers vote to extend strike</span></div>
<div class="author">By Mara Quist</div><div>182 words</div><div>18 March 2024</div><div>The Northern Ledger</div><div>NLEDG</div><div>English</div>
<div>(c) 2024 The Northern Ledger. All rights reserved.</div>
<p class="articleParagraph">Dockworkers voted on Monday to stay out for a second week, union officials said.</p>
<p class="articleParagraph">The port authority said talks would resume on Thursday.</p>
<p>Document NLEDG00020240318ek3i0001p</p></div>
<div class="article enArticle"><div id="hd"><span class="enHeadline">Grid operator warns of tight winter</span></div>
<div>95 words</div><div>19 March 2024</div><div>Harbour Gazette</div><div>HGAZ</div><div>English</div>
<p class="articleParagraph">The regional grid operator said reserves would be thin in January.</p>
<p>Document HGAZ000020240319ek3j0002p</p></div>
</body></html>`

func TestImportExportsProvenanceAndStubs(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	page := write("factiva.html", factivaPage)
	// the same first document in a later download, re-edited by the
	// database: same document id, one word changed
	later := write("later.htm", strings.Replace(factivaPage, "second week", "second full week", 1))
	list := write("stories.csv", "stories_id,publish_date,title,url,media_name\n"+
		"2213450981,2024-03-18,Harbour workers vote to extend strike,https://ledger.example/strike,The Northern Ledger\n"+
		"2213450982,2024-03-19,Grid operator warns,https://gazette.example/grid,Harbour Gazette\n")

	sum, err := ws.Import(ctx, []string{page, list}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported() != 4 || len(sum.Failed()) != 0 {
		t.Fatalf("imported %d, failed %v", sum.Imported(), sum.Failed())
	}
	if sum.Files[1].Stubs != 2 {
		t.Errorf("stubs = %d, want 2", sum.Files[1].Stubs)
	}
	sum, err = ws.Import(ctx, []string{later, page, list}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported() != 0 || sum.Duplicates() != 6 {
		t.Errorf("second import: %d new, %d duplicates; want 0 and 6", sum.Imported(), sum.Duplicates())
	}
	arts, err := ws.Store.Articles(ctx, storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var strikeID int64
	stubFamilies := map[int64]bool{}
	for _, a := range arts {
		p, err := ws.Store.Provenance(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.TextMissing {
			if stubFamilies[a.FamilyID] {
				t.Errorf("two stubs grouped as versions of one story")
			}
			stubFamilies[a.FamilyID] = true
			if len(p.Origins) != 1 || p.Origins[0].Database != "Media Cloud" || p.Origins[0].DocID == "" {
				t.Errorf("stub origins = %+v", p.Origins)
			}
			continue
		}
		if a.Title == "Harbour workers vote to extend strike" {
			strikeID = a.ID
			if len(p.Origins) != 2 || p.Origins[0].File != page || p.Origins[0].Position != 1 || p.Origins[1].File != later ||
				p.Origins[0].DocID != "NLEDG00020240318ek3i0001p" {
				t.Errorf("origins of the strike story = %+v", p.Origins)
			}
		}
	}
	if strikeID == 0 {
		t.Fatalf("strike story not stored: %+v", arts)
	}
}

func TestImportColumnMappingIsSaved(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	dir := t.TempDir()
	header := "Schlagzeile;Zeitung;Volltext\n"
	one := filepath.Join(dir, "one.csv")
	two := filepath.Join(dir, "two.csv")
	os.WriteFile(one, []byte(header+"Streik im Hafen;Hafenblatt;Die Arbeiter stimmten am Montag ab.\n"), 0o644)
	os.WriteFile(two, []byte(header+"Netz knapp;Hafenblatt;Der Netzbetreiber warnte vor dem Winter.\n"), 0o644)

	pv, err := ws.PreviewColumns(ctx, one, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pv.HasText || pv.Saved || pv.Columns[0].Field != "ignore" || len(pv.Fields) == 0 {
		t.Errorf("preview before mapping = %+v", pv)
	}
	pv, _ = ws.PreviewColumns(ctx, one, map[string]string{"Volltext": "text"})
	if !pv.HasText || pv.Columns[2].Field != "text" || pv.Columns[2].Samples[0] != "Die Arbeiter stimmten am Montag ab." {
		t.Errorf("preview with a mapping = %+v", pv)
	}

	sum, _ := ws.Import(ctx, []string{one}, nil)
	if len(sum.Failed()) != 1 || !strings.Contains(sum.Failed()[0].Reason, "--map") {
		t.Fatalf("unmapped CSV: %+v", sum.Files)
	}
	m := map[string]string{"schlagzeile": "title", "zeitung": "outlet", "volltext": "text"}
	sum, err = ws.ImportWith(ctx, []string{one}, ImportOptions{Columns: m}, nil)
	if err != nil || sum.Imported() != 1 {
		t.Fatalf("mapped import: %d, %v, %+v", sum.Imported(), err, sum.Files)
	}
	// the next file with the same header needs no mapping
	sum, err = ws.Import(ctx, []string{two}, nil)
	if err != nil || sum.Imported() != 1 {
		t.Fatalf("second file: %d, %v, %+v", sum.Imported(), err, sum.Files)
	}
	pv, _ = ws.PreviewColumns(ctx, two, nil)
	if !pv.Saved || pv.Columns[1].Field != "outlet" {
		t.Errorf("preview after saving = %+v", pv)
	}
	if err := ws.SaveColumns(ctx, two, map[string]string{"Zeitung": "headline"}); err == nil {
		t.Errorf("an unknown field was saved")
	}
}

func TestStubCodedAtDocumentLevel(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	p := filepath.Join(t.TempDir(), "stories.csv")
	os.WriteFile(p, []byte("stories_id,publish_date,title,url,media_name\n2213450981,2024-03-18,Harbour strike,https://ledger.example/strike,The Northern Ledger\n"), 0o644)
	if sum, err := ws.Import(ctx, []string{p}, nil); err != nil || sum.Imported() != 1 {
		t.Fatalf("import: %v %+v", err, sum.Files)
	}
	arts, _ := ws.Store.Articles(ctx, storage.Query{})
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: arts[0].ID, Annotator: "mq", Codebook: ws.Codebook.Name,
		CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral"}
	if err := a.Validate(ws.Codebook); err != nil {
		t.Fatalf("a document-level code on a stub is invalid: %v", err)
	}
	if err := ws.Store.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := ws.Store.ExportCSV(ctx, &out, storage.FormLong, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Harbour strike,The Northern Ledger,https://ledger.example/strike") || !strings.Contains(out.String(), "neutral") {
		t.Errorf("export of a coded stub:\n%s", out.String())
	}
}

func TestBatchWithBrokenAndLockedFiles(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	dir := t.TempDir()
	good := fixtures.DOCX(fixtures.NexisUniLines(fixtures.Stories(6)))
	locked := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 400)...)
	for _, c := range "EncryptedPackage" {
		locked = append(locked, byte(c), 0)
	}
	files := map[string][]byte{
		"a-nexis.docx":   good,
		"b-locked.docx":  locked,
		"c-cut.docx":     good[:len(good)/3],
		"d-factiva.html": fixtures.FactivaHTML(fixtures.Stories(3)),
		"e-locked.odt":   fixtures.ODT([]string{"Title", "Text."}, true),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := ws.Import(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// the Factiva stories share texts with the Nexis ones (same fixtures):
	// stored once
	if sum.Imported() != 6 || sum.Duplicates() != 3 {
		t.Errorf("imported %d, duplicates %d; want 6 and 3", sum.Imported(), sum.Duplicates())
	}
	failed := sum.Failed()
	if len(failed) != 3 {
		t.Fatalf("failed = %v, want the two locked files and the cut one", failed)
	}
	want := map[string]string{"b-locked.docx": "password-protected", "c-cut.docx": "damaged or cut off", "e-locked.odt": "password-protected"}
	for _, f := range failed {
		if w := want[filepath.Base(f.Path)]; w == "" || !strings.Contains(f.Reason, w) {
			t.Errorf("failure %v, want reason containing %q", f, w)
		}
	}
}

func TestNexisDocumentImportedTwiceStoredOnce(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	src := fixtures.Stories(6)
	dir := t.TempDir()
	first := filepath.Join(dir, "first.docx")
	os.WriteFile(first, fixtures.DOCXLinked(fixtures.NexisUniLines(src), fixtures.NexisTitleLinks(src)), 0o644)
	// a later download: the database corrected a figure in one document
	src[2].Paras[0] += " (corrected)"
	later := filepath.Join(dir, "later.docx")
	os.WriteFile(later, fixtures.DOCXLinked(fixtures.NexisUniLines(src), fixtures.NexisTitleLinks(src)), 0o644)
	if sum, err := ws.Import(ctx, []string{first}, nil); err != nil || sum.Imported() != 6 {
		t.Fatalf("first: %v %+v", err, sum.Files)
	}
	sum, err := ws.Import(ctx, []string{later}, nil)
	if err != nil || sum.Imported() != 0 || sum.Duplicates() != 6 {
		t.Fatalf("later: imported %d, duplicates %d, %v", sum.Imported(), sum.Duplicates(), err)
	}
	arts, _ := ws.Store.Articles(ctx, storage.Query{})
	p, _ := ws.Store.Provenance(ctx, arts[2].ID)
	if len(p.Origins) != 2 || p.Origins[1].File != later || p.Origins[0].DocID != fixtures.NexisDocID(2) {
		t.Errorf("origins = %+v", p.Origins)
	}
}
