package app

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"redline/storage"
)

// CodeLister lists every code and writes chosen ones as the long CSV.
type CodeLister interface {
	Codes(ctx context.Context) ([]storage.CodeRow, error)
	ExportCodes(ctx context.Context, w io.Writer, ids []string) error
}

// codeColumn is one column of the Codes view.
type codeColumn struct {
	title string
	width float32
	text  func(c *storage.CodeRow) string
	less  func(a, b *storage.CodeRow) bool // nil: by text
}

var codeColumns = []codeColumn{
	{"Article", 70, func(c *storage.CodeRow) string { return strconv.FormatInt(c.ArticleID, 10) }, func(a, b *storage.CodeRow) bool { return a.ArticleID < b.ArticleID }},
	{"Story", 60, func(c *storage.CodeRow) string { return strconv.FormatInt(c.FamilyID, 10) }, func(a, b *storage.CodeRow) bool { return a.FamilyID < b.FamilyID }},
	{"Title", 220, func(c *storage.CodeRow) string { return c.Title }, nil},
	{"Outlet", 140, func(c *storage.CodeRow) string { return c.Outlet }, nil},
	{"Date", 100, func(c *storage.CodeRow) string { return shortDate(c.Published) }, func(a, b *storage.CodeRow) bool { return a.Published < b.Published }},
	{"Coder", 100, func(c *storage.CodeRow) string { return c.Annotator }, nil},
	{"Dimension", 110, func(c *storage.CodeRow) string { return c.Dimension }, nil},
	{"Target", 100, func(c *storage.CodeRow) string { return c.Target }, nil},
	{"Value", 120, func(c *storage.CodeRow) string { return c.Value }, nil},
	{"Span text", 240, func(c *storage.CodeRow) string { return oneLineText(c.Quote) }, nil},
	{"Source", 130, func(c *storage.CodeRow) string { return c.Source }, nil},
	{"Note", 180, func(c *storage.CodeRow) string { return oneLineText(c.Note) }, nil},
	{"State", 110, codeState, nil},
}

func shortDate(rfc string) string {
	if len(rfc) >= 10 {
		return rfc[:10]
	}
	return rfc
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// codeState says whether a code was made here or carried, and decided.
func codeState(c *storage.CodeRow) string {
	switch c.CarryStatus {
	case "":
		return "own"
	case "confirmed":
		return "carried, confirmed"
	default:
		return "carried, to confirm"
	}
}

var stateFilters = []string{"Any state", "own", "carried, confirmed", "carried, to confirm"}

// codesView is the Codes tab: every code of the corpus in one table that
// sorts by any column, filters by coder, dimension, state and words, opens
// the article at a code, and exports the rows shown as the long CSV.
type codesView struct {
	store CodeLister
	loop  loop
	dlg   *dialogs
	win   fyne.Window

	all     []storage.CodeRow
	shown   []*storage.CodeRow
	sortCol int
	desc    bool
	seq     int

	search    *dialogEntry
	coder     *widget.Select
	dimension *widget.Select
	state     *widget.Select
	count     *widget.Label
	table     *widget.Table
	debounce  *time.Timer

	onOpen func(articleID int64, start, end int)
	// onlyOf, when it gives a name, limits the view to that coder's codes
	// (a blind project).
	onlyOf func() string
}

const anyOption = "Anyone / anything"

func newCodesView(store CodeLister, l loop, win fyne.Window, dlg *dialogs) *codesView {
	v := &codesView{store: store, loop: l, win: win, dlg: dlg, sortCol: 0}
	v.search = dlg.newEntry()
	v.search.SetPlaceHolder("Filter by words in title, value, span text, source or note")
	v.search.OnChanged = func(string) {
		if v.debounce != nil {
			v.debounce.Stop()
		}
		v.debounce = time.AfterFunc(150*time.Millisecond, func() { v.loop.Do(v.apply) })
	}
	v.coder = widget.NewSelect([]string{"All coders"}, func(string) { v.apply() })
	v.dimension = widget.NewSelect([]string{"All dimensions"}, func(string) { v.apply() })
	v.state = widget.NewSelect(stateFilters, func(string) { v.apply() })
	v.coder.SetSelectedIndex(0)
	v.dimension.SetSelectedIndex(0)
	v.state.SetSelectedIndex(0)
	v.count = widget.NewLabel("")
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.shown), len(codeColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(v.shown) {
				o.(*widget.Label).SetText(codeColumns[id.Col].text(v.shown[id.Row]))
			}
		})
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		title := codeColumns[id.Col].title
		if id.Col == v.sortCol {
			title += map[bool]string{false: " ▲", true: " ▼"}[v.desc]
		}
		b.SetText(title)
		col := id.Col
		b.OnTapped = func() { v.sortBy(col) }
	}
	for i, c := range codeColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(v.shown) || v.onOpen == nil {
			return
		}
		c := v.shown[id.Row]
		v.onOpen(c.ArticleID, c.Start, c.End)
		v.table.UnselectAll()
	}
	return v
}

