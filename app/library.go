package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/storage"
)

// library is the left pane: search, coded filter and a virtualised list of
// every article. Only the visible rows are built, so 100,000 articles
// scroll like ten.
type library struct {
	store    Library
	loop     loop
	search   *searchEntry
	filter   *widget.Select
	list     *widget.List
	count    *widget.Label
	items    []annotate.ArticleSummary
	selected int64 // article id, 0 for none
	seq      int   // guards against an older query landing after a newer one
	debounce *time.Timer

	onSelect  func(annotate.ArticleSummary)
	onEscape  func()
	annotator func() string // whose codes the coded marks and filter are about
}

var filterNames = []string{"All articles", "Uncoded", "Coded"}

func newLibrary(store Library, l loop) *library {
	lib := &library{store: store, loop: l, annotator: func() string { return "" }}
	lib.search = newSearchEntry()
	lib.search.SetPlaceHolder("Search title and text (Ctrl+F)")
	lib.search.OnChanged = func(string) { lib.scheduleReload() }
	lib.search.onEscape = func() {
		if lib.onEscape != nil {
			lib.onEscape()
		}
	}
	lib.filter = widget.NewSelect(filterNames, func(string) { lib.reload() })
	lib.filter.SetSelectedIndex(0)
	lib.count = widget.NewLabel("Loading articles…")
	lib.count.TextStyle = fyne.TextStyle{Italic: true}
	lib.list = widget.NewList(
		func() int { return len(lib.items) },
		func() fyne.CanvasObject { return newLibraryRow() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(lib.items) {
				o.(*libraryRow).set(lib.items[id])
			}
		},
	)
	lib.list.OnSelected = func(id widget.ListItemID) {
		if id >= len(lib.items) {
			return
		}
		it := lib.items[id]
		if it.ID == lib.selected {
			return
		}
		lib.selected = it.ID
		if lib.onSelect != nil {
			lib.onSelect(it)
		}
	}
	return lib
}

func (lib *library) view() fyne.CanvasObject {
	top := container.NewVBox(lib.search, container.NewBorder(nil, nil, nil, nil, lib.filter), lib.count)
	return container.NewBorder(top, nil, nil, nil, lib.list)
}

func (lib *library) query() storage.Query {
	q := storage.Query{Search: lib.search.Text, Annotator: lib.annotator()}
	switch lib.filter.SelectedIndex() {
	case 1:
		q.Coded = storage.CodedNo
	case 2:
		q.Coded = storage.CodedYes
	}
	return q
}

func (lib *library) scheduleReload() {
	if lib.debounce != nil {
		lib.debounce.Stop()
	}
	// typing fast must not run a query per key
	lib.debounce = time.AfterFunc(180*time.Millisecond, func() { lib.loop.Do(lib.reload) })
}

// reload runs the current query off the UI goroutine and shows its result.
func (lib *library) reload() {
	if lib.list == nil {
		return // still being built
	}
	lib.seq++
	seq, q := lib.seq, lib.query()
	lib.loop.Go(func() func() {
		items, err := lib.store.Articles(context.Background(), q)
		return func() {
			if seq != lib.seq {
				return
			}
			if err != nil {
				lib.count.SetText("Could not list articles: " + err.Error())
				return
			}
			lib.show(items, q)
		}
	})
}

func (lib *library) show(items []annotate.ArticleSummary, q storage.Query) {
	lib.items = items
	lib.list.UnselectAll()
	lib.list.Refresh()
	what := "articles"
	if len(items) == 1 {
		what = "article"
	}
	text := fmt.Sprintf("%s %s", strconv.Itoa(len(items)), what)
	if q.Search != "" {
		text += fmt.Sprintf(" match “%s”", q.Search)
	}
	if len(items) == 0 && q.Search == "" && q.Coded == storage.CodedAny {
		text = "No articles yet: use File ▸ Import or drop files here"
	}
	lib.count.SetText(text)
	if i := lib.indexOf(lib.selected); i >= 0 {
		lib.list.Select(i)
		lib.list.ScrollTo(i)
	} else if len(items) > 0 && lib.selected == 0 {
		lib.list.Select(0)
	}
}

func (lib *library) indexOf(id int64) int {
	for i, it := range lib.items {
		if it.ID == id {
			return i
		}
	}
	return -1
}

// step selects the next (+1) or previous (-1) article in the list.
func (lib *library) step(delta int) {
	if len(lib.items) == 0 {
		return
	}
	i := lib.indexOf(lib.selected) + delta
	if lib.selected == 0 || i < 0 {
		i = 0
	}
	if i >= len(lib.items) {
		i = len(lib.items) - 1
	}
	lib.list.Select(i)
	lib.list.ScrollTo(i)
}

// markCoded updates the coded and pending marks of one row after a save.
func (lib *library) markCoded(id int64, coded, pending bool) {
	if i := lib.indexOf(id); i >= 0 && (lib.items[i].Coded != coded || lib.items[i].Pending != pending) {
		lib.items[i].Coded = coded
		lib.items[i].Pending = pending
		lib.list.RefreshItem(i)
	}
}

// libraryRow shows one article: title, then outlet, date and whether it is
// coded, in words as well as by mark, so colour is never the only cue.
type libraryRow struct {
	widget.BaseWidget
	title *widget.Label
	meta  *widget.Label
	mark  *widget.Icon
}

func newLibraryRow() *libraryRow {
	r := &libraryRow{
		title: widget.NewLabel("Article title"),
		meta:  widget.NewLabel("Outlet · date"),
		mark:  widget.NewIcon(nil),
	}
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.meta.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *libraryRow) set(a annotate.ArticleSummary) {
	r.title.SetText(a.Title)
	state := "uncoded"
	switch {
	case a.Coded:
		state = "coded"
		r.mark.SetResource(theme.ConfirmIcon())
	case a.Pending:
		state = "carried codes to confirm"
		r.mark.SetResource(theme.QuestionIcon())
	default:
		r.mark.SetResource(theme.RadioButtonIcon())
	}
	r.meta.SetText(joinNonEmpty(" · ", a.Outlet, formatDate(a.PublishedAt), state))
}

func (r *libraryRow) CreateRenderer() fyne.WidgetRenderer {
	text := container.New(&tightVBox{}, r.title, r.meta)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.mark, nil, text))
}

// searchEntry is an entry that gives Escape back to the workbench.
type searchEntry struct {
	widget.Entry
	onEscape func()
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
