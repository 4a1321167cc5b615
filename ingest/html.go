package ingest

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"redline/annotate"
)

// page is what an extractor found in a web page.
type page struct {
	Title, Byline, Outlet, URL string
	Published                  time.Time
	Text                       string // paragraphs separated by blank lines
}

// extractor pulls the main text and metadata out of a parsed page. The
// document may be changed.
type extractor func(doc *html.Node, pageURL *url.URL) (page, error)

// extractHTML is the extractor ingest uses: go-readability, chosen over
// go-trafilatura by TestExtractorQuality (better text and metadata on the
// fixture pages, a tenth of the time, and 8 MB less in the binary).
var extractHTML extractor = extractReadability

// errNoText is returned when a page has no article text to find.
var errNoText = errors.New("no article text found in this page")

// parseHTML reads a web page into an article: the main text, chosen by the
// extractor, and metadata from the page's meta tags, JSON-LD and byline.
func (r *reader) parseHTML(b []byte) (annotate.Article, error) {
	b = trimBOM(b)
	if !utf8.Valid(b) {
		// A page in another encoding names it in a meta tag; without one,
		// windows-1252 is what browsers assume.
		enc, name, _ := charset.DetermineEncoding(b, "text/html")
		if name != "utf-8" {
			if decoded, err := enc.NewDecoder().Bytes(b); err == nil {
				b = decoded
				r.warn(0, "decoded from %s", name)
			}
		}
	}
	_, replaced := cleanRunes(b)
	r.warnReplaced(0, replaced)
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return annotate.Article{}, fail("cannot read the page: %s", err)
	}
	meta := pageMeta(doc)
	var base *url.URL
	if meta.URL != "" {
		base, _ = url.Parse(meta.URL)
	}
	p, err := extractHTML(doc, base)
	if err != nil || strings.TrimSpace(p.Text) == "" {
		return annotate.Article{}, fail("%s", errNoText)
	}
	a := annotate.Article{
		Title:       cleanField(first(p.Title, meta.Title)),
		Byline:      trimBy(cleanField(first(p.Byline, meta.Byline))),
		Outlet:      cleanField(first(p.Outlet, meta.Outlet)),
		URL:         cleanField(first(meta.URL, p.URL)),
		PublishedAt: p.Published,
	}
	a.Text = dropTitleLine(p.Text, a.Title)
	if meta.published != "" {
		// The page's own timestamp beats the extractor's guess, which may
		// keep only the day.
		if t, ok := parseDate(meta.published); ok {
			a.PublishedAt = t
		} else if a.PublishedAt.IsZero() {
			r.warn(0, "published date %q not understood, left empty; %s", meta.published, dateHint)
		}
	}
	if a.PublishedAt.IsZero() {
		// no date in the markup: the one the page states in its opening
		// lines ("Posted … on July 4, 2025, 7:17 AM"), as stated
		if t, stated, withTime, ok := statedDate(a.Text); ok {
			a.PublishedAt = t
			if withTime {
				r.warn(0, "publication time taken from the page (%q); the page gives no time zone, so it is kept as stated (stored as UTC, not shifted): set it with Article ▸ Edit details if you know the zone", stated)
			} else {
				r.warn(0, "publication date taken from the page (%q)", stated)
			}
		}
	}
	if a.Outlet == "" {
		a.Outlet = outletFromTitle(meta.docTitle, a.Title)
	}
	return a, nil
}

