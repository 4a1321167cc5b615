package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/diff"
	"redline/storage"
	"redline/workspace"
)

// Versioner reads and rearranges the versions of a story.
type Versioner interface {
	FamilyOf(ctx context.Context, articleID int64) (storage.Family, error)
	Article(ctx context.Context, id int64) (annotate.Article, error)
	SetVersionTime(ctx context.Context, id int64, published time.Time) error
}

// Colours of the edit types. Each also has a mark that is not colour: a
// margin symbol, and strike-through for deleted or underline for inserted
// words.
var (
	colNote    = color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff} // explanations written into the text
	colAdded   = color.NRGBA{R: 0x2e, G: 0x9d, B: 0x4f, A: 0x55}
	colDeleted = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0x55}
	colEdited  = color.NRGBA{R: 0xf9, G: 0xa8, B: 0x25, A: 0x45}
	colMoved   = color.NRGBA{R: 0x3f, G: 0x6f, B: 0xd8, A: 0x45}
	colWordDel = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0x80}
	colWordIns = color.NRGBA{R: 0x2e, G: 0x9d, B: 0x4f, A: 0x80}
)

var pairSymbol = map[diff.PairKind]string{
	diff.Added: "+", diff.Deleted: "−", diff.Edited: "~", diff.Moved: "»",
}

// versionsView is the Versions tab: a timeline of the story's versions, any
// two compared sentence by sentence, side by side or inline.
type versionsView struct {
	store Versioner
	loop  loop
	win   fyne.Window
	dlg   *dialogs
	// related lists the stories that share passages with this one without
	// being its versions; rel finds them (nil: not shown)
	related *fyne.Container
	rel     interface {
		RelatedStories(ctx context.Context, id int64) ([]workspace.RelatedStory, error)
	}
	onOpenRelated  func(articleID int64)
	onMergeRelated func(family int64)
	work           interface {
		MoveOut(ctx context.Context, id int64) error
	}

	family   storage.Family
	articles map[int64]annotate.Article
	current  int64 // the article open in the reader

	fromSel, toSel *widget.Select
	timeline       *fyne.Container
	mode           *widget.RadioGroup
	hideSame       *widget.Check
	ignoreWS       *widget.Check
	ignoreQuotes   *widget.Check
	ignoreCase     *widget.Check
	summary        *widget.Label
	headline       *widget.Label
	body           *fyne.Container
	empty          *widget.Label
	actions        *fyne.Container

	cmp      *diff.Comparison
	rows     []diff.Pair // rows shown (unchanged ones hidden on request)
	changes  []int       // indexes into rows of changed rows
	at       int         // index into changes of the current change, -1 before the first
	side     *sideBySide
	inline   *TextView
	position *widget.Label
	inlineAt []int // rune offset in the inline text of each row
	seq      int

	onChanged func()      // families changed: the library reloads
	onFamily  func(n int) // the open article's story has n versions
}

func newVersionsView(store Versioner, l loop, win fyne.Window, dlg *dialogs) *versionsView {
	v := &versionsView{store: store, loop: l, win: win, dlg: dlg, related: container.NewVBox(), articles: map[int64]annotate.Article{}, at: -1}
	// every control gives the keys back to the window once used, so ] [ F8
	// F7 keep stepping through the changes after a click on an option
	v.fromSel = widget.NewSelect(nil, func(string) { v.compare(); v.releaseKeys() })
	v.toSel = widget.NewSelect(nil, func(string) { v.compare(); v.releaseKeys() })
	v.timeline = container.NewHBox()
	v.mode = widget.NewRadioGroup([]string{"Side by side", "Inline"}, func(string) { v.render(); v.releaseKeys() })
	v.mode.Horizontal = true
	v.mode.SetSelected("Side by side")
	v.hideSame = widget.NewCheck("Hide unchanged", func(bool) { v.render(); v.releaseKeys() })
	v.ignoreWS = widget.NewCheck("Ignore whitespace", func(bool) { v.compare(); v.releaseKeys() })
	v.ignoreQuotes = widget.NewCheck("Ignore quote and dash styles", func(bool) { v.compare(); v.releaseKeys() })
	v.ignoreCase = widget.NewCheck("Ignore case", func(bool) { v.compare(); v.releaseKeys() })
	v.position = widget.NewLabel("")
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.headline = widget.NewLabel("")
	v.headline.Wrapping = fyne.TextWrapWord
	v.body = container.NewStack()
	v.empty = widget.NewLabel("")
	v.empty.Wrapping = fyne.TextWrapWord
	v.actions = container.NewHBox(
		widget.NewButtonWithIcon("Previous change", theme.MoveUpIcon(), func() { v.step(-1); v.releaseKeys() }),
		widget.NewButtonWithIcon("Next change", theme.MoveDownIcon(), func() { v.step(+1); v.releaseKeys() }),
		v.position,
		layoutSpacer(),
		widget.NewButtonWithIcon("Move the newer version out…", theme.ContentCutIcon(), v.moveOut),
		widget.NewButtonWithIcon("Set its time…", theme.HistoryIcon(), v.setTime),
	)
	return v
}

