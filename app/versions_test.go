package app

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/diff"
	"redline/workspace"
)

// demoBench is a workbench on a database holding the demo corpus.
func demoBench(t *testing.T) *bench {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, testDB(t, "demo.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := ws.Store.SetSetting(ctx, settingAnnotator, "Ana"); err != nil {
		t.Fatal(err)
	}
	win := test.NewTempWindow(t, nil)
	win.Resize(fyne.NewSize(1400, 860))
	l := &testLoop{}
	wb := newWorkbench(win, Options{Store: ws.Store, Work: ws, Importer: ws, Codebooks: ws, Codebook: ws.Codebook}, l)
	b := &bench{t: t, ws: ws, wb: wb, win: win, loop: l}
	b.settle()
	return b
}

// openTitled opens the article whose title starts with prefix.
func (b *bench) openTitled(prefix string) {
	b.t.Helper()
	for i, it := range b.wb.lib.items {
		if strings.HasPrefix(it.Title, prefix) {
			b.wb.lib.list.Select(i)
			b.settle()
			return
		}
	}
	b.t.Fatalf("no article titled %q", prefix)
}

func TestVersionsTabComparesRevisions(t *testing.T) {
	b := demoBench(t)
	b.wb.tabs.Select(b.wb.verTab)
	b.openTitled("Lasta valley truce holds shakily") // v3 of the ceasefire story
	v := b.wb.vers
	if got := len(v.family.Versions); got != 3 {
		t.Fatalf("family has %d versions, want 3", got)
	}
	if b.wb.verTab.Text != "Versions (3)" {
		t.Errorf("tab title %q", b.wb.verTab.Text)
	}
	if v.fromSel.SelectedIndex() != 1 || v.toSel.SelectedIndex() != 2 {
		t.Errorf("compares v%d with v%d, want v2 with v3", v.fromSel.SelectedIndex()+1, v.toSel.SelectedIndex()+1)
	}
	if !strings.HasPrefix(v.headline.Text, "Headline changed") {
		t.Errorf("headline line %q", v.headline.Text)
	}
	for _, want := range []string{"2 added", "3 deleted", "2 moved"} {
		if !strings.Contains(v.summary.Text, want) {
			t.Errorf("summary %q lacks %q", v.summary.Text, want)
		}
	}
	if v.side == nil {
		t.Fatal("side-by-side view not shown")
	}
	// the deleted source appears struck through on the left, the new quote
	// underlined on the right
	left, right := v.side.left, v.side.right
	if !hasMarked(left, "We have forty trucks", func(h Highlight) bool { return h.Strike && h.Margin == "−" }) {
		t.Errorf("deleted quote not struck through on the left")
	}
	if !hasMarked(right, "The road is open for now", func(h Highlight) bool { return h.Underline && h.Margin == "+" }) {
		t.Errorf("added quote not underlined on the right")
	}
	// rows line up: at the columns' width both sides are equally tall,
	// and each row starts at the same height on both sides
	w := v.side.width
	if w <= 0 {
		t.Fatal("side-by-side view was not laid out")
	}
	if l, r := left.HeightFor(w), right.HeightFor(w); l != r {
		t.Errorf("columns not aligned at width %v: %v tall left, %v right", w, l, r)
	}
	for i := range v.side.startL {
		ly := left.tvPosOf(v.side.startL[i]).Y
		ry := right.tvPosOf(v.side.startR[i]).Y
		if ly != ry {
			t.Errorf("row %d starts at y %v on the left and %v on the right", i, ly, ry)
			break
		}
	}

	// next change selects the first changed sentence on the right
	b.typeRunes("]")
	s, e := right.Selection()
	if sel := []rune(right.Text())[s:e]; !strings.Contains(string(sel), "aid trucks") {
		t.Errorf("first change selected %q, want the added convoy sentence", string(sel))
	}
	if v.position.Text != "change 1 of 7" {
		t.Errorf("position %q", v.position.Text)
	}

	// inline mode with unchanged sentences hidden
	v.hideSame.SetChecked(true)
	v.mode.SetSelected("Inline")
	b.settle()
	if v.inline == nil {
		t.Fatal("inline view not shown")
	}
	text := v.inline.Text()
	if strings.Contains(text, "The truce, negotiated overnight") {
		t.Errorf("unchanged sentence shown with Hide unchanged on")
	}
	if !hasMarked(v.inline, "According to the Korvanian defence ministry", func(h Highlight) bool { return h.Strike }) {
		t.Errorf("deleted sentence not struck through inline")
	}
}

