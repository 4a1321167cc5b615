package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/storage"
)

// codingPanel is the right pane, generated from the codebook: one field per
// document-level dimension (per target for stance). Every change is written
// at once; the status line says when it is safely stored.
type codingPanel struct {
	level     annotate.Level
	cb        *annotate.Codebook
	store     Coder
	jobs      *serial
	annotator func() string         // the analyst's name, or "" when not yet known
	askName   func()                // asks for the name when a change is made without one
	onWritten func(articleID int64) // after every commit: the workbench rereads the article's codes
	onUnsaved func(articleID int64) // after a failed write of suggestion decisions: they are reread

	fields  []*field
	active  int
	article int64 // 0 when none
	state   *annotate.DocState

	header      *widget.Label
	status      *widget.Label
	suggestLine *widget.Label   // document panel: suggested quotes waiting
	suggestOpts *fyne.Container // document panel: which suggestions, in which order
	carryLine   *widget.Label   // document panel: codes carried from other versions, orphans
	updating    bool            // true while widgets are set from the state, not by the analyst
	notice      string          // shown instead of the usual line when the next load ends
	box         *fyne.Container
	scroll      *container.Scroll
	now         func() time.Time
}

// field is one codable slot and its widgets.
type field struct {
	key          annotate.Field
	dim          *annotate.Dimension
	title        *widget.Label
	bar          *canvas.Rectangle
	sel          *widget.Select           // single choice
	checks       map[string]*widget.Check // multiple choice, by value key
	entry        *noteEntry               // text
	help         *widget.Label            // the codebook's definitions, shown while the field is marked
	noteDebounce *time.Timer
	view         fyne.CanvasObject
}

func newCodingPanel(cb *annotate.Codebook, store Coder, jobs *serial, level annotate.Level) *codingPanel {
	p := &codingPanel{level: level, cb: cb, store: store, jobs: jobs, now: time.Now}
	p.header = widget.NewLabel("Coding")
	p.header.TextStyle = fyne.TextStyle{Bold: true}
	p.status = widget.NewLabel("Choose an article to code.")
	p.status.Wrapping = fyne.TextWrapWord
	p.suggestLine = widget.NewLabel("")
	p.suggestLine.Wrapping = fyne.TextWrapWord
	p.suggestLine.Importance = widget.WarningImportance
	p.suggestLine.Hide()
	p.suggestOpts = container.NewVBox()
	p.suggestOpts.Hide()
	p.carryLine = widget.NewLabel("")
	p.carryLine.Wrapping = fyne.TextWrapWord
	p.carryLine.Hide()
	p.box = container.NewVBox()
	// on spans, the dimensions coded only on spans (who speaks, how) come
	// first: they are what span coding is mostly for
	var order []*annotate.Dimension
	for pass := 0; pass < 2; pass++ {
		for i := range cb.Dimensions {
			d := &cb.Dimensions[i]
			spanOnly := !d.HasLevel(annotate.LevelDocument)
			if !d.HasLevel(level) || (level == annotate.LevelSpan && spanOnly != (pass == 0)) || (level != annotate.LevelSpan && pass == 1) {
				continue
			}
			order = append(order, d)
		}
	}
	for _, d := range order {
		if len(d.Targets) > 0 {
			for _, t := range d.Targets {
				p.addField(d, t)
			}
		} else {
			p.addField(d, "")
		}
	}
	helpText := "↑ ↓ or Alt+↑ ↓ move between fields · keys shown choose · Backspace clears · n / p next / previous article"
	if level == annotate.LevelSpan {
		helpText = "Alt+↑ ↓ move between fields · keys shown choose for the marked field; source and attribution keys work anywhere · Delete removes the span's codes · Esc deselects"
	}
	help := widget.NewLabel(helpText)
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	p.box.Add(help)
	p.scroll = container.NewVScroll(p.box)
	p.setActive(0)
	p.setEnabled(false)
	return p
}

