package app

import (
	"redline/diff"

	"image/color"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Highlight marks a span of a TextView's text: a background fill, text
// decorations and a margin symbol, so a change reads by more than colour.
type Highlight struct {
	Start, End int         // rune offsets into the text, End exclusive
	Fill       color.Color // background; nil for none
	Underline  bool
	Strike     bool        // strike-through (deleted text)
	TextColor  color.Color // nil = theme foreground
	Margin     string      // short symbol ("+", "−", "~", "↕") drawn in the gutter on the line where the highlight starts
	ID         string      // caller's id; reported by OnHighlightTapped
}

// TextView shows read-only article text wrapped at word boundaries, paints
// highlights behind it and lets the reader select a span with the mouse or
// keyboard. Fyne's RichText cannot paint backgrounds, which the versions
// diff and span coding both need.
//
// The view scrolls itself and creates canvas objects only for the lines in
// view, so a 20,000-word article stays smooth. Do not put it inside a
// container.Scroll.
//
// Overlapping fills share the line: where k filled highlights cover the
// same text, each gets a band 1/k of the line high, stacked in a stable
// order (earlier-starting, longer highlights on top). Where a highlight is
// alone it fills the whole line again. Overlapping underlines stack below
// the baseline at different offsets. Clicking a band reports that band's
// highlight.
type TextView struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the user changes the selection or
	// moves the caret (start == end). SetSelection and SetText do not call it.
	OnSelectionChanged func(start, end int)
	// SnapToWords makes a drag select whole words: a selection that starts
	// or ends inside a word takes all of it (the reader sets it; a code on
	// half a word is never what the analyst meant).
	SnapToWords bool
	// OnHighlightTapped is called when a highlight with a non-empty ID is
	// clicked without dragging.
	OnHighlightTapped func(id string)
	// OnScrolled is called after the view scrolled, by the user or by a
	// call, with the new offset; SetScrollOffset does not call it. The
	// side-by-side diff keeps its two views in step with it.
	OnScrolled  func(offset float32)
	reportedOff float32

	src     string  // the text as valid UTF-8
	runes   []rune  // the text; offsets everywhere are indices into it
	byteOff []int32 // byte offset in src of each rune, plus len(src)
	toks    []tvToken

	hls       []Highlight
	hlOrder   []int // indices into hls sorted by Start
	hlMaxEnd  []int // running maximum of End along hlOrder
	fillLayer []int // band order of each highlight among filled ones
	lineLayer []int // stacking order of each highlight among underlined ones

	anchor, caret int
	reported      [2]int
	goalX         float32 // x kept while moving up and down lines
	hasGoal       bool
	focused       bool
	shiftDown     bool

	offY          float32 // scroll offset into the content
	pendingScroll int     // rune to reveal once the view has a size; -1 for none

	m      tvMetrics
	lay    tvLayout
	widths map[string]float32 // widths of words and prefixes, for the current text size

	pressed     bool // a primary button press is in progress
	pressShift  bool
	scrollDrag  bool
	dragging    bool
	clicks      int
	lastDown    time.Time
	lastDownPos fyne.Position
	now         func() time.Time
}

var (
	_ fyne.Widget        = (*TextView)(nil)
	_ fyne.Focusable     = (*TextView)(nil)
	_ fyne.Draggable     = (*TextView)(nil)
	_ fyne.Scrollable    = (*TextView)(nil)
	_ fyne.Tappable      = (*TextView)(nil)
	_ fyne.Shortcutable  = (*TextView)(nil)
	_ desktop.Mouseable  = (*TextView)(nil)
	_ desktop.Keyable    = (*TextView)(nil)
	_ desktop.Cursorable = (*TextView)(nil)
)

const (
	tvGutter        = 24  // margin for change symbols
	tvLineFactor    = 1.5 // line height as a multiple of the font's height
	tvParaFactor    = 0.6 // extra space after a paragraph, in lines
	tvTabSpaces     = 4   // a tab is this many spaces wide
	tvWidthCacheMax = 1 << 16
	tvUnsizedWidth  = 600 // wrap width used before the view has a size
	tvMaxUnderlines = 3   // overlapping underlines beyond this share the last offset
)

const (
	tvWord uint8 = iota
	tvSpace
	tvBreak
)

// tvToken is a word, a run of spaces or a run of line breaks. Tokens do not
// depend on the width, so a resize only redoes the line breaking.
type tvToken struct {
	start, end int32 // runes
	kind       uint8
	breaks     int32 // '\n' count of a break token
}

// tvBox is a word (or a piece of an over-long word) or a run of spaces
// placed on a line.
type tvBox struct {
	start, end int32
	x, w       float32
	word       bool
}

// tvLine is one laid-out line. Lines cover the text contiguously: a line's
// end is the next line's start; a trailing line break belongs to the line
// it ends, as do spaces at a soft wrap.
type tvLine struct {
	start, end int
	y          float32 // top, in content coordinates
	ink        float32 // right edge of the last word
	box0, box1 int     // boxes of this line
}

type tvLayout struct {
	valid  bool
	width  float32 // wrap width
	lines  []tvLine
	boxes  []tvBox
	height float32
}

type tvMetrics struct {
	font      string // name of the theme's regular font
	textSize  float32
	textH     float32
	baseline  float32
	lineH     float32
	paraGap   float32
	spaceW    float32
	pad       float32
	barW      float32
	lineThick float32
}

// NewTextView returns an empty TextView.
func NewTextView() *TextView {
	t := &TextView{pendingScroll: -1, now: time.Now}
	t.ExtendBaseWidget(t)
	t.tvSetText("")
	return t
}

// SetText replaces the text. Paragraphs separated by a blank line ("\n\n")
// get paragraph spacing; a single "\n" is a line break. Invalid UTF-8 is
// shown as U+FFFD, one rune per bad byte, as Go converts it. SetText clears
// the highlights and the selection and scrolls to the top.
func (t *TextView) SetText(text string) {
	t.tvSetText(text)
	t.Refresh()
}

func (t *TextView) tvSetText(text string) {
	t.runes = []rune(text)
	t.src = string(t.runes)
	t.byteOff = t.byteOff[:0]
	b := int32(0)
	for _, r := range t.runes {
		t.byteOff = append(t.byteOff, b)
		b += int32(tvRuneLen(r))
	}
	t.byteOff = append(t.byteOff, b)
	t.toks = tvTokenize(t.runes, t.toks[:0])
	t.hls, t.hlOrder, t.hlMaxEnd, t.fillLayer, t.lineLayer = nil, nil, nil, nil, nil
	t.anchor, t.caret, t.reported, t.hasGoal = 0, 0, [2]int{}, false
	t.offY, t.pendingScroll = 0, -1
	t.lay.valid = false
}

// Text returns the text as valid UTF-8.
func (t *TextView) Text() string { return t.src }

