package app

import (
	"redline/diff"

	"fmt"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

const tvSample = "Hello world. This is a test.\nSecond line here!\n\nNew paragraph starts here? Yes it does."

// tvTestView shows text in an unpadded test window of the given size, so
// widget and canvas positions coincide.
func tvTestView(t *testing.T, text string, w, h float32) (*TextView, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tv := NewTextView()
	tv.SetText(text)
	win := test.NewTempWindow(t, tv)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	if got := tv.Size(); got.Width != w || got.Height != h {
		t.Fatalf("view size = %v, want %vx%v", got, w, h)
	}
	return tv, win
}

// tvFakeClock makes clicks deterministic: each call to the view's clock
// advances by step.
func tvFakeClock(tv *TextView, step time.Duration) {
	now := time.Unix(1000, 0)
	tv.now = func() time.Time {
		now = now.Add(step)
		return now
	}
}

func tvClick(tv *TextView, pos fyne.Position, mod fyne.KeyModifier) {
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary, Modifier: mod}
	tv.MouseDown(ev)
	tv.MouseUp(ev)
}

var tvShift = &fyne.KeyEvent{Name: desktop.KeyShiftLeft}

func tvShiftKey(tv *TextView, key fyne.KeyName) {
	tv.KeyDown(tvShift)
	tv.TypedKey(&fyne.KeyEvent{Name: key})
	tv.KeyUp(tvShift)
}