// releaseKeys takes the keyboard focus back from a control of this view
// (a clicked option keeps it otherwise, and swallows ] [ F8 F7), unless a
// dialog owns the keyboard.
func (v *versionsView) releaseKeys() {
	if v.win != nil && !v.dlg.owns() {
		v.win.Canvas().Unfocus()
	}
}

func (v *versionsView) view() fyne.CanvasObject {
	pick := container.NewBorder(nil, nil, widget.NewLabel("Compare"), nil,
		container.NewGridWithColumns(2, v.fromSel, v.toSel))
	// the options fit a narrow window: what to ignore folds into a menu
	var ignore *widget.Button
	ignore = widget.NewButton("Ignore… ▾", func() {
		item := func(c *widget.Check) *fyne.MenuItem {
			it := fyne.NewMenuItem(c.Text, func() { c.SetChecked(!c.Checked) })
			it.Checked = c.Checked
			return it
		}
		m := fyne.NewMenu("", item(v.ignoreWS), item(v.ignoreQuotes), item(v.ignoreCase))
		widget.ShowPopUpMenuAtRelativePosition(m, v.win.Canvas(), fyne.NewPos(0, ignore.Size().Height), ignore)
	})
	// two short rows, so nothing is cut off in a narrow window
	opts := container.NewVBox(v.mode, container.NewHBox(v.hideSame, ignore))
	keys := widget.NewLabel("] next change · [ previous change · marks: + added, − deleted, ~ edited, » moved; struck-through words were removed, underlined words inserted")
	keys.Wrapping = fyne.TextWrapWord
	keys.SizeName = theme.SizeNameCaptionText
	top := container.NewVBox(container.NewHScroll(v.timeline), pick, opts, v.headline, v.summary, v.related, keys, widget.NewSeparator())
	return container.NewBorder(top, container.NewHScroll(v.actions), nil, nil, container.NewStack(v.body, v.empty))
}

// show loads the family of an article and compares its previous version
// with it.
func (v *versionsView) show(articleID int64) {
	v.current = articleID
	v.seq++
	seq := v.seq
	v.loop.Go(func() func() {
		fam, err := v.store.FamilyOf(context.Background(), articleID)
		if err != nil {
			return func() { v.message("Could not read the versions: " + err.Error()) }
		}
		arts := map[int64]annotate.Article{}
		for _, ver := range fam.Versions {
			a, err := v.store.Article(context.Background(), ver.ID)
			if err != nil {
				return func() { v.message("Could not read a version: " + err.Error()) }
			}
			arts[ver.ID] = a
		}
		var rels []relatedRow
		var relErr error
		if v.rel != nil {
			rels, relErr = v.relatedRows(articleID)
		}
		return func() {
			if seq != v.seq {
				return
			}
			v.showRelated(rels, relErr)
			v.family, v.articles = fam, arts
			if v.onFamily != nil {
				v.onFamily(len(fam.Versions))
			}
			v.fill()
		}
	})
}

// relatedRow is one related story as the Versions tab lists it.
type relatedRow struct {
	family, article int64 // the story, and its article that shares the most
	title, outlet   string
	words, passages int
	reworded        float64
}

