package ingest

import (
	"regexp"
	"strings"
	"time"

	"redline/annotate"
)

// Factiva's "Full Article/Report plus Indexing" layout labels every field
// with a code: HD headline, BY byline, WC word count, PD date, ET time, SN
// source name, SC source code, SE section, LA language, CY copyright, LP
// lead paragraphs, TD text, then the indexing codes (CO companies, IN
// industries, NS subjects, RE regions...) and AN, whose value is the
// "Document ..." line. In HTML each code is a table cell above its value;
// in RTF a code and its value share a line.

// factivaCodes are the field codes of the indexed layout.
var factivaCodes = map[string]bool{
	"HD": true, "CR": true, "BY": true, "WC": true, "PD": true, "ET": true, "SN": true, "SC": true,
	"ED": true, "PG": true, "LA": true, "CY": true, "LP": true, "TD": true, "CT": true, "RF": true,
	"CO": true, "IN": true, "NS": true, "RE": true, "IPC": true, "IPD": true, "PUB": true, "AN": true,
	"SE": true, "CLM": true, "ART": true, "VOL": true, "GC": true,
}

// factivaCodedWords matches a word count with its code on the line.
var factivaCodedWords = regexp.MustCompile(`(?i)^WC\s+[\d.,  ]+\s+(words|wörter|worte|mots|palabras|parole|woorden|palavras)$`)

// codeOf splits a line of the indexed layout into its code and the value
// on the same line. ok is false for a line that starts no field.
func codeOf(line string) (code, value string, ok bool) {
	if factivaCodes[line] {
		return line, "", true
	}
	c, v, found := strings.Cut(line, " ")
	if found && factivaCodes[c] {
		return c, strings.TrimSpace(v), true
	}
	return "", "", false
}

// parseFactivaCoded reads one article of the indexed layout; ok is false
// when seg is not in that layout (no HD field before the text).
func parseFactivaCoded(seg []string) (a annotate.Article, cover int, ok bool) {
	start := -1
	for i, l := range seg {
		if c, _, isCode := codeOf(l); isCode && c == "HD" {
			start = i
			break
		}
	}
	if start < 0 {
		return a, 0, false
	}
	cover = countNonBlank(seg[:start])
	fields := map[string][]string{}
	code := ""
	for _, l := range seg[start:] {
		if c, v, isCode := codeOf(l); isCode && (code != "LP" && code != "TD" || endsText(code, c, v)) {
			code = c
			if v != "" {
				fields[code] = append(fields[code], v)
			}
			continue
		}
		if code != "" {
			fields[code] = append(fields[code], l)
		}
	}
	first := func(c string) string {
		for _, v := range fields[c] {
			if v != "" {
				return cleanField(v)
			}
		}
		return ""
	}
	a.Title = first("HD")
	if by := first("BY"); by != "" {
		if bylinePrefix.MatchString(by) {
			by = strings.TrimSpace(by[strings.IndexByte(by, ' '):])
		}
		a.Byline = by
	}
	a.Outlet = first("SN")
	a.Origin.Length = first("WC")
	a.Origin.Section = first("SE")
	if t, ok := parseDateLine(first("PD")); ok {
		a.PublishedAt = t
		if hh, mm, ok := clock(strings.Fields(first("ET") + " x")[0]); ok {
			a.PublishedAt = a.PublishedAt.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
		}
	}
	var body []string
	body = append(body, fields["LP"]...)
	body = append(body, "")
	body = append(body, fields["TD"]...)
	a.Text = joinParagraphs(body)
	return a, cover, a.Title != ""
}

// endsText reports whether a code line c (with value v on the same line)
// inside the text of field code starts a new field, rather than being a
// paragraph that happens to start with capitals ("AN official said", "IN
// the morning"): a code alone on its line, TD after LP, an indexing field
// ("NS gcat : Political/General News"), or AN with the document id.
func endsText(code, c, v string) bool {
	switch {
	case v == "":
		return true
	case c == "TD":
		return code == "LP"
	case c == "CO" || c == "IN" || c == "NS" || c == "RE":
		return strings.Contains(v, " : ")
	case c == "IPC" || c == "IPD" || c == "PUB":
		return true
	case c == "AN":
		return factivaDoc.MatchString(v)
	}
	return false
}
