package ingest

import (
	"regexp"
	"strings"

	"redline/annotate"
)

// Nexis Uni (and its predecessor LexisNexis Academic) exports print every
// article as a block of lines: title, publication, date, copyright, then
// "Key: value" lines (Section, Length, Byline...), "Body", the text, the
// classification lines and "Load-Date", and "End of Document". A cover page
// (user name, job number, the list of titles) comes first. The older text
// export starts each article with "3 of 100 DOCUMENTS" and puts the
// publication and date above the title.

// nexisEnd matches the line that ends an article in a Nexis Uni export, in
// the languages its interface offers.
var nexisEnd = regexp.MustCompile(`(?i)^(end of document|ende des dokuments|dokumentende|fin du document|fin del documento|fine del documento|einde van document|einde document|fim do documento)$`)

// nexisOldStart matches "3 of 100 DOCUMENTS" (German exports: "Dokument 3
// von 100", French: "Document 3 de 100"), the line that starts an article
// in an older LexisNexis Academic text export.
var nexisOldStart = regexp.MustCompile(`(?i)^(?:\d+\s+(of|von|de|di|van)\s+\d+\s+(documents?|dokumente?n?|documentos?|documenti|documenten)|(?:dokument|document|documento)\s+\d+\s+(?:von|de|di|of|van)\s+\d+)$`)

// nexisBody matches the line before an article's text.
var nexisBody = regexp.MustCompile(`(?i)^(body|text|texte|corps|cuerpo|testo|tekst|corpo)$`)

// keyLine matches "Key: value" with a key of letters and hyphens.
var keyLine = regexp.MustCompile(`^([\p{L}][\p{L}\- ]{1,30}?):\s*(.*)$`)

// nexisHeadKeys are the keys of the lines between the copyright line and
// the text, mapped to what Redline keeps of them ("" = set aside).
var nexisHeadKeys = map[string]string{
	"section": "section", "rubrik": "section", "rubrique": "section", "sección": "section",
	"seccion": "section", "sezione": "section", "rubriek": "section", "seção": "section", "secao": "section",
	"length": "length", "länge": "length", "laenge": "length", "longueur": "length", "longitud": "length",
	"lunghezza": "length", "lengte": "length", "comprimento": "length", "extensão": "length",
	"byline": "byline", "autor": "byline", "auteur": "byline", "autore": "byline", "auteurs": "byline",
	"author": "byline", "autores": "byline",
	"lnge": "length", "titel": "headline", "titre": "headline", "titular": "headline", "titolo": "headline",
	"dateline": "", "highlight": "", "edition": "", "ausgabe": "", "headline": "headline",
	"series": "", "version": "", "source": "", "type": "",
}

// nexisTailKeys are the keys of the lines after the text.
var nexisTailKeys = map[string]bool{
	"load-date": true, "language": true, "publication-type": true, "subject": true, "company": true,
	"organization": true, "person": true, "geographic": true, "industry": true, "graphic": true,
	"notes": true, "correction-date": true, "correction": true, "journal-code": true, "document-type": true,
	"url": true, "ticker": true, "city": true, "country": true, "state": true, "state/province": true,
	"sprache": true, "langue": true, "idioma": true, "lingua": true, "taal": true, "publikationstyp": true,
	"copyright": true, "terms": true, "distribution": true, "acc-no": true, "pub-type": true, "load date": true,
}

// coverLine matches lines of the cover page and its list of titles.
var coverLine = regexp.MustCompile(`^(\d+\.\s|Documents? \(\d+\)|Narrowed by|Content Type|News$|Client/Matter|Search Terms|Search Type|Sources?:|Quellen:|Job Number|Date and Time|User Name)`)

// yearLine matches a line that names a year, as a date line does.
var yearLine = regexp.MustCompile(`\b(1[89]|20)\d\d\b`)

// editionLine matches the edition line some publications print under the date.
var editionLine = regexp.MustCompile(`(?i)\b(edition|ausgabe|édition|edición|edizione|editie|edição)\b|^(final|late|early|first|city|metro|national|international)( \w+)?$`)

func isCopyright(line string) bool {
	l := strings.ToLower(line)
	return strings.HasPrefix(l, "copyright") || strings.HasPrefix(l, "©") || strings.HasPrefix(l, "(c)") ||
		strings.HasPrefix(l, "all rights reserved") || strings.HasPrefix(l, "alle rechte vorbehalten") ||
		strings.HasPrefix(l, "tous droits réservés")
}

