package ingest

import (
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"redline/annotate"
)

// MaxDocumentBytes is the largest DOCX, ODT, RTF or PDF file Redline reads.
// Such a file is read whole; a news-database export of several hundred
// articles is a few megabytes.
var MaxDocumentBytes int64 = 256 << 20

// documentFormat reports whether kind is a word-processor or PDF document,
// read whole and turned into paragraphs before its articles are found.
func documentFormat(kind format) bool {
	return kind == formatDOCX || kind == formatODT || kind == formatRTF || kind == formatPDF
}

// readDocument reads a DOCX, ODT, RTF or PDF file. Its paragraphs become
// the articles of a Nexis or Factiva export, or one article.
func (r *reader) readDocument(in io.Reader, kind format) error {
	data, err := io.ReadAll(io.LimitReader(in, MaxDocumentBytes+1))
	if err != nil {
		return fail("cannot read: %s", osReason(err))
	}
	if int64(len(data)) > MaxDocumentBytes {
		return fail("file is larger than the %s limit for one document; split the export into smaller downloads", megabytesRound(MaxDocumentBytes))
	}
	var lines []string
	switch kind {
	case formatDOCX:
		lines, err = docxLines(data)
	case formatODT:
		lines, err = odtLines(data)
	case formatRTF:
		lines, err = r.rtfLines(data)
	case formatPDF:
		lines, err = r.pdfLines(data)
	}
	if err != nil {
		return err
	}
	return r.fromLines(lines)
}

// fromLines turns a document's paragraphs into articles: a news-database
// export is split, anything else is one article whose first line is its
// title.
func (r *reader) fromLines(lines []string) error {
	for i, l := range lines {
		lines[i] = cleanLine(l)
	}
	if r.splitExport(lines) {
		return nil
	}
	text := joinParagraphs(lines)
	if text == "" {
		return fail("the document holds no text")
	}
	a, err := r.parseText([]byte(text), false)
	if err != nil {
		return err
	}
	a.SourcePath = r.path
	a.Fill()
	r.res.Articles = append(r.res.Articles, a)
	return nil
}

// splitExport finds the articles of a Nexis Uni, LexisNexis Academic or
// Factiva export among lines (each trimmed). It returns false when the
// lines are not such an export.
func (r *reader) splitExport(lines []string) bool {
	var (
		arts    []annotate.Article
		skipped int
		db      string
	)
	warned := len(r.res.Warnings)
	switch db = sniffNexis(lines); {
	case db == dbNexisUni:
		arts, skipped = r.splitNexisUni(lines)
	case sniffFactiva(lines):
		db = dbFactiva
		arts, skipped = r.splitFactiva(lines)
	case db == dbLexisAcademic:
		arts, skipped = r.splitLexisAcademic(lines)
	default:
		return false
	}
	if skipped > 0 {
		r.warn(0, "%s export: set aside %d lines of cover page, list of titles or search summary (not articles)", db, skipped)
	}
	if len(arts) == 0 {
		// a marker line in an ordinary document ("End of Document" closing
		// a memo): read it as the one article it is
		r.res.Warnings = r.res.Warnings[:warned]
		return false
	}
	r.res.Articles = append(r.res.Articles, arts...)
	return true
}

// exportMark finds, in a file's raw bytes, a line that marks a document in
// an export: "End of Document" (and its translations), "3 of 100
// DOCUMENTS", or a Factiva document id. Only files that have one are split.
var exportMark = regexp.MustCompile(`(?i)(?:end of document|ende des dokuments|dokumentende|fin du document|fin del documento|fine del documento|einde van document|fim do documento)|\d+\s+(?:of|von|de|di|van)\s+\d+\s+(?:documents?|dokumente?n?|documentos?|documenti|documenten)\b|(?:document|dokument|documento)\s+(?:[a-z0-9]{16,40}\b|\d+\s+(?:von|de|di|of|van)\s+\d+)`)

// readExportText splits a text file that is a news-database export. It
// returns false, leaving the reader as it was, for any other text.
func (r *reader) readExportText(b []byte) bool {
	if !exportMark.Match(b) {
		return false // cheap: every layout Redline splits marks its documents
	}
	b, fixed := windows1252Fallback(b)
	text, _ := Normalize(b)
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = cleanLine(l)
	}
	if sniffNexis(lines) == "" && !sniffFactiva(lines) {
		return false
	}
	r.warnFallback(fixed)
	return r.splitExport(lines)
}

// readExportHTML splits an HTML page that is a news-database export (a
// Factiva HTML download).
func (r *reader) readExportHTML(b []byte) bool {
	if !exportMark.Match(b) {
		return false
	}
	b, fixed := windows1252Fallback(b)
	lines, err := htmlLines(b)
	if err != nil {
		return false
	}
	for i, l := range lines {
		lines[i] = cleanLine(l)
	}
	if sniffNexis(lines) == "" && !sniffFactiva(lines) {
		return false
	}
	r.warnFallback(fixed)
	return r.splitExport(lines)
}

// windows1252Fallback reads the bytes of b that are not UTF-8 as
// Windows-1252: exports saved by a browser often mix the two ("W\xf6rter"
// in a page that says it is UTF-8). It returns b unchanged when b is valid
// UTF-8, and how many bytes it read so.
func windows1252Fallback(b []byte) ([]byte, int) {
	if utf8.Valid(b) {
		return b, 0
	}
	out := make([]byte, 0, len(b)+64)
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(b[0]))
			n++
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out, n
}

func (r *reader) warnFallback(n int) {
	if n > 0 {
		r.warn(0, "%d bytes that are not UTF-8 read as Windows-1252 (the file mixes encodings); check accented letters", n)
	}
}

// cleanLine trims a line and makes no-break and other odd spaces plain.
func cleanLine(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\u00a0\u2007\u202f\t") {
		s = strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u2007", " ", "\u202f", " ").Replace(s)), " ")
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// Extensions lists the file extensions Redline reads, sorted, for a file
// dialog's filter and for messages.
func Extensions() []string {
	out := make([]string, 0, len(formats))
	for ext := range formats {
		out = append(out, ext)
	}
	sort.Strings(out)
	return out
}
