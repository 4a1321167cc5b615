package workspace

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"redline/ingest/warctest"
)

var ferryParas = []string{
	"The overnight ferry between Kessa and Port Sellin will stop running from May, the operator Northline said on Wednesday, blaming fuel costs.",
	"About 40,000 passengers a year use the route, most of them islanders travelling to hospital appointments on the mainland, council figures show.",
	"Northline said it had offered to keep a reduced timetable if the regional council paid part of the cost, an offer the council has not answered.",
}

func ferryPage(extra ...string) string {
	return warctest.Article("Kessa ferry to stop overnight sailings", append(append([]string{}, ferryParas...), extra...)...)
}

func newWS(t *testing.T) *Workspace {
	t.Helper()
	ws, err := Open(context.Background(), testDB(t, "r.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// ferryHistory is five captures of one article under URL variants: A, A
// again, B, C, and A again (a revert), plus records that are skipped.
func ferryHistory() []warctest.Record {
	t0 := time.Date(2026, 5, 6, 7, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	b := "A council spokesperson said on Wednesday evening that talks with Northline would begin next week."
	c := "The council later said it would not pay towards the route, calling the offer 'a ransom note'."
	return []warctest.Record{
		warctest.Page("https://www.kessanews.example/ferry?utm_source=rss", h(0), ferryPage()),
		{Type: gowarc.Revisit, URL: "https://kessanews.example/ferry", At: h(1)},
		warctest.Page("https://kessanews.example/ferry/", h(2), ferryPage()),
		warctest.Page("http://kessanews.example/ferry", h(3), ferryPage(b)),
		warctest.Page("https://kessanews.example/ferry", h(4), ferryPage(b, c)),
		{URL: "https://kessanews.example/ferry", At: h(5), Status: 503},
		warctest.Page("https://kessanews.example/ferry", h(6), ferryPage()),
	}
}

func TestImportWARCMakesOneStoryOfAURL(t *testing.T) {
	ctx := context.Background()
	ws := newWS(t)
	path := filepath.Join(t.TempDir(), "kessa.warc.gz")
	if err := os.WriteFile(path, warctest.Bytes(true, ferryHistory()...), 0o644); err != nil {
		t.Fatal(err)
	}
	var fractions []float64
	sum, err := ws.Import(ctx, []string{path}, func(p Progress) { fractions = append(fractions, p.Fraction) })
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed()) != 0 {
		t.Fatalf("failed: %v", sum.Failed())
	}
	if sum.Imported() != 4 || sum.Duplicates() != 1 {
		t.Errorf("%d new versions, %d same as the one before; want 4 and 1", sum.Imported(), sum.Duplicates())
	}
	if len(fractions) == 0 || fractions[len(fractions)-1] != 1 {
		t.Errorf("progress %v, want it to end at 1", fractions)
	}
	warned := false
	for _, w := range sum.Warnings() {
		if strings.Contains(w.Reason, "1 revisit") && strings.Contains(w.Reason, "1 failed response") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("warnings %v do not count the skipped records", sum.Warnings())
	}
	check := func(when string) {
		t.Helper()
		fams, err := ws.Store.Families(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(fams) != 1 || len(fams[0].Versions) != 4 {
			t.Fatalf("%s: families %+v, want one story of 4 versions", when, fams)
		}
		v := fams[0].Versions
		for i := 1; i < len(v); i++ {
			if !v[i].PublishedAt.After(v[i-1].PublishedAt) {
				t.Errorf("%s: versions out of capture order: %v then %v", when, v[i-1].PublishedAt, v[i].PublishedAt)
			}
		}
		if got := v[0].RetrievedAt.Sub(v[0].PublishedAt); got != 2*time.Hour {
			t.Errorf("%s: first version spans %v, want the 2 hours between its identical captures", when, got)
		}
		first, _ := ws.Store.Article(ctx, v[0].ID)
		last, _ := ws.Store.Article(ctx, v[3].ID)
		if first.Text != last.Text {
			t.Errorf("%s: the revert's text differs from the first version's", when)
		}
	}
	check("after import")
	if _, _, err := ws.Regroup(ctx); err != nil {
		t.Fatal(err)
	}
	check("after regrouping")

	again, err := ws.Import(ctx, []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported() != 0 {
		t.Errorf("importing the same archive again stored %d versions", again.Imported())
	}
}

func TestImportWACZAndTruncatedWARC(t *testing.T) {
	ctx := context.Background()
	ws := newWS(t)
	dir := t.TempDir()
	recs := ferryHistory()
	var z bytes.Buffer
	if err := warctest.WriteWACZ(&z, map[string][]byte{
		"a.warc.gz": warctest.Bytes(true, recs[:3]...),
		"b.warc.gz": warctest.Bytes(true, recs[3:]...),
	}); err != nil {
		t.Fatal(err)
	}
	wacz := filepath.Join(dir, "kessa.wacz")
	os.WriteFile(wacz, z.Bytes(), 0o644)
	whole := warctest.Bytes(true, recs...)
	cut := filepath.Join(dir, "cut.warc.gz")
	os.WriteFile(cut, whole[:len(whole)-150], 0o644)

	sum, err := ws.Import(ctx, []string{wacz, cut}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 2 || sum.Files[0].Imported != 4 {
		t.Fatalf("outcomes %+v, want the package's 4 versions", sum.Files)
	}
	found := false
	for _, w := range sum.Files[1].Warnings {
		if w.Path == cut && strings.Contains(w.Reason, "cut short") {
			found = true
		}
	}
	if !found || sum.Files[1].Err != nil {
		t.Errorf("truncated file: warnings %v, error %v; want a warning naming the file", sum.Files[1].Warnings, sum.Files[1].Err)
	}
	fams, _ := ws.Store.Families(ctx, 2)
	if len(fams) != 1 {
		t.Errorf("%d stories, want 1 (both files hold the same URL)", len(fams))
	}
	// the truncated copy's captures are the package's: nothing new
	if sum.Files[1].Imported != 0 {
		t.Errorf("the truncated copy added %d versions", sum.Files[1].Imported)
	}
}

// TestDemoHasAnEditHistory: the demo's web archive gives one story of five
// versions in capture order, the first spanning its two identical captures,
// and regrouping leaves it whole.
func TestDemoHasAnEditHistory(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	story := ws.storyOfKey(ctx, "valleyherald.example/news/2026/04/18/kessel-dam-spillway")
	if story == 0 {
		t.Fatal("the demo web archive gave no story")
	}
	check := func(when string) {
		t.Helper()
		fam, err := ws.Store.FamilyOf(ctx, story)
		if err != nil {
			t.Fatal(err)
		}
		if len(fam.Versions) != 5 {
			t.Fatalf("%s: the dam story has %d versions, want 5", when, len(fam.Versions))
		}
		if !strings.HasPrefix(fam.Versions[4].Title, "Kessel dam: evacuation partly lifted") {
			t.Errorf("%s: last version %q", when, fam.Versions[4].Title)
		}
		if fam.Versions[0].RetrievedAt.Sub(fam.Versions[0].PublishedAt) != 88*time.Minute {
			t.Errorf("%s: first version seen from %v to %v", when, fam.Versions[0].PublishedAt, fam.Versions[0].RetrievedAt)
		}
	}
	check("after the first run")
	if _, _, err := ws.Regroup(ctx); err != nil {
		t.Fatal(err)
	}
	check("after regrouping")
}

// TestImportArchiveCancel: a cancel part-way through an archive keeps what
// was stored, and importing the file again completes it to what an
// uninterrupted import stores.
func TestImportArchiveCancel(t *testing.T) {
	ctx := context.Background()
	path, _ := benchWARC(t, t.TempDir(), 3)
	whole := newWS(t)
	if _, err := whole.Import(ctx, []string{path}, nil); err != nil {
		t.Fatal(err)
	}
	want, _ := whole.Store.CountArticles(ctx)

	ws := newWS(t)
	cctx, cancel := context.WithCancel(ctx)
	var progressed []Progress
	sum, err := ws.Import(cctx, []string{path}, func(p Progress) {
		progressed = append(progressed, p)
		cancel()
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Canceled {
		t.Error("the import was not marked cancelled")
	}
	got, _ := ws.Store.CountArticles(ctx)
	if got == 0 || got >= want {
		t.Errorf("after a cancel %d versions stored, want some of the %d", got, want)
	}
	if len(progressed) == 0 || progressed[0].Fraction <= 0 || progressed[0].Fraction >= 1 {
		t.Errorf("progress %+v, want a fraction part-way", progressed)
	}
	if _, err := ws.Import(ctx, []string{path}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := ws.Store.CountArticles(ctx); got != want {
		t.Errorf("after importing again %d versions, want %d", got, want)
	}
}

// TestArchivesInAnyOrder: two archives of one URL imported latest first
// give the same versions as one archive in time order.
func TestArchivesInAnyOrder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	recs := ferryHistory()
	// the earlier file holds the first capture and the revert's
	// neighbour; the later one the captures in between
	early := filepath.Join(dir, "early.warc.gz")
	late := filepath.Join(dir, "late.warc.gz")
	os.WriteFile(early, warctest.Bytes(true, recs[0], recs[2], recs[6]), 0o644)
	os.WriteFile(late, warctest.Bytes(true, recs[3], recs[4]), 0o644)
	ws := newWS(t)
	for _, p := range []string{early, late} {
		if _, err := ws.Import(ctx, []string{p}, nil); err != nil {
			t.Fatal(err)
		}
	}
	fams, _ := ws.Store.Families(ctx, 2)
	if len(fams) != 1 || len(fams[0].Versions) != 4 {
		t.Fatalf("families %+v, want one story of A, B, C, A", fams)
	}
	v := fams[0].Versions
	first, _ := ws.Store.Article(ctx, v[0].ID)
	last, _ := ws.Store.Article(ctx, v[3].ID)
	middle, _ := ws.Store.Article(ctx, v[1].ID)
	if first.Text != last.Text || first.Text == middle.Text {
		t.Error("versions are not A, B, C, A")
	}
	if got := v[0].RetrievedAt.Sub(v[0].PublishedAt); got != 2*time.Hour {
		t.Errorf("first version spans %v, want 2h", got)
	}
}
