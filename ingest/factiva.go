package ingest

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"redline/annotate"
)

// Factiva exports (HTML, RTF, PDF) print every article the same way: the
// headline, the byline, the word count ("742 words"), the date, the source
// name, the source code, the language, the copyright line, the text, and
// "Document HRLD000020240318ek3i0005p", the document id, last. A search
// summary may follow the last article.

// factivaDoc matches the document-id line that ends a Factiva article.
var factivaDoc = regexp.MustCompile(`^(?:AN\s+)?(?:Document|Dokument|Documento)\s+([A-Za-z0-9]{16,40})$`)

// factivaWords matches the word-count line.
var factivaWords = regexp.MustCompile(`(?i)^[\d.,  ]+\s+(words|wörter|worte|mots|palabras|parole|woorden|palavras)$`)

// factivaTime matches the time line under the date ("10:49 GMT").
var factivaTime = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?(\s+[A-Z]{2,5})?$`)

// factivaCode matches a source code ("HRLD", "LBA", "FTCOM").
var factivaCode = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)

// factivaPage matches page and edition lines ("Page 4", "Final Edition").
var factivaPage = regexp.MustCompile(`(?i)^(page|seite|pagina|página|p\.)\s*[\w-]+$|edition$|ausgabe$`)

// bylinePrefix matches a byline line ("By Jane Doe", "Von Anna Weber").
var bylinePrefix = regexp.MustCompile(`(?i)^(by|von|par|por|di|door|de)\s+(\p{Lu})`)

var languageNames = map[string]bool{}

func init() {
	for _, l := range strings.Fields("english german french spanish italian dutch portuguese russian polish swedish danish norwegian finnish chinese japanese arabic turkish greek czech hungarian romanian ukrainian deutsch englisch französisch spanisch français anglais allemand español inglés italiano inglese nederlands engels português inglês") {
		languageNames[l] = true
	}
}

// sniffFactiva reports whether the lines hold Factiva articles: a document
// id line, with a word-count line above it.
func sniffFactiva(lines []string) bool {
	words := false
	for _, l := range lines {
		if factivaWords.MatchString(l) || factivaCodedWords.MatchString(l) {
			words = true
		}
		if words && factivaDoc.MatchString(l) {
			return true
		}
	}
	return false
}

// splitFactiva splits Factiva articles at their document-id lines. Lines
// before an article's headline and after the last article (the search
// summary) are set aside and counted in skipped.
func (r *reader) splitFactiva(lines []string) (arts []annotate.Article, skipped int) {
	start, pos := 0, 0
	for i, l := range lines {
		m := factivaDoc.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		seg := lines[start:i]
		start = i + 1
		pos++
		a, cover, ok := parseFactivaCoded(seg) // "Full Article/Report plus Indexing"
		if !ok {
			a, cover, ok = parseFactiva(seg)
		}
		skipped += cover
		if !ok {
			r.warn(0, "document %d (%s): no word count, date and source found above its text; set aside", pos, m[1])
			continue
		}
		a.Origin.DocID = m[1]
		// the article's number in a numbered list ("12) ") is not its title
		a.Title = strings.TrimPrefix(a.Title, strconv.Itoa(pos)+") ")
		r.finishExport(&a, dbFactiva, pos)
		arts = append(arts, a)
	}
	skipped += countNonBlank(lines[start:])
	return arts, skipped
}

func parseFactiva(seg []string) (a annotate.Article, cover int, ok bool) {
	wc := -1
	for i, l := range seg {
		if factivaWords.MatchString(l) {
			wc = i
			break
		}
	}
	if wc < 0 {
		return a, 0, false
	}
	a.Origin.Length = cleanField(seg[wc])
	// above the word count: the headline, then an optional byline
	var above []int
	for i := wc - 1; i >= 0 && len(above) < 3; i-- {
		if seg[i] != "" {
			above = append(above, i)
		}
	}
	if len(above) == 0 {
		return a, 0, false
	}
	h := above[0]
	marked := false
	for _, i := range above {
		switch seg[i][0] {
		case markHeadline:
			h, marked = i, true
		case markByline:
			a.Byline = cleanField(bylinePrefix.ReplaceAllString(seg[i][1:], "$2"))
		}
	}
	if marked {
		// the markup says which line is which
	} else if len(above) > 1 && bylinePrefix.MatchString(seg[above[0]]) {
		a.Byline = cleanField(strings.TrimPrefix(seg[above[0]], strings.Fields(seg[above[0]])[0]))
		h = above[1]
	}
	a.Title = cleanField(seg[h])
	cover = countNonBlank(seg[:h])
	i := wc + 1
	next := func() string {
		for i < len(seg) && seg[i] == "" {
			i++
		}
		if i < len(seg) {
			return seg[i]
		}
		return ""
	}
	t, ok := parseDateLine(next())
	if !ok {
		return a, cover, false
	}
	a.PublishedAt = t
	i++
	if l := next(); factivaTime.MatchString(l) {
		if hh, mm, ok := clock(strings.Fields(l)[0]); ok {
			a.PublishedAt = a.PublishedAt.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
		}
		i++
	}
	a.Outlet = cleanField(next())
	i++
	// source code, edition, page, language and the copyright line follow
	// the source: when a copyright line comes within the next lines, the
	// text starts after it, whatever the lines between say
	seen := 0
	for j := i; j < len(seg) && seen < 8; j++ {
		if seg[j] == "" {
			continue
		}
		seen++
		if isCopyright(seg[j]) {
			i = j + 1
			for i < len(seg) && isCopyright(seg[i]) { // "All Rights Reserved" on a line of its own
				i++
			}
		}
	}
	for i < len(seg) {
		l := next()
		if l == "" {
			break
		}
		if factivaCode.MatchString(l) || languageNames[strings.ToLower(l)] || isCopyright(l) || factivaPage.MatchString(l) ||
			editionLine.MatchString(l) || isNumber(l) {
			i++
			continue
		}
		break
	}
	body := seg[min(i, len(seg)):]
	var kept []string
	for _, l := range body {
		if strings.HasPrefix(l, "License this article from") {
			continue
		}
		kept = append(kept, l)
	}
	// Factiva ends the text with the publisher's name ("Verlag der
	// Tagesspiegel GmbH", "Independent Newspapers Ireland Limited")
	for k := len(kept) - 1; k >= 0; k-- {
		if kept[k] == "" {
			continue
		}
		if publisherLine(kept[k], a.Outlet) {
			kept = kept[:k]
		}
		break
	}
	a.Text = joinParagraphs(kept)
	return a, cover, a.Title != ""
}

// publisherRE matches the words of a company's name.
var publisherRE = regexp.MustCompile(`(?i)\b(gmbh|ltd|limited|inc|llc|plc|co\.|corp|company|s\.a\.|s\.p\.a\.|ag|verlag|media|publishing|publications|group|syndication|digital|newspapers|\(full text\))`)

// publisherLine reports whether l is a publisher's name: short, not a
// sentence, and a company's name (or the source's own).
func publisherLine(l, outlet string) bool {
	if utf8.RuneCountInString(l) > 80 || endsSentence(l) {
		return false
	}
	return publisherRE.MatchString(l) || strings.EqualFold(l, outlet)
}

// htmlLines turns an HTML page into its lines of text: one line per block
// element (paragraph, heading, div, list item, table cell, line break),
// scripts and styles left out.
func htmlLines(b []byte) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var lines []string
	var cur strings.Builder
	flush := func() {
		lines = append(lines, strings.Join(strings.Fields(cur.String()), " "))
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Head, atom.Noscript, atom.Template:
				return
			case atom.Br:
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && exportBlocks[n.DataAtom]
		if block {
			flush()
			if m := htmlMark(n); m != 0 {
				cur.WriteByte(m)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(doc)
	flush()
	return squeezeBlank(lines), nil
}

var exportBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Table: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Hr: true, atom.Body: true, atom.Ul: true, atom.Ol: true,
	atom.Dd: true, atom.Dt: true, atom.Center: true, atom.Span: false,
}

// squeezeBlank keeps at most one blank line in a row.
func squeezeBlank(lines []string) []string {
	out := lines[:0]
	for i, l := range lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, lines[i])
	}
	return out
}

// Marks htmlLines puts before the text of an element whose markup names
// its role: Factiva's headline (<div id="hd">) and byline (<div
// class="author">). They are control characters, so cleanField and
// Normalize drop them wherever a line ends up.
const (
	markHeadline = '\x01'
	markByline   = '\x02'
)

func htmlMark(n *html.Node) byte {
	for _, a := range n.Attr {
		switch {
		case a.Key == "id" && a.Val == "hd":
			return markHeadline
		case a.Key == "class" && strings.Contains(" "+a.Val+" ", " author "):
			return markByline
		}
	}
	return 0
}

// isNumber reports whether s is digits only (a page number).
func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