// relatedRows reads the stories related to the article's story, with the
// title of the article in each that shares the most. Off the UI goroutine.
func (v *versionsView) relatedRows(articleID int64) ([]relatedRow, error) {
	rs, err := v.rel.RelatedStories(context.Background(), articleID)
	if err != nil {
		return nil, err
	}
	var out []relatedRow
	for _, r := range rs {
		if len(r.Links) == 0 {
			continue
		}
		best := r.Links[0]
		for _, l := range r.Links {
			if l.Words > best.Words {
				best = l
			}
		}
		a, err := v.store.Article(context.Background(), best.To)
		if err != nil {
			return nil, err
		}
		out = append(out, relatedRow{family: r.FamilyID, article: best.To, title: a.Title, outlet: a.Outlet,
			words: best.Words, passages: len(best.Passages), reworded: best.Reworded})
		if len(out) == 5 {
			break
		}
	}
	return out, nil
}

// showRelated lists the related stories, each with Open and Merge.
func (v *versionsView) showRelated(rows []relatedRow, err error) {
	v.related.RemoveAll()
	if err != nil {
		v.related.Add(widget.NewLabel("Could not look for related stories: " + err.Error()))
		return
	}
	if len(rows) == 0 {
		return
	}
	head := widget.NewLabel("Related stories — they share text with this one but are not its versions:")
	head.Wrapping = fyne.TextWrapWord
	v.related.Add(head)
	for _, r := range rows {
		r := r
		what := fmt.Sprintf("%s words in %s", itoa(r.words), plural(r.passages, "passage"))
		if r.words == 0 && r.reworded > 0 {
			what = fmt.Sprintf("reworded: %.0f%% of its content words in the same order", 100*r.reworded)
		}
		l := widget.NewLabel(fmt.Sprintf("“%s” (%s) — %s", r.title, r.outlet, what))
		l.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButton("Open", func() {
			if v.onOpenRelated != nil {
				v.onOpenRelated(r.article)
			}
		})
		merge := widget.NewButton("Merge in", func() {
			v.dlg.confirm("Merge the related story in?", fmt.Sprintf("“%s” and its versions become versions of this story. Move a version out again at any time.", r.title), func(ok bool) {
				if ok && v.onMergeRelated != nil {
					v.onMergeRelated(r.family)
				}
			})
		})
		v.related.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, merge), l))
	}
}

func versionLabel(i int, ver storage.Version) string {
	return joinNonEmpty(" · ", shortVersionLabel(i, ver), ver.Outlet)
}

// shortVersionLabel names a version by its place and time, short enough
// for the choosers.
func shortVersionLabel(i int, ver storage.Version) string {
	t := ver.PublishedAt
	if t.IsZero() {
		t = ver.RetrievedAt
	}
	when := "time unknown"
	if !t.IsZero() {
		when = t.Format("2 Jan 15:04")
	}
	return fmt.Sprintf("v%d · %s", i+1, when)
}

// fill sets the timeline and the two choices: the version before the open
// one, and the open one.
func (v *versionsView) fill() {
	vers := v.family.Versions
	labels := make([]string, len(vers))
	cur := 0
	for i, ver := range vers {
		labels[i] = shortVersionLabel(i, ver)
		if ver.ID == v.current {
			cur = i
		}
	}
	v.timeline.RemoveAll()
	for i, ver := range vers {
		i, ver := i, ver
		b := widget.NewButton(versionLabel(i, ver), func() {
			// clicking a version compares it with the one before it
			from := max(i-1, 0)
			if i == 0 && len(vers) > 1 {
				from, i = 0, 1
			}
			v.fromSel.SetSelectedIndex(from)
			v.toSel.SetSelectedIndex(i)
			v.releaseKeys()
		})
		if ver.ID == v.current {
			b.Importance = widget.HighImportance
		}
		v.timeline.Add(b)
	}
	if len(vers) < 2 {
		v.fromSel.Options, v.toSel.Options = nil, nil
		v.fromSel.ClearSelected()
		v.toSel.ClearSelected()
		v.message("This story has one version. Redline groups versions when articles are imported; use “Merge another story in…” in the Versions menu to add one by hand.")
		return
	}
	v.fromSel.Options, v.toSel.Options = labels, labels
	from, to := cur-1, cur
	if cur == 0 {
		from, to = 0, 1
	}
	v.fromSel.SetSelectedIndex(from)
	v.toSel.SetSelectedIndex(to) // compares
}

