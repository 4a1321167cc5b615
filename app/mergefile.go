package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"redline/storage"
)

// Merger brings in a teammate's exported codes.
type Merger interface {
	MergeFile(ctx context.Context, path string) (storage.ImportReport, error)
}

// showMergeFile asks for a teammate's export (JSON Lines or long CSV) and
// merges it off the UI goroutine, ending with a summary.
func (wb *Workbench) showMergeFile() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			wb.dlg.fail(err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		wb.mergePath(path)
	}, wb.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".jsonl", ".ndjson", ".csv", ".db", ".redline"}))
	d.Resize(fyne.NewSize(900, 640))
	wb.dlg.show(d, nil)
}

// mergePath merges one exported file off the UI goroutine.
func (wb *Workbench) mergePath(path string) {
	wb.activePanel().status.SetText("Merging " + path + "…")
	wb.jobs.Go(func() func() {
		rep, err := wb.work.MergeFile(context.Background(), path)
		return func() {
			wb.lib.reload()
			head := wb.showMergeSummary(path, rep, err)
			if wb.current != 0 {
				wb.coding.notice = head // the reload shows it rather than its usual line
				wb.coding.load(wb.current)
				wb.reloadCodes(wb.current)
			}
		}
	})
}

// mergeSummaryText says what a merge did, in words.
func mergeSummaryText(path string, rep storage.ImportReport, err error) (string, string) {
	if err != nil {
		return "Nothing was merged from " + path + ".", err.Error() + ". Codes stored before are unchanged; fix the file or choose another and merge again."
	}
	head := fmt.Sprintf("Merged %s: %d added, %d updated, %d unchanged, %d skipped.", path, rep.Added, rep.Updated, rep.Unchanged, rep.Skipped)
	if rep.Articles > 0 {
		head += fmt.Sprintf(" %s this database lacked came with them.", plural(rep.Articles, "article"))
	}
	var b strings.Builder
	if rep.Conflicts > 0 {
		fmt.Fprintf(&b, "%s would have moved a stored code to another article or analyst; they were not applied and the stored codes are kept. Ask whoever made the file.\n", plural(rep.Conflicts, "line"))
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(&b, "Not merged (fix these lines and merge again; the rest is stored):\n")
		for _, p := range rep.Problems {
			fmt.Fprintf(&b, "• %s\n", p)
		}
	}
	return head, strings.TrimSpace(b.String())
}

func (wb *Workbench) showMergeSummary(path string, rep storage.ImportReport, err error) string {
	head, details := mergeSummaryText(path, rep, err)
	h := widget.NewLabel(head)
	h.Wrapping = fyne.TextWrapWord
	h.TextStyle = fyne.TextStyle{Bold: true}
	body := widget.NewLabel(details)
	body.Wrapping = fyne.TextWrapWord
	body.Selectable = true
	d := dialog.NewCustom("Merge finished", "OK", container.NewVScroll(container.NewVBox(h, body)), wb.win)
	d.Resize(fyne.NewSize(720, 420))
	wb.dlg.show(d, nil)
	wb.activePanel().status.SetText(head)
	return head
}
