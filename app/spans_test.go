package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"redline/annotate"
	"redline/keymap"
)

const quoteArticle = `"We have agreed to silence the guns," the deputy foreign minister Anika Varelo told reporters in Orlesk.

General Pavel Drozhin said his delegation had signed the text.`

func spanBench(t *testing.T) *bench {
	t.Helper()
	return newBench(t, "Ana", annotate.Article{Title: "Truce agreed", Outlet: "Continental Dispatch",
		PublishedAt: time.Date(2026, 3, 14, 10, 49, 0, 0, time.UTC), Text: quoteArticle})
}

// liveSpans returns the analyst's live span annotations of the open article.
func (b *bench) liveSpans() []annotate.Annotation {
	var out []annotate.Annotation
	for _, a := range b.live(b.wb.current) {
		if a.Span != nil {
			out = append(out, a)
		}
	}
	return out
}

func runeIndex(text, sub string) int {
	i := strings.Index(text, sub)
	return len([]rune(text[:i]))
}

func TestSpanCodedByDragAndKeys(t *testing.T) {
	b := spanBench(t)
	tv := b.wb.read.body
	start := runeIndex(quoteArticle, "We have")
	end := runeIndex(quoteArticle, `," the deputy`)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(tv)
	from, to := tv.tvPosOf(start).Add(origin), tv.tvPosOf(end).Add(origin)
	test.Drag(b.win.Canvas(), to, to.X-from.X, to.Y-from.Y)
	b.settle()
	if s, e := tv.Selection(); s != start || e != end {
		t.Fatalf("drag selected %d-%d, want %d-%d", s, e, start, end)
	}
	if !b.wb.spanSelected() || !b.wb.spans.view.Visible() {
		t.Fatal("the span panel is not shown for a selection")
	}
	if !strings.Contains(b.wb.spans.quote.Text, "We have agreed to silence the guns") {
		t.Errorf("span panel quote %q", b.wb.spans.quote.Text)
	}
	b.typeRunes("g") // source type: government, from any field
	b.typeRunes("q") // attribution: direct quote
	spans := b.liveSpans()
	if len(spans) != 2 {
		t.Fatalf("stored %d span codes, want 2: %+v", len(spans), spans)
	}
	got := map[string]string{}
	for _, a := range spans {
		got[a.Dimension] = a.Value
		if a.Span.Start != start || a.Span.End != end || a.Span.Quote != "We have agreed to silence the guns" {
			t.Errorf("span %+v", a.Span)
		}
		if !strings.HasSuffix(a.Span.Prefix, `"`) || !strings.HasPrefix(a.Span.Suffix, `,"`) {
			t.Errorf("context prefix %q suffix %q", a.Span.Prefix, a.Span.Suffix)
		}
	}
	if got["source"] != "government" || got["attribution"] != "direct" {
		t.Errorf("codes %v", got)
	}
	// the span is painted, underlined as a quote
	var painted *Highlight
	for i, h := range tv.hls {
		if h.ID == spanID(start, end) {
			painted = &tv.hls[i]
		}
	}
	if painted == nil || !painted.Underline || painted.Fill == nil {
		t.Errorf("coded span not painted as a quote: %+v", painted)
	}

	// name the source: "Varelo" becomes the known "Anika Varelo"
	if err := b.ws.Store.AddSource(context.Background(), "Anika Varelo", ""); err != nil {
		t.Fatal(err)
	}
	b.wb.spans.loadSources()
	b.settle()
	b.wb.spans.source.SetText("Varelo")
	b.wb.spans.commitSource()
	b.settle()
	for _, a := range b.liveSpans() {
		if a.Source != "Anika Varelo" {
			t.Errorf("code %s names source %q, want Anika Varelo", a.Dimension, a.Source)
		}
	}
	srcs, _ := b.ws.Store.Sources(context.Background())
	if len(srcs) != 1 || len(srcs[0].Aliases) != 1 || srcs[0].Aliases[0] != "Varelo" {
		t.Errorf("sources %+v: want one with the alias Varelo", srcs)
	}
}

func TestSpanByKeyboardUndoRedo(t *testing.T) {
	b := spanBench(t)
	tv := b.wb.read.body
	start := runeIndex(quoteArticle, "General Pavel")
	b.win.Canvas().Focus(tv)
	tv.SetSelection(start, start)
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	tv.KeyDown(shift)
	tv.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // one character
	tv.KeyUp(shift)
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}) // to the end of the word
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	b.settle()
	if got := strings.TrimSpace(tv.SelectedText()); got != "General Pavel Drozhin" {
		t.Fatalf("keyboard selection %q", got)
	}
	// keys typed while the text has focus reach the coding keys
	tv.TypedRune('m') // source type: military
	b.settle()
	if n := len(b.liveSpans()); n != 1 {
		t.Fatalf("%d span codes after m, want 1", n)
	}
	b.wb.undo()
	b.settle()
	if n := len(b.liveSpans()); n != 0 {
		t.Errorf("undo left %d span codes", n)
	}
	for _, h := range tv.hls {
		if strings.HasPrefix(h.ID, "span:") {
			t.Errorf("undone span still painted: %+v", h)
		}
	}
	b.wb.redo()
	b.settle()
	if spans := b.liveSpans(); len(spans) != 1 || spans[0].Value != "military" {
		t.Errorf("redo gave %+v", spans)
	}
	// deleting the span's codes, then undoing the delete
	b.key(fyne.KeyDelete)
	if n := len(b.liveSpans()); n != 0 {
		t.Errorf("Delete left %d span codes", n)
	}
	b.wb.undo()
	b.settle()
	if n := len(b.liveSpans()); n != 1 {
		t.Errorf("undoing the delete restored %d codes, want 1", n)
	}
}

