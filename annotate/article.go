package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
)

// Article is one version of a story, as imported. Text is normalised UTF-8
// with LF line endings; every span offset into it counts runes.
type Article struct {
	ID          int64
	FamilyID    int64 // 0 until the article is grouped with its versions
	Title       string
	Outlet      string
	URL         string
	Byline      string
	PublishedAt time.Time // zero when unknown
	RetrievedAt time.Time // zero when unknown
	SourcePath  string
	Text        string
	TextSHA256  string
	Words       int
	ImportedAt  time.Time

	// Origin says where in a news-database export the article was found.
	Origin Origin
	// TextMissing marks a stub: a story list gave its title, URL, date and
	// outlet but no text. It can be coded at document level.
	TextMissing bool
}

// ArticleSummary is the part of an article the library list shows.
type ArticleSummary struct {
	ID          int64
	FamilyID    int64
	Title       string
	Outlet      string
	PublishedAt time.Time
	Words       int
	Coded       bool // coded (see Coded) by the analyst the list was asked for, or by anyone
	Pending     bool // has carried codes waiting to be confirmed or rejected, and is not Coded
	// Version and Versions place the article in its story (1 of 3) when the
	// list was asked for by story; 0 otherwise.
	Version, Versions int
	// Excluded marks an article set aside from the analysis, with the
	// analyst's reason; it keeps its codes but leaves the counts.
	Excluded        bool
	ExclusionReason string
}

// Fill computes the derived fields (hash and word count) from Text.
func (a *Article) Fill() {
	a.TextSHA256 = TextHash(a.Text)
	a.Words = CountWords(a.Text)
	if a.Title == "" {
		a.Title = FirstLine(a.Text, 120)
	}
}

// TextHash is the hex SHA-256 of the normalised text; two imports with the
// same hash are the same text.
func TextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// CountWords counts runs of letters or digits.
func CountWords(text string) int {
	n := 0
	in := false
	for _, r := range text {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// FirstLine returns the first non-blank line of text, cut to at most max runes.
func FirstLine(text string, max int) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		r := []rune(line)
		if len(r) > max {
			return strings.TrimSpace(string(r[:max-1])) + "…"
		}
		return line
	}
	return ""
}