func tvShortcut(tv *TextView, key fyne.KeyName, mod fyne.KeyModifier) {
	tv.TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

// tvCheckLayout checks the layout invariants: lines cover the text in
// order with every rune exactly once, boxes lie inside their line in order,
// and only single runes overflow the wrap width.
func tvCheckLayout(t *testing.T, tv *TextView, input string) {
	t.Helper()
	want := []rune(input)
	if !slices.Equal(tv.runes, want) {
		t.Fatalf("runes differ from Go's conversion of the input")
	}
	lines := tv.lay.lines
	if len(lines) == 0 || lines[0].start != 0 || lines[len(lines)-1].end != len(want) {
		t.Fatalf("lines do not span the text: %d lines", len(lines))
	}
	var got []rune
	for i, ln := range lines {
		if i > 0 && (ln.start != lines[i-1].end || ln.y <= lines[i-1].y) {
			t.Fatalf("line %d = %+v does not follow %+v", i, ln, lines[i-1])
		}
		got = append(got, tv.runes[ln.start:ln.end]...)
		next := ln.start
		for _, b := range tv.lay.boxes[ln.box0:ln.box1] {
			if int(b.start) != next || b.end <= b.start || int(b.end) > ln.end {
				t.Fatalf("line %d %+v: box %+v out of place", i, ln, b)
			}
			next = int(b.end)
			if b.word && b.x+b.w > tv.lay.width+0.5 && b.end-b.start > 1 {
				t.Fatalf("line %d: box %q at %v+%v overflows width %v", i, string(tv.runes[b.start:b.end]), b.x, b.w, tv.lay.width)
			}
		}
		for _, r := range tv.runes[next:ln.end] {
			if r != '\n' && r != '\r' {
				t.Fatalf("line %d: rune %q after its last box", i, r)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("lines joined = %q, want %q", string(got), input)
	}
}

func TestTextViewWrapsMoreWhenNarrower(t *testing.T) {
	text := strings.Repeat("The committee published its findings on Tuesday. ", 20)
	tv, win := tvTestView(t, text, 800, 400)
	wide := len(tv.lay.lines)
	win.Resize(fyne.NewSize(300, 400))
	narrow := len(tv.lay.lines)
	if narrow <= wide {
		t.Errorf("lines at 300px = %d, at 800px = %d; want more when narrower", narrow, wide)
	}
	tvCheckLayout(t, tv, text)
}

func TestTextViewWordWidthsMatchMeasureText(t *testing.T) {
	words := []string{
		"AVATAR", "Tuesday,", "office", "fluffy", "Wave", "T.", "“Yes,”", "naïve", "Zürich", "Straße",
		"—", "€45.00", "Ελλάδα", "Москва", "日本語の", "カタカナ", "مرحبا", "नमस्ते", "e\u0301", "🙂👍", "a\u200db",
	}
	tv, _ := tvTestView(t, "", 400, 300)
	for _, w := range words {
		t.Run(w, func(t *testing.T) {
			tv.SetText(w)
			got := tv.tvWidth(0, len(tv.runes))
			want := fyne.MeasureText(w, tv.m.textSize, fyne.TextStyle{}).Width
			if got != want {
				t.Errorf("width = %v, want %v", got, want)
			}
		})
	}
}

func TestTextViewLayoutCoversEveryRuneOnce(t *testing.T) {
	pieces := []string{
		"a", "word", "Straße", "日本語の文章", "🙂", "é", " ", "  ", "\t", "\n", "\n\n", "\n\n\n", "\r\n",
		"\xff", "\xe2\x82", "\xc3", "-", ".", "ab\u00a0cd", "\u200b", "\u0301",
		"supercalifragilisticexpialidocious", strings.Repeat("x", 90), strings.Repeat("語", 40),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	tv, win := tvTestView(t, "", 400, 300)
	for i := range 60 {
		var b strings.Builder
		for range rng.IntN(120) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		tv.SetText(text)
		for _, w := range []float32{70, 150, 400, 1000} {
			win.Resize(fyne.NewSize(w, 300))
			t.Run(fmt.Sprintf("text%d/width%v", i, w), func(t *testing.T) {
				tvCheckLayout(t, tv, text)
			})
		}
	}
}

func TestTextViewRuneAt(t *testing.T) {
	tv, _ := tvTestView(t, tvSample, 400, 300)
	n := len(tv.runes)
	t.Run("round trip", func(t *testing.T) {
		for i := 0; i <= n; i++ {
			if i > 0 && i < n && tv.runes[i-1] == '\n' && tv.runes[i] == '\n' {
				continue // inside a paragraph break: no caret position of its own
			}
			if got := tv.runeAt(tv.tvPosOf(i)); got != i {
				t.Errorf("runeAt(posOf(%d)) = %d", i, got)
			}
		}
	})
	first := tv.tvPosOf(0)
	secondLine := tv.tvPosOf(strings.Index(tvSample, "Second"))
	nl := strings.Index(tvSample, "\n")
	tests := []struct {
		name string
		pos  fyne.Position
		want int
	}{
		{"above the text", fyne.NewPos(100, -20), 0},
		{"below the text", fyne.NewPos(100, 290), n},
		{"in the gutter", fyne.NewPos(3, secondLine.Y), strings.Index(tvSample, "Second")},
		{"right of a line", fyne.NewPos(395, first.Y), nl},
		{"left half of H", fyne.NewPos(first.X+1, first.Y), 0},
		{"right half of H", fyne.NewPos(tv.tvPosOf(1).X-1, first.Y), 1},
		{"paragraph gap", fyne.NewPos(secondLine.X+1, secondLine.Y+tv.m.lineH/2+tv.m.paraGap/2), strings.Index(tvSample, "Second")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tv.runeAt(tt.pos); got != tt.want {
				t.Errorf("runeAt(%v) = %d, want %d", tt.pos, got, tt.want)
			}
		})
	}
}

func TestTextViewDragSelects(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
	}{
		{"forwards", 6, 17},
		{"backwards", 17, 6},
		{"across lines", 13, 36},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tv, win := tvTestView(t, tvSample, 400, 300)
			var reported [2]int
			tv.OnSelectionChanged = func(s, e int) { reported = [2]int{s, e} }
			from, to := tv.tvPosOf(tt.from), tv.tvPosOf(tt.to)
			// like the desktop driver, test.Drag reports where the drag is
			// now and how far it moved
			test.Drag(win.Canvas(), to, to.X-from.X, to.Y-from.Y)
			s, e := tv.Selection()
			want := [2]int{min(tt.from, tt.to), max(tt.from, tt.to)}
			if [2]int{s, e} != want || reported != want {
				t.Errorf("selection = %d,%d, reported %v; want %v", s, e, reported, want)
			}
			if got := tv.SelectedText(); got != tvSample[want[0]:want[1]] {
				t.Errorf("SelectedText() = %q", got)
			}
		})
	}
	t.Run("press then drag in steps", func(t *testing.T) {
		tv, _ := tvTestView(t, tvSample, 400, 300)
		tvFakeClock(tv, time.Second)
		from, mid, to := tv.tvPosOf(2), tv.tvPosOf(9), tv.tvPosOf(22)
		tv.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
		tv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, 0)})
		tv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, 0)})
		tv.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary})
		tv.DragEnd()
		if s, e := tv.Selection(); s != 2 || e != 22 {
			t.Errorf("selection = %d,%d, want 2,22", s, e)
		}
	})
}

