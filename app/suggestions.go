package app

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/storage"
	"redline/suggest"
)

// suggestions are the open article's proposed quotes: painted apart from
// real codes (underlined, no fill, "?" in the margin), never saved or
// exported unless the analyst accepts one.
type suggestions struct {
	filter   *widget.Select // which suggestions are shown
	order    *widget.Select // the order j and k step through them
	article  int64
	list     []suggest.Suggestion
	rejected map[[2]int]bool // quote spans of this article the analyst rejected, as stored
	at       int             // the suggestion selected, -1 for none
}

var (
	colSuggestion = color.NRGBA{R: 0x8e, G: 0x44, B: 0xad, A: 0xff}
	colFragment   = color.NRGBA{R: 0x8e, G: 0x44, B: 0xad, A: 0x30} // the quoted words of a mixed quote
)

// computeSuggestions finds quotes off the UI goroutine and shows those not
// already coded or rejected. The rejections are read from the database, so
// an undo or redo of a rejection shows at once.
func (wb *Workbench) computeSuggestions(articleID int64, text string) {
	wb.sugg.article, wb.sugg.list, wb.sugg.at = articleID, nil, -1
	wb.sugg.rejected = map[[2]int]bool{}
	name := wb.annotator
	wb.loop.Go(func() func() {
		found := suggest.Suggest(text)
		var rejected []storage.Rejection
		var err error
		if name != "" {
			rejected, err = wb.store.Rejections(context.Background(), name, articleID)
		}
		return func() {
			if wb.current != articleID {
				return
			}
			if err != nil {
				wb.coding.status.SetText("Could not read which suggestions you rejected: " + err.Error() + ". They are all shown; open the article again to retry.")
			}
			wb.sugg.rejected = map[[2]int]bool{}
			for _, r := range rejected {
				wb.sugg.rejected[[2]int{r.Start, r.End}] = true
			}
			wb.sugg.list = found
			wb.spans.paint()
			wb.updateSuggestionLine()
		}
	})
}

// suggestionOpen reports whether suggestion i is still to be decided: not
// rejected and not overlapping a span the analyst has coded as a quote.
func (wb *Workbench) suggestionOpen(i int) bool {
	return wb.suggestionOpenIn(i, wb.spans.spans())
}

func (wb *Workbench) suggestionOpenIn(i int, spans map[[2]int][]annotate.Annotation) bool {
	s := wb.sugg.list[i]
	if wb.sugg.rejected[[2]int{s.QuoteStart, s.QuoteEnd}] {
		return false
	}
	for k, anns := range spans {
		if k[0] < s.QuoteEnd && s.QuoteStart < k[1] {
			for _, a := range anns {
				if a.Dimension == "attribution" {
					return false
				}
			}
		}
	}
	return true
}

// Suggestion filters and orders, as the document panel offers them.
var (
	suggestionFilters = []string{"All suggestions", "Direct quotes", "Indirect quotes", "Mixed quotes", "Confident (0.8 or more)", "Unsure (below 0.5)"}
	suggestionOrders  = []string{"j / k in text order", "j / k most confident first"}
)

// newSuggestionOptions makes the filter and order choosers.
func (wb *Workbench) newSuggestionOptions() {
	redo := func(string) {
		wb.sugg.at = -1
		wb.spans.paint()
		wb.updateSuggestionLine()
		wb.releaseKeys()
	}
	wb.sugg.filter = widget.NewSelect(suggestionFilters, nil)
	wb.sugg.filter.SetSelectedIndex(0)
	wb.sugg.filter.OnChanged = redo
	wb.sugg.order = widget.NewSelect(suggestionOrders, nil)
	wb.sugg.order.SetSelectedIndex(0)
	wb.sugg.order.OnChanged = redo
}

// suggestionShown reports whether the filter lets suggestion s through.
func (wb *Workbench) suggestionShown(s suggest.Suggestion) bool {
	if wb.sugg.filter == nil {
		return true
	}
	switch wb.sugg.filter.SelectedIndex() {
	case 1:
		return s.Form == suggest.FormDirect
	case 2:
		return s.Form == suggest.FormIndirect
	case 3:
		return s.Form == suggest.FormMixed
	case 4:
		return s.Confidence >= 0.8
	case 5:
		return s.Confidence < 0.5
	}
	return true
}