func TestClickingACodedSpanSelectsIt(t *testing.T) {
	b := spanBench(t)
	tv := b.wb.read.body
	start := runeIndex(quoteArticle, "Anika Varelo")
	end := start + len([]rune("Anika Varelo"))
	tv.SetSelection(start, end)
	b.wb.spans.selectRange(start, end)
	b.typeRunes("g")
	b.key(fyne.KeyEscape)
	if b.wb.spanSelected() {
		t.Fatal("Esc did not deselect")
	}
	p := tv.tvPosOf(start + 2)
	test.TapAt(tv, fyne.NewPos(p.X+2, p.Y))
	b.settle()
	if s, e := tv.Selection(); s != start || e != end || !b.wb.spanSelected() {
		t.Errorf("clicking the span selected %d-%d (span panel %v)", s, e, b.wb.spanSelected())
	}
	if v := b.wb.spans.panel.state.Value("source", ""); v != "government" {
		t.Errorf("span panel shows source %q", v)
	}
}

func TestUndoAcrossArticlesAndRestart(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	first := b.wb.current
	b.typeRunes("3")
	b.typeRunes("n")
	b.typeRunes("1")
	// a new workbench on the same database: the history is in the file
	l := &testLoop{}
	win := test.NewTempWindow(t, nil)
	wb := newWorkbench(win, Options{Store: b.ws.Store, Work: b.ws, Importer: b.ws, Codebooks: b.ws, Codebook: b.ws.Codebook}, l)
	b.wb, b.loop = wb, l
	b.settle()
	wb.undo()
	b.settle()
	wb.undo() // the change on the first article
	b.settle()
	if n := len(b.live(first)); n != 0 {
		t.Errorf("two undos after a restart left %d codes on the first article", n)
	}
	if !strings.Contains(wb.coding.status.Text, "Undid") {
		t.Errorf("status %q", wb.coding.status.Text)
	}
}

func TestQuoteLinkedToSpeakerSpan(t *testing.T) {
	b := spanBench(t)
	tv := b.wb.read.body
	sel := func(s string) {
		start := runeIndex(quoteArticle, s)
		end := start + len([]rune(s))
		tv.SetSelection(start, end)
		b.wb.spans.selectRange(start, end)
		b.settle()
	}
	sel("Anika Varelo")
	b.typeRunes("g")
	b.wb.spans.source.SetText("Anika Varelo")
	b.wb.spans.commitSource()
	b.settle()
	sel("We have agreed to silence the guns")
	b.typeRunes("q")
	if len(b.wb.spans.link.Options) != 1 {
		t.Fatalf("link choices %v, want the speaker span", b.wb.spans.link.Options)
	}
	b.wb.spans.link.SetSelectedIndex(0)
	b.settle()
	var speakerID string
	for _, a := range b.liveSpans() {
		if a.Span.Quote == "Anika Varelo" {
			speakerID = a.ID
		}
	}
	for _, a := range b.liveSpans() {
		if a.Span.Quote == "We have agreed to silence the guns" && a.LinkedTo != speakerID {
			t.Errorf("quote code %s links to %q, want the speaker span %q", a.Dimension, a.LinkedTo, speakerID)
		}
	}
}

// TestSourceNameReachableByFieldKeys: Alt+↑ from the first span field
// reaches the source name, Alt+↓ comes back.
func TestSourceNameReachableByFieldKeys(t *testing.T) {
	b := spanBench(t)
	start, end := runeIndex(quoteArticle, "We have"), runeIndex(quoteArticle, `," the deputy`)
	b.wb.read.body.SetSelection(start, end)
	b.wb.spans.selectRange(start, end)
	b.settle()
	b.wb.spans.panel.setActive(0)
	b.wb.run(keymap.PreviousField)
	if b.win.Canvas().Focused() != fyne.Focusable(b.wb.spans.source) {
		t.Fatalf("Alt+↑ from the first field focused %T", b.win.Canvas().Focused())
	}
	b.typeRunes("Ana Petrova")
	if b.wb.spans.source.Text != "Ana Petrova" {
		t.Errorf("typed into the name: %q", b.wb.spans.source.Text)
	}
	b.wb.run(keymap.NextField)
	if b.win.Canvas().Focused() != nil || b.wb.spans.panel.active != 0 {
		t.Errorf("Alt+↓ from the name: focus %T, field %d", b.win.Canvas().Focused(), b.wb.spans.panel.active)
	}
}