// SetHighlights replaces the highlights. Offsets are clamped to the text;
// where highlights set TextColor on the same rune, the later one wins.
func (t *TextView) SetHighlights(hs []Highlight) {
	n := len(t.runes)
	t.hls = make([]Highlight, len(hs))
	for i, h := range hs {
		h.Start = min(max(h.Start, 0), n)
		h.End = min(max(h.End, h.Start), n)
		t.hls[i] = h
	}
	t.hlOrder = make([]int, len(hs))
	for i := range t.hlOrder {
		t.hlOrder[i] = i
	}
	sort.SliceStable(t.hlOrder, func(a, b int) bool {
		ha, hb := t.hls[t.hlOrder[a]], t.hls[t.hlOrder[b]]
		if ha.Start != hb.Start {
			return ha.Start < hb.Start
		}
		return ha.End > hb.End
	})
	t.hlMaxEnd = make([]int, len(hs))
	maxEnd := -1
	for i, h := range t.hlOrder {
		maxEnd = max(maxEnd, t.hls[h].End)
		t.hlMaxEnd[i] = maxEnd
	}
	t.fillLayer = t.tvLayers(func(h *Highlight) bool { return h.Fill != nil })
	t.lineLayer = t.tvLayers(func(h *Highlight) bool { return h.Underline })
	t.Refresh()
}

// tvLayers gives each selected highlight the lowest layer not used by an
// overlapping one, in start order, so overlaps stack in a stable order.
func (t *TextView) tvLayers(use func(*Highlight) bool) []int {
	layers := make([]int, len(t.hls))
	var ends []int // end of the last highlight in each layer
	for _, h := range t.hlOrder {
		hl := &t.hls[h]
		if !use(hl) || hl.End <= hl.Start {
			continue
		}
		l := 0
		for l < len(ends) && ends[l] > hl.Start {
			l++
		}
		if l == len(ends) {
			ends = append(ends, 0)
		}
		ends[l] = hl.End
		layers[h] = l
	}
	return layers
}

// Selection returns the selected rune range; start == end when nothing is
// selected (the caret position).
func (t *TextView) Selection() (start, end int) {
	return min(t.anchor, t.caret), max(t.anchor, t.caret)
}

// SetSelection selects the runes [start, end), clamped to the text, and
// scrolls the end into view. It does not call OnSelectionChanged.
func (t *TextView) SetSelection(start, end int) {
	n := len(t.runes)
	t.anchor, t.caret = min(max(start, 0), n), min(max(end, 0), n)
	t.hasGoal = false
	t.reported = [2]int{min(t.anchor, t.caret), max(t.anchor, t.caret)}
	t.tvReveal(t.caret)
	t.Refresh()
}

// SelectedText returns the selected text.
func (t *TextView) SelectedText() string {
	s, e := t.Selection()
	return t.src[t.byteOff[s]:t.byteOff[e]]
}

