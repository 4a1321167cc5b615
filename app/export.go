package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"redline/storage"
)

const (
	formLong = storage.FormLong
	formWide = storage.FormWide
)

// showExport asks which rows to export (dates, outlets, coders, excluded
// articles), then where to save, and writes the CSV off the UI goroutine.
// The filters are the command line's (export --from --to --outlet
// --coder --exclude-excluded).
func (wb *Workbench) showExport(form storage.Form) {
	from, to, outlets, coders := wb.dlg.newEntry(), wb.dlg.newEntry(), wb.dlg.newEntry(), wb.dlg.newEntry()
	from.SetPlaceHolder("YYYY-MM-DD (empty: from the first)")
	to.SetPlaceHolder("YYYY-MM-DD (empty: to the last)")
	outlets.SetPlaceHolder("outlets, separated by commas (empty: all)")
	coders.SetPlaceHolder("coders, separated by commas (empty: all)")
	dateOK := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("write the day as 2026-03-14")
		}
		return nil
	}
	from.Validator, to.Validator = dateOK, dateOK
	dropExcluded := widget.NewCheck("Leave out excluded articles", nil)
	dropExcluded.SetChecked(true)
	if wb.blindTo() != "" { // a blind project: a coder exports their own codes
		coders.SetText(wb.annotator)
		coders.Disable()
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Published from", from), widget.NewFormItem("to", to),
		widget.NewFormItem("Outlets", outlets), widget.NewFormItem("Coders", coders),
		widget.NewFormItem("", dropExcluded),
	}
	d := dialog.NewForm("Export: which rows", "Choose the file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		var f storage.ExportFilter
		f.From, _ = time.Parse("2006-01-02", strings.TrimSpace(from.Text))
		f.To, _ = time.Parse("2006-01-02", strings.TrimSpace(to.Text))
		f.Outlets = splitList(outlets.Text)
		f.Coders = splitList(coders.Text)
		f.ExcludeExcluded = dropExcluded.Checked
		wb.chooseExportFile(form, f)
	}, wb.win)
	d.Resize(fyne.NewSize(600, 380))
	wb.dlg.showForm(d)
}

// splitList reads "a, b ,c" as [a b c].
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// chooseExportFile asks where to save and writes the CSV off the UI
// goroutine.
func (wb *Workbench) chooseExportFile(form storage.Form, filter storage.ExportFilter) {
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
			err := wb.store.ExportCSVFiltered(context.Background(), wc, form, cb, filter)
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