// openSuggestions are the suggestions still to decide that the filter
// shows, in the order j and k step through them.
func (wb *Workbench) openSuggestions() []int {
	var out []int
	spans := wb.spans.spans() // grouped once, not once per suggestion
	for i := range wb.sugg.list {
		if wb.suggestionOpenIn(i, spans) && wb.suggestionShown(wb.sugg.list[i]) {
			out = append(out, i)
		}
	}
	if wb.sugg.order != nil && wb.sugg.order.SelectedIndex() == 1 {
		sort.SliceStable(out, func(a, b int) bool { return wb.sugg.list[out[a]].Confidence > wb.sugg.list[out[b]].Confidence })
	}
	return out
}

// suggestionHighlights paints the open suggestions: underlined in violet,
// no fill, "?" in the margin, so they never look like codes.
func (wb *Workbench) suggestionHighlights() []Highlight {
	var out []Highlight
	for _, i := range wb.openSuggestions() {
		s := wb.sugg.list[i]
		out = append(out, Highlight{Start: s.QuoteStart, End: s.QuoteEnd, Underline: true, TextColor: colSuggestion, Margin: "?", ID: fmt.Sprintf("sug:%d", i)})
		// a mixed quote's quoted words are marked inside it
		for _, f := range s.Fragments {
			out = append(out, Highlight{Start: f[0], End: f[1], Fill: colFragment, ID: fmt.Sprintf("sug:%d", i)})
		}
	}
	return out
}

func (wb *Workbench) updateSuggestionLine() {
	n := len(wb.openSuggestions())
	if wb.sugg.filter != nil && len(wb.coding.suggestOpts.Objects) == 0 {
		wb.coding.suggestOpts.Objects = []fyne.CanvasObject{wb.sugg.filter, wb.sugg.order}
	}
	if len(wb.sugg.list) > 0 {
		wb.coding.suggestOpts.Show()
	} else {
		wb.coding.suggestOpts.Hide()
	}
	switch {
	case n == 0 && len(wb.sugg.list) > 0 && wb.sugg.filter != nil && wb.sugg.filter.SelectedIndex() > 0:
		wb.coding.suggestLine.SetText("No suggested quote to review shows with this filter.")
		wb.coding.suggestLine.Show()
	case n == 0:
		wb.coding.suggestLine.SetText("")
		wb.coding.suggestLine.Hide()
	default:
		wb.coding.suggestLine.SetText(fmt.Sprintf("%s to review (violet, marked ?): j / k go to the next / previous, Enter accepts, Delete rejects.",
			plural(n, "suggested quote")))
		wb.coding.suggestLine.Show()
	}
}

// tappedSuggestion selects a clicked suggestion.
func (wb *Workbench) tappedSuggestion(id string) {
	var i int
	if _, err := fmt.Sscanf(id, "sug:%d", &i); err != nil || i < 0 || i >= len(wb.sugg.list) {
		return
	}
	wb.selectSuggestion(i)
}

// stepSuggestion selects the next (+1) or previous (-1) open suggestion.
func (wb *Workbench) stepSuggestion(dir int) {
	open := wb.openSuggestions()
	if len(open) == 0 {
		wb.activePanel().status.SetText("No suggested quotes left in this article.")
		return
	}
	// step from the one selected, in the list's order (text or confidence)
	at := -1
	for k, i := range open {
		if i == wb.sugg.at {
			at = k
		}
	}
	var pick int
	switch {
	case at < 0 && dir > 0:
		pick = open[0]
		if wb.sugg.order == nil || wb.sugg.order.SelectedIndex() == 0 {
			for _, i := range open { // the first after the one selected last
				if i > wb.sugg.at {
					pick = i
					break
				}
			}
		}
	case at < 0:
		pick = open[len(open)-1]
	default:
		pick = open[(at+dir+len(open))%len(open)]
	}
	wb.selectSuggestion(pick)
}

