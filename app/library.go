package app

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/storage"
)

// library is the left pane: search, coded filter and a virtualised list of
// every article. Only the visible rows are built, so 100,000 articles
// scroll like ten.
type library struct {
	store     Library
	loop      loop
	search    *searchEntry
	filter    *widget.Select
	order     *widget.Select
	list      *widget.List
	count     *widget.Label
	progress  *widget.Label
	fullTitle *widget.Label             // the hovered row's whole title
	items     []annotate.ArticleSummary // the rows shown
	all       []annotate.ArticleSummary // every article listed; by story, items folds them
	byStory   bool                      // by story: one row per story, the open one unfolded
	selected  int64                     // article id, 0 for none
	seq       int                       // guards against an older query landing after a newer one
	// openFirst opens the first article of the next result (Enter in
	// the search box) and gives the keys back to the coding panel
	openFirst bool
	preferred int64 // the article to open first, when nothing is open yet
	debounce  *time.Timer

	onSelect  func(annotate.ArticleSummary)
	onEscape  func()
	annotator func() string // whose codes the coded marks and filter are about
	// newVersions counts, per story, versions stored since the analyst last
	// looked (watched pages, web archives); nil: not known
	newVersions func(analyst string) (map[int64]int, error)
	fresh       map[int64]int
}

var filterNames = []string{"All articles", "Uncoded", "Coded", "Assigned to me", "Assigned to me, uncoded"}

// orderNames are the library's sort orders, in storage.Order's order.
var orderNames = []string{"By date", "By outlet", "By title", "By story"}

