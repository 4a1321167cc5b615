package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"redline/annotate"
	"redline/suggest"
)

// TestSpanCarriedToNextVersion codes a quote on the first version of the
// ceasefire story, opens the second, and finds it there, re-anchored and
// marked for confirmation; an orphan is listed when the quoted text is gone.
func TestSpanCarriedToNextVersion(t *testing.T) {
	b := demoBench(t)
	b.openTitled("Korvania and Estrava agree") // the first match is v1 (10:49)
	v1 := b.wb.current
	text := b.wb.read.body.Text()
	quote := "We have agreed to silence the guns"
	start := runeIndex(text, quote)
	b.wb.read.body.SetSelection(start, start+len([]rune(quote)))
	b.wb.spans.selectRange(start, start+len([]rune(quote)))
	b.typeRunes("g")
	// a second span whose sentence v2 keeps, and one whose sentence v3 drops
	gone := "no shelling had been recorded"
	gs := runeIndex(text, gone)
	b.wb.read.body.SetSelection(gs, gs+len([]rune(gone)))
	b.wb.spans.selectRange(gs, gs+len([]rune(gone)))
	b.typeRunes("d")
	b.key(fyne.KeyEscape)

	// open v3: the first span is carried, the second is an orphan there
	b.openTitled("Lasta valley truce holds shakily")
	if b.wb.current == v1 {
		t.Fatal("did not move to v3")
	}
	var carried []annotate.Annotation
	for _, a := range b.liveSpans() {
		if a.Carry != nil {
			carried = append(carried, a)
		}
	}
	if len(carried) != 1 {
		t.Fatalf("carried %d codes to v3, want 1: %+v", len(carried), carried)
	}
	c := carried[0]
	v3text := []rune(b.wb.read.body.Text())
	if got := string(v3text[c.Span.Start:c.Span.End]); got != quote {
		t.Errorf("carried span covers %q, want %q", got, quote)
	}
	if c.Carry.Status == annotate.CarryOrphaned || c.Carry.From == "" || c.Value != "government" {
		t.Errorf("carry record %+v", c)
	}
	if !strings.Contains(b.wb.coding.carryLine.Text, "not found in this one") || !strings.Contains(b.wb.coding.carryLine.Text, gone) {
		t.Errorf("orphan not listed: %q", b.wb.coding.carryLine.Text)
	}
	painted := false
	for _, h := range b.wb.read.body.hls {
		if h.Margin == "C" && h.Start == c.Span.Start {
			painted = true
		}
	}
	if !painted {
		t.Errorf("carried span not marked C")
	}
	// confirm it with Enter
	b.wb.read.body.SetSelection(c.Span.Start, c.Span.End)
	b.wb.spans.selectRange(c.Span.Start, c.Span.End)
	b.key(fyne.KeyReturn)
	for _, a := range b.liveSpans() {
		if a.ID == c.ID && a.Carry.Status != annotate.CarryConfirmed {
			t.Errorf("Enter did not confirm: %+v", a.Carry)
		}
	}
	// reopening v3 carries nothing twice
	b.typeRunes("p")
	b.openTitled("Lasta valley truce holds shakily")
	n := 0
	for _, a := range b.liveSpans() {
		if a.Carry != nil {
			n++
		}
	}
	if n != 1 {
		t.Errorf("after reopening v3 has %d carried codes, want 1", n)
	}
}

func TestSuggestionsAcceptAndReject(t *testing.T) {
	b := spanBench(t)
	if len(b.wb.openSuggestions()) == 0 {
		t.Fatal("no quotes suggested in an article with a direct quote")
	}
	if n := len(b.liveSpans()); n != 0 {
		t.Fatalf("suggestions were saved before being accepted: %d codes", n)
	}
	b.typeRunes("j")
	s, ok := b.wb.suggestionSelected()
	if !ok {
		t.Fatal("j did not select a suggestion")
	}
	b.key(fyne.KeyReturn)
	spans := b.liveSpans()
	if len(spans) != 1 || spans[0].Dimension != "attribution" || spans[0].Value != string(s.Kind) {
		t.Fatalf("accepting stored %+v", spans)
	}
	if s.Speaker != "" && spans[0].Source == "" {
		t.Errorf("accepted quote lacks the speaker %q", s.Speaker)
	}
	b.typeRunes("g") // the source type follows at once
	if n := len(b.liveSpans()); n != 2 {
		t.Errorf("%d codes after accepting and typing g, want 2", n)
	}
	before := len(b.wb.openSuggestions())
	if before > 0 {
		b.typeRunes("j")
		b.key(fyne.KeyDelete)
		if after := len(b.wb.openSuggestions()); after != before-1 {
			t.Errorf("rejecting left %d open suggestions, want %d", after, before-1)
		}
		if n := len(b.liveSpans()); n != 2 {
			t.Errorf("rejecting a suggestion changed the stored codes: %d", n)
		}
		// the rejection holds after a restart
		l := &testLoop{}
		wb := newWorkbench(test.NewTempWindow(t, nil), Options{Store: b.ws.Store, Work: b.ws, Importer: b.ws, Codebooks: b.ws, Codebook: b.ws.Codebook}, l)
		b.wb, b.loop = wb, l
		b.settle()
		if got := len(wb.openSuggestions()); got != before-1 {
			t.Errorf("after a restart %d suggestions are open, want %d", got, before-1)
		}
		// the count the panel shows is the number j steps through
		if want := fmt.Sprintf("%d suggested quote", before-1); before-1 > 0 && !strings.Contains(wb.coding.suggestLine.Text, want) {
			t.Errorf("after a restart the panel says %q, want %q", wb.coding.suggestLine.Text, want)
		}
	}
}

// TestSuggestionsFilteredAndOrdered: the filter narrows what j steps
// through and the count; ordering by confidence steps the surest first;
// the status says the form and the confidence.
func TestSuggestionsFilteredAndOrdered(t *testing.T) {
	b := spanBench(t)
	all := len(b.wb.openSuggestions())
	if all < 2 {
		t.Fatalf("need suggestions, have %d", all)
	}
	direct := 0
	for _, i := range b.wb.openSuggestions() {
		if b.wb.sugg.list[i].Form == suggest.FormDirect {
			direct++
		}
	}
	b.wb.sugg.filter.SetSelected("Direct quotes")
	if got := len(b.wb.openSuggestions()); got != direct {
		t.Errorf("direct filter shows %d, want %d", got, direct)
	}
	b.typeRunes("j")
	s, ok := b.wb.suggestionSelected()
	if direct > 0 && (!ok || s.Form != suggest.FormDirect) {
		t.Errorf("j under the direct filter selected %+v", s)
	}
	if direct > 0 && !strings.Contains(b.wb.spans.panel.status.Text, "confidence") {
		t.Errorf("status %q lacks the confidence", b.wb.spans.panel.status.Text)
	}
	b.key(fyne.KeyEscape)
	b.wb.sugg.filter.SetSelectedIndex(0)
	b.wb.sugg.order.SetSelectedIndex(1)
	open := b.wb.openSuggestions()
	for k := 1; k < len(open); k++ {
		if b.wb.sugg.list[open[k]].Confidence > b.wb.sugg.list[open[k-1]].Confidence {
			t.Fatalf("not ordered by confidence at %d", k)
		}
	}
	b.typeRunes("j")
	if s, ok := b.wb.suggestionSelected(); !ok || s.Confidence != b.wb.sugg.list[open[0]].Confidence {
		t.Errorf("j did not start with the surest suggestion")
	}
}
