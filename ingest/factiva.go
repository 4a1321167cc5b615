package ingest

import (
	"bytes"
	"regexp"
	"strings"
	"time"

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
var factivaTime = regexp.MustCompile(`^\d{1,2}:\d{2}(\s+[A-Z]{2,5})?$`)

// factivaCode matches a source code ("HRLD", "LBA", "FTCOM").
var factivaCode = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)

// factivaPage matches page and edition lines ("Page 4", "Final Edition").
var factivaPage = regexp.MustCompile(`(?i)^(page|seite|pagina|página|p\.)\s*[\w-]+$|edition$|ausgabe$`)

// bylinePrefix matches a byline line ("By Jane Doe", "Von Anna Weber").
var bylinePrefix = regexp.MustCompile(`(?i)^(by|von|par|por|di|door|de)\s+\p{Lu}`)

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
	if len(above) > 1 && bylinePrefix.MatchString(seg[above[0]]) {
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
	for i < len(seg) {
		l := next()
		if l == "" {
			break
		}
		if factivaCode.MatchString(l) || languageNames[strings.ToLower(l)] || isCopyright(l) || factivaPage.MatchString(l) {
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
	a.Text = joinParagraphs(kept)
	return a, cover, a.Title != ""
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