func TestTextViewClicks(t *testing.T) {
	tv, _ := tvTestView(t, tvSample, 400, 300)
	tvFakeClock(tv, time.Second)
	tvClick(tv, tv.tvPosOf(4), 0)
	if s, e := tv.Selection(); s != 4 || e != 4 {
		t.Fatalf("click: selection = %d,%d, want caret at 4", s, e)
	}
	tvClick(tv, tv.tvPosOf(20), fyne.KeyModifierShift)
	if s, e := tv.Selection(); s != 4 || e != 20 {
		t.Errorf("shift+click: selection = %d,%d, want 4,20", s, e)
	}
	tvClick(tv, tv.tvPosOf(2), fyne.KeyModifierShift)
	if s, e := tv.Selection(); s != 2 || e != 4 {
		t.Errorf("shift+click before the anchor: selection = %d,%d, want 2,4", s, e)
	}

	tvFakeClock(tv, 50*time.Millisecond)
	mid := tv.tvPosOf(8) // inside "world"
	tvClick(tv, mid, 0)
	tvClick(tv, mid, 0)
	if got := tv.SelectedText(); got != "world" {
		t.Errorf("double click selected %q, want %q", got, "world")
	}
	tvClick(tv, mid, 0)
	if got, want := tv.SelectedText(), tvSample[:strings.Index(tvSample, "\n\n")]; got != want {
		t.Errorf("triple click selected %q, want the paragraph %q", got, want)
	}
}

func TestTextViewKeyboardSelection(t *testing.T) {
	ctrlShift := fyne.KeyModifierControl | fyne.KeyModifierShift
	altShift := fyne.KeyModifierAlt | fyne.KeyModifierShift
	para2 := strings.Index(tvSample, "New paragraph")
	tests := []struct {
		name  string
		caret int
		keys  func(tv *TextView)
		want  string
	}{
		{"shift+right by character", 0, func(tv *TextView) {
			for range 3 {
				tvShiftKey(tv, fyne.KeyRight)
			}
		}, "Hel"},
		{"shift+left by character", 5, func(tv *TextView) { tvShiftKey(tv, fyne.KeyLeft) }, "o"},
		{"ctrl+shift+right by word", 0, func(tv *TextView) {
			tvShortcut(tv, fyne.KeyRight, ctrlShift)
			tvShortcut(tv, fyne.KeyRight, ctrlShift)
		}, "Hello world"},
		{"ctrl+shift+left by word", 11, func(tv *TextView) { tvShortcut(tv, fyne.KeyLeft, ctrlShift) }, "world"},
		{"alt+shift+right by sentence", 0, func(tv *TextView) { tvShortcut(tv, fyne.KeyRight, altShift) }, "Hello world."},
		{"alt+shift+right twice", 0, func(tv *TextView) {
			tvShortcut(tv, fyne.KeyRight, altShift)
			tvShortcut(tv, fyne.KeyRight, altShift)
		}, "Hello world. This is a test."},
		{"ctrl+shift+down by sentence", 13, func(tv *TextView) { tvShortcut(tv, fyne.KeyDown, ctrlShift) }, "This is a test."},
		{"sentence stops at a paragraph break", 29, func(tv *TextView) { tvShortcut(tv, fyne.KeyDown, ctrlShift) }, "Second line here!"},
		{"alt+shift+left to sentence start", para2 + 10, func(tv *TextView) { tvShortcut(tv, fyne.KeyLeft, altShift) }, "New paragr"},
		{"ctrl+shift+up to previous sentence", len(tvSample), func(tv *TextView) {
			tvShortcut(tv, fyne.KeyUp, ctrlShift)
			tvShortcut(tv, fyne.KeyUp, ctrlShift)
		}, "New paragraph starts here? Yes it does."},
		{"shift+down by line", 0, func(tv *TextView) { tvShiftKey(tv, fyne.KeyDown) }, "Hello world. This is a test.\n"},
		{"shift+end", 6, func(tv *TextView) { tvShiftKey(tv, fyne.KeyEnd) }, "world. This is a test."},
		{"select all", 3, func(tv *TextView) { tv.TypedShortcut(&fyne.ShortcutSelectAll{}) }, tvSample},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tv, win := tvTestView(t, tvSample, 600, 300)
			win.Canvas().Focus(tv)
			tv.SetSelection(tt.caret, tt.caret)
			tt.keys(tv)
			if got := tv.SelectedText(); got != tt.want {
				s, e := tv.Selection()
				t.Errorf("selected %q (%d,%d), want %q", got, s, e, tt.want)
			}
		})
	}
}

