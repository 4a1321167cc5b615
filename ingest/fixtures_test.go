package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// The fixtures below are texts written for these tests, laid out as the
// news databases lay out their exports. Every story is fictional.

// story is one fictional article.
type story struct {
	title, outlet, date, section, length, byline, load string
	paras                                              []string
}

var storyTitles = []string{
	"Harbour workers vote to extend strike into second week",
	"Regional grid operator warns of tight winter supply",
	"Court hears appeal over closed press archive",
	"Grain convoy reaches northern depot after delay",
	"Flood defences hold as river peaks below record",
	"Demining teams clear fields ahead of planting season",
}

var storyOutlets = []string{"The Northern Ledger", "Harbour Gazette", "Süddeutsche Rundschau", "Le Courrier du Port", "El Diario del Sur", "Il Giornale di Bordo"}

var storyDates = []string{
	"March 18, 2024 Monday",
	"Tuesday, March 19, 2024 10:49 AM GMT",
	"20. März 2024 Mittwoch",
	"jeudi 21 mars 2024",
	"22 de marzo de 2024 viernes",
	"23 marzo 2024 sabato",
}

// storyAt returns the i-th fictional story; every i gives a different text.
func storyAt(i int) story {
	k := i % len(storyTitles)
	n := i + 3
	s := story{
		title:   storyTitles[k],
		outlet:  storyOutlets[k],
		date:    storyDates[k],
		section: fmt.Sprintf("NEWS; Pg. %d", k+2),
		length:  fmt.Sprintf("%d words", 180+i),
		byline:  []string{"Mara Quist", "Tobias Renn", "Anna Weber", "Lucie Marchand", "Pablo Iturbe", "Giulia Ferri"}[k],
		load:    "March 25, 2024",
	}
	if i >= len(storyTitles) {
		s.title = fmt.Sprintf("%s (update %d)", s.title, i)
	}
	s.paras = []string{
		fmt.Sprintf("Officials said on the %d%s day of talks that %d crews were still waiting at the gates, and that a further meeting was planned for the weekend.", n%28+1, ordinal(n%28+1), n*7),
		fmt.Sprintf("\u201cWe are not going anywhere until the offer changes,\u201d said a spokesperson for the workers\u2019 committee, who asked that the figure of %d be checked against the ledger.", 1000+n),
		"The regional council has not commented. A statement is expected later in the week, according to two people familiar with the plans.",
		fmt.Sprintf("Shipping agents estimate the backlog at %d containers, the highest since the autumn.", 300+n*11),
	}
	return s
}

func ordinal(n int) string {
	switch {
	case n%10 == 1 && n != 11:
		return "st"
	case n%10 == 2 && n != 12:
		return "nd"
	case n%10 == 3 && n != 13:
		return "rd"
	}
	return "th"
}

// nexisUniCover is the cover page Nexis Uni puts before the articles.
func nexisUniCover(stories []story) []string {
	lines := []string{
		"User Name: =Redline Test",
		"Date and Time: = March 25, 2024 4:12 PM EDT",
		"Job Number: 217684031",
		"",
		fmt.Sprintf("Documents (%d)", len(stories)),
		"",
	}
	for i, s := range stories {
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, s.title), "Client/Matter: -None-", "Search Terms: harbour strike", "Search Type: Terms and Connectors", "Narrowed by:", "Content Type: News", "")
	}
	return lines
}

// nexisUniLines lays stories out as a Nexis Uni DOCX/PDF/RTF/TXT export
// does, one paragraph a line, with its cover page.
func nexisUniLines(stories []story) []string {
	lines := nexisUniCover(stories)
	for _, s := range stories {
		lines = append(lines,
			s.title,
			s.outlet,
			s.date,
			"Copyright 2024 "+s.outlet+" Ltd All Rights Reserved",
			"",
			"Section: "+s.section,
			"Length: "+s.length,
			"Byline: "+s.byline,
			"",
			"Body",
			"",
		)
		for _, p := range s.paras {
			lines = append(lines, p, "")
		}
		lines = append(lines,
			"Classification",
			"",
			"Language: ENGLISH",
			"",
			"Publication-Type: Newspaper",
			"",
			"Subject: STRIKES (91%); LABOR UNIONS (89%); PORTS (78%)",
			"",
			"Load-Date: "+s.load,
			"",
			"End of Document",
			"",
		)
	}
	return lines
}