// ScrollToRune scrolls so the line holding rune i is in view, about a third
// of the way down, unless it is already fully visible. Called before the
// view has a size, it takes effect at the first layout.
func (t *TextView) ScrollToRune(i int) {
	i = min(max(i, 0), len(t.runes))
	if t.Size().Width <= 0 || t.Size().Height <= 0 {
		t.pendingScroll = i
		return
	}
	t.tvEnsureLayout()
	ln := t.lay.lines[t.tvLineOf(i)]
	view := t.tvViewHeight()
	if ln.y < t.offY || ln.y+t.m.lineH > t.offY+view {
		t.offY = ln.y - view/3
		t.tvClampScroll()
	}
	t.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (t *TextView) CreateRenderer() fyne.WidgetRenderer {
	return &tvRenderer{t: t}
}

// Cursor shows the text cursor over the view.
func (t *TextView) Cursor() desktop.Cursor { return desktop.TextCursor }

// ---- metrics and layout ----

func (t *TextView) tvReadMetrics() tvMetrics {
	th := t.Theme()
	size := th.Size(theme.SizeNameText)
	sz, base := fyne.CurrentApp().Driver().RenderedTextSize("Mg", size, fyne.TextStyle{}, nil)
	lineH := float32(math.Ceil(float64(sz.Height * tvLineFactor)))
	return tvMetrics{
		font:      theme.Current().Font(fyne.TextStyle{}).Name(),
		textSize:  size,
		textH:     sz.Height,
		baseline:  base,
		lineH:     lineH,
		paraGap:   float32(math.Round(float64(lineH * tvParaFactor))),
		spaceW:    fyne.MeasureText(" ", size, fyne.TextStyle{}).Width,
		pad:       th.Size(theme.SizeNamePadding),
		barW:      th.Size(theme.SizeNameScrollBarSmall),
		lineThick: max(1, float32(math.Round(float64(size/10)))),
	}
}

// tvUpdateMetrics rereads the theme; a new text size invalidates the
// width cache and the layout.
func (t *TextView) tvUpdateMetrics() {
	m := t.tvReadMetrics()
	if m != t.m {
		if m.textSize != t.m.textSize || m.font != t.m.font {
			t.widths = nil
		}
		t.m = m
		t.lay.valid = false
	}
}

// tvWrapWidth is the width text wraps at for the current size.
func (t *TextView) tvWrapWidth() float32 {
	w := t.Size().Width
	if w <= 0 {
		return tvUnsizedWidth
	}
	return max(w-tvGutter-2*t.m.pad-t.m.barW, 4*t.m.spaceW)
}

func (t *TextView) tvViewHeight() float32 {
	return max(t.Size().Height-2*t.m.pad, 0)
}

// tvEnsureLayout lays the text out if the text, theme or width changed.
// On a width change the line at the top of the view stays at the top.
func (t *TextView) tvEnsureLayout() {
	if t.m.textSize == 0 {
		t.tvUpdateMetrics()
	}
	width := t.tvWrapWidth()
	if t.lay.valid && t.lay.width == width {
		return
	}
	anchor := -1
	if t.lay.valid && len(t.lay.lines) > 0 && t.offY > 0 {
		anchor = t.lay.lines[t.tvLineAtY(t.offY)].start
	}
	t.tvLayout(width)
	if anchor >= 0 {
		t.offY = t.lay.lines[t.tvLineOf(anchor)].y
	}
	t.tvClampScroll()
}

// tvLayout breaks the tokens into lines no wider than width.
func (t *TextView) tvLayout(width float32) {
	if t.widths == nil {
		t.widths = make(map[string]float32)
	}
	b := tvBuilder{lines: t.lay.lines[:0], boxes: t.lay.boxes[:0]}
	m := t.m
	for _, tk := range t.toks {
		s, e := int(tk.start), int(tk.end)
		switch tk.kind {
		case tvBreak:
			b.finish(e)
			b.y += m.lineH
			if tk.breaks >= 2 {
				b.y += m.paraGap + float32(tk.breaks-2)*m.lineH
			}
		case tvSpace:
			b.add(s, e, t.tvSpaceWidth(s, e), false)
		case tvWord:
			w := t.tvWidth(s, e)
			if b.x+w > width && b.hasWord {
				b.finish(s)
				b.y += m.lineH
			}
			if b.x+w > width {
				t.tvBreakWord(&b, s, e, width)
				continue
			}
			b.add(s, e, w, true)
		}
	}
	b.finish(len(t.runes))
	t.lay = tvLayout{
		valid:  true,
		width:  width,
		lines:  b.lines,
		boxes:  b.boxes,
		height: b.y + m.lineH,
	}
}

// tvBreakWord places a word wider than the line in pieces that fit.
func (t *TextView) tvBreakWord(b *tvBuilder, s, e int, width float32) {
	for s < e {
		room := width - b.x
		k, acc := s, float32(0)
		for k < e {
			rw := t.tvWidth(k, k+1)
			if acc+rw > room && k > s {
				break
			}
			acc += rw
			k++
		}
		if acc > room && b.x > 0 {
			// not even one rune fits after the leading spaces
			b.finish(s)
			b.y += t.m.lineH
			continue
		}
		b.add(s, k, t.tvWidth(s, k), true)
		s = k
		if s < e {
			b.finish(s)
			b.y += t.m.lineH
		}
	}
}

type tvBuilder struct {
	lines   []tvLine
	boxes   []tvBox
	y, x    float32
	ink     float32
	start   int
	box0    int
	hasWord bool
}

func (b *tvBuilder) add(s, e int, w float32, word bool) {
	b.boxes = append(b.boxes, tvBox{start: int32(s), end: int32(e), x: b.x, w: w, word: word})
	b.x += w
	if word {
		b.hasWord = true
		b.ink = b.x
	}
}

func (b *tvBuilder) finish(end int) {
	b.lines = append(b.lines, tvLine{start: b.start, end: end, y: b.y, ink: b.ink, box0: b.box0, box1: len(b.boxes)})
	b.start, b.box0, b.x, b.ink, b.hasWord = end, len(b.boxes), 0, 0, false
}

// tvWidth measures runes [s, e), caching by string.
func (t *TextView) tvWidth(s, e int) float32 {
	if s >= e {
		return 0
	}
	str := t.src[t.byteOff[s]:t.byteOff[e]]
	if w, ok := t.widths[str]; ok {
		return w
	}
	if t.widths == nil || len(t.widths) >= tvWidthCacheMax {
		t.widths = make(map[string]float32)
	}
	w, ok := t.tvKernedWidth(s, e)
	if !ok {
		w = fyne.MeasureText(str, t.m.textSize, fyne.TextStyle{}).Width
	}
	t.widths[strings.Clone(str)] = w
	return w
}

// tvGlyphs holds rune advances and pair kerning for the regular text
// style, shared by every TextView: each measurement takes tens of
// microseconds, and the tables serve every article.
var tvGlyphs struct {
	sync.Mutex
	font  string
	size  float32
	runeW map[rune]float32
	kern  map[uint64]float32
}

// tvKernedWidth adds up the advance of each rune in [s, e) and the kerning
// of each adjacent pair, each measured once with fyne.MeasureText. For
// scripts without contextual shaping this is exactly what measuring the
// whole word gives, at a fraction of the cost of shaping every new word of
// an article; ok is false for other scripts.
func (t *TextView) tvKernedWidth(s, e int) (w float32, ok bool) {
	for i := s; i < e; i++ {
		if !tvSimpleRune(t.runes[i]) {
			return 0, false
		}
	}
	g := &tvGlyphs
	g.Lock()
	defer g.Unlock()
	if g.runeW == nil || g.size != t.m.textSize || g.font != t.m.font {
		g.font, g.size = t.m.font, t.m.textSize
		g.runeW, g.kern = make(map[rune]float32), make(map[uint64]float32)
	}
	for i := s; i < e; i++ {
		w += t.tvRuneWidth(i)
		if i == s {
			continue
		}
		key := uint64(t.runes[i-1])<<32 | uint64(t.runes[i])
		k, ok := g.kern[key]
		if !ok {
			pair := t.src[t.byteOff[i-1]:t.byteOff[i+1]]
			k = fyne.MeasureText(pair, t.m.textSize, fyne.TextStyle{}).Width - t.tvRuneWidth(i-1) - t.tvRuneWidth(i)
			g.kern[key] = k
		}
		w += k
	}
	return w, true
}

// tvRuneWidth returns the advance of rune i; tvGlyphs must be locked.
func (t *TextView) tvRuneWidth(i int) float32 {
	r := t.runes[i]
	w, ok := tvGlyphs.runeW[r]
	if !ok {
		w = fyne.MeasureText(t.src[t.byteOff[i]:t.byteOff[i+1]], t.m.textSize, fyne.TextStyle{}).Width
		tvGlyphs.runeW[r] = w
	}
	return w
}

// tvSimpleRune reports whether r is from a script the font lays out rune
// by rune with pair kerning: Latin, Greek, Cyrillic, Armenian, general
// punctuation, currency, kana and CJK ideographs, without combining marks.
func tvSimpleRune(r rune) bool {
	switch {
	case r < 0x300:
		return r >= 0x20 && r != 0x7f
	case r < 0x370: // combining diacritics
		return false
	case r < 0x590:
		return r < 0x483 || r > 0x489
	case r >= 0x2010 && r <= 0x205e, r >= 0x20a0 && r <= 0x20bf:
		return true
	case r >= 0x3000 && r <= 0x30ff, r >= 0x4e00 && r <= 0x9fff:
		return true
	}
	return false
}

func (t *TextView) tvSpaceWidth(s, e int) float32 {
	var w float32
	for i := s; i < e; i++ {
		switch t.runes[i] {
		case ' ':
			w += t.m.spaceW
		case '\t':
			w += tvTabSpaces * t.m.spaceW
		case '\r', '\v', '\f':
		default:
			w += t.tvWidth(i, i+1)
		}
	}
	return w
}

func tvTokenize(rs []rune, toks []tvToken) []tvToken {
	n := len(rs)
	for i := 0; i < n; {
		j := i + 1
		tk := tvToken{start: int32(i)}
		switch r := rs[i]; {
		case r == '\n':
			tk.kind, tk.breaks = tvBreak, 1
			for j < n && (rs[j] == '\n' || rs[j] == '\r') {
				if rs[j] == '\n' {
					tk.breaks++
				}
				j++
			}
		case tvIsSpace(r):
			tk.kind = tvSpace
			for j < n && tvIsSpace(rs[j]) {
				j++
			}
		default:
			tk.kind = tvWord
			for j < n && rs[j] != '\n' && !tvIsSpace(rs[j]) {
				j++
			}
		}
		tk.end = int32(j)
		toks = append(toks, tk)
		i = j
	}
	return toks
}

// tvIsSpace reports whether r is a breaking space (not a line break).
func tvIsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\v', '\f':
		return true
	case '\n', 0xA0, 0x2007, 0x202F: // no-break spaces stay inside words
		return false
	}
	return r > 0x7f && unicode.IsSpace(r)
}

