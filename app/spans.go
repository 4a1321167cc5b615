package app

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/workspace"
)

// SourceList is the reusable list of source names.
type SourceList interface {
	Sources(ctx context.Context) ([]annotate.Source, error)
	AddSource(ctx context.Context, name, alias string) error
}

// spanCoder codes selected text: the reader's selection becomes a span,
// coded with the codebook's span dimensions by the same keys as documents.
// Coded spans show as highlights; clicking one selects it for editing.
type spanCoder struct {
	host    spanHost
	body    *TextView // the reader's text, where spans are selected
	loop    loop
	srcs    SourceList
	cb      *annotate.Codebook
	panel   *codingPanel
	quote   *widget.Label
	source  *widget.SelectEntry
	link    *widget.Select
	remove  *widget.Button
	view    fyne.CanvasObject
	sources []annotate.Source

	article    int64
	text       []rune
	anns       []annotate.Annotation // the open article's annotations, everyone's, tombstones included
	start, end int                   // the selected span; start == end when none
	linkIDs    []string              // annotation ids behind the link choices
	orphans    []workspace.Orphan    // codes of other versions not found here
	orphanErr  error                 // why the orphans could not be listed
	carryBox   *fyne.Container       // confirm / reject for a carried span
	carryLabel *widget.Label
}

// spanHost is what the span coder needs from the window around it.
type spanHost interface {
	annotatorName() string
	askAnnotator()
	showSpanPanel(on bool)
	reloadCodes(articleID int64)
	loadOrphans(articleID int64)
	// otherHighlights are painted with the spans: suggestions, boilerplate.
	otherHighlights() []Highlight
	tappedSuggestion(id string)
	// textHidden reports whether lines of the text are hidden (offsets
	// then differ from the stored text's, so no span can be coded).
	textHidden() bool
	say(msg string) // on the document panel's status line
}

func newSpanCoder(host spanHost, body *TextView, l loop, jobs *serial, srcs SourceList, cb *annotate.Codebook, store Coder) *spanCoder {
	s := &spanCoder{host: host, body: body, loop: l, srcs: srcs, cb: cb}
	s.panel = newCodingPanel(cb, store, jobs, annotate.LevelSpan)
	s.panel.annotator = host.annotatorName
	s.panel.askName = host.askAnnotator
	s.panel.onWritten = host.reloadCodes
	s.panel.header.SetText("Coding the selected text")
	s.quote = widget.NewLabel("")
	s.quote.Wrapping = fyne.TextWrapWord
	s.quote.TextStyle = fyne.TextStyle{Italic: true}
	s.source = widget.NewSelectEntry(nil)
	s.source.SetPlaceHolder("Who speaks: type a name, Enter to set")
	s.source.OnChanged = func(typed string) {
		if s.panel.updating {
			return
		}
		s.source.SetOptions(annotate.CompleteSource(typed, s.sources, 8))
	}
	s.source.OnSubmitted = func(string) { s.commitSource() }
	s.link = widget.NewSelect(nil, func(string) {
		if s.panel.updating {
			return
		}
		s.commitLink()
	})
	s.link.PlaceHolder = "not linked to a speaker span"
	s.remove = widget.NewButtonWithIcon("Remove this span's codes", theme.DeleteIcon(), s.removeSpan)
	name := boldLabel("Source name")
	linkLabel := boldLabel("Quote of the speaker named in")
	s.carryLabel = widget.NewLabel("")
	s.carryLabel.Wrapping = fyne.TextWrapWord
	s.carryBox = container.NewVBox(s.carryLabel, container.NewHBox(
		widget.NewButtonWithIcon("Confirm (Enter)", theme.ConfirmIcon(), s.confirmCarry),
		widget.NewButtonWithIcon("Reject (Delete)", theme.CancelIcon(), s.rejectCarry)))
	s.carryBox.Hide()
	extra := container.NewVBox(s.quote, s.carryBox, name, s.source, linkLabel, s.link, s.remove, spanLegend(cb), widget.NewSeparator())
	s.panel.box.Objects = append([]fyne.CanvasObject{extra}, s.panel.box.Objects...)
	s.panel.box.Refresh()
	s.view = s.panel.view()
	return s
}

