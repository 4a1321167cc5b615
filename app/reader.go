package app

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
)

// reader is the middle pane: the article's metadata and its text, wrapped
// at a readable width.
type reader struct {
	title *widget.Label
	meta  *widget.Label
	link  *widget.Hyperlink
	body  *TextView
	page  *fyne.Container
	empty *widget.Label
	stack *fyne.Container
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
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.SizeName = "headingText"
	r.title.Wrapping = fyne.TextWrapWord
	r.meta.Wrapping = fyne.TextWrapWord
	r.link.Truncation = fyne.TextTruncateEllipsis
	head := container.NewVBox(r.title, r.meta, r.link, widget.NewSeparator())
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
	r.body.SetText(a.Text)
	r.empty.Hide()
	r.page.Show()
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
