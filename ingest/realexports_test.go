package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRealExports reads real news-database exports that are not ours to
// ship: public test files of other projects, fetched by hand into the
// folder $REDLINE_EXPORTS (see BENCHMARKS.md for which). It is skipped when
// the variable is not set. For each file it checks the number of articles
// against what the file holds (counted by hand or by its own project's
// tests) and reports how many lack a title, outlet, date or text.
func TestRealExports(t *testing.T) {
	dir := os.Getenv("REDLINE_EXPORTS")
	if dir == "" {
		t.Skip("set REDLINE_EXPORTS to a folder of real exports to run this")
	}
	want := map[string]int{
		// koheiw/newspapers tests/data (Factiva HTML; Nexis HTML and DOCX)
		"irish-independence_1_2017-11-14.html": 44, "suddeutsche_1_2017-11-19.html": 51,
		"chosun_ilbo_1_2018-05-28.html": 59, "nyt_1_1993-01-03.html": 27, "german-ui.html": 100,
		"afp_2013-03-12_0501.html": 74, "guardian_1986-01-01_0001.html": 262,
		"irish-times_1995-06-12_0001.html": 166, "spiegel_2012-02-01_0001.html": 49,
		"nyt.docx": 50, "usa-today.docx": 7, "washington-post.docx": 50,
		// JBGruber/LexisNexisTools inst/extdata (mock text, real layout)
		"sample.TXT": 10, "sample.DOCX": 10,
		// seolub/Nexis_uni_parser data (held out: first run below, no tuning)
		"example1.DOCX": 100, "example2.DOCX": 100,
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, p := range files {
		n, known := want[filepath.Base(p)]
		if !known {
			continue
		}
		res := ReadFile(context.Background(), p)
		if res.Err != nil {
			t.Errorf("%s: %v", filepath.Base(p), res.Err)
			continue
		}
		var noTitle, noOutlet, noDate, noText, lengthOK, lengths, ids int
		for _, a := range res.Articles {
			if a.Origin.DocID != "" {
				ids++
			}
			if a.Title == "" {
				noTitle++
			}
			if a.Outlet == "" {
				noOutlet++
			}
			if a.PublishedAt.IsZero() {
				noDate++
			}
			if a.Words < 5 {
				noText++
			}
			if f := strings.Fields(strings.NewReplacer(",", "", ".", "").Replace(a.Origin.Length)); len(f) > 0 {
				if stated, err := strconv.Atoi(f[0]); err == nil && stated > 0 {
					lengths++
					if d := a.Words - stated; d*20 <= stated && -d*20 <= stated || d <= 10 && d >= -10 {
						lengthOK++
					}
				}
			}
		}
		t.Logf("%s: %d of %d articles; no title %d, no outlet %d, no date %d, no text %d; words within 5%% of the stated length %d of %d; with the database's id %d",
			filepath.Base(p), len(res.Articles), n, noTitle, noOutlet, noDate, noText, lengthOK, lengths, ids)
		if len(res.Articles) != n {
			t.Errorf("%s: %d articles, want %d", filepath.Base(p), len(res.Articles), n)
		}
	}
}