// load reads the article's codes and paints its spans.
func (s *spanCoder) load(articleID int64, text string) {
	s.article = articleID
	s.text = []rune(text)
	s.anns = nil
	s.start, s.end = 0, 0
	s.host.showSpanPanel(false)
	s.orphans, s.orphanErr = nil, nil
	s.host.reloadCodes(articleID)
	s.host.loadOrphans(articleID)
	s.loadSources()
}

func (s *spanCoder) loadSources() {
	s.loop.Go(func() func() {
		srcs, err := s.srcs.Sources(context.Background())
		return func() {
			if err == nil {
				s.sources = srcs
			}
		}
	})
}

// setCodes takes a fresh read of the article's annotations.
func (s *spanCoder) setCodes(anns []annotate.Annotation) {
	s.anns = anns
	s.paint()
	if s.start != s.end {
		s.showSelection()
	}
	s.panel.notice = "" // shown above, or no longer about the selection
}

// mine is the analyst's live span annotations, grouped by span.
func (s *spanCoder) spans() map[[2]int][]annotate.Annotation {
	out := map[[2]int][]annotate.Annotation{}
	for _, a := range s.anns {
		if a.Deleted || a.Span == nil || a.Annotator != s.host.annotatorName() {
			continue
		}
		k := [2]int{a.Span.Start, a.Span.End}
		out[k] = append(out[k], a)
	}
	return out
}

// spanColour is the colour of a span's most telling code: its source type,
// else its attribution, else its first code.
// spanLegend says what the span colours mean: the colour of each value
// of the dimension that colours spans first (the source type), with its
// key. Underlined spans are quotes.
func spanLegend(cb *annotate.Codebook) fyne.CanvasObject {
	box := container.NewGridWrap(fyne.NewSize(150, 22))
	for _, key := range []string{"source", "attribution"} {
		d := cb.Dimension(key)
		if d == nil {
			continue
		}
		for _, v := range d.Values {
			if v.Color == "" {
				continue
			}
			sw := canvas.NewRectangle(hexColour(v.Color, 0x99))
			sw.SetMinSize(fyne.NewSize(14, 14))
			l := widget.NewLabel(strings.TrimSpace(v.Shortcut + " " + v.Label))
			l.SizeName = theme.SizeNameCaptionText
			l.Truncation = fyne.TextTruncateEllipsis
			box.Add(container.NewBorder(nil, nil, container.NewCenter(sw), nil, l))
		}
		break
	}
	if len(box.Objects) == 0 {
		return layout.NewSpacer()
	}
	head := widget.NewLabel("Colours: who speaks; underlined spans are quotes")
	head.SizeName = theme.SizeNameCaptionText
	head.Wrapping = fyne.TextWrapWord
	return container.NewVBox(head, box)
}

func (s *spanCoder) spanColour(anns []annotate.Annotation) color.Color {
	pick := func(dim string) color.Color {
		for _, a := range anns {
			if a.Dimension != dim {
				continue
			}
			if d := s.cb.Dimension(dim); d != nil {
				if v := d.Value(a.Value); v != nil && v.Color != "" {
					return hexColour(v.Color, 0x66)
				}
			}
		}
		return nil
	}
	for _, dim := range []string{"source", "attribution"} {
		if c := pick(dim); c != nil {
			return c
		}
	}
	for _, a := range anns {
		if c := pick(a.Dimension); c != nil {
			return c
		}
	}
	return color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: 0x55}
}

func hexColour(hex string, alpha uint8) color.Color {
	var r, g, b uint8
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{R: 0x90, G: 0x90, B: 0x90, A: alpha}
	}
	return color.NRGBA{R: r, G: g, B: b, A: alpha}
}

// spanID names a span for the text view's highlights.
func spanID(start, end int) string { return fmt.Sprintf("span:%d:%d", start, end) }

