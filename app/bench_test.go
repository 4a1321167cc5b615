package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"redline/annotate"
	"redline/diff"
	"redline/storage"
	"redline/workspace"
)

// BenchmarkOpen100k measures opening a database of 100,000 articles to a
// painted window: building the workbench, listing the library, showing the
// first article and rendering the canvas once.
func BenchmarkOpen100k(b *testing.B) {
	const n = 100_000
	test.NewTempApp(b)
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "big.db")
	ws, err := workspace.Open(ctx, path, false)
	if err != nil {
		b.Fatal(err)
	}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]annotate.Article, 0, 1000)
	for i := 0; i < n; i++ {
		a := annotate.Article{
			Title:       fmt.Sprintf("Synthetic story %d about harbour %d", i, i%97),
			Outlet:      fmt.Sprintf("Outlet %d", i%40),
			PublishedAt: day.Add(time.Duration(i) * time.Minute),
			Text:        fmt.Sprintf("Story %d.\n\nThe council of town %d met on day %d and voted %d to %d.", i, i%503, i%365, i%11, i%7),
		}
		a.Fill()
		batch = append(batch, a)
		if len(batch) == cap(batch) {
			if _, err := ws.Store.AddArticles(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := ws.Store.SetSetting(ctx, settingAnnotator, "bench"); err != nil {
		b.Fatal(err)
	}
	ws.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ws, err := workspace.Open(ctx, path, false)
		if err != nil {
			b.Fatal(err)
		}
		win := test.NewTempWindow(b, nil)
		win.Resize(fyne.NewSize(1400, 860))
		l := &testLoop{}
		wb := newWorkbench(win, Options{Store: ws.Store, Work: ws, Importer: ws, Codebooks: ws, Codebook: ws.Codebook}, l)
		for wb.jobs.busy() || len(wb.lib.items) == 0 {
			l.Drain()
		}
		img := win.Canvas().Capture()
		if len(wb.lib.items) != n || img.Bounds().Dx() == 0 {
			b.Fatalf("listed %d of %d articles", len(wb.lib.items), n)
		}
		b.StopTimer()
		ws.Close()
		b.StartTimer()
	}
}

// BenchmarkSideBySideBuild measures laying out the side-by-side comparison
// of two ~2,000-sentence versions (4,000 aligned rows) at a new column
// width: the work a window resize does on the UI goroutine.
func BenchmarkSideBySideBuild(b *testing.B) {
	test.NewTempApp(b)
	var x, y strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&x, "The council of the harbour town met on Tuesday and voted on plan %d. ", i)
		fmt.Fprintf(&y, "The council of the harbour town met on Monday and voted on plan %d. ", i+i%3)
		if i%5 == 4 {
			x.WriteString("\n\n")
			y.WriteString("\n\n")
		}
	}
	cmp := diff.Compare(x.String(), y.String(), diff.Options{})
	s := newSideBySide(cmp.Pairs, "from", "to")
	s.build(400) // warm the glyph widths
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.build(float32(380 + i%2*20))
	}
	b.ReportMetric(float64(len(cmp.Pairs)), "rows")
}

// BenchmarkCodesViewFilter100k filters and sorts 100,000 codes as the Codes
// view does on every filter change (reading them is storage's
// BenchmarkCodes100k).
func BenchmarkCodesViewFilter100k(b *testing.B) {
	test.NewTempApp(b)
	v := newCodesView(nil, &testLoop{}, test.NewTempWindow(b, nil), newDialogs(test.NewTempWindow(b, nil)))
	coders := []string{"ana", "bea", "carl"}
	for i := range 100_000 {
		v.all = append(v.all, storage.CodeRow{ID: fmt.Sprint(i), Annotator: coders[i%3], ArticleID: int64(i / 50), FamilyID: int64(i / 150),
			Title: fmt.Sprintf("Story %d about the harbour", i/50), Outlet: "Caldera Courier", Dimension: "source", Value: "government",
			Quote: "we will not move", Start: i % 400, End: i%400 + 20})
	}
	v.fillChoices()
	b.ResetTimer()
	for range b.N {
		v.search.Text = "harbour"
		v.coder.Selected = "bea"
		v.apply()
		v.sortBy(2)
	}
}
