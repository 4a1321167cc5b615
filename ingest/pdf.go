package ingest

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// PDFToText is the poppler program Redline reads PDF text with. Debian and
// Ubuntu ship it in poppler-utils; macOS in Homebrew's poppler.
var PDFToText = "pdftotext"

// pdfTimeout bounds one PDF's conversion; a 500-page export takes a few
// seconds.
const pdfTimeout = 2 * time.Minute

// pdfPageLine matches the page numbers databases print at a page's foot
// ("Page 3 of 41"), set aside.
var pdfPageLine = regexp.MustCompile(`(?i)^(page|seite|página|pagina|pagine)\s+\d+\s+(of|von|de|di|sur)\s+\d+$`)

// pdfLines returns the lines of a PDF's text layer, in reading order, as
// poppler's pdftotext gives them, page-number lines left out.
func (r *reader) pdfLines(data []byte) ([]string, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("%PDF-")) {
		return nil, fail("not a PDF document: it does not start with %%PDF-; download it again")
	}
	bin, err := exec.LookPath(PDFToText)
	if err != nil {
		return nil, fail("reading PDF needs poppler's pdftotext, which is not installed; install poppler-utils (Debian, Ubuntu) or poppler (Homebrew), or export the articles as DOCX, and import again")
	}
	ctx, cancel := context.WithTimeout(r.ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-bbox-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	err = cmd.Run()
	if ctx.Err() != nil {
		if r.ctx.Err() != nil {
			return nil, r.ctx.Err()
		}
		return nil, fail("reading the PDF took longer than %s; split it into smaller files", pdfTimeout)
	}
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && (ee.ExitCode() == 3 || pdfEncrypted(data)) {
			return nil, fail("password-protected: the PDF needs a password to open, so Redline cannot read it; save an unprotected copy (or export the articles again without a password) and import that")
		}
		if pdfEncrypted(data) {
			return nil, fail("password-protected: the PDF is encrypted, so Redline cannot read it; save an unprotected copy and import that")
		}
		reason := strings.TrimSpace(stderr.String())
		if reason == "" {
			reason = err.Error()
		}
		return nil, fail("the PDF is damaged and its text cannot be read (%s); download it again", firstLineOf(reason))
	}
	lines, err := bboxLines(stdout.Bytes())
	if err != nil {
		return nil, fail("the PDF's text could not be laid out (%v); export the articles as DOCX instead", err)
	}
	if strings.TrimSpace(strings.Join(lines, "")) == "" {
		return nil, fail("the PDF has no text layer: it looks like a scanned document (pages stored as pictures); run it through OCR (for example ocrmypdf) and import the result")
	}
	return lines, nil
}

// pdfEncrypted reports whether the PDF's trailer names an encryption
// dictionary.
func pdfEncrypted(data []byte) bool {
	return bytes.Contains(data, []byte("/Encrypt"))
}

func firstLineOf(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimPrefix(strings.TrimSpace(s), "Syntax Error: ")
}

// bboxLines turns pdftotext's -bbox-layout output (XHTML with a line
// element per printed line and a word element per word, each with its box)
// into lines. A gap between two printed lines taller than half a line is a
// paragraph break (a blank line); a line that runs the full width of the
// text continues on the next one when no such gap follows, as one
// paragraph wrapped; short lines (titles, dates, "Length: 742 words") and
// the lines that mark an export's structure stay lines of their own.
// Page-number lines are left out.
func bboxLines(out []byte) ([]string, error) {
	type line = pdfLine
	var (
		printed []line
		words   []string
		cur     line
		inWord  bool
		word    strings.Builder
		widest  float64
		page    int
	)
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false // XHTML with HTML's entities
	dec.Entity = xml.HTMLEntity
	dec.AutoClose = xml.HTMLAutoClose
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				page++
			case "line":
				words = words[:0]
				cur = line{x0: attrFloat(t, "xMin"), x1: attrFloat(t, "xMax"), y0: attrFloat(t, "yMin"), y1: attrFloat(t, "yMax"), page: page}
			case "word":
				inWord = true
				word.Reset()
			}
		case xml.CharData:
			if inWord {
				word.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				inWord = false
				words = append(words, word.String())
			case "line":
				cur.text = strings.Join(words, " ")
				if pdfPageLine.MatchString(cur.text) {
					continue
				}
				widest = max(widest, cur.x1-cur.x0)
				printed = append(printed, cur)
			}
		}
	}
	printed = dropRunning(printed)
	var lines []string
	for i, l := range printed {
		if i == 0 {
			lines = append(lines, l.text)
			continue
		}
		prev := printed[i-1]
		height := prev.y1 - prev.y0
		gap := l.y0 - prev.y1
		switch {
		case l.page != prev.page:
			// a new page: no gap to go by, so a full line continues on it
			// only mid-sentence; a sentence that ends at the foot of a page
			// is taken to end its paragraph
			lines = append(lines, l.text)
			if prev.x1-prev.x0 >= widest*0.8 && !structural(l.text) && !structural(prev.text) && !endsSentence(prev.text) {
				lines = lines[:len(lines)-1]
				lines[len(lines)-1] += " " + l.text
			}
		case gap > height*0.5:
			lines = append(lines, "", l.text)
		case prev.x1-prev.x0 >= widest*0.8 && !structural(l.text) && !structural(prev.text):
			last := lines[len(lines)-1]
			if strings.HasSuffix(last, "-") {
				lines[len(lines)-1] = last + l.text // a hyphen at the line end is kept: the word may be compound
			} else {
				lines[len(lines)-1] = last + " " + l.text
			}
		default:
			lines = append(lines, l.text)
		}
	}
	return lines, nil
}

// structural reports whether a line marks the structure of a news-database
// export, and so is never joined to the line before or after it.
func structural(l string) bool {
	return factivaDoc.MatchString(l) || nexisEnd.MatchString(l) || nexisOldStart.MatchString(l) ||
		nexisBody.MatchString(l) || isNexisTail(l) || isNexisHeadKey(l) || factivaWords.MatchString(l)
}

func attrFloat(t xml.StartElement, name string) float64 {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}

// pdfLine is one printed line of a PDF page and its box.
type pdfLine struct {
	text           string
	x0, x1, y0, y1 float64
	page           int
}

// dropRunning leaves out running headers and footers: a line that is the
// first or last printed on most pages (digits aside, so "Page 3 of 41"
// counts as one line) when the document has three pages or more. Lines
// that mark an export's structure stay.
func dropRunning(printed []pdfLine) []pdfLine {
	pages := 0
	if len(printed) > 0 {
		pages = printed[len(printed)-1].page
	}
	if pages < 3 {
		return printed
	}
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '#'
			}
			return r
		}, s)
	}
	edge := make([]bool, len(printed)) // first or last on its page
	for i, l := range printed {
		edge[i] = i == 0 || printed[i-1].page != l.page || i == len(printed)-1 || printed[i+1].page != l.page
	}
	onPages := map[string]map[int]bool{}
	for i, l := range printed {
		if !edge[i] || structural(l.text) {
			continue
		}
		k := key(l.text)
		if onPages[k] == nil {
			onPages[k] = map[int]bool{}
		}
		onPages[k][l.page] = true
	}
	out := printed[:0:0]
	for i, l := range printed {
		if edge[i] && !structural(l.text) && len(onPages[key(l.text)])*10 >= pages*6 {
			continue
		}
		out = append(out, l)
	}
	return out
}

// endsSentence reports whether a line ends with a sentence's last mark.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'\u201d\u2019\u00bb)")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ":")
}