func (v *versionsView) message(s string) {
	v.cmp = nil
	v.body.RemoveAll()
	v.headline.SetText("")
	v.summary.SetText("")
	v.empty.SetText(s)
	v.empty.Show()
}

func (v *versionsView) pair() (a, b annotate.Article, ok bool) {
	i, j := v.fromSel.SelectedIndex(), v.toSel.SelectedIndex()
	if i < 0 || j < 0 || i >= len(v.family.Versions) || j >= len(v.family.Versions) {
		return a, b, false
	}
	a, ok1 := v.articles[v.family.Versions[i].ID]
	b, ok2 := v.articles[v.family.Versions[j].ID]
	return a, b, ok1 && ok2
}

func (v *versionsView) options() diff.Options {
	return diff.Options{IgnoreWhitespace: v.ignoreWS.Checked, IgnoreQuotes: v.ignoreQuotes.Checked, IgnoreCase: v.ignoreCase.Checked}
}

// compare aligns the chosen pair off the UI goroutine.
func (v *versionsView) compare() {
	a, b, ok := v.pair()
	if !ok {
		return
	}
	opt := v.options()
	v.seq++
	seq := v.seq
	v.summary.SetText("Comparing…")
	v.loop.Go(func() func() {
		cmp := diff.Compare(a.Text, b.Text, opt)
		title := diff.CompareTitles(a.Title, b.Title, opt)
		return func() {
			if seq != v.seq {
				return
			}
			v.cmp = cmp
			s := cmp.Summary
			if a.ID == b.ID {
				v.summary.SetText("The same version is chosen twice: choose two different versions to compare.")
			} else {
				v.summary.SetText(fmt.Sprintf("%d added · %d deleted · %d edited · %d moved · %d unchanged sentences · %.0f%% of words changed",
					s.Added, s.Deleted, s.Edited, s.Moved, s.Unchanged, 100*s.ShareChanged))
			}
			if title.Changed {
				v.headline.SetText("Headline changed: “" + a.Title + "” → “" + b.Title + "”")
			} else {
				v.headline.SetText("Headline unchanged: “" + b.Title + "”")
			}
			v.render()
		}
	})
}

// render shows the comparison in the chosen mode.
func (v *versionsView) render() {
	if v.cmp == nil {
		return
	}
	v.empty.Hide()
	v.rows = v.rows[:0]
	v.changes = v.changes[:0]
	hidden := 0
	gap := func() { // a hidden stretch leaves a visible mark where it was
		if hidden > 0 {
			v.rows = append(v.rows, gapRow(hidden))
			hidden = 0
		}
	}
	for _, p := range v.cmp.Pairs {
		if v.hideSame.Checked && p.Kind == diff.Unchanged {
			hidden++
			continue
		}
		gap()
		if p.Kind != diff.Unchanged {
			v.changes = append(v.changes, len(v.rows))
		}
		v.rows = append(v.rows, p)
	}
	gap()
	v.at = -1
	v.body.RemoveAll()
	v.position.SetText(fmt.Sprintf("%d changes", len(v.changes)))
	if v.mode.Selected == "Inline" {
		v.side = nil
		v.inline = NewTextView()
		text, hls, at := inlineText(v.cmp, v.rows)
		v.inlineAt = at
		v.inline.SetText(text)
		v.inline.SetHighlights(hls)
		v.body.Add(v.inline)
	} else {
		v.inline = nil
		v.side = newSideBySide(v.rows, "From "+v.fromSel.Selected, "To "+v.toSel.Selected)
		v.body.Add(v.side)
	}
	v.body.Refresh()
}