// key splits "Key: value" and lower-cases the key.
func key(line string) (string, string, bool) {
	m := keyLine.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	return strings.ToLower(strings.TrimSpace(m[1])), strings.TrimSpace(m[2]), true
}

func isNexisHeadKey(line string) bool {
	k, _, ok := key(line)
	if !ok {
		return false
	}
	_, known := nexisHeadKeys[k]
	return known
}

func isNexisTail(line string) bool {
	if strings.EqualFold(line, "classification") || strings.EqualFold(line, "klassifikation") || strings.EqualFold(line, "classement") || strings.EqualFold(line, "graphic") {
		return true
	}
	k, _, ok := key(line)
	return ok && nexisTailKeys[k]
}

// sniffNexis says which Nexis layout the lines follow, if any.
func sniffNexis(lines []string) string {
	ends, olds := 0, 0
	for _, l := range lines {
		switch {
		case nexisEnd.MatchString(l):
			ends++
		case nexisOldStart.MatchString(l):
			olds++
		}
	}
	switch {
	case ends > 0:
		return dbNexisUni
	case olds > 0:
		return dbLexisAcademic
	}
	return ""
}

// Database names as Redline records them.
const (
	dbNexisUni      = "Nexis Uni"
	dbLexisAcademic = "LexisNexis Academic"
	dbFactiva       = "Factiva"
	dbMediaCloud    = "Media Cloud"
)

// splitNexisUni splits a Nexis Uni export into its articles. The lines
// before an article's title (the cover page, the list of titles) are set
// aside and counted in skipped.
func (r *reader) splitNexisUni(lines []string) (arts []annotate.Article, skipped int) {
	start := 0
	pos := 0
	for i := 0; i <= len(lines); i++ {
		if i < len(lines) && !nexisEnd.MatchString(lines[i]) {
			continue
		}
		seg := lines[start:i]
		start = i + 1
		if i == len(lines) {
			// after the last "End of Document": set aside unless it is an
			// article whose end marker was lost
			if blankLines(seg) {
				break
			}
		}
		pos++
		a, cover, badDate, ok := parseNexisUni(seg, pos == 1)
		skipped += cover
		if !ok {
			if i == len(lines) {
				skipped += countNonBlank(seg)
				pos--
				break
			}
			r.warn(0, "document %d: no title, publication and date found before its text; set aside", pos)
			continue
		}
		if badDate != "" {
			r.warn(0, "document %d (%s): date %q not understood, left empty; set it in the window", pos, a.Title, badDate)
		}
		r.finishExport(&a, dbNexisUni, pos)
		arts = append(arts, a)
	}
	return arts, skipped
}