func (p *codingPanel) view() fyne.CanvasObject {
	return container.NewBorder(container.NewVBox(p.header, p.status, p.suggestLine, p.suggestOpts, p.carryLine, widget.NewSeparator()), nil, nil, nil, p.scroll)
}

func (p *codingPanel) addField(d *annotate.Dimension, target string) {
	f := &field{key: annotate.Field{Dimension: d.Key, Target: target}, dim: d}
	idx := len(p.fields)
	label := d.Label
	if target != "" {
		label += " · " + target
	}
	f.title = widget.NewLabel(label)
	f.title.TextStyle = fyne.TextStyle{Bold: true}
	f.bar = canvas.NewRectangle(color.Transparent)
	f.bar.SetMinSize(fyne.NewSize(4, 4))
	var body fyne.CanvasObject
	switch d.Choice {
	case annotate.ChoiceSingle:
		opts := make([]string, len(d.Values))
		for i, v := range d.Values {
			opts[i] = optionLabel(v)
		}
		f.sel = widget.NewSelect(opts, func(s string) {
			if p.updating {
				return
			}
			p.setActive(idx)
			p.choose(idx, valueForOption(d, s))
		})
		f.sel.PlaceHolder = "not coded"
		// the keys are in view before the list is opened
		var keys []string
		for _, v := range d.Values {
			if v.Shortcut != "" {
				keys = append(keys, v.Shortcut+" "+v.Label)
			}
		}
		body = f.sel
		if len(keys) > 0 {
			k := widget.NewLabel(strings.Join(keys, " · "))
			k.SizeName = theme.SizeNameCaptionText
			k.Wrapping = fyne.TextWrapWord
			body = container.NewVBox(f.sel, k)
		}
	case annotate.ChoiceMultiple:
		f.checks = map[string]*widget.Check{}
		grid := container.NewVBox()
		for _, v := range d.Values {
			v := v
			c := widget.NewCheck(optionLabel(v), func(bool) {
				if p.updating {
					return
				}
				p.setActive(idx)
				p.choose(idx, v.Key)
			})
			f.checks[v.Key] = c
			grid.Add(c)
		}
		body = container.NewHScroll(grid) // long frame names do not widen the panel
	case annotate.ChoiceText:
		f.entry = newNoteEntry()
		if p.level == annotate.LevelSpan {
			f.entry.SetPlaceHolder("Note on this span (Esc to leave)")
		} else {
			f.entry.SetPlaceHolder("Note for this article (Ctrl+E to write, Esc to leave)")
		}
		f.entry.SetMinRowsVisible(3)
		f.entry.OnChanged = func(string) {
			if p.updating {
				return
			}
			p.scheduleNote(idx)
		}
		f.entry.onLeave = func() { p.commitNote(idx) }
		body = f.entry
	}
	f.help = widget.NewLabel("")
	f.help.SizeName = theme.SizeNameCaptionText
	f.help.Wrapping = fyne.TextWrapWord
	f.help.Hide()
	f.view = container.NewBorder(nil, nil, f.bar, nil, container.NewVBox(f.title, body, f.help))
	p.fields = append(p.fields, f)
	p.box.Add(f.view)
}

func optionLabel(v annotate.Value) string {
	if v.Shortcut == "" {
		return v.Label
	}
	return v.Shortcut + "  " + v.Label
}

func valueForOption(d *annotate.Dimension, opt string) string {
	for _, v := range d.Values {
		if optionLabel(v) == opt {
			return v.Key
		}
	}
	return ""
}

func (p *codingPanel) setEnabled(on bool) {
	for _, f := range p.fields {
		switch {
		case f.sel != nil:
			setDisabled(f.sel, !on)
		case f.checks != nil:
			for _, c := range f.checks {
				setDisabled(c, !on)
			}
		case f.entry != nil:
			setDisabled(f.entry, !on)
		}
	}
}