func tvRuneLen(r rune) int {
	switch {
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case r < 0x10000:
		return 3
	}
	return 4
}

// ---- geometry ----

// tvLineOf returns the line holding offset i; an offset at a soft wrap
// belongs to the later line.
func (t *TextView) tvLineOf(i int) int {
	lines := t.lay.lines
	li := sort.Search(len(lines), func(k int) bool { return lines[k].end > i })
	return min(li, len(lines)-1)
}

// tvLineAtY returns the line at content y; a paragraph gap belongs to the
// line above it.
func (t *TextView) tvLineAtY(y float32) int {
	lines := t.lay.lines
	li := sort.Search(len(lines), func(k int) bool { return lines[k].y > y }) - 1
	return max(li, 0)
}

// tvLineEnd is where a caret goes at the end of line li: before its line
// break, or after its trailing spaces at a soft wrap.
func (t *TextView) tvLineEnd(li int) int {
	ln := t.lay.lines[li]
	if ln.box0 == ln.box1 {
		return ln.start
	}
	return int(t.lay.boxes[ln.box1-1].end)
}

// tvPrefixWidth is the width of the first k runes of box b.
func (t *TextView) tvPrefixWidth(b tvBox, k int) float32 {
	n := int(b.end - b.start)
	switch {
	case k <= 0:
		return 0
	case k >= n:
		return b.w
	case !b.word:
		return b.w * float32(k) / float32(n)
	}
	return t.tvWidth(int(b.start), int(b.start)+k)
}

// tvXOf returns the x of offset i on line li, in content coordinates
// (0 at the start of the text column).
func (t *TextView) tvXOf(li, i int) float32 {
	ln := t.lay.lines[li]
	boxes := t.lay.boxes[ln.box0:ln.box1]
	if len(boxes) == 0 {
		return 0
	}
	bi := sort.Search(len(boxes), func(k int) bool { return int(boxes[k].end) > i })
	if bi == len(boxes) {
		last := boxes[len(boxes)-1]
		return min(last.x+last.w, t.lay.width)
	}
	b := boxes[bi]
	return min(b.x+t.tvPrefixWidth(b, i-int(b.start)), t.lay.width)
}

// runeAt returns the caret offset nearest pos (widget coordinates): the
// rune offset a click at pos puts the caret before. Above the text it is 0,
// below the last line it is the text's length, left of a line its start and
// right of a line its end.
func (t *TextView) runeAt(pos fyne.Position) int {
	t.tvEnsureLayout()
	y := pos.Y + t.offY - t.m.pad
	if y < 0 {
		return 0
	}
	if y >= t.lay.height {
		return len(t.runes)
	}
	li := t.tvLineAtY(y)
	ln := t.lay.lines[li]
	x := pos.X - tvGutter - t.m.pad
	boxes := t.lay.boxes[ln.box0:ln.box1]
	if len(boxes) == 0 || x <= 0 {
		return ln.start
	}
	bi := sort.Search(len(boxes), func(k int) bool { return boxes[k].x > x }) - 1
	b := boxes[bi]
	if x >= b.x+b.w {
		return t.tvLineEnd(li)
	}
	dx, n := x-b.x, int(b.end-b.start)
	// largest k with prefix(k) <= dx, then the nearer of k and k+1
	lo, hi := 0, n
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.tvPrefixWidth(b, mid) <= dx {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo < n && dx-t.tvPrefixWidth(b, lo) > t.tvPrefixWidth(b, lo+1)-dx {
		lo++
	}
	return int(b.start) + lo
}

// tvRuneUnder returns the rune drawn under pos, or -1 if pos is not over
// text or spaces.
func (t *TextView) tvRuneUnder(pos fyne.Position) int {
	t.tvEnsureLayout()
	y := pos.Y + t.offY - t.m.pad
	if y < 0 || y >= t.lay.height {
		return -1
	}
	li := t.tvLineAtY(y)
	ln := t.lay.lines[li]
	if y >= ln.y+t.m.lineH {
		return -1 // paragraph gap
	}
	x := pos.X - tvGutter - t.m.pad
	boxes := t.lay.boxes[ln.box0:ln.box1]
	bi := sort.Search(len(boxes), func(k int) bool { return boxes[k].x > x }) - 1
	if bi < 0 || x >= boxes[bi].x+boxes[bi].w {
		return -1
	}
	b := boxes[bi]
	dx, n := x-b.x, int(b.end-b.start)
	lo, hi := 0, n-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if t.tvPrefixWidth(b, mid) <= dx {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return int(b.start) + lo
}

// tvPosOf returns the widget position of the middle of the line at the
// caret offset i, at the caret's x.
func (t *TextView) tvPosOf(i int) fyne.Position {
	t.tvEnsureLayout()
	li := t.tvLineOf(i)
	ln := t.lay.lines[li]
	return fyne.NewPos(tvGutter+t.m.pad+t.tvXOf(li, i), t.m.pad+ln.y-t.offY+t.m.lineH/2)
}

func (t *TextView) tvClampScroll() {
	maxOff := max(t.lay.height-t.tvViewHeight(), 0)
	t.offY = min(max(t.offY, 0), maxOff)
}

// tvReveal scrolls as little as needed to show the line holding offset i.
func (t *TextView) tvReveal(i int) {
	if t.Size().Height <= 0 {
		return
	}
	t.tvEnsureLayout()
	ln := t.lay.lines[t.tvLineOf(i)]
	view := t.tvViewHeight()
	switch {
	case ln.y < t.offY:
		t.offY = ln.y
	case ln.y+t.m.lineH > t.offY+view:
		t.offY = ln.y + t.m.lineH - view
	}
	t.tvClampScroll()
}

// ---- selection ----

// tvSelect sets the selection as the user's action and reports a change.
func (t *TextView) tvSelect(anchor, caret int, reveal bool) {
	n := len(t.runes)
	t.anchor, t.caret = min(max(anchor, 0), n), min(max(caret, 0), n)
	if reveal {
		t.tvReveal(t.caret)
	}
	t.Refresh()
	s, e := t.Selection()
	if s == t.reported[0] && e == t.reported[1] {
		return
	}
	t.reported = [2]int{s, e}
	if t.OnSelectionChanged != nil {
		t.OnSelectionChanged(s, e)
	}
}

// tvMoveCaret moves the caret to i, extending the selection if extend.
func (t *TextView) tvMoveCaret(i int, extend, vertical bool) {
	if !vertical {
		t.hasGoal = false
	}
	if extend {
		t.tvSelect(t.anchor, i, true)
	} else {
		t.tvSelect(i, i, true)
	}
}

// tvLineStep returns the offset dir lines above or below the caret, at the
// x the vertical movement started from.
func (t *TextView) tvLineStep(dir int) int {
	t.tvEnsureLayout()
	li := t.tvLineOf(t.caret)
	if !t.hasGoal {
		t.goalX, t.hasGoal = t.tvXOf(li, t.caret), true
	}
	next := li + dir
	switch {
	case next < 0:
		return 0
	case next >= len(t.lay.lines):
		return len(t.runes)
	}
	ln := t.lay.lines[next]
	return t.runeAt(fyne.NewPos(tvGutter+t.m.pad+t.goalX, t.m.pad+ln.y-t.offY+t.m.lineH/2))
}

func (t *TextView) tvCopy(cb fyne.Clipboard) {
	s, e := t.Selection()
	if s == e {
		return
	}
	if cb == nil {
		cb = fyne.CurrentApp().Clipboard()
	}
	cb.SetContent(t.SelectedText())
}

// tvIsWordAt reports whether rune i belongs to a word: letters, digits,
// marks, '_' and an apostrophe between letters.
func tvIsWordAt(rs []rune, i int) bool {
	r := rs[i]
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' {
		return true
	}
	if r == '\'' || r == '’' {
		return i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1])
	}
	return false
}

