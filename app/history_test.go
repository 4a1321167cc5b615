package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"redline/workspace"
)

// fakeArchive plays the web archive: it reports progress per capture and
// returns what it was told to.
type fakeArchive struct {
	res   workspace.HistoryResult
	err   error
	asked string
}

func (f *fakeArchive) FetchHistory(ctx context.Context, u string, _ workspace.HistoryOptions, progress func(workspace.HistoryProgress)) (workspace.HistoryResult, error) {
	f.asked = u
	for i := range 3 {
		progress(workspace.HistoryProgress{Done: i + 1, Total: 3, At: time.Date(2026, 3, 1+i, 9, 0, 0, 0, time.UTC), What: "fetched: a new version"})
	}
	return f.res, f.err
}

// TestFetchHistoryFromTheWindow: the address is asked for, the fetch runs
// with progress, and the summary says what came in, or what failed.
func TestFetchHistoryFromTheWindow(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	fa := &fakeArchive{res: workspace.HistoryResult{Listed: 5, Fetched: 3, NewVersions: 3, Had: 2}}
	b.wb.history = fa
	b.wb.showFetchHistory()
	b.settle()
	e, ok := b.win.Canvas().Focused().(*dialogEntry)
	if !ok {
		t.Fatal("no address field has the focus")
	}
	e.SetText("not an address")
	b.key("Return")
	if fa.asked != "" {
		t.Fatal("a non-address was fetched")
	}
	e.SetText("https://example.test/news/dam")
	b.key("Return")
	b.settle()
	if fa.asked != "https://example.test/news/dam" {
		t.Fatalf("fetched %q", fa.asked)
	}
	if !b.wb.dlg.owns() || b.wb.coding.status.Text != "5 captures listed; 3 fetched, 3 new versions, 2 already stored." {
		t.Fatalf("summary: %q", b.wb.coding.status.Text)
	}
	b.key("Escape")
	fa.err = errors.New("the archive answered 503 three times")
	b.wb.fetchHistory("https://example.test/news/dam")
	b.settle()
	if !b.wb.dlg.owns() || !strings.Contains(b.wb.coding.status.Text, "503 three times") || !strings.Contains(b.wb.coding.status.Text, "is kept") {
		t.Fatalf("a failed fetch said %q", b.wb.coding.status.Text)
	}
}
