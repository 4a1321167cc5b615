package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// oleMagic starts an OLE compound file: an old Word 97-2003 document, or an
// Office document encrypted with a password (Office wraps those in OLE).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// utf16LE spells s in UTF-16LE, as OLE directory entries name their streams.
func utf16LE(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// openZip opens a DOCX or ODT file, saying in words what is wrong when it
// cannot: encrypted, an older format, or damaged.
func openZip(data []byte, what, app string) (*zip.Reader, error) {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, utf16LE("EncryptedPackage")) || bytes.Contains(data, utf16LE("EncryptionInfo")) {
			return nil, fail("password-protected: the %s is encrypted, so Redline cannot read it; open it in %s, remove the password (or save an unprotected copy) and import that", what, app)
		}
		return nil, fail("this is an older Word 97-2003 file, not %s; open it in %s, save it as .docx and import that", what, app)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fail("not a readable %s: the file is damaged or cut off (%v); download or save it again", what, zipReason(err))
	}
	return zr, nil
}

func zipReason(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "it is not a complete ZIP archive"
	case errors.Is(err, zip.ErrChecksum):
		return "a checksum does not match"
	}
	return err.Error()
}

// zipFile returns the contents of name in zr.
func zipFile(zr *zip.Reader, name string) ([]byte, bool, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, true, err
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, MaxDocumentBytes*4))
		return b, true, err
	}
	return nil, false, nil
}

// docxLines returns the paragraphs of a Word document (.docx), one line
// each. A line break inside a paragraph starts a new line too; deleted
// (tracked) text and field codes are left out.
func docxLines(data []byte) ([]string, error) {
	zr, err := openZip(data, "Word document", "Word or LibreOffice")
	if err != nil {
		return nil, err
	}
	body, ok, err := zipFile(zr, "word/document.xml")
	if !ok {
		return nil, fail("a ZIP archive but not a Word document (it has no word/document.xml); export it from the database again as DOCX")
	}
	if err != nil {
		return nil, fail("the Word document is damaged (%s); download or save it again", zipReason(err))
	}
	rels, _, _ := zipFile(zr, "word/_rels/document.xml.rels")
	return xmlLines(body, xmlRules{
		para:  map[string]bool{"p": true},
		text:  map[string]bool{"t": true},
		tab:   "tab",
		brk:   map[string]bool{"br": true, "cr": true},
		skip:  map[string]bool{"delText": true, "instrText": true},
		space: "",
		links: docIDLinks(rels),
	}, "Word document")
}

// nexisDocID finds a Nexis document id in a link's target
// ("...api/document?id=urn:contentItem:7Y2J-V420-YB0F-R3RW-00000-00&...").
var nexisDocID = regexp.MustCompile(`urn:contentItem:[A-Za-z0-9-]+`)

// docIDLinks maps the relationship ids of a Word document's hyperlinks to
// the Nexis document ids they point at. Nexis Uni links every article's
// title to its document.
func docIDLinks(rels []byte) map[string]string {
	links := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(rels))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return links
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "Relationship" {
			continue
		}
		var id, target string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Target":
				target = a.Value
			}
		}
		if m := nexisDocID.FindString(target); m != "" {
			links[id] = m
		}
	}
}

// markDocID is the mark xmlLines puts between a line and the document id
// its hyperlink points at; docLink takes it off again.
const markDocID = "\x03"

// docLinkMark matches a document-id mark and its id.
var docLinkMark = regexp.MustCompile(markDocID + `urn:contentItem:[A-Za-z0-9-]+`)

// docLink takes the document-id marks off a line (or lines joined), and
// returns the first id.
func docLink(line string) (text, id string) {
	if !strings.Contains(line, markDocID) {
		return line, ""
	}
	if m := docLinkMark.FindString(line); m != "" {
		id = m[len(markDocID):]
	}
	return docLinkMark.ReplaceAllString(line, ""), id
}

// odtLines returns the paragraphs and headings of an OpenDocument text
// (.odt), one line each.
func odtLines(data []byte) ([]string, error) {
	zr, err := openZip(data, "OpenDocument text", "LibreOffice")
	if err != nil {
		return nil, err
	}
	if manifest, ok, _ := zipFile(zr, "META-INF/manifest.xml"); ok && bytes.Contains(manifest, []byte("encryption-data")) {
		return nil, fail("password-protected: the OpenDocument text is encrypted, so Redline cannot read it; open it in LibreOffice, save a copy without a password and import that")
	}
	body, ok, err := zipFile(zr, "content.xml")
	if !ok {
		return nil, fail("a ZIP archive but not an OpenDocument text (it has no content.xml); save it again from LibreOffice as .odt")
	}
	if err != nil {
		return nil, fail("the OpenDocument text is damaged (%s); save it again", zipReason(err))
	}
	return xmlLines(body, xmlRules{
		para:  map[string]bool{"p": true, "h": true},
		text:  nil, // all character data inside a paragraph
		tab:   "tab",
		brk:   map[string]bool{"line-break": true},
		skip:  map[string]bool{"note-citation": true, "annotation": true, "note": true},
		space: "s",
	}, "OpenDocument text")
}

// xmlRules name the elements of a word-processor format by their local
// names.
type xmlRules struct {
	para  map[string]bool   // elements that are paragraphs
	text  map[string]bool   // elements whose character data is text; nil: all data inside a paragraph
	tab   string            // element that is a tab
	brk   map[string]bool   // elements that break a line
	skip  map[string]bool   // elements whose content is not text
	space string            // element standing for spaces (ODF's text:s, with a count c)
	links map[string]string // hyperlink relationship id -> document id
}

func xmlLines(body []byte, rules xmlRules, what string) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var (
		lines  []string
		cur    strings.Builder
		inPara int
		inText int
		skip   int
	)
	linked := "" // the document id a hyperlink in this line points at
	flush := func() {
		if linked != "" {
			cur.WriteString(markDocID + linked)
			linked = ""
		}
		lines = append(lines, cur.String())
		cur.Reset()
	}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail("the %s is damaged: its text cannot be read (%v); save it again", what, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if name == "hyperlink" && rules.links != nil {
				for _, a := range t.Attr {
					if a.Name.Local == "id" && rules.links[a.Value] != "" {
						linked = rules.links[a.Value]
					}
				}
			}
			switch {
			case rules.skip[name]:
				skip++
			case rules.para[name]:
				if inPara > 0 {
					flush()
				}
				inPara++
			case rules.text[name]:
				inText++
			case name == rules.tab:
				cur.WriteByte(' ')
			case rules.brk[name]:
				flush()
			case name == rules.space && rules.space != "":
				n := 1
				for _, a := range t.Attr {
					if a.Name.Local == "c" {
						if v, err := strconv.Atoi(a.Value); err == nil && v > 0 && v < 1000 {
							n = v
						}
					}
				}
				cur.WriteString(strings.Repeat(" ", n))
			}
		case xml.EndElement:
			name := t.Name.Local
			switch {
			case rules.skip[name]:
				skip--
			case rules.para[name]:
				inPara--
				flush()
			case rules.text[name]:
				inText--
			}
		case xml.CharData:
			if skip > 0 || inPara == 0 {
				continue
			}
			if rules.text == nil || inText > 0 {
				cur.Write(t)
			}
		}
	}
	return lines, nil
}