func newLibrary(store Library, l loop) *library {
	lib := &library{store: store, loop: l, annotator: func() string { return "" }}
	lib.search = newSearchEntry()
	lib.search.SetPlaceHolder("Search title and text (Ctrl+F)")
	lib.search.OnChanged = func(string) { lib.scheduleReload() }
	// Enter opens the first result (after the list has caught up with
	// what was typed)
	lib.search.OnSubmitted = func(string) {
		if lib.debounce != nil {
			lib.debounce.Stop()
		}
		lib.openFirst = true
		lib.reload()
	}
	lib.search.onEscape = func() {
		if lib.onEscape != nil {
			lib.onEscape()
		}
	}
	lib.filter = widget.NewSelect(filterNames, func(string) { lib.reload() })
	lib.filter.SetSelectedIndex(0)
	lib.order = widget.NewSelect(orderNames, func(string) { lib.reload() })
	lib.order.SetSelectedIndex(0)
	lib.fullTitle = widget.NewLabel("")
	lib.fullTitle.Wrapping = fyne.TextWrapWord
	lib.fullTitle.TextStyle = fyne.TextStyle{Bold: true}
	lib.fullTitle.Hide()
	lib.progress = widget.NewLabel("")
	lib.progress.SizeName = theme.SizeNameCaptionText
	lib.progress.Wrapping = fyne.TextWrapWord
	lib.count = widget.NewLabel("Loading articles…")
	lib.count.TextStyle = fyne.TextStyle{Italic: true}
	lib.list = widget.NewList(
		func() int { return len(lib.items) },
		func() fyne.CanvasObject {
			r := newLibraryRow()
			r.hover = lib.showFullTitle
			return r
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(lib.items) {
				it := lib.items[id]
				o.(*libraryRow).fresh = lib.fresh[it.FamilyID]
				o.(*libraryRow).folded = lib.byStory && it.Versions > 1 && (id+1 >= len(lib.items) || lib.items[id+1].FamilyID != it.FamilyID)
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
		if lib.byStory && lib.refold() {
			// the chosen story unfolds, the one before folds
			lib.list.Refresh()
			if i := lib.indexOf(it.ID); i >= 0 {
				lib.list.Select(i)
			}
		}
	}
	return lib
}

// refold shows, by story, one row per story with the open article's story
// unfolded beneath its first version; it reports whether the rows changed.
func (lib *library) refold() bool {
	if !lib.byStory {
		changed := len(lib.items) != len(lib.all)
		lib.items = lib.all
		return changed
	}
	open := int64(-1)
	for _, it := range lib.all {
		if it.ID == lib.selected && it.Versions > 1 {
			open = it.FamilyID
		}
	}
	rows := make([]annotate.ArticleSummary, 0, len(lib.all))
	for _, it := range lib.all {
		if it.Version <= 1 || it.FamilyID == open {
			rows = append(rows, it)
		}
	}
	changed := len(rows) != len(lib.items)
	lib.items = rows
	return changed
}

func (lib *library) view() fyne.CanvasObject {
	// the two choosers share a row when there is room, and never set the
	// pane's minimum width
	top := container.NewVBox(lib.search, container.NewHScroll(container.NewGridWithColumns(2, lib.filter, lib.order)), lib.count, lib.progress)
	return container.NewBorder(top, lib.fullTitle, nil, nil, lib.list)
}

func (lib *library) query() storage.Query {
	q := storage.Query{Search: lib.search.Text, Annotator: lib.annotator(), Order: storage.Order(max(lib.order.SelectedIndex(), 0))}
	switch lib.filter.SelectedIndex() {
	case 1:
		q.Coded = storage.CodedNo
	case 2:
		q.Coded = storage.CodedYes
	case 3:
		q.AssignedTo = q.Annotator
	case 4:
		q.AssignedTo, q.Coded = q.Annotator, storage.CodedNo
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
func (lib *library) reload() { lib.reloadWith(false) }

// reloadQuietly is reload for changes made elsewhere (another coder on the
// server): the list keeps where it is scrolled to and what is selected.
func (lib *library) reloadQuietly() { lib.reloadWith(true) }

func (lib *library) reloadWith(quiet bool) {
	if lib.list == nil {
		return // still being built
	}
	lib.seq++
	seq, q := lib.seq, lib.query()
	lib.loop.Go(func() func() {
		items, err := lib.store.Articles(context.Background(), q)
		prog, perr := lib.store.Progress(context.Background())
		var fresh map[int64]int
		if lib.newVersions != nil && q.Annotator != "" {
			fresh, _ = lib.newVersions(q.Annotator) // a mark only: without it the list is still right
		}
		return func() {
			if seq != lib.seq {
				return
			}
			if err != nil {
				lib.count.SetText("Could not list articles: " + err.Error() + ". Try again, or restart Redline.")
				return
			}
			lib.fresh = fresh
			off := lib.list.GetScrollOffset()
			lib.show(items, q)
			if quiet {
				lib.list.ScrollToOffset(off)
			}
			lib.showProgress(prog, perr, q.Annotator)
		}
	})
}

func (lib *library) show(items []annotate.ArticleSummary, q storage.Query) {
	lib.all = items
	lib.byStory = q.Order == storage.ByStory
	lib.refold()
	lib.list.UnselectAll()
	lib.list.Refresh()
	what := "articles"
	if len(items) == 1 {
		what = "article"
	}
	text := fmt.Sprintf("%s %s", strconv.Itoa(len(items)), what)
	if q.Search != "" {
		text += fmt.Sprintf(" %s “%s”", map[bool]string{true: "matches", false: "match"}[len(items) == 1], q.Search)
	}
	if len(items) == 0 && q.Search == "" && q.Coded == storage.CodedAny && q.AssignedTo == "" {
		text = "No articles yet: use File ▸ Import or drop files here"
	}
	if q.AssignedTo != "" {
		text = fmt.Sprintf("%s assigned to you", text)
		if len(items) == 0 {
			text = "Nothing assigned to you here: the lead hands out assignments with 'redline assign'"
		}
	}
	lib.count.SetText(text)
	if lib.openFirst && len(items) > 0 {
		lib.openFirst = false
		lib.list.Select(0)
		lib.list.ScrollTo(0)
		if lib.onEscape != nil {
			lib.onEscape() // leave the search: keys code again
		}
		return
	}
	lib.openFirst = false
	if i := lib.indexOf(lib.selected); i >= 0 {
		lib.list.Select(i)
		lib.list.ScrollTo(i)
	} else if i := lib.indexOf(lib.preferred); i >= 0 && lib.selected == 0 {
		lib.preferred = 0
		lib.list.Select(i)
		lib.list.ScrollTo(i)
	} else if len(items) > 0 && lib.selected == 0 {
		lib.list.Select(0)
	}
}

// showFullTitle shows a hovered row's whole title under the list.
func (lib *library) showFullTitle(title string) {
	lib.fullTitle.SetText(title)
	if title == "" {
		lib.fullTitle.Hide()
	} else {
		lib.fullTitle.Show()
	}
}

// showProgress says how far the analyst (and the team) has come, by the one
// definition of coded.
func (lib *library) showProgress(p storage.Progress, err error, who string) {
	if err != nil {
		lib.progress.SetText("Could not count the coded articles: " + err.Error())
		return
	}
	if p.Articles == 0 {
		lib.progress.SetText("")
		return
	}
	text := fmt.Sprintf("%s of %s coded", itoa(p.Anyone), itoa(p.Articles))
	if who != "" {
		text = fmt.Sprintf("%s of %s coded by you", itoa(p.Coded[who]), itoa(p.Articles))
		if others := len(p.Coded) - map[bool]int{true: 1, false: 0}[p.Coded[who] > 0]; others > 0 {
			text += fmt.Sprintf(" · %s by anyone (%s)", itoa(p.Anyone), plural(len(p.Coded), "coder"))
		}
	}
	if p.Excluded > 0 {
		text += fmt.Sprintf(" · %s excluded", itoa(p.Excluded))
	}
	lib.progress.SetText(text + " · u: next uncoded")
}

// nextUncoded selects the next article in the list, after the open one,
// that the analyst has not coded, wrapping round; it reports false when
// every listed article is coded.
func (lib *library) nextUncoded() bool {
	n := len(lib.items)
	from := lib.indexOf(lib.selected)
	for k := 1; k <= n; k++ {
		i := (from + k + n) % n
		if from < 0 {
			i = k - 1
		}
		if !lib.items[i].Coded && !lib.items[i].Excluded {
			lib.list.Select(i)
			lib.list.ScrollTo(i)
			return true
		}
	}
	return false
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
	changed := false
	for k := range lib.all { // items may share all's rows: change each once
		if lib.all[k].ID == id && (lib.all[k].Coded != coded || lib.all[k].Pending != pending) {
			lib.all[k].Coded, lib.all[k].Pending = coded, pending
			changed = true
		}
	}
	if i := lib.indexOf(id); i >= 0 {
		if lib.items[i].Coded != coded || lib.items[i].Pending != pending {
			lib.items[i].Coded, lib.items[i].Pending = coded, pending
			changed = true
		}
		if changed {
			lib.list.RefreshItem(i)
		}
	}
	if changed {
		lib.refreshProgress()
	}
}

// refreshProgress recounts the coded articles off the UI goroutine.
func (lib *library) refreshProgress() {
	who := lib.annotator()
	lib.loop.Go(func() func() {
		p, err := lib.store.Progress(context.Background())
		return func() { lib.showProgress(p, err, who) }
	})
}

// libraryRow shows one article: title, then outlet, date and whether it is
// coded, in words as well as by mark, so colour is never the only cue.
type libraryRow struct {
	widget.BaseWidget
	full   string       // the whole title, shown on hover
	fresh  int          // versions of its story new since the analyst last looked
	folded bool         // the first version of a story whose others are folded away
	hover  func(string) // says the whole title while the pointer is on the row
	title  *widget.Label
	meta   *widget.Label
	mark   *widget.Icon
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
	r.full = a.Title
	state := "uncoded"
	switch {
	case a.Excluded:
		state = "excluded: " + a.ExclusionReason
		r.mark.SetResource(theme.CancelIcon())
	case a.Coded:
		state = "coded"
		r.mark.SetResource(theme.ConfirmIcon())
	case a.Pending:
		state = "carried codes to confirm"
		r.mark.SetResource(theme.QuestionIcon())
	default:
		r.mark.SetResource(theme.RadioButtonIcon())
	}
	place := ""
	if a.Versions > 1 {
		place = fmt.Sprintf("v%d of %d", a.Version, a.Versions)
		if r.folded {
			place = fmt.Sprintf("▸ %d versions", a.Versions)
		}
	}
	if r.fresh > 0 {
		state += fmt.Sprintf(" · %s new since you looked", plural(r.fresh, "version"))
	}
	// versions with one title are told apart by outlet, date and length
	r.meta.SetText(joinNonEmpty(" · ", place, a.Outlet, formatDate(a.PublishedAt), plural(a.Words, "word"), state))
}

// MouseIn shows the whole title (rows cut long titles short).
func (r *libraryRow) MouseIn(*desktop.MouseEvent) {
	if r.hover != nil {
		r.hover(r.full)
	}
}

// MouseMoved does nothing; MouseIn said it all.
func (r *libraryRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut clears the whole title.
func (r *libraryRow) MouseOut() {
	if r.hover != nil {
		r.hover("")
	}
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