// tvWordForward returns the end of the next word after offset i.
func tvWordForward(rs []rune, i int) int {
	for i < len(rs) && !tvIsWordAt(rs, i) {
		i++
	}
	for i < len(rs) && tvIsWordAt(rs, i) {
		i++
	}
	return i
}

// tvWordBackward returns the start of the word before offset i.
func tvWordBackward(rs []rune, i int) int {
	for i > 0 && !tvIsWordAt(rs, i-1) {
		i--
	}
	for i > 0 && tvIsWordAt(rs, i-1) {
		i--
	}
	return i
}

// tvWordAround returns the word, run of spaces or single other rune that
// holds rune i.
func tvWordAround(rs []rune, i int) (int, int) {
	if i < 0 || i >= len(rs) {
		return i, i
	}
	same := func(k int) bool { return tvIsWordAt(rs, k) }
	switch {
	case tvIsWordAt(rs, i):
	case tvIsSpace(rs[i]):
		same = func(k int) bool { return tvIsSpace(rs[k]) }
	default:
		return i, i + 1
	}
	s, e := i, i+1
	for s > 0 && same(s-1) {
		s--
	}
	for e < len(rs) && same(e) {
		e++
	}
	return s, e
}

// tvParagraphAround returns the paragraph (text between blank lines) that
// holds offset i.
func tvParagraphAround(rs []rune, i int) (int, int) {
	s, e := min(i, len(rs)), min(i, len(rs))
	for s > 0 && !tvParaBreakAt(rs, s-1) {
		s--
	}
	for e < len(rs) && !tvParaBreakAt(rs, e) {
		e++
	}
	return s, e
}

// tvParaBreakAt reports whether rune i is a '\n' that, with the next
// '\n' after only spaces, makes a paragraph break.
func tvParaBreakAt(rs []rune, i int) bool {
	if rs[i] != '\n' {
		return false
	}
	for j := i + 1; j < len(rs); j++ {
		switch {
		case rs[j] == '\n':
			return true
		case !tvIsSpace(rs[j]):
			return false
		}
	}
	return false
}

// tvSentenceForward returns the end of the sentence after offset i. The
// sentences are diff's (diff.Sentences), the one rule the comparison of
// versions uses too: "Mr." or "U.S." does not end a sentence.
func tvSentenceForward(rs []rune, i int) int {
	for _, s := range diff.Sentences(string(rs)) {
		if s.End > i {
			return s.End
		}
	}
	return len(rs)
}

// tvSentenceBackward returns the start of the sentence holding offset i,
// or of the previous sentence if i is already at a start.
func tvSentenceBackward(rs []rune, i int) int {
	i = tvTrimSpaceBack(rs, min(i, len(rs)))
	start := 0
	for _, s := range diff.Sentences(string(rs)) {
		if s.Start >= i {
			break
		}
		start = s.Start
	}
	return start
}

func tvTrimSpaceBack(rs []rune, i int) int {
	for i > 0 && unicode.IsSpace(rs[i-1]) {
		i--
	}
	return i
}

// ---- input ----

// Tapped reports a click on a highlight without dragging. Where filled
// highlights overlap, the band under the pointer decides which.
func (t *TextView) Tapped(ev *fyne.PointEvent) {
	shift := t.pressShift
	t.pressShift = false
	if t.clicks > 1 || shift || t.OnHighlightTapped == nil {
		return
	}
	if h := t.tvHighlightAt(ev.Position); h >= 0 && t.hls[h].ID != "" {
		t.OnHighlightTapped(t.hls[h].ID)
	}
}

// tvHighlightAt returns the highlight drawn under pos, or -1: the filled
// one whose band is under the pointer, else the shortest one over the rune.
func (t *TextView) tvHighlightAt(pos fyne.Position) int {
	i := t.tvRuneUnder(pos)
	if i < 0 {
		return -1
	}
	var fills []int
	best := -1
	for h := range t.hls {
		hl := &t.hls[h]
		if i < hl.Start || i >= hl.End {
			continue
		}
		if hl.Fill != nil {
			fills = append(fills, h)
		} else if best < 0 || hl.End-hl.Start <= t.hls[best].End-t.hls[best].Start {
			best = h
		}
	}
	if len(fills) == 0 {
		return best
	}
	slices.SortFunc(fills, func(a, b int) int { return t.fillLayer[a] - t.fillLayer[b] })
	ln := t.lay.lines[t.tvLineOf(i)]
	dy := pos.Y + t.offY - t.m.pad - ln.y
	band := int(dy / (t.m.lineH / float32(len(fills))))
	return fills[min(max(band, 0), len(fills)-1)]
}

// MouseDown places the caret, extends the selection with Shift, and
// selects a word on a double click or a paragraph on a triple click.
func (t *TextView) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil {
		c.Focus(t)
	}
	t.pressed, t.pressShift, t.scrollDrag, t.dragging = true, ev.Modifier&fyne.KeyModifierShift != 0, false, false
	if t.tvOnScrollBar(ev.Position) {
		t.scrollDrag = true
		return
	}
	now := t.now()
	d := ev.Position.Subtract(t.lastDownPos)
	if now.Sub(t.lastDown) <= fyne.CurrentApp().Driver().DoubleTapDelay() && d.X*d.X+d.Y*d.Y < 36 {
		t.clicks++
	} else {
		t.clicks = 1
	}
	t.lastDown, t.lastDownPos = now, ev.Position
	i := t.runeAt(ev.Position)
	t.hasGoal = false
	switch {
	case t.pressShift:
		t.tvSelect(t.anchor, i, false)
	case t.clicks == 2:
		under := t.tvRuneUnder(ev.Position)
		if under < 0 {
			under = max(i-1, 0)
		}
		s, e := tvWordAround(t.runes, under)
		t.tvSelect(s, e, false)
	case t.clicks >= 3:
		s, e := tvParagraphAround(t.runes, i)
		t.tvSelect(s, e, false)
	default:
		t.tvSelect(i, i, false)
	}
}