func setDisabled(w fyne.Disableable, off bool) {
	if off {
		w.Disable()
	} else {
		w.Enable()
	}
}

// activeMark prefixes the marked field's title, so the mark is not colour
// alone.
const activeMark = "→ "

// setActive moves the keyboard focus marker to field i.
func (p *codingPanel) setActive(i int) {
	if i < 0 || i >= len(p.fields) {
		return
	}
	p.active = i
	for j, f := range p.fields {
		if j == i {
			f.bar.FillColor = theme.Color(theme.ColorNamePrimary)
			f.title.SetText(activeMark + strings.TrimPrefix(f.title.Text, activeMark))
		} else {
			f.bar.FillColor = color.Transparent
			f.title.SetText(strings.TrimPrefix(f.title.Text, activeMark))
		}
		f.bar.Refresh()
	}
	p.showHelp()
	p.revealActive()
}

// showHelp shows the codebook's definitions under the marked field: for a
// single choice every value with its key and definition (the chosen one
// marked), for the others the dimension's description.
func (p *codingPanel) showHelp() {
	for j, f := range p.fields {
		if j != p.active {
			f.help.Hide()
			continue
		}
		text := f.dim.Description
		if f.dim.Choice == annotate.ChoiceSingle {
			chosen := ""
			if p.state != nil {
				chosen = p.state.Value(f.key.Dimension, f.key.Target)
			}
			text = f.dim.Guide(chosen)
		}
		if f.dim.Choice == annotate.ChoiceMultiple {
			text = strings.TrimSpace(text + "\nEvery definition: Help ▸ Coding manual (F2).")
		}
		f.help.SetText(text)
		if text == "" {
			f.help.Hide()
		} else {
			f.help.Show()
		}
	}
}

// revealActive scrolls the panel just enough to show the marked field.
func (p *codingPanel) revealActive() {
	if p.scroll == nil || p.scroll.Size().Height == 0 {
		return
	}
	v := p.fields[p.active].view
	top, bottom := v.Position().Y, v.Position().Y+v.Size().Height
	off, h := p.scroll.Offset.Y, p.scroll.Size().Height
	switch {
	case top < off:
		p.scroll.ScrollToOffset(fyne.NewPos(0, top))
	case bottom > off+h:
		p.scroll.ScrollToOffset(fyne.NewPos(0, bottom-h))
	}
}

// load shows an article's codes once they are read.
func (p *codingPanel) load(articleID int64) {
	p.flushNotes()
	p.article = articleID
	p.state = nil
	p.setEnabled(false)
	p.status.SetText("Loading codes…")
	p.jobs.Go(func() func() {
		anns, err := p.store.Annotations(context.Background(), articleID)
		return func() {
			if p.article != articleID {
				return
			}
			if err != nil {
				p.status.SetText("Could not read this article's codes: " + err.Error() + ". Choose the article again to retry.")
				return
			}
			p.state = annotate.NewDocState(p.cb, byAnnotator(anns, p.annotator()))
			p.refresh()
			p.setEnabled(true)
			if p.notice != "" {
				p.status.SetText(p.notice)
				p.notice = ""
			} else if p.state.Empty() {
				p.status.SetText("Not coded yet. Every change is saved as you make it.")
			} else {
				p.status.SetText("✓ Coded earlier; every change is saved as you make it.")
			}
		}
	})
}

// byAnnotator keeps one analyst's annotations: each coder codes blind.
func byAnnotator(anns []annotate.Annotation, name string) []annotate.Annotation {
	var out []annotate.Annotation
	for _, a := range anns {
		if a.Annotator == name {
			out = append(out, a)
		}
	}
	return out
}