// paint shows every coded span of the analyst as a highlight. A quote
// (a span with an attribution) is also underlined, so the kinds differ by
// more than colour.
func (s *spanCoder) paint() {
	var hls []Highlight
	for k, anns := range s.spans() {
		h := Highlight{Start: k[0], End: k[1], Fill: s.spanColour(anns), ID: spanID(k[0], k[1])}
		for _, a := range anns {
			if a.Dimension == "attribution" {
				h.Underline = true
			}
			if a.Carry != nil && a.Carry.Status != annotate.CarryConfirmed {
				h.Margin = "C" // carried from another version, not yet confirmed
			}
		}
		hls = append(hls, h)
	}
	sort.Slice(hls, func(i, j int) bool { return hls[i].Start < hls[j].Start })
	if s.host.textHidden() {
		s.body.SetHighlights(nil) // offsets differ while lines are hidden
		return
	}
	hls = append(hls, s.host.otherHighlights()...)
	s.body.SetHighlights(hls)
}

// selectRange follows the reader's selection.
func (s *spanCoder) selectRange(start, end int) {
	if start > end {
		start, end = end, start
	}
	if s.host.textHidden() {
		start, end = 0, 0 // offsets differ while lines are hidden
		s.host.say("Boilerplate is hidden: show it again to code spans.")
	}
	s.start, s.end = start, end
	if start == end || s.article == 0 {
		s.panel.setSpanState(s.article, nil)
		s.host.showSpanPanel(false)
		return
	}
	s.showSelection()
	s.host.showSpanPanel(true)
}

// tapped selects a coded span that was clicked.
func (s *spanCoder) tapped(id string) {
	var a, b int
	if _, err := fmt.Sscanf(id, "span:%d:%d", &a, &b); err == nil {
		s.body.SetSelection(a, b)
		s.selectRange(a, b)
		return
	}
	s.host.tappedSuggestion(id)
}

// showSelection fills the span panel for the selected range.
func (s *spanCoder) showSelection() {
	sp, err := annotate.NewSpan(string(s.text), s.start, s.end)
	if err != nil {
		return
	}
	st := annotate.NewSpanState(s.cb, byAnnotator(s.anns, s.host.annotatorName()), *sp)
	s.panel.setSpanState(s.article, st)
	q := sp.Quote
	if r := []rune(q); len(r) > 160 {
		q = string(r[:150]) + " … " + string(r[len(r)-8:])
	}
	words := annotate.CountWords(sp.Quote)
	s.quote.SetText(fmt.Sprintf("“%s”  (%s, characters %d–%d)", q, plural(words, "word"), s.start, s.end))
	s.panel.updating = true
	s.source.SetText(stateSource(st))
	s.fillLinks(st)
	s.panel.updating = false
	if st.Empty() {
		s.panel.status.SetText("New span: press a source or attribution key, or choose below.")
	} else {
		s.panel.status.SetText("Coded span: change its codes, or Delete to remove them.")
	}
	s.remove.Enable()
	if st.Empty() {
		s.remove.Disable()
	}
	if cs := s.carried(); len(cs) > 0 {
		c := cs[0].Carry
		s.carryLabel.SetText(fmt.Sprintf("Carried from another version of this story: placed %s (match %.0f%%). Confirm it here, or reject it.", c.Status, 100*c.Score))
		s.carryBox.Show()
		s.panel.status.SetText("Carried span: Enter confirms, Delete rejects.")
	} else {
		s.carryBox.Hide()
	}
	if s.panel.notice != "" { // the outcome of the change just made
		s.panel.status.SetText(s.panel.notice)
		s.panel.notice = ""
	}
}

func stateSource(st *annotate.DocState) string {
	for _, a := range st.Live() {
		if a.Source != "" {
			return a.Source
		}
	}
	return ""
}

