package ingest

import (
	"strings"

	"redline/annotate"
)

// field is an Article field a record, a CSV column or a header line can set.
type field int

const (
	fieldNone field = iota
	fieldText
	fieldTitle
	fieldOutlet
	fieldURL
	fieldByline
	fieldPublished
	fieldRetrieved
)

// synonym is one name for a field; rank orders the names of one field when
// a record carries several (lower wins: "text" beats "content").
type synonym struct {
	field field
	rank  int
}

var synonyms = map[string]synonym{}

func init() {
	for f, names := range map[field][]string{
		fieldText:      {"text", "body", "content", "article_text", "article", "full_text", "maintext"},
		fieldTitle:     {"title", "headline"},
		fieldOutlet:    {"outlet", "source", "publisher", "site", "site_name", "sitename", "source_name"},
		fieldURL:       {"url", "link", "canonical_url", "permalink"},
		fieldByline:    {"byline", "author", "authors"},
		fieldPublished: {"published", "published_at", "date", "pubdate", "publish_date", "date_published", "datepublished"},
		fieldRetrieved: {"retrieved", "retrieved_at", "scraped_at", "fetched_at", "crawled_at", "accessed"},
	} {
		for i, n := range names {
			synonyms[n] = synonym{f, i}
		}
	}
}

// lookupField matches a field name case-insensitively, treating spaces and
// hyphens as underscores ("Published At", "published-at").
func lookupField(name string) (synonym, bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	key = strings.NewReplacer(" ", "_", "-", "_").Replace(key)
	s, ok := synonyms[key]
	return s, ok
}

func fieldByName(name string) field {
	s, _ := lookupField(name)
	return s.field
}

// textNames is how messages name the text field.
const textNames = "text, body or content"

// setField stores value in the article field f. Dates it cannot read become
// a warning at line (0 when the file has no lines to point at), prefixed
// with where ("record 3: "), and are left empty. It returns the number of
// invalid bytes replaced in the text.
func (r *reader) setField(a *annotate.Article, f field, value string, line int, where string) int {
	switch f {
	case fieldText:
		text, replaced := Normalize([]byte(value))
		a.Text = text
		return replaced
	case fieldTitle:
		a.Title = cleanField(value)
	case fieldOutlet:
		a.Outlet = cleanField(value)
	case fieldURL:
		a.URL = cleanField(value)
	case fieldByline:
		a.Byline = cleanField(value)
	case fieldPublished, fieldRetrieved:
		name := "published"
		dst := &a.PublishedAt
		if f == fieldRetrieved {
			name, dst = "retrieved", &a.RetrievedAt
		}
		t, ok := parseAnyDate(value) // also "18.03.2024", "18 mars 2024": langdate.go
		if !ok {
			r.warn(line, "%s%s date %q not understood, left empty; %s", where, name, cleanField(value), dateHint)
			return 0
		}
		*dst = t
	}
	return 0
}