// refresh sets every widget from the state without firing change handlers.
func (p *codingPanel) refresh() {
	p.updating = true
	defer func() { p.updating = false }()
	st := p.state
	if st == nil {
		st = annotate.NewDocState(p.cb, nil) // nothing chosen
	}
	for _, f := range p.fields {
		switch {
		case f.sel != nil:
			v := f.dim.Value(st.Value(f.key.Dimension, f.key.Target))
			if v == nil {
				f.sel.ClearSelected()
			} else {
				f.sel.SetSelected(optionLabel(*v))
			}
		case f.checks != nil:
			for key, c := range f.checks {
				c.SetChecked(st.Has(f.key.Dimension, key))
			}
		case f.entry != nil:
			if !f.entry.focused {
				f.entry.SetText(st.Text(f.key.Dimension))
			}
		}
	}
	if len(p.fields) > 0 {
		p.showHelp()
	}
}

func (p *codingPanel) base() (annotate.Base, bool) {
	name := p.annotator()
	if name == "" {
		if p.askName != nil {
			p.askName()
		}
		return annotate.Base{}, false
	}
	return annotate.Base{ArticleID: p.article, Annotator: name, Codebook: p.cb, Now: p.now().UTC()}, true
}

// choose applies value to field i: sets a single choice (clearing it when
// value is ""), toggles a multiple choice.
func (p *codingPanel) choose(i int, value string) {
	if p.state == nil || i < 0 || i >= len(p.fields) {
		return
	}
	b, ok := p.base()
	if !ok {
		p.refresh()
		return
	}
	f := p.fields[i]
	var anns []annotate.Annotation
	var err error
	switch f.dim.Choice {
	case annotate.ChoiceSingle:
		anns, err = p.state.Set(b, f.key.Dimension, f.key.Target, value)
	case annotate.ChoiceMultiple:
		if value == "" {
			for _, v := range p.state.Chosen(f.key.Dimension) {
				more, e := p.state.Toggle(b, f.key.Dimension, v)
				anns, err = append(anns, more...), e
				if err != nil {
					break
				}
			}
		} else {
			anns, err = p.state.Toggle(b, f.key.Dimension, value)
		}
	case annotate.ChoiceText:
		anns, err = p.state.SetText(b, f.key.Dimension, value)
	}
	p.refresh()
	if err != nil {
		p.status.SetText("Not saved: " + err.Error())
		return
	}
	p.save(anns, p.labelFor(f, value))
}

// labelFor names a change for the undo history and the status line.
func (p *codingPanel) labelFor(f *field, value string) string {
	name := strings.TrimPrefix(f.title.Text, activeMark)
	switch {
	case f.dim.Choice == annotate.ChoiceText:
		return name + " edited"
	case value == "":
		return name + " cleared"
	}
	if v := f.dim.Value(value); v != nil {
		return name + ": " + v.Label
	}
	return name + ": " + value
}

// setSpanState shows the codes of one span (span panels only).
func (p *codingPanel) setSpanState(articleID int64, st *annotate.DocState) {
	p.flushNotes()
	p.article = articleID
	p.state = st
	p.refresh()
	p.setEnabled(st != nil)
}

// save writes one change's annotations, in order with every other store
// job, records it for undo, and reports when it is committed.
func (p *codingPanel) save(anns []annotate.Annotation, label string) {
	if len(anns) == 0 {
		return
	}
	p.saveEdit(anns[0].ArticleID, anns[0].Annotator, storage.Edit{Annotations: anns}, label)
}