func TestVersionsEditedWordsAndOptions(t *testing.T) {
	b := demoBench(t)
	b.openTitled("Korvania and Estrava agree") // v1 or v2
	v := b.wb.vers
	v.fromSel.SetSelectedIndex(0)
	v.toSel.SetSelectedIndex(1)
	b.settle()
	if !strings.Contains(v.summary.Text, "2 edited") {
		t.Fatalf("v1→v2 summary %q, want 2 edited", v.summary.Text)
	}
	if !hasMarked(v.side.left, "14", func(h Highlight) bool { return h.Strike && h.Margin == "" }) {
		t.Errorf("the old casualty figure is not struck through")
	}
	if !hasMarked(v.side.right, "19", func(h Highlight) bool { return h.Underline && h.Margin == "" }) {
		t.Errorf("the new casualty figure is not underlined")
	}
}

func TestVersionsMoveOut(t *testing.T) {
	b := demoBench(t)
	b.openTitled("Grain ships sail again")
	v := b.wb.vers
	if len(v.family.Versions) != 2 {
		t.Fatalf("grain story has %d versions", len(v.family.Versions))
	}
	moved := v.family.Versions[v.toSel.SelectedIndex()].ID
	if err := b.ws.Store.MoveOut(context.Background(), moved); err != nil {
		t.Fatal(err)
	}
	v.show(b.wb.current)
	b.settle()
	if len(v.family.Versions) != 1 || !v.empty.Visible() || !strings.Contains(v.empty.Text, "one version") {
		t.Errorf("after moving out: %d versions, message %q", len(v.family.Versions), v.empty.Text)
	}
}

// hasMarked reports whether some highlight over text containing want
// passes ok.
func hasMarked(tv *TextView, want string, ok func(Highlight) bool) bool {
	rs := []rune(tv.Text())
	for _, h := range tv.hls {
		if h.Start < 0 || h.End > len(rs) {
			continue
		}
		if strings.Contains(string(rs[h.Start:h.End]), want) && ok(h) {
			return true
		}
	}
	return false
}

func TestFunctionKeysStepChangesAndShowHelp(t *testing.T) {
	b := demoBench(t)
	b.openTitled("Lasta valley truce holds shakily")
	b.key(fyne.KeyF8)
	if b.wb.tabs.Selected() != b.wb.verTab || b.wb.vers.position.Text != "change 1 of 7" {
		t.Errorf("F8: tab %v, position %q", b.wb.tabs.Selected().Text, b.wb.vers.position.Text)
	}
	b.key(fyne.KeyF8)
	b.key(fyne.KeyF7)
	if b.wb.vers.position.Text != "change 1 of 7" {
		t.Errorf("F8 F7: position %q", b.wb.vers.position.Text)
	}
	b.key(fyne.KeyF1)
	if len(b.win.Canvas().Overlays().List()) == 0 {
		t.Errorf("F1 did not open the keyboard shortcuts")
	}
}

// TestVersionKeysWorkAfterClickingAnOption: clicking an option (which takes
// the focus) leaves ] and F8 stepping through the changes.
func TestVersionKeysWorkAfterClickingAnOption(t *testing.T) {
	b := demoBench(t)
	b.openTitled("Lasta valley truce holds shakily")
	b.wb.tabs.Select(b.wb.verTab)
	b.settle()
	test.Tap(b.wb.vers.ignoreCase)
	b.settle()
	b.typeRunes("]")
	if got := b.wb.vers.position.Text; got != "change 1 of 7" {
		t.Fatalf("] after clicking an option: position %q", got)
	}
	test.Tap(b.wb.vers.hideSame)
	b.settle()
	b.key(fyne.KeyF8) // the option re-rendered the comparison: back to the first change
	b.key(fyne.KeyF8)
	if got := b.wb.vers.position.Text; got != "change 2 of 7" {
		t.Errorf("F8 F8 after clicking an option: position %q", got)
	}
}