func (v *codesView) view() fyne.CanvasObject {
	export := widget.NewButton("Export these rows as CSV…", v.export)
	filters := container.NewHScroll(container.NewGridWithColumns(3, v.coder, v.dimension, v.state))
	top := container.NewVBox(v.search, filters, container.NewBorder(nil, nil, nil, export, v.count))
	return container.NewBorder(top, nil, nil, nil, v.table)
}

// reload reads every code off the UI goroutine and shows them filtered.
func (v *codesView) reload() {
	v.seq++
	seq := v.seq
	v.count.SetText("Reading the codes…")
	only := ""
	if v.onlyOf != nil {
		only = v.onlyOf()
	}
	v.loop.Go(func() func() {
		rows, err := v.store.Codes(context.Background())
		if only != "" && err == nil {
			mine := rows[:0]
			for _, r := range rows {
				if r.Annotator == only {
					mine = append(mine, r)
				}
			}
			rows = mine
		}
		return func() {
			if seq != v.seq {
				return
			}
			if err != nil {
				v.count.SetText("Could not read the codes: " + err.Error() + ". Open the tab again to retry.")
				return
			}
			v.all = rows
			v.fillChoices()
			v.apply()
		}
	})
}

// fillChoices offers the coders and dimensions that occur.
func (v *codesView) fillChoices() {
	coders, dims := map[string]bool{}, map[string]bool{}
	for i := range v.all {
		coders[v.all[i].Annotator] = true
		dims[v.all[i].Dimension] = true
	}
	keep := func(sel *widget.Select, first string, set map[string]bool) {
		opts := []string{first}
		for k := range set {
			opts = append(opts, k)
		}
		sort.Strings(opts[1:])
		cur := sel.Selected
		sel.Options = opts
		if !set[cur] {
			cur = first
		}
		sel.SetSelected(cur)
	}
	keep(v.coder, "All coders", coders)
	keep(v.dimension, "All dimensions", dims)
}

// apply filters and sorts the codes read.
func (v *codesView) apply() {
	if v.table == nil {
		return // still being built
	}
	words := strings.Fields(strings.ToLower(v.search.Text))
	coder, dim, state := v.coder.Selected, v.dimension.Selected, v.state.Selected
	v.shown = v.shown[:0]
	for i := range v.all {
		c := &v.all[i]
		if coder != "" && coder != "All coders" && c.Annotator != coder {
			continue
		}
		if dim != "" && dim != "All dimensions" && c.Dimension != dim {
			continue
		}
		if state != "" && state != stateFilters[0] && codeState(c) != state {
			continue
		}
		if len(words) > 0 {
			hay := strings.ToLower(c.Title + " " + c.Value + " " + c.Target + " " + c.Quote + " " + c.Source + " " + c.Note + " " + c.Outlet)
			ok := true
			for _, w := range words {
				if !strings.Contains(hay, w) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		v.shown = append(v.shown, c)
	}
	v.sortShown()
	v.count.SetText(fmt.Sprintf("%s of %s codes", itoa(len(v.shown)), itoa(len(v.all))))
	v.table.Refresh()
}

func (v *codesView) sortBy(col int) {
	if col == v.sortCol {
		v.desc = !v.desc
	} else {
		v.sortCol, v.desc = col, false
	}
	v.sortShown()
	v.table.Refresh()
}

func (v *codesView) sortShown() {
	c := codeColumns[v.sortCol]
	less := c.less
	if less == nil {
		less = func(a, b *storage.CodeRow) bool { return strings.ToLower(c.text(a)) < strings.ToLower(c.text(b)) }
	}
	sort.SliceStable(v.shown, func(i, j int) bool {
		if v.desc {
			return less(v.shown[j], v.shown[i])
		}
		return less(v.shown[i], v.shown[j])
	})
}

// export writes the rows shown as the long CSV.
func (v *codesView) export() {
	ids := make([]string, len(v.shown))
	for i, c := range v.shown {
		ids[i] = c.ID
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			v.dlg.fail(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		v.loop.Go(func() func() {
			err := v.store.ExportCodes(context.Background(), wc, ids)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			return func() {
				if err != nil {
					v.dlg.fail(fmt.Errorf("export to %s failed: %w. Nothing in the database changed; choose another place and try again", path, err))
					return
				}
				v.dlg.info("Export finished", fmt.Sprintf("Saved %s codes to %s, with the columns of the long CSV.", itoa(len(ids)), path))
			}
		})
	}, v.win)
	d.SetFileName("redline-codes-filtered.csv")
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fyne.NewSize(900, 640))
	v.dlg.show(d, nil)
}
