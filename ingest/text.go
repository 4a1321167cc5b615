package ingest

import (
	"strings"
	"unicode/utf8"

	"redline/annotate"
)

// maxTitleRunes is the longest first line taken as a title; a longer one is
// a paragraph, and stays in the text.
const maxTitleRunes = 200

// parseText reads a plain-text or Markdown article: an optional header
// block ("Title: ...", "Outlet: ...", one per line, then a blank line), then
// the title as the first non-empty line unless the header named one, then
// the text.
func (r *reader) parseText(b []byte, markdown bool) (annotate.Article, error) {
	text, replaced := Normalize(b)
	r.warnReplaced(0, replaced)
	if text == "" {
		return annotate.Article{}, fail("file is empty (it holds only blank space)")
	}
	var a annotate.Article
	body := r.parseHeader(&a, text)
	if a.Title == "" {
		first, rest, _ := strings.Cut(body, "\n")
		title := strings.TrimSpace(first)
		if markdown {
			title = markdownHeading(title)
		}
		rest = tidyLines(rest)
		if rest != "" && utf8.RuneCountInString(title) <= maxTitleRunes {
			a.Title = cleanField(title)
			body = rest
		}
	}
	a.Text = body
	return a, nil
}

// markdownHeading strips the ATX heading marks from a line ("# Title #").
func markdownHeading(line string) string {
	if !strings.HasPrefix(line, "#") {
		return line
	}
	t := strings.TrimLeft(line, "#")
	if t != "" && t[0] != ' ' && t[0] != '\t' {
		return line // "#hashtag", not a heading
	}
	t = strings.TrimSpace(t)
	if i := strings.LastIndex(t, " #"); i >= 0 && strings.Trim(t[i:], " #") == "" {
		t = strings.TrimSpace(t[:i])
	}
	return t
}

// parseHeader reads the optional header block at the top of text into a
// and returns the text after it. A header is one or more "Key: value" lines
// whose keys Redline knows, ended by a blank line; anything else means there
// is no header, and text comes back whole.
func (r *reader) parseHeader(a *annotate.Article, text string) string {
	block, rest, ok := strings.Cut(text, "\n\n")
	if !ok || strings.TrimSpace(rest) == "" {
		return text
	}
	lines := strings.Split(block, "\n")
	type kv struct {
		field field
		value string
	}
	var pairs []kv
	for _, line := range lines {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return text
		}
		f := fieldByName(key)
		if f == fieldNone {
			return text
		}
		pairs = append(pairs, kv{f, strings.TrimSpace(value)})
	}
	for i, p := range pairs {
		r.setField(a, p.field, p.value, i+1, "")
	}
	return tidyLines(rest)
}