// TestInlineDiffReadsAsText: a replaced word reads "added warned", a
// moved sentence says where it stood, and hidden unchanged sentences
// leave a mark.
func TestInlineDiffReadsAsText(t *testing.T) {
	a := "The minister added that talks would resume. Ports stayed shut all week. Fishing fleets waited offshore. Dockers held a vote on Monday."
	b := "The minister warned that talks would resume. Ports stayed shut all week. Fishing fleets waited offshore. Dockers held a vote on Monday. Traders counted the losses."
	cmp := diff.Compare(a, b, diff.Options{})
	text, _, _ := inlineText(cmp, cmp.Pairs)
	if !strings.Contains(text, "added warned") || strings.Contains(text, "addedwarned") {
		t.Errorf("inline text %q", text)
	}
	moved := diff.Compare("First comes first. Then the second. The last one here.", "Then the second. The last one here. First comes first.", diff.Options{})
	mt, _, _ := inlineText(moved, moved.Pairs)
	if !strings.Contains(mt, "moved from sentence 1") {
		t.Errorf("moved sentence does not say where it stood: %q", mt)
	}
	b2 := demoBench(t)
	b2.openTitled("Lasta valley truce holds shakily")
	b2.wb.tabs.Select(b2.wb.verTab)
	b2.settle()
	v := b2.wb.vers
	v.hideSame.SetChecked(true)
	b2.settle()
	gaps := 0
	for _, r := range v.rows {
		if r.A != nil && strings.Contains(r.A.Text, "unchanged sentence") && strings.Contains(r.A.Text, "hidden") {
			gaps++
		}
	}
	if gaps == 0 {
		t.Error("hiding unchanged sentences left no mark where they were")
	}
	if got := v.position.Text; got != "7 changes" {
		t.Errorf("the gap marks count as changes: %q", got)
	}
}

// TestWindowFitsSmallScreens: the whole window, every tab, fits 900 × 650
// (nothing sets a minimum wider than that).
func TestWindowFitsSmallScreens(t *testing.T) {
	b := demoBench(t)
	b.openTitled("Lasta valley truce holds shakily")
	for _, tab := range b.wb.tabs.Items {
		b.wb.tabs.Select(tab)
		b.settle()
		if m := b.win.Content().MinSize(); m.Width > 900 || m.Height > 650 {
			t.Errorf("with the %s tab the window needs at least %v", tab.Text, m)
		}
	}
	// a span selected: the span panel too
	b.wb.tabs.SelectIndex(0)
	b.wb.read.body.SetSelection(0, 20)
	b.wb.spans.selectRange(0, 20)
	b.settle()
	if m := b.win.Content().MinSize(); m.Width > 900 {
		t.Errorf("with a span selected the window needs %v", m)
	}
}