// lexisAcademicText lays stories out as an older LexisNexis Academic text
// export: "N of M DOCUMENTS", centred publication and date, KEY: lines.
func lexisAcademicText(stories []story) string {
	var b strings.Builder
	for i, s := range stories {
		fmt.Fprintf(&b, "\r\n                              %d of %d DOCUMENTS\r\n\r\n\r\n", i+1, len(stories))
		fmt.Fprintf(&b, "                             %s\r\n\r\n", s.outlet)
		fmt.Fprintf(&b, "                           %s\r\n", s.date)
		b.WriteString("                                Final Edition\r\n\r\n")
		fmt.Fprintf(&b, "%s\r\n\r\n", s.title)
		fmt.Fprintf(&b, "BYLINE: %s\r\n\r\nSECTION: %s\r\n\r\nLENGTH: %s\r\n\r\n\r\n", s.byline, s.section, s.length)
		for _, p := range s.paras {
			fmt.Fprintf(&b, "%s\r\n\r\n", p)
		}
		fmt.Fprintf(&b, "\r\nLOAD-DATE: %s\r\n\r\nLANGUAGE: ENGLISH\r\n\r\nPUBLICATION-TYPE: Newspaper\r\n\r\n", s.load)
		fmt.Fprintf(&b, "                  Copyright 2024 %s Ltd\r\n                              All Rights Reserved\r\n\r\n", s.outlet)
	}
	return b.String()
}

// factivaID is a Factiva-like document id for story i.
func factivaID(i int) string {
	return fmt.Sprintf("HRLD0000202403%02dek3i%04dp", 18+i%6, i)
}

// factivaLines lays stories out as a Factiva article display: headline,
// byline, word count, date, source, code, language, copyright, text,
// document id; then a search summary.
func factivaLines(stories []story) []string {
	var lines []string
	for i, s := range stories {
		lines = append(lines, s.title, "By "+s.byline, fmt.Sprintf("%d words", 180+i), factivaDates[i%len(factivaDates)],
			s.outlet, "HRLD", "English", "(c) 2024 "+s.outlet+". All rights reserved.")
		lines = append(lines, s.paras...)
		lines = append(lines, "Document "+factivaID(i))
	}
	return append(lines, "Search Summary", "Text: harbour strike", "Date: 01/03/2024 to 31/03/2024", "Source: All Sources", "Results Found: "+fmt.Sprint(len(stories)))
}

var factivaDates = []string{"18 March 2024", "19 March 2024", "20 März 2024", "21 mars 2024", "22 marzo 2024", "23 maart 2024"}

// factivaHTML lays stories out as a Factiva HTML download.
func factivaHTML(stories []story) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Factiva</title><style>.enHeadline{font-weight:bold}</style></head><body>\n")
	b.WriteString("<div id=\"headlines\"><b>Headlines</b></div>\n")
	for i, s := range stories {
		b.WriteString("<div class=\"article enArticle\">\n")
		fmt.Fprintf(&b, "<div id=\"hd\"><span class=\"enHeadline\">%s</span></div>\n", htmlEsc(s.title))
		fmt.Fprintf(&b, "<div class=\"author\">By %s</div>\n", htmlEsc(s.byline))
		fmt.Fprintf(&b, "<div>%d words</div>\n<div>%s</div>\n<div>%s</div>\n<div>HRLD</div>\n<div>English</div>\n", 180+i, factivaDates[i%len(factivaDates)], htmlEsc(s.outlet))
		fmt.Fprintf(&b, "<div>&copy; 2024 %s. All rights reserved.</div>\n", htmlEsc(s.outlet))
		for _, p := range s.paras {
			fmt.Fprintf(&b, "<p class=\"articleParagraph enarticleParagraph\">%s</p>\n", htmlEsc(p))
		}
		fmt.Fprintf(&b, "<p>Document %s</p>\n</div>\n", factivaID(i))
	}
	b.WriteString("<table><tr><td>Search Summary</td></tr><tr><td>Text</td><td>harbour strike</td></tr></table>\n</body></html>\n")
	return []byte(b.String())
}

func htmlEsc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func xmlEsc(s string) string {
	var b bytes.Buffer
	_ = xmlEscape(&b, s)
	return b.String()
}

func xmlEscape(b *bytes.Buffer, s string) error {
	b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s))
	return nil
}

// makeDOCX writes paragraphs as a minimal Word document, each article's
// title starting a new page, runs split as Word splits them.
func makeDOCX(t testing.TB, paras []string) []byte {
	t.Helper()
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	doc.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range paras {
		doc.WriteString(`<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>`)
		if p == "Body" || strings.HasPrefix(p, "Length:") {
			doc.WriteString(`<w:r><w:rPr><w:b/></w:rPr><w:t>`)
			doc.WriteString(xmlEsc(p))
			doc.WriteString(`</w:t></w:r>`)
		} else if k, v, ok := strings.Cut(p, ": "); ok && len(k) < 20 {
			// Nexis writes the key bold and the value in a run of its own
			fmt.Fprintf(&doc, `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">%s: </w:t></w:r><w:r><w:t>%s</w:t></w:r>`, xmlEsc(k), xmlEsc(v))
		} else if p != "" {
			fmt.Fprintf(&doc, `<w:r><w:t xml:space="preserve">%s</w:t></w:r>`, xmlEsc(p))
		}
		doc.WriteString(`</w:p>`)
		if p == "End of Document" {
			doc.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
		}
	}
	doc.WriteString(`<w:sectPr/></w:body></w:document>`)
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   doc.String(),
	}, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
}