func (wb *Workbench) selectSuggestion(i int) {
	s := wb.sugg.list[i]
	wb.sugg.at = i
	wb.read.body.SetSelection(s.QuoteStart, s.QuoteEnd)
	wb.read.body.ScrollToRune(s.QuoteStart)
	wb.spans.selectRange(s.QuoteStart, s.QuoteEnd)
	who := s.Speaker
	if who == "" {
		who = "speaker not found"
	}
	detail := joinNonEmpty(", ", s.Title, s.Cue)
	if detail != "" {
		detail = " (" + detail + ")"
	}
	form := string(s.Form)
	if form == "" {
		form = string(s.Kind)
	}
	wb.spans.panel.status.SetText(fmt.Sprintf("Suggested %s quote by %s%s, confidence %.2f — Enter accepts, Delete rejects, j / k for the next / previous.", form, who, detail, s.Confidence))
}

// suggestionSelected is the suggestion whose quote is the selected span.
func (wb *Workbench) suggestionSelected() (suggest.Suggestion, bool) {
	if wb.sugg.at < 0 || wb.sugg.at >= len(wb.sugg.list) {
		return suggest.Suggestion{}, false
	}
	s := wb.sugg.list[wb.sugg.at]
	if s.QuoteStart != wb.spans.start || s.QuoteEnd != wb.spans.end || !wb.suggestionOpen(wb.sugg.at) {
		return suggest.Suggestion{}, false
	}
	return s, true
}

// acceptSuggestion codes the selected suggestion: the quote span gets its
// attribution and the speaker's name (resolved against the source list);
// the span stays selected so a source-type key can follow at once.
func (wb *Workbench) acceptSuggestion() bool {
	s, ok := wb.suggestionSelected()
	if !ok {
		return false
	}
	st := wb.spans.panel.state
	b, ok := wb.spans.panel.base()
	if st == nil || !ok {
		return true
	}
	anns, err := st.Set(b, "attribution", "", string(s.Kind))
	if err != nil {
		wb.spans.panel.status.SetText("Not saved: " + err.Error())
		return true
	}
	if s.Speaker != "" {
		name, _ := annotate.ResolveSource(s.Speaker, wb.spans.sources)
		named, err := st.SetSource(b, name, "other")
		if err != nil {
			// nothing is saved: the attribution without its speaker would
			// lose what the analyst accepted
			wb.spans.showSelection()
			wb.spans.panel.status.SetText("Not saved: the speaker “" + name + "” cannot be stored with this codebook (" + err.Error() + "). Code the span by hand, or add a source dimension to the codebook.")
			return true
		}
		anns = mergeByID(anns, named)
	}
	wb.spans.panel.refresh()
	wb.spans.panel.save(anns, fmt.Sprintf("accepted suggested quote “%s”", cut(st.Span().Quote, 30)))
	wb.spans.showSelection()
	wb.spans.panel.status.SetText("Accepted. Press a source-type key (g m e b o c a d x) to say who the speaker is.")
	return true
}

// mergeByID keeps the last version of each annotation.
func mergeByID(a, b []annotate.Annotation) []annotate.Annotation {
	out := append([]annotate.Annotation(nil), a...)
	for _, x := range b {
		replaced := false
		for i := range out {
			if out[i].ID == x.ID {
				out[i], replaced = x, true
			}
		}
		if !replaced {
			out = append(out, x)
		}
	}
	return out
}

// rejectSuggestion hides the selected suggestion, for good: the rejection
// is stored with the analyst's name as one undoable change.
func (wb *Workbench) rejectSuggestion() bool {
	s, ok := wb.suggestionSelected()
	if !ok {
		return false
	}
	b, ok := wb.coding.base()
	if !ok {
		return true
	}
	quote := cut(strings.TrimSpace(string([]rune(wb.read.body.Text())[s.QuoteStart:s.QuoteEnd])), 40)
	wb.sugg.rejected[[2]int{s.QuoteStart, s.QuoteEnd}] = true
	wb.read.body.SetSelection(s.QuoteStart, s.QuoteStart)
	wb.spans.selectRange(0, 0)
	wb.spans.paint()
	wb.updateSuggestionLine()
	r := storage.Rejection{Annotator: b.Annotator, ArticleID: wb.sugg.article, Start: s.QuoteStart, End: s.QuoteEnd, Quote: quote, Rejected: true}
	wb.coding.saveEdit(wb.sugg.article, b.Annotator, storage.Edit{Rejections: []storage.Rejection{r}}, fmt.Sprintf("rejected suggested quote “%s”", quote))
	return true
}
