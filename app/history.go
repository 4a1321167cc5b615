package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"redline/workspace"
)

// HistoryFetcher brings a page's captures from a web archive.
type HistoryFetcher interface {
	FetchHistory(ctx context.Context, pageURL string, opts workspace.HistoryOptions, progress func(workspace.HistoryProgress)) (workspace.HistoryResult, error)
}

// showFetchHistory asks for a page's address and brings its captures from
// the web archive (the Wayback Machine by default) as versions of one
// story: one request at a time, with progress and Cancel; a cancelled or
// interrupted fetch picks up where it stopped next time.
func (wb *Workbench) showFetchHistory() {
	if wb.history == nil {
		wb.dlg.info("Import the history of a page", "This window was opened without a web archive connection.")
		return
	}
	entry := wb.dlg.newEntry()
	entry.SetPlaceHolder("https://example.com/news/2026/03/story")
	entry.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
			return fmt.Errorf("give the page's full address, starting with https://")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Page address", entry)}
	items[0].HintText = "Its captures in the web archive become versions of one story. Only this page is fetched, politely."
	d := dialog.NewForm("Import the history of a page", "Fetch", "Cancel", items, func(ok bool) {
		if ok {
			wb.fetchHistory(strings.TrimSpace(entry.Text))
		}
	}, wb.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(620, 240))
	wb.dlg.showForm(d)
	wb.win.Canvas().Focus(entry)
}

// fetchHistory fetches off the UI goroutine with a progress dialog.
func (wb *Workbench) fetchHistory(pageURL string) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	label := widget.NewLabel("Asking the archive for the captures of " + pageURL + "…")
	label.Wrapping = fyne.TextWrapWord
	stop := widget.NewButton("Cancel", nil)
	stop.OnTapped = func() {
		cancel()
		stop.Disable()
		label.SetText("Stopping after the current capture; what was fetched is kept.")
	}
	dlg := dialog.NewCustomWithoutButtons("Fetching a page's history", container.NewVBox(label, bar, container.NewCenter(stop)), wb.win)
	dlg.Resize(fyne.NewSize(560, 200))
	wb.dlg.showCancel(dlg, stop.OnTapped)
	wb.loop.Go(func() func() {
		defer cancel()
		res, err := wb.history.FetchHistory(ctx, pageURL, workspace.HistoryOptions{}, func(p workspace.HistoryProgress) {
			wb.loop.Do(func() {
				if p.Total > 0 {
					bar.SetValue(float64(p.Done) / float64(p.Total))
				}
				label.SetText(fmt.Sprintf("%d of %d captures · %s · %s", p.Done, p.Total, p.At.Format("2 Jan 2006 15:04"), p.What))
			})
		})
		return func() {
			dlg.Hide()
			wb.lib.reload()
			if err != nil {
				err = fmt.Errorf("could not fetch the history of %s: %w. What was fetched before is kept; try again later", pageURL, err)
				wb.activePanel().status.SetText(err.Error())
				wb.dlg.fail(err)
				return
			}
			msg := fmt.Sprintf("%s listed; %s fetched, %s new %s, %s already stored.", plural(res.Listed, "capture"),
				itoa(res.Fetched), itoa(res.NewVersions), map[bool]string{true: "version", false: "versions"}[res.NewVersions == 1], itoa(res.Had))
			if res.Canceled {
				msg += " Cancelled: fetch again to go on where it stopped."
			}
			if len(res.Failed) > 0 {
				msg += fmt.Sprintf(" %s could not be fetched; the next fetch tries them again.", plural(len(res.Failed), "capture"))
			}
			wb.activePanel().status.SetText(msg)
			wb.dlg.info("History fetched", msg)
		}
	})
}
