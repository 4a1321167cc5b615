package ingest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"redline/annotate"
)

// extractors are the candidates TestExtractorQuality measures. Trafilatura
// is only imported by this test, so it stays out of the binary.
var extractors = map[string]extractor{
	"trafilatura":          extractTrafilatura,
	"trafilatura+fallback": extractTrafilaturaFallback,
	"readability":          extractReadability,
}

func extractTrafilatura(doc *html.Node, pageURL *url.URL) (page, error) {
	return trafilaturaPage(doc, trafilatura.Options{
		OriginalURL:     pageURL,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	})
}

// extractTrafilaturaFallback lets trafilatura compare its result with
// readability's and Dom Distiller's and keep the best.
func extractTrafilaturaFallback(doc *html.Node, pageURL *url.URL) (page, error) {
	return trafilaturaPage(doc, trafilatura.Options{
		OriginalURL:     pageURL,
		ExcludeComments: true,
		EnableFallback:  true,
		HtmlDateMode:    trafilatura.Fast,
	})
}

func trafilaturaPage(doc *html.Node, opts trafilatura.Options) (page, error) {
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return page{}, err
	}
	m := res.Metadata
	p := page{
		Title:     m.Title,
		Byline:    m.Author,
		Outlet:    m.Sitename,
		URL:       m.URL,
		Published: m.Date,
		Text:      blockText(res.ContentNode),
	}
	if p.Byline != "" {
		// trafilatura joins several authors with "; ".
		p.Byline = strings.Join(strings.Split(p.Byline, "; "), ", ")
	}
	return p, nil
}

// htmlCase is one fixture page and the article a careful reader would cut
// out of it (testdata/html/NAME.want.txt, in the header-block text form).
type htmlCase struct {
	name string
	page []byte
	want annotate.Article
}

func loadHTMLCases(t testing.TB) []htmlCase {
	t.Helper()
	pages, err := filepath.Glob("testdata/html/*.html")
	if err != nil || len(pages) < 5 {
		t.Fatalf("want at least 5 HTML fixtures, got %d (%v)", len(pages), err)
	}
	var cases []htmlCase
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		wantFile := strings.TrimSuffix(p, ".html") + ".want.txt"
		res := ReadFile(context.Background(), wantFile)
		if res.Err != nil || len(res.Articles) != 1 {
			t.Fatalf("%s: %v", wantFile, res.Err)
		}
		cases = append(cases, htmlCase{name: filepath.Base(p), page: b, want: res.Articles[0]})
	}
	return cases
}

// words splits text into lower-case words (runs of letters and digits).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// wordScores compares the bags of words of got and want.
func wordScores(got, want string) (precision, recall, f1 float64) {
	g, w := words(got), words(want)
	count := make(map[string]int, len(w))
	for _, x := range w {
		count[x]++
	}
	match := 0
	for _, x := range g {
		if count[x] > 0 {
			count[x]--
			match++
		}
	}
	if len(g) > 0 {
		precision = float64(match) / float64(len(g))
	}
	if len(w) > 0 {
		recall = float64(match) / float64(len(w))
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

// metaScore counts the metadata fields (title, outlet, URL, byline,
// published) that match, out of 5. An empty wanted field must stay empty.
func metaScore(got, want annotate.Article) (int, []string) {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		s = strings.TrimPrefix(s, "by ")
		return strings.Join(strings.Fields(strings.NewReplacer(" and ", ", ", ";", ",").Replace(s)), " ")
	}
	var wrong []string
	check := func(name, g, w string) {
		if norm(g) != norm(w) {
			wrong = append(wrong, name+"="+g)
		}
	}
	check("title", got.Title, want.Title)
	check("outlet", got.Outlet, want.Outlet)
	check("url", got.URL, want.URL)
	check("byline", got.Byline, want.Byline)
	if !got.PublishedAt.Equal(want.PublishedAt) {
		wrong = append(wrong, "published="+got.PublishedAt.Format(time.RFC3339))
	}
	return 5 - len(wrong), wrong
}

// TestExtractorQuality measures both HTML extractors on the fixture pages
// and checks the one Redline uses. Run with -v to see the table.
func TestExtractorQuality(t *testing.T) {
	cases := loadHTMLCases(t)
	defer func(e extractor) { extractHTML = e }(extractHTML)
	names := make([]string, 0, len(extractors))
	for n := range extractors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		extractHTML = extractors[name]
		var sumP, sumR, sumF float64
		meta, paragraphsOK := 0, 0
		start := time.Now()
		const rounds = 5
		for i := range rounds {
			for _, c := range cases {
				r := &reader{ctx: context.Background(), path: c.name, res: &Result{}}
				a, err := r.parseHTML(c.page)
				if i > 0 {
					continue
				}
				if err != nil {
					t.Logf("%-11s %-14s error: %v", name, c.name, err)
					continue
				}
				a.Fill()
				p, rc, f := wordScores(a.Text, c.want.Text)
				sumP, sumR, sumF = sumP+p, sumR+rc, sumF+f
				m, wrong := metaScore(a, c.want)
				meta += m
				paras := strings.Count(a.Text, "\n\n") + 1
				wantParas := strings.Count(c.want.Text, "\n\n") + 1
				if paras == wantParas {
					paragraphsOK++
				}
				t.Logf("%-11s %-14s P=%.3f R=%.3f F1=%.3f meta=%d/5 paragraphs=%d/%d %v", name, c.name, p, rc, f, m, paras, wantParas, wrong)
			}
		}
		perPage := time.Since(start) / time.Duration(rounds*len(cases))
		n := float64(len(cases))
		t.Logf("%-11s MEAN P=%.3f R=%.3f F1=%.3f meta=%d/%d paragraphs-exact=%d/%d time/page=%v",
			name, sumP/n, sumR/n, sumF/n, meta, 5*len(cases), paragraphsOK, len(cases), perPage.Round(10*time.Microsecond))
	}

	// The chosen extractor, through the public API.
	extractHTML = extractReadability
	for _, c := range cases {
		res := ReadFile(context.Background(), filepath.Join("testdata/html", c.name))
		if res.Err != nil {
			t.Errorf("%s: %v", c.name, res.Err)
			continue
		}
		a := res.Articles[0]
		if _, _, f1 := wordScores(a.Text, c.want.Text); f1 < 0.9 {
			t.Errorf("%s: F1 %.3f, want >= 0.9", c.name, f1)
		}
		if !strings.Contains(a.Text, "\n\n") {
			t.Errorf("%s: paragraphs not separated by blank lines", c.name)
		}
		if a.Title != c.want.Title {
			t.Errorf("%s: title %q, want %q", c.name, a.Title, c.want.Title)
		}
	}
}