// saveEdit writes one undoable change (codes and suggestion decisions) and
// says "Saved" only once it is committed.
func (p *codingPanel) saveEdit(article int64, annotator string, e storage.Edit, label string) {
	p.status.SetText("Saving…")
	p.jobs.GoSave(func() (func(), bool) {
		err := p.store.SaveEdit(context.Background(), annotator, label, e)
		if storage.IsOffline(err) {
			// the server is out of reach: nothing was committed; the
			// queue keeps this change, in order, and tries again
			return nil, true
		}
		return func() {
			if err != nil {
				msg := "Not saved: " + err.Error() + ". The codes shown are reloaded from the database; make the change again."
				p.status.SetText(msg)
				if p.article == article {
					p.notice = msg // the reload below shows it rather than its usual line
				}
				if len(e.Rejections) > 0 && p.onUnsaved != nil {
					p.onUnsaved(article)
				}
				if p.article == article && p.level == annotate.LevelDocument {
					p.load(article)
				}
				if p.onWritten != nil {
					p.onWritten(article)
				}
				return
			}
			if p.article == article && p.state != nil {
				msg := fmt.Sprintf("✓ Saved at %s: %s", p.now().Format("15:04:05"), label)
				p.status.SetText(msg)
				if p.level == annotate.LevelSpan {
					p.notice = msg // the span's reload shows it
				}
			}
			if p.onWritten != nil {
				p.onWritten(article) // rereads the codes: highlights and the library's coded mark
			}
		}, false
	})
}

// typedRune applies a value shortcut to the active field. It reports
// whether the key was used.
func (p *codingPanel) typedRune(r rune) bool {
	if p.state == nil || len(p.fields) == 0 {
		return false
	}
	f := p.fields[p.active]
	if f.dim.Choice == annotate.ChoiceText {
		return false
	}
	v := f.dim.ValueByShortcut(string(r))
	if v == nil {
		return false
	}
	p.choose(p.active, v.Key)
	// a single choice is made once: move on, as coders expect
	if f.dim.Choice == annotate.ChoiceSingle && p.active+1 < len(p.fields) {
		p.setActive(p.active + 1)
	}
	return true
}

// typedKey handles field movement and clearing.
func (p *codingPanel) typedKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		p.setActive(p.active + 1)
	case fyne.KeyUp:
		p.setActive(p.active - 1)
	case fyne.KeyBackspace, fyne.KeyDelete:
		if p.state != nil && p.fields[p.active].dim.Choice != annotate.ChoiceText {
			p.choose(p.active, "")
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if p.fields[p.active].entry != nil {
			p.focusNote()
		}
	default:
		return false
	}
	return true
}

// focusNote puts the cursor in the first note field.
func (p *codingPanel) focusNote() {
	for i, f := range p.fields {
		if f.entry != nil && !f.entry.Disabled() {
			p.setActive(i)
			if c := fyne.CurrentApp().Driver().CanvasForObject(f.entry); c != nil {
				c.Focus(f.entry)
			}
			return
		}
	}
}

func (p *codingPanel) scheduleNote(i int) {
	f := p.fields[i]
	if f.noteDebounce != nil {
		f.noteDebounce.Stop()
	}
	p.status.SetText("Typing… the note is saved when you pause.")
	article := p.article
	f.noteDebounce = time.AfterFunc(700*time.Millisecond, func() {
		p.jobs.loop.Do(func() {
			if p.article == article {
				p.commitNote(i)
			}
		})
	})
}

// commitNote saves the note's text now.
func (p *codingPanel) commitNote(i int) {
	f := p.fields[i]
	if f.noteDebounce != nil {
		f.noteDebounce.Stop()
		f.noteDebounce = nil
	}
	if p.state == nil || f.entry == nil {
		return
	}
	p.choose(i, f.entry.Text)
}

// flushNotes saves any note still being typed, before the article changes.
func (p *codingPanel) flushNotes() {
	for i, f := range p.fields {
		if f.noteDebounce != nil {
			p.commitNote(i)
		}
	}
}

// noteEntry is a multi-line entry that saves when it loses focus and gives
// the keyboard back to the workbench on Escape.
type noteEntry struct {
	widget.Entry
	focused bool
	onLeave func()
}

func newNoteEntry() *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func (e *noteEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
}

func (e *noteEntry) FocusLost() {
	e.focused = false
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Unfocus()
		}
		return
	}
	e.Entry.TypedKey(k)
}