// MouseUp ends a press.
func (t *TextView) MouseUp(*desktop.MouseEvent) {
	t.pressed = false
}

// Dragged extends the selection to the pointer, scrolling when the pointer
// leaves the view, or drags the scrollbar.
func (t *TextView) Dragged(ev *fyne.DragEvent) {
	t.tvEnsureLayout()
	if !t.dragging {
		t.dragging = true
		start := ev.Position.Subtract(ev.Dragged)
		if !t.pressed { // no MouseDown, e.g. a touch drag or test.Drag
			t.scrollDrag = t.tvOnScrollBar(start)
			if !t.scrollDrag {
				i := t.runeAt(start)
				t.anchor, t.caret = i, i
			}
		}
	}
	if t.scrollDrag {
		view := t.tvViewHeight()
		if view > 0 && t.lay.height > view {
			t.offY += ev.Dragged.DY * t.lay.height / view
			t.tvClampScroll()
			t.Refresh()
		}
		return
	}
	h := t.Size().Height
	switch {
	case ev.Position.Y < 0:
		t.offY += max(ev.Position.Y, -t.m.lineH)
	case ev.Position.Y > h:
		t.offY += min(ev.Position.Y-h, t.m.lineH)
	}
	t.tvClampScroll()
	t.hasGoal = false
	a, b := t.anchor, t.runeAt(ev.Position)
	if t.SnapToWords {
		a, b = tvSnapWords(t.runes, a, b)
	}
	t.tvSelect(a, b, false)
}

// tvSnapWords widens a dragged range from a to b (either order) so that
// neither end cuts a word; the range keeps its direction.
func tvSnapWords(rs []rune, a, b int) (int, int) {
	inside := func(i int) bool { return i > 0 && i < len(rs) && tvIsWordAt(rs, i-1) && tvIsWordAt(rs, i) }
	start := func(i int) int {
		for inside(i) {
			i--
		}
		return i
	}
	end := func(i int) int {
		for inside(i) {
			i++
		}
		return i
	}
	if a == b {
		return a, b
	}
	if a < b {
		return start(a), end(b)
	}
	return end(a), start(b)
}

// DragEnd ends a drag.
func (t *TextView) DragEnd() {
	t.dragging, t.scrollDrag, t.pressed = false, false, false
}

func (t *TextView) tvOnScrollBar(pos fyne.Position) bool {
	t.tvEnsureLayout()
	return t.lay.height > t.tvViewHeight() && pos.X >= t.Size().Width-t.m.barW-2*t.m.pad
}

// Scrolled scrolls the view.
func (t *TextView) Scrolled(ev *fyne.ScrollEvent) {
	t.tvEnsureLayout()
	t.offY -= ev.Scrolled.DY
	t.tvClampScroll()
	t.Refresh()
}

// FocusGained shows the caret.
func (t *TextView) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost hides the caret.
func (t *TextView) FocusLost() {
	t.focused, t.shiftDown = false, false
	t.Refresh()
}

// KeyDown tracks Shift, which the driver reports only as key events.
func (t *TextView) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shiftDown = true
	}
}

// KeyUp tracks Shift.
func (t *TextView) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shiftDown = false
	}
}

// TypedRune passes typing on to the window, so single-key commands keep
// working while the text has focus; the text itself is read-only.
func (t *TextView) TypedRune(r rune) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.OnTypedRune() != nil {
		c.OnTypedRune()(r)
	}
}

// TypedKey moves the caret: arrows by character and line, Home and End to
// the line's ends, Page Up and Down by a screen; with Shift held they
// extend the selection. Other keys go on to the window.
func (t *TextView) TypedKey(ev *fyne.KeyEvent) {
	ext := t.shiftDown
	s, e := t.Selection()
	switch ev.Name {
	case fyne.KeyLeft:
		switch {
		case ext:
			t.tvMoveCaret(t.caret-1, true, false)
		case s != e:
			t.tvMoveCaret(s, false, false)
		default:
			t.tvMoveCaret(t.caret-1, false, false)
		}
	case fyne.KeyRight:
		switch {
		case ext:
			t.tvMoveCaret(t.caret+1, true, false)
		case s != e:
			t.tvMoveCaret(e, false, false)
		default:
			t.tvMoveCaret(t.caret+1, false, false)
		}
	case fyne.KeyUp:
		t.tvMoveCaret(t.tvLineStep(-1), ext, true)
	case fyne.KeyDown:
		t.tvMoveCaret(t.tvLineStep(1), ext, true)
	case fyne.KeyPageUp, fyne.KeyPageDown:
		t.tvEnsureLayout()
		lines := max(int(t.tvViewHeight()/t.m.lineH)-1, 1)
		if ev.Name == fyne.KeyPageUp {
			lines = -lines
		}
		t.offY += float32(lines) * t.m.lineH
		t.tvClampScroll()
		t.tvMoveCaret(t.tvLineStep(lines), ext, true)
	case fyne.KeyHome:
		t.tvEnsureLayout()
		t.tvMoveCaret(t.lay.lines[t.tvLineOf(t.caret)].start, ext, false)
	case fyne.KeyEnd:
		t.tvEnsureLayout()
		t.tvMoveCaret(t.tvLineEnd(t.tvLineOf(t.caret)), ext, false)
	case fyne.KeyEscape:
		if s != e {
			t.tvMoveCaret(t.caret, false, false)
			return
		}
		fallthrough
	default:
		if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
		}
	}
}

// TypedShortcut handles Copy, Select All, and Ctrl (Cmd) with the arrows:
// Ctrl+Left/Right by word, Alt+Left/Right or Ctrl+Up/Down by sentence,
// Ctrl+Home/End to the ends of the text; with Shift they extend the
// selection.
func (t *TextView) TypedShortcut(sc fyne.Shortcut) {
	switch sc := sc.(type) {
	case *fyne.ShortcutCopy:
		t.tvCopy(sc.Clipboard)
	case *fyne.ShortcutSelectAll:
		t.hasGoal = false
		t.tvSelect(0, len(t.runes), false)
	case *desktop.CustomShortcut:
		ext := sc.Modifier&fyne.KeyModifierShift != 0
		primary := sc.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
		alt := sc.Modifier&fyne.KeyModifierAlt != 0
		switch {
		case primary && sc.KeyName == fyne.KeyLeft:
			t.tvMoveCaret(tvWordBackward(t.runes, t.caret), ext, false)
		case primary && sc.KeyName == fyne.KeyRight:
			t.tvMoveCaret(tvWordForward(t.runes, t.caret), ext, false)
		case alt && sc.KeyName == fyne.KeyLeft, primary && sc.KeyName == fyne.KeyUp:
			t.tvMoveCaret(tvSentenceBackward(t.runes, t.caret), ext, false)
		case alt && sc.KeyName == fyne.KeyRight, primary && sc.KeyName == fyne.KeyDown:
			t.tvMoveCaret(tvSentenceForward(t.runes, t.caret), ext, false)
		case primary && sc.KeyName == fyne.KeyHome:
			t.tvMoveCaret(0, ext, false)
		case primary && sc.KeyName == fyne.KeyEnd:
			t.tvMoveCaret(len(t.runes), ext, false)
		}
	}
}