// gapRow stands for n unchanged sentences hidden from view.
func gapRow(n int) diff.Pair {
	text := fmt.Sprintf("⋯ %s hidden ⋯", plural(n, "unchanged sentence"))
	s := &diff.Sentence{Text: text}
	return diff.Pair{Kind: diff.Unchanged, A: s, B: s, Similarity: 1}
}

// movedFrom says where a moved sentence stood in the older version.
func movedFrom(cmp *diff.Comparison, p diff.Pair) string {
	if p.A == nil {
		return ""
	}
	for i := range cmp.A {
		if cmp.A[i].Start == p.A.Start {
			return fmt.Sprintf("  (moved from sentence %d, paragraph %d, of the older version)", i+1, p.A.Para+1)
		}
	}
	return ""
}

// inlineText merges the rows into one text: each sentence its own
// paragraph, deleted text struck through, inserted text underlined.
func inlineText(cmp *diff.Comparison, rows []diff.Pair) (string, []Highlight, []int) {
	var b strings.Builder
	var hls []Highlight
	at := make([]int, len(rows))
	n := 0 // runes written
	write := func(s string) (int, int) {
		start := n
		b.WriteString(s)
		n += len([]rune(s))
		return start, n
	}
	for i, p := range rows {
		if i > 0 {
			write("\n\n")
		}
		at[i] = n
		switch {
		case len(p.Words) > 0:
			rowStart := n
			for k, op := range p.Words {
				// a deleted word right before an inserted one gets a space
				// between them: "added warned", not "addedwarned"
				if k > 0 && op.Kind == diff.Insert && p.Words[k-1].Kind == diff.Delete &&
					!strings.HasSuffix(p.Words[k-1].Text, " ") && !strings.HasPrefix(op.Text, " ") {
					write(" ")
				}
				s, e := write(op.Text)
				switch op.Kind {
				case diff.Delete:
					hls = append(hls, Highlight{Start: s, End: e, Fill: colWordDel, Strike: true})
				case diff.Insert:
					hls = append(hls, Highlight{Start: s, End: e, Fill: colWordIns, Underline: true})
				}
			}
			fill := colEdited
			if p.Kind == diff.Moved {
				fill = colMoved
			}
			hls = append(hls, Highlight{Start: rowStart, End: n, Fill: fill, Margin: pairSymbol[p.Kind]})
			if p.Kind == diff.Moved {
				s, e := write(movedFrom(cmp, p))
				hls = append(hls, Highlight{Start: s, End: e, TextColor: colNote})
			}
		case p.Kind == diff.Deleted:
			s, e := write(p.A.Text)
			hls = append(hls, Highlight{Start: s, End: e, Fill: colDeleted, Strike: true, Margin: pairSymbol[p.Kind]})
		case p.Kind == diff.Added:
			s, e := write(p.B.Text)
			hls = append(hls, Highlight{Start: s, End: e, Fill: colAdded, Underline: true, Margin: pairSymbol[p.Kind]})
		case p.Kind == diff.Moved:
			s, e := write(p.B.Text)
			hls = append(hls, Highlight{Start: s, End: e, Fill: colMoved, Margin: pairSymbol[p.Kind]})
			s, e = write(movedFrom(cmp, p))
			hls = append(hls, Highlight{Start: s, End: e, TextColor: colNote})
		default:
			write(p.B.Text)
		}
	}
	return b.String(), hls, at
}