// makeODT writes paragraphs as a minimal OpenDocument text; the first is a
// heading.
func makeODT(t testing.TB, paras []string, encrypted bool) []byte {
	t.Helper()
	var c strings.Builder
	c.WriteString(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>`)
	for i, p := range paras {
		if i == 0 {
			fmt.Fprintf(&c, `<text:h text:outline-level="1">%s</text:h>`, xmlEsc(p))
			continue
		}
		// a double space written as ODF writes it
		p = xmlEsc(p)
		p = strings.Replace(p, ", ", `,<text:s/>`, 1)
		fmt.Fprintf(&c, `<text:p text:style-name="P1"><text:span>%s</text:span></text:p>`, p)
	}
	c.WriteString(`</office:text></office:body></office:document-content>`)
	manifest := `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">`
	if encrypted {
		manifest += `<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data>`
	}
	manifest += `</manifest:file-entry></manifest:manifest>`
	return zipOf(t, map[string]string{
		"mimetype":              "application/vnd.oasis.opendocument.text",
		"META-INF/manifest.xml": manifest,
		"content.xml":           c.String(),
	}, "mimetype", "META-INF/manifest.xml", "content.xml")
}

func zipOf(t testing.TB, files map[string]string, order ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// makeRTF writes paragraphs as RTF the way word processors do: a font and
// colour table, an info group, Windows-1252 bytes as \'hh and other
// characters as \uN with a fallback.
func makeRTF(paras []string) []byte {
	var b strings.Builder
	b.WriteString(`{\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil\fcharset0 Calibri;}{\f1\froman Times New Roman;}}` + "\r\n")
	b.WriteString(`{\colortbl ;\red0\green0\blue255;}` + "\r\n")
	b.WriteString(`{\*\generator Riched20 10.0.19041}{\info{\title Export}{\author Redline tests}}\viewkind4\uc1` + "\r\n")
	for _, p := range paras {
		b.WriteString(`\pard\sa200\sl276\slmult1\f0\fs22 `)
		if p == "Body" {
			b.WriteString(`{\b Body}`)
		}
		for _, r := range p {
			if p == "Body" {
				break
			}
			switch {
			case r == '\\' || r == '{' || r == '}':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r < 0x80:
				b.WriteRune(r)
			default:
				if c, ok := charmap.Windows1252.EncodeRune(r); ok && r != '\u201c' && r != '\u201d' {
					fmt.Fprintf(&b, `\'%02x`, c)
				} else if r == '\u201c' {
					b.WriteString(`\ldblquote `)
				} else if r == '\u201d' {
					b.WriteString(`\rdblquote `)
				} else {
					fmt.Fprintf(&b, `\u%d?`, int16(r))
				}
			}
		}
		b.WriteString("\\par\r\n")
	}
	b.WriteString("}\r\n")
	return []byte(b.String())
}

// makePDF writes lines of text as a PDF with a text layer (Helvetica,
// WinAnsi), perPage lines a page. With encrypt, the trailer names a
// standard-security encryption dictionary whose user password is not
// empty. With scanned, pages carry only a picture and no text.
func makePDF(lines []string, perPage int, encrypt, scanned bool) []byte {
	var objs []string // object n is objs[n-1]
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add("") // pages, filled in below
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	img := add("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\x80\x10\nendstream")
	var kids []string
	for start := 0; start < len(lines) || start == 0; start += perPage {
		var content strings.Builder
		if scanned {
			content.WriteString("q 500 0 0 700 50 50 cm /Im1 Do Q\n")
		} else {
			content.WriteString("BT /F1 10 Tf 12 TL 50 780 Td\n")
			for _, l := range lines[start:min(start+perPage, len(lines))] {
				content.WriteString("(")
				for _, r := range l {
					c, ok := charmap.Windows1252.EncodeRune(r)
					if !ok {
						c = '?'
					}
					switch {
					case c == '(' || c == ')' || c == '\\':
						content.WriteByte('\\')
						content.WriteByte(c)
					case c < 0x20 || c >= 0x80:
						fmt.Fprintf(&content, "\\%03o", c)
					default:
						content.WriteByte(c)
					}
				}
				content.WriteString(") Tj T*\n")
			}
			content.WriteString("ET\n")
		}
		cs := content.String()
		cn := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(cs), cs))
		pn := add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", font, img, cn))
		kids = append(kids, fmt.Sprintf("%d 0 R", pn))
		if len(lines) == 0 {
			break
		}
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	enc := 0
	if encrypt {
		enc = add("<< /Filter /Standard /V 1 /R 2 /O <" + strings.Repeat("3a", 32) + "> /U <" + strings.Repeat("5c", 32) + "> /P -44 >>")
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	trailer := fmt.Sprintf("<< /Size %d /Root 1 0 R", len(objs)+1)
	if encrypt {
		trailer += fmt.Sprintf(" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]", enc)
	}
	fmt.Fprintf(&b, "trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}