// outletFromTitle finds the outlet in a page title of the form
// "Headline | Outlet" or "Headline - Outlet".
func outletFromTitle(docTitle, title string) string {
	if title == "" || !strings.HasPrefix(docTitle, title) {
		return ""
	}
	rest := strings.TrimSpace(docTitle[len(title):])
	for _, sep := range []string{"|", "-", "–", "—", "·", ":"} {
		if s, ok := strings.CutPrefix(rest, sep); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// trimBy drops the "By " a byline often starts with.
func trimBy(s string) string {
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		return strings.TrimSpace(s[3:])
	}
	return s
}

func first(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// dropTitleLine removes the headline when the extractor kept it as the first
// paragraph of the text: the title is stored on its own.
func dropTitleLine(text, title string) string {
	head, rest, _ := strings.Cut(text, "\n")
	if title != "" && cleanField(head) == title {
		return tidyLines(rest)
	}
	return text
}

func extractReadability(doc *html.Node, pageURL *url.URL) (page, error) {
	parser := readability.NewParser()
	art, err := parser.ParseDocument(doc, pageURL)
	if err != nil {
		return page{}, err
	}
	if art.Node == nil {
		return page{}, errNoText
	}
	p := page{
		Title:  art.Title(),
		Byline: art.Byline(),
		Outlet: art.SiteName(),
		Text:   dropBoilerplate(blockText(art.Node)),
	}
	if t, err := art.PublishedTime(); err == nil {
		p.Published = t
	}
	return p, nil
}

// metaInfo is what a page says about itself in its head.
type metaInfo struct {
	Title, Byline, Outlet, URL string
	published                  string
	docTitle                   string // the <title>, which often ends with the outlet
}

// pageMeta reads the canonical URL, og: and article: meta tags and the
// <title>, which both extractors may miss.
func pageMeta(doc *html.Node) metaInfo {
	var m metaInfo
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.URL == "" {
					m.URL = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				key := strings.ToLower(first(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:url":
					if m.URL == "" {
						m.URL = val
					}
				case "og:title":
					m.Title = first(m.Title, val)
				case "og:site_name", "application-name":
					m.Outlet = first(m.Outlet, val)
				case "author", "article:author", "byl", "dc.creator":
					m.Byline = first(m.Byline, strings.TrimPrefix(val, "By "))
				case "article:published_time", "datepublished", "date", "pubdate", "dc.date", "dcterms.created":
					m.published = first(m.published, val)
				}
			case "title":
				if n.FirstChild != nil && n.Parent != nil && n.Parent.Data == "head" {
					m.docTitle = cleanField(n.FirstChild.Data)
					m.Title = first(m.Title, m.docTitle)
				}
			case "time":
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					m.published = first(m.published, attr(n, "datetime"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// boilerplateParagraphs are paragraphs that are never article text.
var boilerplateParagraphs = map[string]bool{
	"advertisement": true, "advertising": true, "ad": true, "sponsored": true,
	"scroll to continue": true, "continue reading": true, "read more": true,
}

// dropBoilerplate removes paragraphs that are only an ad label.
func dropBoilerplate(text string) string {
	paras := strings.Split(text, "\n\n")
	kept := paras[:0]
	for _, p := range paras {
		if !boilerplateParagraphs[strings.ToLower(strings.Trim(p, " .:"))] {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

// blockElements end a paragraph of text.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true,
	"figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tr": true, "ul": true, "head": true, "list": true,
	"item": true, "quote": true,
}

// skippedElements hold no readable text.
var skippedElements = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "iframe": true, "button": true, "select": true,
}

// blockText renders the text of n with each block (paragraph, heading, list
// item, quote) as its own paragraph, separated by a blank line, and <br> as
// a line break.
func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var sb strings.Builder
	space := false // a space is owed before the next word
	brk := 0       // newlines owed before the next word (1 line, 2 paragraph)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			s := n.Data
			if s == "" {
				return
			}
			lead := isHTMLSpace(s[0])
			trail := isHTMLSpace(s[len(s)-1])
			words := strings.Fields(s)
			if len(words) == 0 {
				space = space || lead || trail
				return
			}
			if sb.Len() > 0 {
				switch {
				case brk > 0:
					sb.WriteString(strings.Repeat("\n", brk))
				case space || lead:
					sb.WriteByte(' ')
				}
			}
			brk, space = 0, false
			sb.WriteString(strings.Join(words, " "))
			space = trail
			return
		case html.ElementNode:
			if skippedElements[n.Data] {
				return
			}
			switch n.Data {
			case "br", "lb":
				brk = max(brk, 1)
				return
			case "td", "th", "cell":
				space = true
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			brk = 2
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			brk = 2
		}
	}
	walk(n)
	text, _ := Normalize([]byte(sb.String()))
	return text
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