// TestRelatedStoriesShownAndMerged: two stories that share a background
// passage are listed as related in the Versions tab, and Merge in makes
// them one story.
func TestRelatedStoriesShownAndMerged(t *testing.T) {
	background := "The Serrin Strait carries about a fifth of the region's grain exports. " +
		"Shipping through it stopped for five weeks after mines were found near the northern channel, " +
		"and insurers raised war-risk premiums for every vessel bound for the ports of Calda and Ostby. " +
		"Port workers and farmers' unions have since asked both governments for a lasting agreement on inspections."
	one := "Grain ships sail again\n\nThe first convoy in five weeks left Calda on Friday with 140,000 tonnes of wheat, " +
		"the port authority said, after naval teams declared the channel clear.\n\n" + background
	two := "Farmers protest at grain prices\n\nSeveral hundred farmers drove tractors into Ostby on Tuesday to protest at falling prices, " +
		"blocking the ring road for three hours before police opened a lane.\n\n" + background
	dir := t.TempDir()
	for name, text := range map[string]string{"one.txt": one, "two.txt": two} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := newBench(t, "Ana")
	if _, err := b.ws.Import(context.Background(), []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	b.wb.lib.reload()
	b.settle()
	b.openTitled("Grain ships sail again")
	b.wb.tabs.Select(b.wb.verTab)
	b.settle()
	v := b.wb.vers
	if len(v.related.Objects) < 2 {
		t.Fatalf("no related story listed (%d rows)", len(v.related.Objects))
	}
	row := v.related.Objects[1].(*fyne.Container)
	if l := row.Objects[0].(*widget.Label).Text; !strings.Contains(l, "Farmers protest") || !strings.Contains(l, "words") {
		t.Errorf("related row %q", l)
	}
	fam, _ := b.ws.Store.FamilyOf(context.Background(), b.wb.current)
	if len(fam.Versions) != 1 {
		t.Fatalf("the stories were merged by the import: %d versions", len(fam.Versions))
	}
	buttons := row.Objects[1].(*fyne.Container)
	test.Tap(buttons.Objects[1].(*widget.Button)) // Merge in
	b.settle()
	b.key(fyne.KeyReturn) // confirm
	b.settle()
	fam, _ = b.ws.Store.FamilyOf(context.Background(), b.wb.current)
	if len(fam.Versions) != 2 {
		t.Errorf("after Merge in the story has %d versions", len(fam.Versions))
	}
}

// TestPageChromeDimmedNotDeleted: a cookie notice and a donation appeal
// on a scraped page are dimmed in the reader and stay in the text.
func TestPageChromeDimmedNotDeleted(t *testing.T) {
	text := "We use cookies to improve your experience. Accept all cookies or manage your preferences.\n\n" +
		"The council voted on Tuesday to close the Mill Road depot by the end of the year, moving forty staff to the Northgate site.\n\n" +
		"Support independent journalism: donate today and help us keep reporting from the valley.\n\n" +
		"Councillors said the move would save about 1.2 million crowns a year once the new site was fitted out."
	b := newBench(t, "Ana", annotate.Article{Title: "Depot to close", Outlet: "Valley Herald", Text: text})
	if !strings.Contains(b.wb.read.body.Text(), "We use cookies") {
		t.Fatal("the chrome was removed from the text")
	}
	if len(b.wb.read.chrome) == 0 {
		t.Fatal("no page chrome found on a page with a cookie notice and an appeal")
	}
	dimmed := false
	for _, h := range b.wb.read.body.hls {
		if h.Start == 0 && h.TextColor != nil {
			dimmed = true
		}
	}
	if !dimmed {
		t.Error("the cookie notice is not dimmed")
	}
}

// TestLibraryByStoryFolds: by story, each story is one row ("▸ 3
// versions"); opening it unfolds its versions beneath, and choosing another
// story folds it again.
func TestLibraryByStoryFolds(t *testing.T) {
	b := demoBench(t)
	all := len(b.wb.lib.items)
	b.wb.lib.order.SetSelected("By story")
	b.settle()
	folded := len(b.wb.lib.items)
	if folded >= all {
		t.Fatalf("by story shows %d rows of %d articles: nothing folded", folded, all)
	}
	b.openTitled("Korvania and Estrava agree")
	fam := b.wb.lib.items[b.wb.lib.indexOf(b.wb.current)].FamilyID
	n := 0
	for _, it := range b.wb.lib.items {
		if it.FamilyID == fam {
			n++
		}
	}
	if n != 3 {
		t.Errorf("the open story shows %d of its 3 versions", n)
	}
	if !strings.Contains(b.wb.lib.count.Text, strconv.Itoa(all)) {
		t.Errorf("the count %q is not of every article", b.wb.lib.count.Text)
	}
	b.openTitled("Villages evacuated below Kessel dam")
	for _, it := range b.wb.lib.items {
		if it.FamilyID == fam && it.Version > 1 {
			t.Errorf("the story before stays unfolded")
			break
		}
	}
}

func TestSubheadingsShownAsSuch(t *testing.T) {
	text := "The river came over the weir just after six.\n\nWhat we saw on Friday\n\nThe council sent two vans with sandbags.\n\nThanks to everyone."
	got := subheadings(text)
	rs := []rune(text)
	if len(got) != 1 || string(rs[got[0][0]:got[0][1]]) != "What we saw on Friday" {
		t.Errorf("subheadings %v", got)
	}
	if len(subheadings("Only one paragraph here")) != 0 {
		t.Error("a lone paragraph taken for a subheading")
	}
}
