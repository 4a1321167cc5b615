package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"redline/annotate"
	"redline/keymap"
	"redline/storage"
	"redline/workspace"
)

// bench is a workbench on a real temporary database, with the test
// goroutine playing the UI goroutine.
type bench struct {
	t    *testing.T
	loc  string // where the database is: a file, or a test server database
	ws   *workspace.Workspace
	wb   *Workbench
	win  fyne.Window
	loop *testLoop
}

func newBench(t *testing.T, annotator string, arts ...annotate.Article) *bench {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	loc := testDB(t, "bench.db")
	ws, err := workspace.Open(ctx, loc, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	for i := range arts {
		arts[i].Fill()
	}
	if len(arts) > 0 {
		if _, err := ws.Store.AddArticles(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	if annotator != "" {
		if err := ws.Store.SetSetting(ctx, settingAnnotator, annotator); err != nil {
			t.Fatal(err)
		}
	}
	win := test.NewTempWindow(t, nil)
	win.Resize(fyne.NewSize(1200, 800))
	l := &testLoop{}
	wb := newWorkbench(win, Options{Store: ws.Store, Work: ws, Importer: ws, Codebooks: ws, Codebook: ws.Codebook}, l)
	b := &bench{t: t, loc: loc, ws: ws, wb: wb, win: win, loop: l}
	b.settle()
	return b
}

// settle runs all pending work and its results, as the UI goroutine would.
func (b *bench) settle() {
	b.t.Helper()
	for i := 0; i < 5; i++ {
		b.loop.Drain()
		if !b.wb.jobs.busy() {
			return
		}
		if held, _ := b.wb.jobs.holding(); held && !b.wb.jobs.running {
			return // saves wait for a server that is out of reach: a retry is scheduled
		}
	}
	b.t.Fatal("work still pending after draining")
}

// typeRunes types as the real window delivers characters: to the focused
// widget if there is one, else to the window's handler.
func (b *bench) typeRunes(s string) {
	for _, r := range s {
		if f := b.win.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else {
			b.win.Canvas().OnTypedRune()(r)
		}
	}
	b.settle()
}

// key presses a key as the real window delivers it: to the focused
// widget if there is one (in the top dialog's focus, when one is open),
// else to the window's key handler.
func (b *bench) key(name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := b.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else {
		b.win.Canvas().OnTypedKey()(ev)
	}
	b.settle()
}

// live returns the stored live annotations of an article.
func (b *bench) live(id int64) []annotate.Annotation {
	b.t.Helper()
	anns, err := b.ws.Store.Annotations(context.Background(), id)
	if err != nil {
		b.t.Fatal(err)
	}
	var out []annotate.Annotation
	for _, a := range anns {
		if !a.Deleted {
			out = append(out, a)
		}
	}
	return out
}

func sampleArticles() []annotate.Article {
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	return []annotate.Article{
		{Title: "Harbour strike enters second day", Outlet: "Caldera Courier", PublishedAt: day.Add(9 * time.Hour),
			Text: "Dockworkers kept the cranes idle on Tuesday.\n\nThe union said talks would resume."},
		{Title: "Regulator caps gas prices", Outlet: "Bellmar Times", PublishedAt: day.Add(11 * time.Hour),
			Text: "The energy regulator set a ceiling on household tariffs.\n\nSuppliers objected."},
		{Title: "Court strikes down source law", Outlet: "Soravia Daily", PublishedAt: day.Add(13 * time.Hour),
			Text: "Judges ruled that reporters cannot be forced to name sources."},
	}
}

func TestWorkbenchOpensFirstArticle(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	if got := len(b.wb.lib.items); got != 3 {
		t.Fatalf("library shows %d articles, want 3", got)
	}
	if got, want := b.wb.read.title.Text, "Harbour strike enters second day"; got != want {
		t.Errorf("reader title %q, want %q", got, want)
	}
	if !strings.Contains(b.wb.read.meta.Text, "Caldera Courier") {
		t.Errorf("reader meta %q lacks the outlet", b.wb.read.meta.Text)
	}
	if got := b.wb.coding.header.Text; got != "Coding as Ana" {
		t.Errorf("coding header %q", got)
	}
}

func TestKeyboardCodingIsStoredAndExported(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	first := b.wb.current

	b.typeRunes("3") // stance toward Russia: unfavourable, then on to Ukraine
	b.typeRunes("1") // stance toward Ukraine: favourable
	if got := b.wb.coding.active; got != 2 {
		t.Errorf("active field %d after two stances, want 2 (stance · United States)", got)
	}
	got := map[string]string{}
	for _, a := range b.live(first) {
		got[a.Dimension+"/"+a.Target] = a.Value
		if a.Annotator != "Ana" || a.Codebook != b.ws.Codebook.Name || a.CodebookVersion != b.ws.Codebook.Version {
			t.Errorf("annotation %+v lacks annotator or codebook", a)
		}
	}
	if got["stance/Russia"] != "unfavourable" || got["stance/Ukraine"] != "favourable" {
		t.Fatalf("stored stances %v", got)
	}
	if !strings.HasPrefix(b.wb.coding.status.Text, "✓ Saved") {
		t.Errorf("status %q does not say saved", b.wb.coding.status.Text)
	}
	if !b.wb.lib.items[0].Coded {
		t.Errorf("library row not marked coded after saving")
	}

	var buf bytes.Buffer
	if err := b.ws.Store.ExportCSV(context.Background(), &buf, storage.FormLong, b.ws.Codebook); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	found := false
	for _, r := range rows[1:] {
		if r[col["dimension"]] == "stance" && r[col["target"]] == "Russia" && r[col["value"]] == "unfavourable" && r[col["annotator"]] == "Ana" {
			found = true
		}
	}
	if !found {
		t.Errorf("export lacks the stance row:\n%v", rows)
	}
}

func TestChangingAStanceKeepsOneCode(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	b.typeRunes("3")
	b.key(fyne.KeyUp)
	b.typeRunes("2")
	var stances []string
	for _, a := range b.live(id) {
		if a.Dimension == "stance" && a.Target == "Russia" {
			stances = append(stances, a.Value)
		}
	}
	if len(stances) != 1 || stances[0] != "neutral" {
		t.Errorf("stance toward Russia after recoding: %v, want [neutral]", stances)
	}
	b.key(fyne.KeyUp)
	b.key(fyne.KeyBackspace)
	for _, a := range b.live(id) {
		if a.Dimension == "stance" && a.Target == "Russia" {
			t.Errorf("Backspace did not clear the stance: %+v", a)
		}
	}
}

func TestFramesAndPrimaryFrame(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	frames := b.fieldIndex("frames")
	b.wb.coding.setActive(frames)
	b.typeRunes("1") // Economic
	b.typeRunes("8") // Security and defense
	b.typeRunes("1") // Economic off again
	b.key(fyne.KeyDown)
	b.typeRunes("d") // primary: Political — also ticks Political
	chosen := map[string]bool{}
	primary := ""
	for _, a := range b.live(id) {
		switch a.Dimension {
		case "frames":
			chosen[a.Value] = true
		case "primary_frame":
			primary = a.Value
		}
	}
	if len(chosen) != 2 || !chosen["security"] || !chosen["political"] {
		t.Errorf("frames %v, want security and political", chosen)
	}
	if primary != "political" {
		t.Errorf("primary frame %q, want political", primary)
	}
	if !b.wb.coding.fields[frames].checks["political"].Checked {
		t.Errorf("the Political box is not ticked on screen")
	}
}

func (b *bench) fieldIndex(dim string) int {
	for i, f := range b.wb.coding.fields {
		if f.key.Dimension == dim {
			return i
		}
	}
	b.t.Fatalf("no field %s", dim)
	return -1
}

func TestNoteIsSavedWhenLeavingArticle(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	note := b.fieldIndex("note")
	e := b.wb.coding.fields[note].entry
	test.Type(e, "Check the casualty figure")
	b.typeRunes("n") // next article flushes the note
	if b.wb.current == id {
		t.Fatal("n did not move to the next article")
	}
	var got string
	for _, a := range b.live(id) {
		if a.Dimension == "note" {
			got = a.Note
		}
	}
	if got != "Check the casualty figure" {
		t.Errorf("stored note %q", got)
	}
}

func TestNextPreviousAndFilter(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	b.typeRunes("n")
	if got := b.wb.read.title.Text; got != "Regulator caps gas prices" {
		t.Errorf("after n: %q", got)
	}
	b.typeRunes("3") // code the second article
	b.typeRunes("p")
	if got := b.wb.read.title.Text; got != "Harbour strike enters second day" {
		t.Errorf("after p: %q", got)
	}
	b.wb.lib.filter.SetSelectedIndex(1) // uncoded
	b.settle()
	for _, it := range b.wb.lib.items {
		if it.Title == "Regulator caps gas prices" {
			t.Errorf("coded article listed under Uncoded")
		}
	}
	if got := len(b.wb.lib.items); got != 2 {
		t.Errorf("uncoded filter lists %d, want 2", got)
	}
}

func TestSearchNarrowsLibrary(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	b.wb.lib.search.SetText("tariffs")
	b.wb.lib.reload() // skip the typing debounce
	b.settle()
	if got := len(b.wb.lib.items); got != 1 || b.wb.lib.items[0].Title != "Regulator caps gas prices" {
		t.Errorf("search for tariffs gave %v", b.wb.lib.items)
	}
	if !strings.Contains(b.wb.lib.count.Text, "1 article") {
		t.Errorf("count label %q", b.wb.lib.count.Text)
	}
}

func TestCodingWithoutNameAsksAndSavesNothing(t *testing.T) {
	b := newBench(t, "", sampleArticles()...)
	id := b.wb.current
	b.typeRunes("3")
	if n := len(b.live(id)); n != 0 {
		t.Errorf("%d annotations saved without an analyst name", n)
	}
	// the name dialog owns the keyboard: the "3" above went nowhere; the
	// analyst types a name and presses Enter
	if !b.wb.dlg.owns() {
		t.Fatal("no dialog asks for the name")
	}
	e, ok := b.win.Canvas().Focused().(*dialogEntry)
	if !ok || e.Text != "3" {
		t.Fatalf("the key did not go to the name field: %T", b.win.Canvas().Focused())
	}
	e.SetText("")
	b.typeRunes("Bea")
	b.key(fyne.KeyReturn)
	if b.wb.dlg.owns() {
		t.Fatal("Enter did not close the name dialog")
	}
	b.wb.coding.setActive(0)
	b.typeRunes("3")
	anns := b.live(id)
	if len(anns) != 1 || anns[0].Annotator != "Bea" {
		t.Errorf("after naming: %+v", anns)
	}
	name, _ := b.ws.Store.Setting(context.Background(), settingAnnotator)
	if name != "Bea" {
		t.Errorf("stored name %q", name)
	}
}

func TestImportReportsBrokenFileAndKeepsOthers(t *testing.T) {
	b := newBench(t, "Ana")
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "First story\n\nSomething happened in Caldera on Monday.")
	write("b.txt", "Second story\n\nSomething else happened in Tarvonne on Tuesday.")
	write("broken.json", `[{"title": "cut`)
	b.wb.importPaths([]string{dir})
	b.settle()
	if got := len(b.wb.lib.items); got != 2 {
		t.Errorf("library shows %d articles after import, want 2", got)
	}
	sum, err := b.ws.Import(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	head, details := importSummaryText(sum)
	if !strings.Contains(head, "2 articles already in the database") {
		t.Errorf("headline %q does not count duplicates", head)
	}
	if !strings.Contains(details, "broken.json") {
		t.Errorf("details %q do not name the broken file", details)
	}
}

func TestBoilerplateMarkedAndHidden(t *testing.T) {
	promo := "Subscribe to the Courier for daily harbour news."
	var arts []annotate.Article
	for i, body := range []string{
		"Cranes stood idle at the north terminal on Monday.",
		"The ferry to Ostby will run twice a day from April.",
		"A new tram depot was approved by the council.",
		"Fishermen protested against the quota cut.",
	} {
		arts = append(arts, annotate.Article{Title: fmt.Sprintf("Story %d", i), Outlet: "Caldera Courier",
			PublishedAt: time.Date(2026, 3, 1+i, 9, 0, 0, 0, time.UTC), Text: body + "\n\n" + promo + "\n\nMore text follows here."})
	}
	b := newBench(t, "Ana", arts...)
	r := b.wb.read
	if !r.boiler[promo] || !r.hide.Visible() {
		t.Fatalf("the repeated line is not marked as boilerplate: %v", r.boiler)
	}
	marked := false
	for _, h := range r.body.hls {
		if h.Margin == "B" && strings.Contains(string([]rune(r.body.Text())[h.Start:h.End]), "Subscribe") {
			marked = true
		}
	}
	if !marked {
		t.Errorf("boilerplate line not marked in the text")
	}
	r.hide.SetChecked(true)
	b.settle()
	if strings.Contains(r.body.Text(), "Subscribe") {
		t.Errorf("hidden boilerplate still shown")
	}
	b.wb.spans.selectRange(0, 5)
	if b.wb.spanSelected() {
		t.Errorf("span coding allowed on text with hidden lines (offsets would be wrong)")
	}
	r.hide.SetChecked(false)
	b.settle()
	if !strings.Contains(r.body.Text(), "Subscribe") {
		t.Errorf("boilerplate not shown again")
	}
}

// TestProgressAndNextUncoded: the library counts what the analyst has
// coded by the one definition, u goes to the next uncoded article, and
// the list can be sorted by outlet.
func TestProgressAndNextUncoded(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	if got := b.wb.lib.progress.Text; !strings.HasPrefix(got, "0 of 3 coded by you") {
		t.Fatalf("progress %q", got)
	}
	first := b.wb.current
	b.typeRunes("3")
	if got := b.wb.lib.progress.Text; !strings.HasPrefix(got, "1 of 3 coded by you") {
		t.Errorf("after coding, progress %q", got)
	}
	b.wb.lib.list.Select(2)
	b.settle()
	b.typeRunes("3") // the third is coded too; u from it wraps to the second
	b.typeRunes("u")
	if b.wb.current == first || b.wb.lib.items[b.wb.lib.indexOf(b.wb.current)].Coded {
		t.Errorf("u opened %d, a coded article", b.wb.current)
	}
	if b.wb.lib.items[1].ID != b.wb.current {
		t.Errorf("u opened %d, want the second article %d", b.wb.current, b.wb.lib.items[1].ID)
	}
	b.wb.lib.order.SetSelectedIndex(1) // by outlet
	b.settle()
	var outlets []string
	for _, it := range b.wb.lib.items {
		outlets = append(outlets, it.Outlet)
	}
	if strings.Join(outlets, "|") != "Bellmar Times|Caldera Courier|Soravia Daily" {
		t.Errorf("by outlet: %v", outlets)
	}
}

// TestQuitWaitsForTheNoteAndRemembers: Ctrl+Q with a note being typed
// saves the note before the window closes, and the next window opens on
// the same article at the same size.
func TestQuitWaitsForTheNoteAndRemembers(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	// a window the test driver does not close again at the end (quit closes it)
	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(1200, 800))
	b.win, b.loop = win, &testLoop{}
	b.wb = newWorkbench(win, Options{Store: b.ws.Store, Work: b.ws, Importer: b.ws, Codebooks: b.ws, Codebook: b.ws.Codebook}, b.loop)
	b.settle()
	b.wb.lib.list.Select(1)
	b.settle()
	id := b.wb.current
	b.wb.coding.focusNote()
	b.typeRunes("unfinished thought")
	b.wb.run(keymap.Quit)
	b.settle()
	found := false
	for _, a := range b.live(id) {
		found = found || a.Note == "unfinished thought"
	}
	if !found {
		t.Fatalf("the note typed before Ctrl+Q was not saved: %+v", b.live(id))
	}
	if w := windowSize(b.ws.Store, func(k string) string { return k }); w.Width != 1200 || w.Height != 800 {
		t.Errorf("remembered size %v, want 1200 × 800", w)
	}
	l := &testLoop{}
	wb := newWorkbench(test.NewTempWindow(t, nil), Options{Store: b.ws.Store, Work: b.ws, Importer: b.ws, Codebooks: b.ws, Codebook: b.ws.Codebook}, l)
	b.wb, b.loop = wb, l
	b.settle()
	if wb.current != id {
		t.Errorf("the next window opened article %d, want %d", wb.current, id)
	}
}

// TestEnterInSearchOpensTheFirstResult and gives the keys back.
func TestEnterInSearchOpensTheFirstResult(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	b.win.Canvas().Focus(b.wb.lib.search)
	b.typeRunes("judges")
	b.key(fyne.KeyReturn)
	if b.wb.read.title.Text != "Court strikes down source law" {
		t.Errorf("Enter opened %q", b.wb.read.title.Text)
	}
	if b.win.Canvas().Focused() != nil {
		t.Error("the search keeps the keys after Enter")
	}
	b.typeRunes("3")
	if n := len(b.live(b.wb.current)); n != 1 {
		t.Errorf("after Enter the key coded %d codes, want 1", n)
	}
}

// TestAssignedToMe: the library keeps the articles assigned to the
// analyst, and with "uncoded" those left to code.
func TestAssignedToMe(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	ctx := context.Background()
	ids := []int64{b.wb.lib.items[0].ID, b.wb.lib.items[2].ID}
	var as []storage.Assignment
	for _, id := range ids {
		as = append(as, storage.Assignment{ArticleID: id, Coder: "Ana"})
	}
	as = append(as, storage.Assignment{ArticleID: b.wb.lib.items[1].ID, Coder: "Bea"})
	if err := b.ws.Store.ReplaceAssignments(ctx, as, time.Now()); err != nil {
		t.Fatal(err)
	}
	b.wb.lib.filter.SetSelectedIndex(3)
	b.settle()
	if len(b.wb.lib.items) != 2 || !strings.Contains(b.wb.lib.count.Text, "assigned to you") {
		t.Fatalf("assigned to me: %d, %q", len(b.wb.lib.items), b.wb.lib.count.Text)
	}
	b.typeRunes("3") // codes the first assigned one
	b.wb.lib.filter.SetSelectedIndex(4)
	b.settle()
	if len(b.wb.lib.items) != 1 || b.wb.lib.items[0].ID != ids[1] {
		t.Errorf("assigned and uncoded: %+v", b.wb.lib.items)
	}
}

func TestHoverShowsTheWholeTitle(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	r := newLibraryRow()
	r.hover = b.wb.lib.showFullTitle
	r.set(b.wb.lib.items[1])
	r.MouseIn(nil)
	if !b.wb.lib.fullTitle.Visible() || b.wb.lib.fullTitle.Text != "Regulator caps gas prices" {
		t.Errorf("hover shows %q", b.wb.lib.fullTitle.Text)
	}
	r.MouseOut()
	if b.wb.lib.fullTitle.Visible() {
		t.Error("the whole title stays after the pointer left")
	}
}

// TestCSVColumnsMappedBeforeImport: a CSV with a column Redline does not
// know shows its columns; mapping it to text imports articles, not stubs,
// and the mapping is kept for the next file.
func TestCSVColumnsMappedBeforeImport(t *testing.T) {
	b := newBench(t, "Ana")
	path := filepath.Join(t.TempDir(), "liste.csv")
	data := "Schlagzeile,Zeitung,Volltext\nStreik im Hafen,Hafenblatt,Die Arbeiter stimmten am Montag für einen Streik.\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	b.wb.previewCSV(path)
	b.settle()
	if !b.wb.dlg.owns() {
		t.Fatal("no column mapping shown")
	}
	p, err := b.ws.PreviewColumns(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.HasText {
		t.Fatalf("an unknown column was taken for the text: %+v", p.Columns)
	}
	b.key(fyne.KeyEscape) // Cancel imports nothing
	if n, _ := b.ws.Store.CountArticles(context.Background()); n != 0 {
		t.Fatalf("Cancel imported %d articles", n)
	}
	b.wb.importPathsWith([]string{path}, workspace.ImportOptions{Columns: map[string]string{"Schlagzeile": "title", "Zeitung": "outlet", "Volltext": "text"}})
	b.settle()
	items, _ := b.ws.Store.Articles(context.Background(), storage.Query{})
	if len(items) != 1 || items[0].Title != "Streik im Hafen" || items[0].Outlet != "Hafenblatt" || items[0].Words < 5 {
		t.Errorf("imported %+v", items)
	}
	if p, _ := b.ws.PreviewColumns(context.Background(), path, nil); !p.Saved || !p.HasText {
		t.Errorf("the mapping was not kept for the next file: %+v", p)
	}
}

// TestExcludeFromTheWindow: an article set aside with a reason leaves the
// counts, is marked in the library, and u skips it; Include undoes it.
func TestExcludeFromTheWindow(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	b.wb.showExclude()
	b.settle()
	e, ok := b.win.Canvas().Focused().(*dialogEntry)
	if !ok {
		t.Fatal("no reason field")
	}
	e.SetText("not about the conflict")
	b.key(fyne.KeyReturn)
	b.settle()
	i := b.wb.lib.indexOf(id)
	if i < 0 || !b.wb.lib.items[i].Excluded || b.wb.lib.items[i].ExclusionReason != "not about the conflict" {
		t.Fatalf("library row %+v", b.wb.lib.items)
	}
	if got := b.wb.lib.progress.Text; !strings.Contains(got, "0 of 2 coded by you") || !strings.Contains(got, "1 excluded") {
		t.Errorf("progress %q", got)
	}
	b.typeRunes("u")
	if b.wb.current == id {
		t.Error("u opened the excluded article")
	}
	b.wb.lib.list.Select(i)
	b.settle()
	b.wb.includeAgain()
	b.settle()
	if b.wb.lib.items[b.wb.lib.indexOf(id)].Excluded {
		t.Error("Include again left it excluded")
	}
}

// TestEditArticleDetails corrects the outlet and the date from the window.
func TestEditArticleDetails(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	stored, err := b.ws.EditArticle(context.Background(), id, workspace.ArticleFields{Outlet: strPtr("The Caldera Courier"), Date: strPtr("2026-03-15T08:30")})
	if err != nil || stored.Outlet != "The Caldera Courier" || stored.PublishedAt.Day() != 15 {
		t.Fatalf("edit: %+v %v", stored, err)
	}
	b.wb.showEditArticle()
	b.settle()
	if !b.wb.dlg.owns() {
		t.Fatal("no edit dialog")
	}
	b.key(fyne.KeyEscape)
	if _, err := b.ws.EditArticle(context.Background(), id, workspace.ArticleFields{Date: strPtr("15/03/2026")}); err == nil {
		t.Error("a date in another form was taken")
	}
}

func strPtr(s string) *string { return &s }