func TestTextViewCopy(t *testing.T) {
	tv, win := tvTestView(t, "Zürich — 日本 🙂 done", 400, 200)
	win.Canvas().Focus(tv)
	tv.SetSelection(0, 11)
	cb := fyne.CurrentApp().Clipboard()
	tv.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if got, want := cb.Content(), "Zürich — 日本"; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
	tv.SetSelection(12, 13)
	tv.TypedShortcut(&fyne.ShortcutCopy{}) // no clipboard given: use the app's
	if got, want := cb.Content(), "🙂"; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
}

var (
	tvRed   = color.NRGBA{R: 0xff, G: 0x40, B: 0x40, A: 0x60}
	tvGreen = color.NRGBA{R: 0x30, G: 0xc0, B: 0x50, A: 0x60}
	tvBlue  = color.NRGBA{R: 0x30, G: 0x60, B: 0xff, A: 0x60}
)

func TestTextViewTapReportsHighlight(t *testing.T) {
	tv, _ := tvTestView(t, tvSample, 600, 300)
	tv.SetHighlights([]Highlight{
		{Start: 0, End: 5, Fill: tvRed, ID: "hello"},
		{Start: 13, End: 20, Fill: tvGreen, ID: "first"},  // "This is"
		{Start: 18, End: 27, Fill: tvBlue, ID: "second"},  // "is a test"
		{Start: 6, End: 11, Underline: true, ID: "under"}, // "world"
		{Start: 23, End: 27, Fill: tvRed},                 // no ID: not reported
	})
	var got []string
	tv.OnHighlightTapped = func(id string) { got = append(got, id) }
	at := func(i int, dy float32) fyne.Position {
		p := tv.tvPosOf(i)
		return fyne.NewPos(p.X+2, p.Y+dy)
	}
	quarter := tv.m.lineH / 4
	test.TapAt(tv, at(1, 0))
	test.TapAt(tv, at(8, 0))
	test.TapAt(tv, at(18, -quarter)) // "is" is in both: top band
	test.TapAt(tv, at(18, quarter))  // bottom band
	test.TapAt(tv, at(15, quarter))  // "This" only in first: full height
	test.TapAt(tv, at(24, 0))        // unnamed highlight on top of second
	test.TapAt(tv, at(12, 0))        // plain text
	want := []string{"hello", "under", "first", "second", "first", "second"}
	if !slices.Equal(got, want) {
		t.Errorf("tapped ids = %q, want %q", got, want)
	}
}

// tvRects returns the rendered rectangles filled with c: fills if fill,
// else lines.
func tvRects(tv *TextView, c color.Color, fill bool) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range test.WidgetRenderer(tv).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.FillColor == c && (r.Size().Height > tv.m.lineThick) == fill {
			out = append(out, r)
		}
	}
	return out
}