// ---- rendering ----

// tvRenderer draws the visible lines from pools of rectangles and texts
// that it reuses from frame to frame.
type tvRenderer struct {
	t      *TextView
	rects  []*canvas.Rectangle
	texts  []*canvas.Text
	nRect  int
	nText  int
	objs   []fyne.CanvasObject
	vis    []int    // highlights touching the visible lines, in slice order
	spans  []tvSpan // scratch for one line
	points []int    // scratch for one line
	xs     []float32
	open   []tvOpenBand
}

// tvSpan is a highlight clipped to one line.
type tvSpan struct{ h, s, e, layer int }

type tvOpenBand struct {
	open    bool
	rank, k int
	x0, x1  float32
}

func (r *tvRenderer) Destroy() {}

func (r *tvRenderer) MinSize() fyne.Size {
	m := r.t.tvReadMetrics()
	return fyne.NewSize(tvGutter+2*m.pad+m.barW+8*m.spaceW, m.lineH+2*m.pad)
}

func (r *tvRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *tvRenderer) Layout(size fyne.Size) {
	t := r.t
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	t.tvEnsureLayout()
	if t.pendingScroll >= 0 && t.Size().Height > 0 {
		i := t.pendingScroll
		t.pendingScroll = -1
		ln := t.lay.lines[t.tvLineOf(i)]
		t.offY = ln.y - t.tvViewHeight()/3
	}
	t.tvClampScroll()
	r.rebuild()
}

func (r *tvRenderer) Refresh() {
	r.t.tvUpdateMetrics()
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *tvRenderer) rect(c color.Color, x, y, w, h float32) {
	if w <= 0 || h <= 0 {
		return
	}
	if r.nRect == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(c))
	}
	o := r.rects[r.nRect]
	r.nRect++
	o.FillColor, o.CornerRadius = c, 0
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	r.objs = append(r.objs, o)
}

func (r *tvRenderer) text(s string, c color.Color, style fyne.TextStyle, x, y, w float32) {
	if r.nText == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", c))
	}
	m := r.t.m
	o := r.texts[r.nText]
	r.nText++
	o.Text, o.Color, o.TextStyle, o.TextSize = s, c, style, m.textSize
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, m.textH))
	r.objs = append(r.objs, o)
}

func (r *tvRenderer) rebuild() {
	t := r.t
	r.nRect, r.nText = 0, 0
	clear(r.objs)
	r.objs = r.objs[:0]
	size := t.Size()
	if size.Width <= 0 || size.Height <= 0 || !t.lay.valid {
		return
	}
	m := t.m
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)

	if t.OnScrolled != nil && t.offY != t.reportedOff {
		t.reportedOff = t.offY
		t.OnScrolled(t.offY)
	}
	lines := t.lay.lines
	first := sort.Search(len(lines), func(k int) bool { return lines[k].y+m.lineH > t.offY-m.pad })
	last := sort.Search(len(lines), func(k int) bool { return lines[k].y >= t.offY+t.tvViewHeight()+m.pad }) - 1
	first = min(first, len(lines)-1)
	last = max(min(last, len(lines)-1), first)
	r.vis = t.tvHighlightsIn(lines[first].start, lines[last].end, r.vis[:0])
	top := func(li int) float32 { return m.pad + lines[li].y - t.offY }
	left := tvGutter + m.pad

	// fills, then the selection over them, then the text, then lines over the text
	for li := first; li <= last; li++ {
		r.fills(li, left, top(li))
	}
	selColor := th.Color(theme.ColorNameSelection, v)
	if s, e := t.Selection(); s != e {
		for li := first; li <= last; li++ {
			r.selection(li, s, e, left, top(li), selColor)
		}
	}
	for li := first; li <= last; li++ {
		r.lineText(li, left, top(li)+(m.lineH-m.textH)/2, fg)
	}
	for li := first; li <= last; li++ {
		r.decorations(li, left, top(li)+(m.lineH-m.textH)/2, fg)
		r.margin(li, top(li)+(m.lineH-m.textH)/2, li == len(lines)-1, fg)
	}
	if s, e := t.Selection(); t.focused && s == e {
		li := t.tvLineOf(t.caret)
		x := left + t.tvXOf(li, t.caret)
		r.rect(th.Color(theme.ColorNamePrimary, v), x-1, top(li)+(m.lineH-m.textH)/2, 2, m.textH)
	}
	if view := t.tvViewHeight(); t.lay.height > view {
		trackH := size.Height - 2*m.pad
		thumbH := max(trackH*view/t.lay.height, 2*m.lineH)
		thumbY := m.pad + (trackH-thumbH)*t.offY/(t.lay.height-view)
		r.rect(th.Color(theme.ColorNameScrollBar, v), size.Width-m.pad-m.barW, thumbY, m.barW, thumbH)
		r.rects[r.nRect-1].CornerRadius = m.barW / 2
	}
}

// tvHighlightsIn returns the highlights that touch runes [s, e], in slice
// order.
func (t *TextView) tvHighlightsIn(s, e int, buf []int) []int {
	order := t.hlOrder
	ub := sort.Search(len(order), func(k int) bool { return t.hls[order[k]].Start > e })
	lb := sort.Search(len(order), func(k int) bool { return t.hlMaxEnd[k] >= s })
	for k := lb; k < ub; k++ {
		if h := order[k]; t.hls[h].End >= s {
			buf = append(buf, h)
		}
	}
	slices.Sort(buf)
	return buf
}

// lineSpans collects the visible highlights that use sets on line li,
// clipped to it and sorted by layer.
func (r *tvRenderer) lineSpans(li int, use func(*Highlight) bool, layers []int) []tvSpan {
	t := r.t
	ln := t.lay.lines[li]
	r.spans = r.spans[:0]
	for _, h := range r.vis {
		hl := &t.hls[h]
		s, e := max(hl.Start, ln.start), min(hl.End, ln.end)
		if s < e && use(hl) {
			layer := 0
			if layers != nil {
				layer = layers[h]
			}
			r.spans = append(r.spans, tvSpan{h: h, s: s, e: e, layer: layer})
		}
	}
	slices.SortStableFunc(r.spans, func(a, b tvSpan) int { return a.layer - b.layer })
	return r.spans
}