// sideHighlights returns the text and highlights of one side of a row:
// the A sentence (left) or the B sentence (right).
func sideHighlights(p diff.Pair, left bool) (string, []Highlight) {
	s := p.B
	if left {
		s = p.A
	}
	if s == nil {
		return "", nil
	}
	var hls []Highlight
	switch p.Kind {
	case diff.Added:
		hls = append(hls, Highlight{Start: 0, End: len([]rune(s.Text)), Fill: colAdded, Underline: true, Margin: "+"})
	case diff.Deleted:
		hls = append(hls, Highlight{Start: 0, End: len([]rune(s.Text)), Fill: colDeleted, Strike: true, Margin: "−"})
	case diff.Edited, diff.Moved:
		fill := colEdited
		if p.Kind == diff.Moved {
			fill = colMoved
		}
		hls = append(hls, Highlight{Start: 0, End: len([]rune(s.Text)), Fill: fill, Margin: pairSymbol[p.Kind]})
		// word ops carry offsets into the whole texts; the sentence text is
		// trimmed, so find where it sits in its side's source range
		base := s.Start
		for _, op := range p.Words {
			switch {
			case left && op.Kind == diff.Delete:
				hls = append(hls, Highlight{Start: op.AStart - base, End: op.AEnd - base, Fill: colWordDel, Strike: true})
			case !left && op.Kind == diff.Insert:
				hls = append(hls, Highlight{Start: op.BStart - base, End: op.BEnd - base, Fill: colWordIns, Underline: true})
			}
		}
	}
	n := len([]rune(s.Text))
	out := hls[:0]
	for _, h := range hls {
		h.Start, h.End = max(h.Start, 0), min(h.End, n)
		if h.Start < h.End {
			out = append(out, h)
		}
	}
	return s.Text, out
}

// sideBySide shows the two versions in two columns whose sentences line
// up: each aligned pair is one paragraph on both sides, the shorter side
// padded with blank lines, and the two views scroll together.
type sideBySide struct {
	widget.BaseWidget
	rows           []diff.Pair
	left, right    *TextView
	startL, startR []int // rune offset of each row on each side
	endR           []int
	width          float32
	measure        *TextView
	titles         [2]string
}

func newSideBySide(rows []diff.Pair, leftTitle, rightTitle string) *sideBySide {
	s := &sideBySide{rows: rows, left: NewTextView(), right: NewTextView(), measure: NewTextView(), titles: [2]string{leftTitle, rightTitle}}
	s.left.OnScrolled = func(y float32) { s.right.SetScrollOffset(y) }
	s.right.OnScrolled = func(y float32) { s.left.SetScrollOffset(y) }
	s.ExtendBaseWidget(s)
	return s
}

func (s *sideBySide) CreateRenderer() fyne.WidgetRenderer {
	heads := container.NewGridWithColumns(2, boldLabel(s.titles[0]), boldLabel(s.titles[1]))
	cols := container.New(&sideLayout{s: s}, s.left, s.right)
	return widget.NewSimpleRenderer(container.NewBorder(heads, nil, nil, nil, cols))
}

func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// sideLayout gives each view half the width and re-pads the rows when the
// width changes, since padding depends on where lines wrap.
type sideLayout struct{ s *sideBySide }

func (l *sideLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 100) }

func (l *sideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	gap := theme.Padding()
	w := (size.Width - gap) / 2
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
	objs[1].Move(fyne.NewPos(w+gap, 0))
	objs[1].Resize(fyne.NewSize(w, size.Height))
	if w != l.s.width {
		l.s.width = w
		l.s.build(w)
	}
}

// build lays the rows out for columns of the given width.
func (s *sideBySide) build(width float32) {
	var lb, rb strings.Builder
	var lh, rh []Highlight
	nl, nr := 0, 0
	s.startL, s.startR, s.endR = s.startL[:0], s.startR[:0], s.endR[:0]
	emit := func(b *strings.Builder, n *int, text string, hls []Highlight, into *[]Highlight) {
		for _, h := range hls {
			h.Start += *n
			h.End += *n
			*into = append(*into, h)
		}
		b.WriteString(text)
		*n += len([]rune(text))
	}
	for i, p := range s.rows {
		if i > 0 {
			emit(&lb, &nl, "\n\n", nil, &lh)
			emit(&rb, &nr, "\n\n", nil, &rh)
		}
		lt, lhs := sideHighlights(p, true)
		rt, rhs := sideHighlights(p, false)
		if lt == "" {
			lt = " "
		}
		if rt == "" {
			rt = " "
		}
		s.measure.SetText(lt)
		ln := s.measure.LinesFor(width)
		s.measure.SetText(rt)
		rn := s.measure.LinesFor(width)
		s.startL = append(s.startL, nl)
		s.startR = append(s.startR, nr)
		emit(&lb, &nl, lt, lhs, &lh)
		emit(&rb, &nr, rt, rhs, &rh)
		s.endR = append(s.endR, nr)
		if ln < rn {
			emit(&lb, &nl, strings.Repeat("\n", rn-ln), nil, &lh)
		} else if rn < ln {
			emit(&rb, &nr, strings.Repeat("\n", ln-rn), nil, &rh)
		}
	}
	off := s.left.ScrollOffset()
	s.left.SetText(lb.String())
	s.left.SetHighlights(lh)
	s.right.SetText(rb.String())
	s.right.SetHighlights(rh)
	s.left.SetScrollOffset(off)
	s.right.SetScrollOffset(off)
}