func TestTextViewOverlapsStayDistinct(t *testing.T) {
	tv, _ := tvTestView(t, tvSample, 600, 300)
	tv.SetHighlights([]Highlight{
		{Start: 0, End: 11, Fill: tvGreen}, // "Hello world"
		{Start: 6, End: 20, Fill: tvBlue},  // "world. This is"
		{Start: 13, End: 27, Underline: true, TextColor: tvRed},
		{Start: 18, End: 24, Underline: true, TextColor: tvGreen},
	})
	lineH := tv.m.lineH
	green, blue := tvRects(tv, tvGreen, true), tvRects(tv, tvBlue, true)
	// green: full height over "Hello ", top half over "world"; blue: bottom
	// half over "world", full height over ". This is"
	if len(green) != 2 || len(blue) != 2 {
		t.Fatalf("got %d green and %d blue fills, want 2 each", len(green), len(blue))
	}
	if green[0].Size().Height != lineH || green[1].Size().Height != lineH/2 {
		t.Errorf("green heights = %v, %v; want %v then %v", green[0].Size().Height, green[1].Size().Height, lineH, lineH/2)
	}
	if blue[0].Size().Height != lineH/2 || blue[1].Size().Height != lineH {
		t.Errorf("blue heights = %v, %v; want %v then %v", blue[0].Size().Height, blue[1].Size().Height, lineH/2, lineH)
	}
	if green[1].Position().X != blue[0].Position().X || green[1].Position().Y+lineH/2 != blue[0].Position().Y {
		t.Errorf("overlap bands at %v and %v, want blue directly below green", green[1].Position(), blue[0].Position())
	}
	red, green2 := tvRects(tv, tvRed, false), tvRects(tv, tvGreen, false)
	if len(red) != 1 || len(green2) != 1 {
		t.Fatalf("got %d red and %d green underlines, want 1 each", len(red), len(green2))
	}
	if red[0].Position().Y >= green2[0].Position().Y {
		t.Errorf("underlines at y %v and %v, want the later one stacked lower", red[0].Position().Y, green2[0].Position().Y)
	}
}

func TestTextViewDrawsDecorationsAndMargin(t *testing.T) {
	tv, _ := tvTestView(t, tvSample, 600, 300)
	tv.SetHighlights([]Highlight{
		{Start: 13, End: 17, Fill: tvRed, Strike: true, Margin: "−"},
		{Start: 18, End: 20, Fill: tvGreen, Margin: "+", TextColor: tvBlue},
	})
	var margin, colored string
	strikes := 0
	fg := tv.Theme().Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant())
	for _, o := range test.WidgetRenderer(tv).Objects() {
		switch o := o.(type) {
		case *canvas.Text:
			if o.Position().X < tvGutter {
				margin += o.Text
			}
			if o.Color == tvBlue {
				colored += o.Text
			}
		case *canvas.Rectangle:
			if o.FillColor == fg && o.Size().Height <= 2 {
				strikes++
			}
		}
	}
	if margin != "−+" {
		t.Errorf("margin = %q, want %q", margin, "−+")
	}
	if colored != "is" {
		t.Errorf("text in the highlight colour = %q, want %q", colored, "is")
	}
	if strikes != 1 {
		t.Errorf("got %d strike-throughs, want 1", strikes)
	}
}

// tvArticle returns n words of made-up prose in sentences and paragraphs.
func tvArticle(n int, seed uint64, suffix string) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	vocab := make([]string, 4000)
	for i := range vocab {
		var w strings.Builder
		for range 2 + rng.IntN(9) {
			w.WriteByte(byte('a' + rng.IntN(26)))
		}
		vocab[i] = w.String() + suffix
	}
	var b strings.Builder
	sentence, para := 0, 0
	for i := range n {
		w := vocab[min(rng.IntN(len(vocab)), rng.IntN(len(vocab)))] // common words more often
		if sentence == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		sentence++
		switch {
		case i == n-1:
			b.WriteString(".")
		case sentence > 8+rng.IntN(18):
			b.WriteString(".")
			sentence = 0
			para++
			if para > 3+rng.IntN(5) {
				b.WriteString("\n\n")
				para = 0
				continue
			}
			b.WriteString(" ")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

func TestTextViewRendersOnlyVisibleLines(t *testing.T) {
	text := tvArticle(20000, 1, "")
	tv, _ := tvTestView(t, text, 500, 300)
	if len(tv.lay.lines) < 1000 {
		t.Fatalf("only %d lines for 20,000 words", len(tv.lay.lines))
	}
	visible := int(300/tv.m.lineH) + 2
	count := func() (texts int, first string) {
		for _, o := range test.WidgetRenderer(tv).Objects() {
			if txt, ok := o.(*canvas.Text); ok {
				if texts == 0 {
					first = txt.Text
				}
				texts++
			}
		}
		return texts, first
	}
	if n, _ := count(); n == 0 || n > visible {
		t.Errorf("rendered %d texts, want 1..%d", n, visible)
	}

	tv.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -100000)})
	n, first := count()
	li := tv.tvLineAtY(tv.offY)
	near := string(tv.runes[tv.lay.lines[max(li-1, 0)].start:tv.lay.lines[min(li+1, len(tv.lay.lines)-1)].end])
	if n == 0 || n > visible || !strings.Contains(near, first) {
		t.Errorf("after scrolling to line %d: %d texts, first %q; want 1..%d from around that line", li, n, first, visible)
	}

	last := len(tv.runes) - 1
	tv.ScrollToRune(0)
	tv.ScrollToRune(last)
	if p := tv.tvPosOf(last); p.Y < 0 || p.Y > 300 {
		t.Errorf("rune %d at y %v after ScrollToRune, want in view", last, p.Y)
	}
}