// bands splits line li at every span boundary and calls emit for each
// maximal run where a span keeps the same rank among the k spans active
// (and the same k, if byCount), with the run's x extent.
func (r *tvRenderer) bands(li int, spans []tvSpan, byCount bool, emit func(sp tvSpan, x0, x1 float32, rank, k int)) {
	if len(spans) == 0 {
		return
	}
	t := r.t
	r.points = r.points[:0]
	for _, sp := range spans {
		r.points = append(r.points, sp.s, sp.e)
	}
	slices.Sort(r.points)
	r.points = slices.Compact(r.points)
	r.xs = r.xs[:0]
	for _, p := range r.points {
		r.xs = append(r.xs, t.tvXOf(li, p))
	}
	r.open = r.open[:0]
	for range spans {
		r.open = append(r.open, tvOpenBand{})
	}
	flush := func(i int) {
		if o := &r.open[i]; o.open {
			emit(spans[i], o.x0, o.x1, o.rank, o.k)
			o.open = false
		}
	}
	for p := 0; p+1 < len(r.points); p++ {
		a, b := r.points[p], r.points[p+1]
		k := 0
		for _, sp := range spans {
			if sp.s <= a && sp.e >= b {
				k++
			}
		}
		rank := 0
		for i, sp := range spans {
			if !(sp.s <= a && sp.e >= b) {
				flush(i)
				continue
			}
			o := &r.open[i]
			if o.open && (o.rank != rank || (byCount && o.k != k)) {
				flush(i)
			}
			if !o.open {
				*o = tvOpenBand{open: true, rank: rank, k: k, x0: r.xs[p]}
			}
			o.x1 = r.xs[p+1]
			rank++
		}
	}
	for i := range spans {
		flush(i)
	}
}

func (r *tvRenderer) fills(li int, left, top float32) {
	t := r.t
	spans := r.lineSpans(li, func(h *Highlight) bool { return h.Fill != nil }, t.fillLayer)
	band := t.m.lineH
	r.bands(li, spans, true, func(sp tvSpan, x0, x1 float32, rank, k int) {
		h := band / float32(k)
		r.rect(t.hls[sp.h].Fill, left+x0, top+float32(rank)*h, x1-x0, h)
	})
}

func (r *tvRenderer) selection(li, s, e int, left, top float32, c color.Color) {
	t := r.t
	ln := t.lay.lines[li]
	a, b := max(s, ln.start), min(e, ln.end)
	if a >= b {
		return
	}
	x0, x1 := t.tvXOf(li, a), t.tvXOf(li, b)
	if e > t.tvLineEnd(li) && ln.end > t.tvLineEnd(li) {
		x1 += t.m.spaceW // the selection runs on past the line break
	}
	r.rect(c, left+x0, top, x1-x0, t.m.lineH)
}

// lineText draws line li as runs of same-coloured text, each placed at
// its laid-out x.
func (r *tvRenderer) lineText(li int, left, y float32, fg color.Color) {
	t := r.t
	ln := t.lay.lines[li]
	spans := r.lineSpans(li, func(h *Highlight) bool { return h.TextColor != nil }, nil)
	r.points = append(r.points[:0], ln.start, ln.end)
	for _, sp := range spans {
		r.points = append(r.points, sp.s, sp.e)
	}
	slices.Sort(r.points)
	r.points = slices.Compact(r.points)
	runStart, runColor := ln.start, fg
	for p := 0; p+1 < len(r.points); p++ {
		a := r.points[p]
		c, top := fg, -1
		for _, sp := range spans { // the later highlight wins
			if sp.s <= a && sp.e > a && sp.h > top {
				c, top = t.hls[sp.h].TextColor, sp.h
			}
		}
		if c != runColor {
			r.textRun(li, runStart, a, left, y, runColor)
			runStart, runColor = a, c
		}
	}
	r.textRun(li, runStart, ln.end, left, y, runColor)
}

// textRun draws runes [s, e) of line li, skipping breaks, tabs and other
// spaces that a canvas.Text would not draw at the laid-out width.
func (r *tvRenderer) textRun(li, s, e int, left, y float32, c color.Color) {
	t := r.t
	for s < e {
		for s < e && (t.runes[s] == '\n' || (tvIsSpace(t.runes[s]))) {
			s++
		}
		k := s
		for k < e && t.runes[k] != '\n' && (t.runes[k] == ' ' || !tvIsSpace(t.runes[k])) {
			k++
		}
		end := k
		for end > s && t.runes[end-1] == ' ' {
			end--
		}
		if end > s {
			x0, x1 := t.tvXOf(li, s), t.tvXOf(li, end)
			r.text(t.src[t.byteOff[s]:t.byteOff[end]], c, fyne.TextStyle{}, left+x0, y, x1-x0)
		}
		s = k
	}
}

// decorations draws underlines, stacked by layer where they overlap, and
// strike-throughs, up to the last word of the line.
func (r *tvRenderer) decorations(li int, left, textTop float32, fg color.Color) {
	t := r.t
	m := t.m
	ink := t.lay.lines[li].ink
	under := r.lineSpans(li, func(h *Highlight) bool { return h.Underline }, t.lineLayer)
	r.bands(li, under, false, func(sp tvSpan, x0, x1 float32, rank, _ int) {
		x1 = min(x1, ink)
		hl := &t.hls[sp.h]
		c := hl.TextColor
		if c == nil && hl.Fill != nil {
			c = tvOpaque(hl.Fill)
		}
		if c == nil {
			c = fg
		}
		y := textTop + m.baseline + m.lineThick + float32(min(rank, tvMaxUnderlines-1))*(m.lineThick+1.5)
		r.rect(c, left+x0, y, x1-x0, m.lineThick)
	})
	for _, sp := range r.lineSpans(li, func(h *Highlight) bool { return h.Strike }, nil) {
		x0, x1 := t.tvXOf(li, sp.s), min(t.tvXOf(li, sp.e), ink)
		c := t.hls[sp.h].TextColor
		if c == nil {
			c = fg
		}
		y := textTop + m.baseline - m.textSize*0.3
		r.rect(c, left+x0, y, x1-x0, m.lineThick)
	}
}

// margin draws the symbols of highlights that start on line li.
func (r *tvRenderer) margin(li int, textTop float32, lastLine bool, fg color.Color) {
	t := r.t
	ln := t.lay.lines[li]
	var sym strings.Builder
	var c color.Color
	n := 0
	for _, h := range r.vis {
		hl := &t.hls[h]
		if hl.Margin == "" || hl.Start < ln.start || (hl.Start >= ln.end && !(lastLine && hl.Start == ln.end)) {
			continue
		}
		if strings.Contains(sym.String(), hl.Margin) || n == 2 {
			continue
		}
		if n == 0 {
			c = hl.TextColor
		}
		sym.WriteString(hl.Margin)
		n++
	}
	if n == 0 {
		return
	}
	if c == nil {
		c = fg
	}
	style := fyne.TextStyle{Bold: true}
	s := sym.String()
	w := fyne.MeasureText(s, t.m.textSize, style).Width
	r.text(s, c, style, max(tvGutter+t.m.pad-w-6, 1), textTop, w)
}

// tvOpaque returns c without transparency, for lines drawn in a fill's
// colour.
func tvOpaque(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}
