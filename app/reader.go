package app

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/diff"
)

// reader is the middle pane: the article's metadata and its text, wrapped
// at a readable width.
type reader struct {
	article annotate.Article
	boiler  map[string]bool // this article's lines that its outlet repeats
	chrome  []diff.Block    // page chrome (appeals, captions, link lists) set aside when comparing
	heads   [][2]int        // subheadings: short paragraphs of their own with no closing stop
	hide    *widget.Check   // hide those lines
	onHide  func(bool)
	title   *widget.Label
	meta    *widget.Label
	link    *widget.Hyperlink
	body    *TextView
	page    *fyne.Container
	empty   *widget.Label
	stub    *widget.Label // says that a story-list entry has no text
	stack   *fyne.Container
}

const readerMaxWidth = 760

func newReader() *reader {
	r := &reader{
		title: widget.NewLabel(""),
		meta:  widget.NewLabel(""),
		link:  widget.NewHyperlink("", nil),
		body:  NewTextView(),
		empty: widget.NewLabel("Choose an article on the left to read and code it."),
	}
	r.body.SnapToWords = true
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.SizeName = "headingText"
	r.title.Wrapping = fyne.TextWrapWord
	r.meta.Wrapping = fyne.TextWrapWord
	r.link.Truncation = fyne.TextTruncateEllipsis
	r.hide = widget.NewCheck("Hide boilerplate", func(on bool) {
		r.render()
		if r.onHide != nil {
			r.onHide(on)
		}
	})
	r.hide.Hide()
	r.stub = widget.NewLabel("Text missing: this article came from a story list (title, link, date and outlet only). " +
		"Code it as a whole article; its text is never fetched unless you ask for it.")
	r.stub.Wrapping = fyne.TextWrapWord
	r.stub.Importance = widget.WarningImportance
	r.stub.Hide()
	head := container.NewVBox(r.title, r.meta, container.NewBorder(nil, nil, nil, r.hide, r.link), r.stub, widget.NewSeparator())
	col := container.NewBorder(head, nil, nil, nil, r.body)
	r.page = container.New(readableWidth{max: readerMaxWidth}, col)
	r.empty.Alignment = fyne.TextAlignCenter
	r.stack = container.NewStack(r.page, container.NewCenter(r.empty))
	r.page.Hide()
	return r
}

func (r *reader) view() fyne.CanvasObject { return r.stack }

func (r *reader) show(a annotate.Article) {
	r.title.SetText(a.Title)
	date := formatDate(a.PublishedAt)
	if date != "" {
		date = "published " + date
	}
	byline := a.Byline
	if byline != "" && !strings.HasPrefix(strings.ToLower(byline), "by ") {
		byline = "by " + byline
	}
	r.meta.SetText(joinNonEmpty(" · ", a.Outlet, byline, date, plural(a.Words, "word")))
	if u, err := url.Parse(a.URL); err == nil && a.URL != "" {
		r.link.SetText(a.URL)
		r.link.SetURL(u)
		r.link.Show()
	} else {
		r.link.Hide()
	}
	r.article = a
	r.chrome = nil
	r.heads = subheadings(a.Text)
	if a.TextMissing {
		r.stub.Show()
	} else {
		r.stub.Hide()
	}
	r.boiler = nil
	r.hide.SetChecked(false)
	r.hide.Hide()
	r.body.SetText(a.Text)
	r.empty.Hide()
	r.page.Show()
}

// hidden reports whether boilerplate lines are hidden; offsets into the
// shown text then differ from the article's, so span coding waits.
func (r *reader) hidden() bool { return r.hide.Checked && len(r.boiler) > 0 }

// setBoilerplate marks the lines of the open article that its outlet
// repeats in many stories (subscription calls, share prompts).
func (r *reader) setBoilerplate(lines map[string]bool) {
	r.boiler = map[string]bool{}
	for _, l := range strings.Split(r.article.Text, "\n") {
		if t := strings.TrimSpace(l); t != "" && lines[t] {
			r.boiler[t] = true
		}
	}
	if len(r.boiler) == 0 {
		r.hide.Hide()
		return
	}
	r.hide.Text = fmt.Sprintf("Hide %s of boilerplate", plural(len(r.boiler), "line"))
	r.hide.Show()
	r.hide.Refresh()
}

// render shows the text with or without the boilerplate lines.
func (r *reader) render() {
	if !r.hidden() {
		r.body.SetText(r.article.Text)
		return
	}
	var keep []string
	for _, l := range strings.Split(r.article.Text, "\n") {
		if !r.boiler[strings.TrimSpace(l)] {
			keep = append(keep, l)
		}
	}
	r.body.SetText(strings.Join(keep, "\n"))
}

// boilerplateHighlights greys the boilerplate lines and marks them "B" in
// the margin.
func (r *reader) boilerplateHighlights() []Highlight {
	if len(r.boiler) == 0 || r.hidden() {
		return nil
	}
	var out []Highlight
	off := 0
	for _, l := range strings.Split(r.article.Text, "\n") {
		n := len([]rune(l))
		if r.boiler[strings.TrimSpace(l)] {
			out = append(out, Highlight{Start: off, End: off + n, TextColor: theme.Color(theme.ColorNameDisabled), Margin: "B"})
		}
		off += n + 1
	}
	return out
}

// subheadings finds the paragraphs that are subheadings: one line, at most
// twelve words, no closing punctuation, with a paragraph after them.
func subheadings(text string) [][2]int {
	var out [][2]int
	paras := strings.Split(text, "\n\n")
	off := 0
	for i, p := range paras {
		n := len([]rune(p))
		t := strings.TrimSpace(p)
		if i > 0 && i+1 < len(paras) && t != "" && !strings.Contains(t, "\n") && len(strings.Fields(t)) <= 12 &&
			!strings.HasPrefix(strings.ToLower(t), "by ") &&
			!strings.ContainsAny(t[len(t)-1:], ".!?:;,\"'”’)") {
			out = append(out, [2]int{off, off + n})
		}
		off += n + 2
	}
	return out
}

// headHighlights shows the subheadings as such: in the accent colour,
// marked H in the margin.
func (r *reader) headHighlights() []Highlight {
	if len(r.heads) == 0 || r.hidden() {
		return nil
	}
	out := make([]Highlight, 0, len(r.heads))
	for _, h := range r.heads {
		out = append(out, Highlight{Start: h[0], End: h[1], TextColor: theme.Color(theme.ColorNamePrimary), Margin: "H"})
	}
	return out
}

// chromeHighlights dims the page chrome (what the comparison of versions
// sets aside: cookie notices, appeals, captions, "read more" lists); the
// stored text keeps it, so spans can still be coded there.
func (r *reader) chromeHighlights() []Highlight {
	if len(r.chrome) == 0 || r.hidden() {
		return nil
	}
	out := make([]Highlight, 0, len(r.chrome))
	for _, b := range r.chrome {
		out = append(out, Highlight{Start: b.Start, End: b.End, TextColor: theme.Color(theme.ColorNameDisabled)})
	}
	return out
}

func (r *reader) clear(msg string) {
	r.page.Hide()
	r.empty.SetText(msg)
	r.empty.Show()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return itoa(n) + " " + word + "s"
}