func TestTextViewScrollToRuneBeforeSized(t *testing.T) {
	test.NewTempApp(t)
	text := tvArticle(3000, 2, "")
	tv := NewTextView()
	tv.SetText(text)
	target := len(tv.runes) / 2
	tv.ScrollToRune(target)
	win := test.NewTempWindow(t, tv)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(500, 300))
	if p := tv.tvPosOf(target); p.Y < 0 || p.Y > 300 {
		t.Errorf("rune %d at y %v, want in view", target, p.Y)
	}
}

// TestReaderSentencesAreDiffs: the reader's sentence keys and the diff
// agree on where sentences end, abbreviations included.
func TestReaderSentencesAreDiffs(t *testing.T) {
	text := "Mr. Smith met Gen. Ruiz in the U.S. Navy yard. They spoke at 9 a.m. on Jan. 5. No. 10 Downing St. said nothing."
	rs := []rune(text)
	want := diff.Sentences(text)
	if len(want) < 2 {
		t.Fatalf("diff found %d sentences", len(want))
	}
	if want[0].Text != "Mr. Smith met Gen. Ruiz in the U.S. Navy yard." {
		t.Fatalf("diff's first sentence %q", want[0].Text)
	}
	at := 0
	for i, s := range want {
		end := tvSentenceForward(rs, at)
		if end != s.End {
			t.Errorf("sentence %d: forward ends at %d (%q), diff at %d", i, end, string(rs[:end]), s.End)
		}
		if back := tvSentenceBackward(rs, end); back != s.Start {
			t.Errorf("sentence %d: back from its end to %d, diff starts it at %d", i, back, s.Start)
		}
		at = end
	}
}

func TestTextViewMotion(t *testing.T) {
	rs := []rune("Mr. Smith said \"Stop!\" Then he left… Really?\n\nNew para without end\nstill it. Don't go.")
	idx := func(s string) int { return len([]rune(string(rs)[:strings.Index(string(rs), s)])) }
	tests := []struct {
		name string
		fn   func([]rune, int) int
		from int
		want int
	}{
		{"sentence forward from start: Mr. ends no sentence", tvSentenceForward, 0, idx(" Then")},
		{"sentence forward past closing quote", tvSentenceForward, idx("Smith"), idx(" Then")},
		{"sentence forward ellipsis", tvSentenceForward, idx(" Then"), idx(" Really")},
		{"sentence forward to paragraph break", tvSentenceForward, idx("Really"), idx("\n\n")},
		{"sentence forward to a line end", tvSentenceForward, idx("New"), idx("\nstill")},
		{"sentence forward at end", tvSentenceForward, len(rs), len(rs)},
		{"sentence back to start", tvSentenceBackward, idx("he left"), idx("Then")},
		{"sentence back from a start", tvSentenceBackward, idx("Then"), 0},
		{"sentence back across paragraph", tvSentenceBackward, idx("New"), idx("Really")},
		{"sentence back at 0", tvSentenceBackward, 0, 0},
		{"word forward", tvWordForward, 0, 2},
		{"word forward skips punctuation", tvWordForward, 2, idx(" said")},
		{"word forward keeps apostrophe", tvWordForward, idx("Don't"), idx(" go")},
		{"word back", tvWordBackward, idx(" said"), idx("Smith")},
		{"word back over quote", tvWordBackward, idx("!\""), idx("Stop")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(rs, tt.from); got != tt.want {
				t.Errorf("from %d = %d, want %d", tt.from, got, tt.want)
			}
		})
	}
}