// fillLinks offers the other named spans of the article as the speaker a
// quote belongs to.
func (s *spanCoder) fillLinks(st *annotate.DocState) {
	var opts []string
	s.linkIDs = s.linkIDs[:0]
	cur := ""
	for _, a := range st.Live() {
		if a.LinkedTo != "" {
			cur = a.LinkedTo
		}
	}
	selected := ""
	keys := make([][2]int, 0)
	spans := s.spans()
	for k := range spans {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0] < keys[j][0] })
	for _, k := range keys {
		if k[0] == s.start && k[1] == s.end {
			continue
		}
		anns := spans[k]
		name := ""
		for _, a := range anns {
			if a.Source != "" {
				name = a.Source
			}
		}
		if name == "" {
			continue
		}
		label := fmt.Sprintf("%s — “%s”", name, cut(anns[0].Span.Quote, 40))
		opts = append(opts, label)
		s.linkIDs = append(s.linkIDs, anns[0].ID)
		for _, a := range anns {
			if a.ID == cur {
				selected = label
			}
		}
	}
	s.link.Options = opts
	if selected != "" {
		s.link.SetSelected(selected)
	} else {
		s.link.ClearSelected()
	}
	s.link.Refresh()
}

func cut(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// commitSource names the span's source, mapping the typed name to a known
// source when it is one ("Ushakov" → "Yuri Ushakov").
func (s *spanCoder) commitSource() {
	st := s.panel.state
	if st == nil {
		return
	}
	typed := strings.TrimSpace(s.source.Text)
	name, known := annotate.ResolveSource(typed, s.sources)
	b, ok := s.panel.base()
	if !ok {
		return
	}
	anns, err := st.SetSource(b, name, "other")
	if err != nil {
		s.panel.status.SetText("Not saved: " + err.Error())
		return
	}
	s.panel.updating = true
	s.source.SetText(name)
	s.panel.updating = false
	label := "source name: " + name
	if known && !strings.EqualFold(typed, name) {
		label += fmt.Sprintf(" (typed “%s”)", typed)
	}
	s.panel.save(anns, label)
	s.loop.Go(func() func() {
		alias := ""
		if !strings.EqualFold(typed, name) {
			alias = typed
		}
		err := s.srcs.AddSource(context.Background(), name, alias)
		return func() {
			if err == nil {
				s.loadSources()
			}
		}
	})
}

func (s *spanCoder) commitLink() {
	st := s.panel.state
	i := s.link.SelectedIndex()
	if st == nil || i < 0 || i >= len(s.linkIDs) {
		return
	}
	b, ok := s.panel.base()
	if !ok {
		return
	}
	s.panel.save(st.SetLink(b, s.linkIDs[i]), "linked to "+s.link.Selected)
}

// removeSpan tombstones every code of the selected span (undo restores).
func (s *spanCoder) removeSpan() {
	st := s.panel.state
	if st == nil || st.Empty() {
		return
	}
	b, ok := s.panel.base()
	if !ok {
		return
	}
	s.panel.save(st.Remove(b), fmt.Sprintf("removed span “%s”", cut(st.Span().Quote, 30)))
	s.panel.refresh()
}

// typedRune applies a key to the selected span: first the marked field's
// values, then the source and attribution keys, which work anywhere.
func (s *spanCoder) typedRune(r rune) bool {
	if s.start == s.end || s.panel.state == nil {
		return false
	}
	if s.panel.typedRune(r) {
		s.afterKey()
		return true
	}
	for i, f := range s.panel.fields {
		if f.dim.Key != "source" && f.dim.Key != "attribution" {
			continue
		}
		if v := f.dim.ValueByShortcut(string(r)); v != nil {
			s.panel.setActive(i)
			s.panel.choose(i, v.Key)
			if i+1 < len(s.panel.fields) {
				s.panel.setActive(i + 1)
			}
			s.afterKey()
			return true
		}
	}
	return false
}

func (s *spanCoder) afterKey() {
	if s.panel.state != nil && !s.panel.state.Empty() {
		s.remove.Enable()
	}
}

// nowUTC is the time stamp of undo and redo.
func nowUTC() time.Time { return time.Now().UTC() }