// parseNexisUni reads one Nexis Uni article; cover counts the lines before
// its title, set aside.
func parseNexisUni(seg []string, first bool) (a annotate.Article, cover int, badDate string, ok bool) {
	head := -1 // the last line of the header: "Body", or the last key line
	for i, l := range seg {
		if nexisBody.MatchString(l) {
			head = i
			break
		}
	}
	if head < 0 {
		for i, l := range seg {
			if isNexisHeadKey(l) {
				if k, _, _ := key(l); k == "length" || k == "länge" || k == "longueur" || head < 0 {
					head = i
				}
			}
		}
	}
	if head < 0 {
		return a, 0, "", false
	}
	i := head
	if nexisBody.MatchString(seg[i]) {
		i--
	}
	headerStart := i + 1
	for i >= 0 && (seg[i] == "" || isNexisHeadKey(seg[i])) {
		headerStart = i
		i--
	}
	// title, publication and date are three lines in a row above the keys;
	// between the date and the keys may come the copyright and notes
	// ("Correction Appended"). The nearest date line with two lines above
	// it is the one.
	date := -1
	for _, loose := range []bool{false, true} {
		for j := head - 1; j >= 2 && date < 0; j-- {
			if seg[j-1] == "" || seg[j-2] == "" || isNexisHeadKey(seg[j-1]) || isNexisHeadKey(seg[j-2]) {
				continue
			}
			if t, ok := parseDateLoose(seg[j]); ok && !loose {
				a.PublishedAt, date = t, j
			} else if loose && yearLine.MatchString(seg[j]) && len(seg[j]) < 80 && !isCopyright(seg[j]) {
				// a date Redline cannot read to the day ("Spring 2024"):
				// still the date line, left empty
				badDate, date = seg[j], j
			}
		}
		if date >= 0 {
			break
		}
	}
	if date >= 0 {
		a.Outlet = cleanField(seg[date-1])
		i = date - 2
		headerStart = date + 1 // the keys, among notes and stray lines
	} else if !first {
		// no date: after an "End of Document" the first block of lines is
		// the title (a kicker may stand above it) and the publication last
		k := 0
		for k < len(seg) && seg[k] == "" {
			k++
		}
		end := k
		for end < len(seg) && seg[end] != "" && !isNexisHeadKey(seg[end]) && !isCopyright(seg[end]) {
			end++
		}
		i = end - 1
		if end-k >= 2 {
			a.Outlet = cleanField(seg[end-1])
			i = end - 2
		}
	} else {
		for i >= 0 && (seg[i] == "" || isCopyright(seg[i])) {
			i--
		}
		if i < 0 {
			return a, 0, "", false
		}
	}
	if !first {
		// every line above the title after an "End of Document" is part
		// of it: a kicker ("INTERNATIONAL BUSINESS;") over the headline
		var title []string
		for _, l := range seg[:i+1] {
			if l != "" {
				title = append(title, l)
			}
		}
		t, id := docLink(strings.Join(title, " "))
		a.Title, a.Origin.DocID = cleanField(t), id
	} else {
		// the cover page ends with blank lines; a kicker line right above
		// the headline belongs to the title
		k := i
		for k > 0 && seg[k-1] != "" && !isNexisHeadKey(seg[k-1]) && !coverLine.MatchString(seg[k-1]) {
			if _, _, isKey := key(seg[k-1]); isKey {
				break
			}
			k--
		}
		t, id := docLink(strings.Join(seg[k:i+1], " "))
		a.Title, a.Origin.DocID = cleanField(t), id
		cover = countNonBlank(seg[:k])
	}
	for _, l := range seg[headerStart : head+1] {
		k, v, ok := key(l)
		if !ok {
			continue
		}
		switch nexisHeadKeys[k] {
		case "section":
			a.Origin.Section = cleanField(v)
		case "length":
			a.Origin.Length = cleanField(v)
		case "byline":
			a.Byline = cleanField(v)
		}
	}
	body := seg[head+1:]
	end := tailStart(body, func(block []string) bool {
		return isNexisTail(block[0]) || strings.EqualFold(block[0], "classification")
	})
	for i, l := range body {
		if k, v, ok := key(l); ok && (k == "load-date" || k == "load date") && i >= end {
			if t, ok := parseDateLine(v); ok {
				a.Origin.LoadDate = t
			}
		}
	}
	a.Text = joinParagraphs(body[:end])
	return a, cover, badDate, true
}

// tailStart returns where the metadata after an article's text begins:
// the text ends before the last blocks (runs of lines between blank
// lines) that all start as isTail says ("LOAD-DATE: ...", "GRAPHIC: ..."
// with its caption lines, "Classification", the copyright). A
// "Classification" or "Graphic" line ends the text wherever it stands.
func tailStart(body []string, isTail func(block []string) bool) int {
	for i, l := range body {
		if strings.EqualFold(l, "classification") || strings.EqualFold(l, "klassifikation") || strings.EqualFold(l, "classement") || strings.EqualFold(l, "graphic") {
			body = body[:i]
			break
		}
	}
	end := len(body)
	for end > 0 {
		for end > 0 && body[end-1] == "" {
			end--
		}
		start := end
		for start > 0 && body[start-1] != "" {
			start--
		}
		if start == end {
			break
		}
		if !isTail(body[start:end]) {
			// paragraphs not parted by blank lines (a DOCX): the tail is
			// the last lines of the block that are all tail lines
			k := end
			for k > start && isTail(body[k-1:k]) {
				k--
			}
			end = k
			break
		}
		end = start
	}
	return end
}