// TestTextViewCapture saves a screenshot for a person to look at; set
// REDLINE_TEXTVIEW_PNG to a path to run it.
func TestTextViewCapture(t *testing.T) {
	path := os.Getenv("REDLINE_TEXTVIEW_PNG")
	if path == "" {
		t.Skip("REDLINE_TEXTVIEW_PNG not set")
	}
	tv, win := tvTestView(t, "", 560, 330)
	fyne.CurrentApp().Settings().SetTheme(theme.LightTheme())
	text := "The minister announced a new budget on Monday. Critics said it was too little, too late.\n" +
		"Opposition leaders called for a vote.\n\n" +
		"In a statement, the ministry denied the claims. Officials said spending would rise by 4% next year, " +
		"mostly on health and schools. Analysts were unconvinced: \"the numbers do not add up,\" one said.\n\n" +
		"Zürich, 日本語, emoji 🙂 and a verylongwordthatkeepsgoingandgoingwithoutanyspacesatalluntilitbreaks."
	tv.SetText(text)
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		start := len([]rune(text[:i]))
		return start, start + len([]rune(s))
	}
	var hs []Highlight
	add := func(s string, h Highlight) {
		h.Start, h.End = at(s)
		hs = append(hs, h)
	}
	add("a new budget", Highlight{Fill: tvGreen, Margin: "+"})
	add("Critics said it was too little", Highlight{Fill: tvRed, Strike: true, Margin: "−"})
	add("called for a vote", Highlight{Fill: color.NRGBA{R: 0xff, G: 0xc0, A: 0x70}, Underline: true, Margin: "~"})
	add("the ministry denied the claims. Officials said", Highlight{Fill: tvBlue, ID: "frame"})
	add("Officials said spending would rise", Highlight{Fill: tvGreen, ID: "actor"})
	add("spending would rise by 4%", Highlight{Underline: true, TextColor: color.NRGBA{R: 0xc0, A: 0xff}})
	add("rise by 4% next year", Highlight{Underline: true, TextColor: color.NRGBA{B: 0xc0, A: 0xff}})
	add("Analysts were unconvinced", Highlight{TextColor: color.NRGBA{R: 0xb0, G: 0x30, A: 0xff}, Margin: "↕"})
	tv.SetHighlights(hs)
	s, e := at("health and schools")
	tv.SetSelection(s, e)
	win.Canvas().Focus(tv)
	img := win.Canvas().Capture()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkTextViewLayout20k lays out a 20,000-word article: "rewrap" at a
// new width with word widths cached (a window resize), "cold" with the
// view's caches empty and every word new to Fyne's (opening an article).
func BenchmarkTextViewLayout20k(b *testing.B) {
	test.NewTempApp(b)
	b.Run("rewrap", func(b *testing.B) {
		tv := NewTextView()
		tv.SetText(tvArticle(20000, 1, ""))
		tv.Resize(fyne.NewSize(700, 500))
		tv.tvUpdateMetrics()
		tv.tvLayout(600)
		b.ResetTimer()
		for i := range b.N {
			tv.tvLayout(float32(500 + i%200))
		}
	})
	b.Run("cold", func(b *testing.B) {
		tv := NewTextView()
		tv.tvUpdateMetrics()
		for i := range b.N {
			b.StopTimer()
			text := tvArticle(20000, 1, fmt.Sprintf("q%d", i))
			b.StartTimer()
			tv.SetText(text)
			tv.widths = nil
			tvGlyphs.Lock()
			tvGlyphs.runeW = nil
			tvGlyphs.Unlock()
			tv.tvLayout(600)
		}
	})
}

func TestSnapWords(t *testing.T) {
	rs := []rune("The minister’s plan, agreed today, works.")
	idx := func(s string) int { return len([]rune(string(rs)[:strings.Index(string(rs), s)])) }
	tests := []struct {
		name       string
		a, b       int
		wantA, wtB int
	}{
		{"inside both words", idx("inister"), idx("lan,"), idx("minister"), idx(", agreed")},
		{"backward drag", idx("greed"), idx("inister"), idx(" today"), idx("minister")},
		{"at boundaries already", idx("plan"), idx(", agreed"), idx("plan"), idx(", agreed")},
		{"apostrophe is in the word", idx("s plan"), idx(" plan"), idx("minister"), idx(" plan")},
		{"caret only", 5, 5, 5, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tvSnapWords(rs, tt.a, tt.b)
			if a != tt.wantA || b != tt.wtB {
				t.Errorf("%d-%d snapped to %d-%d, want %d-%d", tt.a, tt.b, a, b, tt.wantA, tt.wtB)
			}
		})
	}
}
