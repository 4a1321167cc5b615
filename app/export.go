package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"

	"redline/storage"
)

const (
	formLong = storage.FormLong
	formWide = storage.FormWide
)

// showExport asks where to save and writes the CSV off the UI goroutine.
func (wb *Workbench) showExport(form storage.Form) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			wb.dlg.fail(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		cb := wb.cb // the codebook in force now: the UI may replace wb.cb meanwhile
		wb.loop.Go(func() func() {
			err := wb.store.ExportCSV(context.Background(), wc, form, cb)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			return func() {
				if err != nil {
					wb.dlg.fail(fmt.Errorf("export to %s failed: %w. Nothing in the database changed; choose another place and try again", path, err))
					return
				}
				wb.dlg.info("Export finished", "Saved "+path+"\nIt opens in R, pandas, SPSS or a spreadsheet as UTF-8 CSV.")
			}
		})
	}, wb.win)
	name := "redline-codes.csv"
	if form == storage.FormWide {
		name = "redline-articles.csv"
	}
	d.SetFileName(name)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fyne.NewSize(900, 640))
	wb.dlg.show(d, nil)
}