// reveal scrolls both columns to row i and selects it on the newer side.
func (s *sideBySide) reveal(i int) {
	if i < 0 || i >= len(s.startR) {
		return
	}
	s.right.SetSelection(s.startR[i], s.endR[i])
	s.right.ScrollToRune(s.startR[i])
	s.left.SetScrollOffset(s.right.ScrollOffset())
}

// step moves to the next (+1) or previous (-1) change and shows it.
func (v *versionsView) step(dir int) {
	if len(v.changes) == 0 {
		return
	}
	v.at += dir
	if v.at < 0 {
		v.at = len(v.changes) - 1
	}
	if v.at >= len(v.changes) {
		v.at = 0
	}
	row := v.changes[v.at]
	switch {
	case v.side != nil:
		v.side.reveal(row)
	case v.inline != nil:
		end := len([]rune(v.inline.Text()))
		if row+1 < len(v.inlineAt) {
			end = v.inlineAt[row+1] - 2
		}
		v.inline.SetSelection(v.inlineAt[row], end)
		v.inline.ScrollToRune(v.inlineAt[row])
	}
	v.position.SetText(fmt.Sprintf("change %d of %d", v.at+1, len(v.changes)))
}

// moveOut takes the version shown on the newer side out of this story.
func (v *versionsView) moveOut() {
	i := v.toSel.SelectedIndex()
	if i < 0 || len(v.family.Versions) < 2 {
		v.dlg.info("Move a version out", "Choose the version to move out in the right-hand (To) list first.")
		return
	}
	ver := v.family.Versions[i]
	v.dlg.confirm("Move this version out?",
		fmt.Sprintf("“%s” (%s) will become a story of its own. Automatic grouping will leave it there; merge it back at any time.", ver.Title, versionLabel(i, ver)),
		func(ok bool) {
			if !ok {
				return
			}
			v.loop.Go(func() func() {
				err := v.work.MoveOut(context.Background(), ver.ID)
				return func() {
					if err != nil {
						v.dlg.fail(fmt.Errorf("could not move the version out: %w", err))
						return
					}
					v.show(v.current)
					if v.onChanged != nil {
						v.onChanged()
					}
				}
			})
		})
}

// setTime sets the publication time of the version on the newer side,
// which orders it in the timeline.
func (v *versionsView) setTime() {
	i := v.toSel.SelectedIndex()
	if i < 0 {
		v.dlg.info("Set a version's time", "Choose the version in the right-hand (To) list first.")
		return
	}
	ver := v.family.Versions[i]
	entry := v.dlg.newEntry()
	entry.SetPlaceHolder("2026-03-14 14:39")
	if !ver.PublishedAt.IsZero() {
		entry.SetText(ver.PublishedAt.UTC().Format("2006-01-02 15:04"))
	}
	entry.Validator = func(s string) error {
		_, err := parseVersionTime(s)
		return err
	}
	d := dialog.NewForm("Set the time of "+versionLabel(i, ver), "Set", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Published (UTC)", entry)}, func(ok bool) {
			if !ok {
				return
			}
			t, _ := parseVersionTime(entry.Text)
			v.loop.Go(func() func() {
				err := v.store.SetVersionTime(context.Background(), ver.ID, t)
				return func() {
					if err != nil {
						v.dlg.fail(fmt.Errorf("could not set the time: %w", err))
						return
					}
					v.show(v.current)
					if v.onChanged != nil {
						v.onChanged()
					}
				}
			})
		}, v.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(460, 200))
	v.dlg.showForm(d)
}

func parseVersionTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("write the time as 2026-03-14 14:39")
}