// splitLexisAcademic splits an older LexisNexis Academic text export ("1 of
// 100 DOCUMENTS") into its articles.
func (r *reader) splitLexisAcademic(lines []string) (arts []annotate.Article, skipped int) {
	var starts []int
	for i, l := range lines {
		if nexisOldStart.MatchString(l) {
			starts = append(starts, i)
		}
	}
	skipped = countNonBlank(lines[:starts[0]])
	for k, s := range starts {
		end := len(lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		a, ok := parseLexisAcademic(lines[s+1 : end])
		if !ok {
			r.warn(0, "document %d: no publication, date and title found; set aside", k+1)
			continue
		}
		r.finishExport(&a, dbLexisAcademic, k+1)
		arts = append(arts, a)
	}
	return arts, skipped
}

// oldKey matches the upper-case keys of older exports ("BYLINE: Jane Doe").
var oldKey = regexp.MustCompile(`^(\p{Lu}[\p{Lu}\-]+(?: \p{Lu}+)?):\s*(.*)$`)

func parseLexisAcademic(seg []string) (annotate.Article, bool) {
	var a annotate.Article
	date := -1
	seen := 0
	for i, l := range seg {
		if l == "" {
			continue
		}
		if seen++; seen > 8 {
			break
		}
		if t, ok := parseDateLine(l); ok {
			a.PublishedAt, date = t, i
			break
		}
	}
	if date < 0 {
		return a, false
	}
	var outlet []string
	for _, l := range seg[:date] {
		if l != "" && !isCopyright(l) {
			outlet = append(outlet, l)
		}
	}
	a.Outlet = cleanField(strings.Join(outlet, " "))
	// under the date, with no blank line between, the edition ("Final
	// Edition", "Edition 1;" / "Scotland"); then, after a blank line, the
	// title: one block of lines (a long title wraps), before the KEY: lines
	i := date + 1
	for i < len(seg) && seg[i] != "" && !oldKey.MatchString(seg[i]) {
		i++
	}
	for i < len(seg) && (seg[i] == "" || isCopyright(seg[i]) || editionLine.MatchString(seg[i])) {
		i++
	}
	var title []string
	for ; i < len(seg) && seg[i] != "" && !oldKey.MatchString(seg[i]); i++ {
		title = append(title, seg[i])
	}
	a.Title = cleanField(strings.Join(title, " "))
	for ; i < len(seg); i++ {
		l := seg[i]
		if l == "" {
			continue
		}
		m := oldKey.FindStringSubmatch(l)
		if m == nil {
			break
		}
		v := cleanField(m[2])
		switch nexisHeadKeys[strings.ToLower(m[1])] {
		case "byline":
			a.Byline = v
		case "section":
			a.Origin.Section = v
		case "length":
			a.Origin.Length = v
		case "headline":
			a.Title = v
		}
	}
	body := seg[i:]
	end := tailStart(body, func(block []string) bool {
		return oldKey.MatchString(block[0]) || isCopyright(block[0])
	})
	for _, l := range body[end:] {
		if m := oldKey.FindStringSubmatch(l); m != nil && (m[1] == "LOAD-DATE" || m[1] == "UPDATE") {
			if t, ok := parseDateLine(m[2]); ok {
				a.Origin.LoadDate = t
			}
		}
	}
	a.Text = joinParagraphs(joinRuns(body[:end])) // text exports wrap lines at 80 columns
	if a.Title == "" {
		return a, false
	}
	return a, true
}

// finishExport completes an article found in an export at position pos.
func (r *reader) finishExport(a *annotate.Article, db string, pos int) {
	a.Origin.Database = db
	a.Origin.File = r.path
	a.Origin.Position = pos
	a.SourcePath = r.path + "#" + itoa(pos)
	a.Fill()
}

// joinParagraphs makes article text of paragraph lines: a blank line
// between paragraphs, however the export spaced them.
func joinParagraphs(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l, _ = docLink(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l)
	}
	text, _ := Normalize([]byte(b.String()))
	return text
}

func blankLines(lines []string) bool { return countNonBlank(lines) == 0 }

func countNonBlank(lines []string) int {
	n := 0
	for _, l := range lines {
		if l != "" {
			n++
		}
	}
	return n
}

// joinRuns joins the lines of a text export that wraps its paragraphs: a
// paragraph is a run of non-blank lines, blank lines between paragraphs.
func joinRuns(lines []string) []string {
	var out []string
	run := false
	for _, l := range lines {
		switch {
		case l == "":
			run = false
			out = append(out, "")
		case run:
			out[len(out)-1] += " " + l
		default:
			out = append(out, l)
			run = true
		}
	}
	return out
}
