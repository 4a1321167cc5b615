package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"redline/workspace"
)

var importExtensions = workspace.ImportExtensions() // one list, kept by ingest

func (wb *Workbench) showImportFile() {
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
		if strings.EqualFold(filepath.Ext(path), ".csv") {
			wb.previewCSV(path) // the analyst checks how its columns are read
			return
		}
		wb.importPaths([]string{path})
	}, wb.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter(importExtensions))
	d.Resize(fyne.NewSize(900, 640))
	wb.dlg.show(d, nil)
}

func (wb *Workbench) showImportFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			wb.dlg.fail(err)
			return
		}
		if dir == nil {
			return
		}
		wb.importPaths([]string{dir.Path()})
	}, wb.win)
	d.Resize(fyne.NewSize(900, 640))
	wb.dlg.show(d, nil)
}

// importView is the progress dialog of an import under way.
type importView struct {
	bar    *widget.ProgressBar
	label  *widget.Label
	cancel *widget.Button
	dlg    dialog.Dialog
}

// importPaths imports files and folders off the UI goroutine, with a
// progress bar and Cancel, and ends with a summary naming every failure.
func (wb *Workbench) importPaths(paths []string) {
	wb.importPathsWith(paths, workspace.ImportOptions{})
}

// importPathsWith imports with options (a CSV column mapping).
func (wb *Workbench) importPathsWith(paths []string, opts workspace.ImportOptions) {
	if wb.importer == nil {
		wb.dlg.info("Import", "This window was opened without an importer.")
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	v := &importView{bar: widget.NewProgressBar(), label: widget.NewLabel("Finding files…")}
	v.label.Truncation = fyne.TextTruncateEllipsis
	v.cancel = widget.NewButton("Cancel", func() {
		cancel()
		v.cancel.Disable()
		v.label.SetText("Cancelling after the current file…")
	})
	v.dlg = dialog.NewCustomWithoutButtons("Importing", container.NewVBox(v.label, v.bar, container.NewCenter(v.cancel)), wb.win)
	v.dlg.Resize(fyne.NewSize(520, 180))
	wb.dlg.showCancel(v.dlg, v.cancel.OnTapped) // Esc cancels the import
	wb.loop.Go(func() func() {
		defer cancel()
		sum, err := wb.importer.ImportWith(ctx, paths, opts, func(p workspace.Progress) {
			wb.loop.Do(func() {
				v.bar.SetValue(p.Fraction)
				v.label.SetText(fmt.Sprintf("%d of %d files · %s articles · %s", p.Done, p.Total, itoa(p.Articles), filepath.Base(p.Path)))
			})
		})
		return func() {
			v.dlg.Hide()
			wb.lib.reload()
			if err != nil {
				wb.dlg.fail(fmt.Errorf("import stopped: %w. Articles from files read before are kept; fix the problem and import again", err))
				return
			}
			wb.showImportSummary(sum)
		}
	})
}

// previewCSV reads how a CSV file's columns would be read and lets the
// analyst map the ones Redline does not know before importing; the
// mapping is saved for the next file with the same header.
func (wb *Workbench) previewCSV(path string) {
	wb.loop.Go(func() func() {
		p, err := wb.importer.PreviewColumns(context.Background(), path, nil)
		return func() {
			if err != nil {
				wb.dlg.fail(fmt.Errorf("could not read the columns of %s: %w. Nothing was imported", path, err))
				return
			}
			wb.showColumnMapping(path, p)
		}
	})
}

// showColumnMapping shows each column with its first values and the field
// it becomes, to change before importing.
func (wb *Workbench) showColumnMapping(path string, p workspace.ColumnPreview) {
	grid := container.New(layout.NewFormLayout())
	choices := map[string]*widget.Select{}
	for _, c := range p.Columns {
		name := widget.NewLabel(c.Name)
		name.TextStyle = fyne.TextStyle{Bold: true}
		sel := widget.NewSelect(p.Fields, nil)
		sel.SetSelected(c.Field)
		samples := widget.NewLabel(cut(strings.Join(c.Samples, " · "), 80))
		samples.SizeName = theme.SizeNameCaptionText
		samples.Truncation = fyne.TextTruncateEllipsis
		grid.Add(name)
		grid.Add(container.NewBorder(nil, nil, nil, nil, container.NewVBox(sel, samples)))
		choices[c.Name] = sel
	}
	what := "Every row has text: each becomes an article."
	switch {
	case !p.HasText && p.Stubs:
		what = "No column is the article text: rows become stubs (title, link, date, outlet), marked text missing and codable as whole articles. Map a column to text if the file has it."
	case !p.HasText:
		what = "No column is the text, the title or the link: nothing would be imported. Map the columns below."
	}
	if p.Saved {
		what += " The mapping saved from an earlier file with these columns is applied."
	}
	head := widget.NewLabel(what)
	head.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(head, nil, nil, nil, container.NewVScroll(grid))
	d := dialog.NewCustomConfirm("How the columns of "+filepath.Base(path)+" are read", "Import", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		cols := map[string]string{}
		for _, c := range p.Columns {
			if sel := choices[c.Name]; sel.Selected != "" && sel.Selected != c.Field {
				cols[c.Name] = sel.Selected
			}
		}
		wb.importPathsWith([]string{path}, workspace.ImportOptions{Columns: cols})
	}, wb.win)
	d.Resize(fyne.NewSize(760, 560))
	wb.dlg.showConfirm(d)
}

// importSummaryText says what an import did, in words.
func importSummaryText(sum workspace.Summary) (headline, details string) {
	failed := sum.Failed()
	files := len(sum.Files) - len(failed)
	headline = fmt.Sprintf("Imported %s from %s.", plural(sum.Imported(), "new article"), plural(files, "file"))
	if d := sum.Duplicates(); d > 0 {
		headline += fmt.Sprintf(" %s already in the database %s skipped.", plural(d, "article"), map[bool]string{true: "was", false: "were"}[d == 1])
	}
	if sum.Canceled {
		headline += " The import was cancelled; everything stored before the cancel is kept."
	}
	var b strings.Builder
	if len(failed) > 0 {
		fmt.Fprintf(&b, "%s could not be imported — fix %s and import %s again:\n", plural(len(failed), "file"), map[bool]string{true: "it", false: "them"}[len(failed) == 1], map[bool]string{true: "it", false: "them"}[len(failed) == 1])
		for _, p := range failed {
			fmt.Fprintf(&b, "• %s\n", p.Error())
		}
	}
	if w := sum.Warnings(); len(w) > 0 {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s (the rest of those files was imported):\n", plural(len(w), "warning"))
		for _, p := range w {
			fmt.Fprintf(&b, "• %s\n", p.Error())
		}
	}
	if sum.Skipped > 0 {
		fmt.Fprintf(&b, "\n%s in the folders %s not a kind Redline reads (%s) and %s skipped.\n", plural(sum.Skipped, "file"), map[bool]string{true: "is", false: "are"}[sum.Skipped == 1], strings.Join(importExtensions, " "), map[bool]string{true: "was", false: "were"}[sum.Skipped == 1])
	}
	return headline, strings.TrimSpace(b.String())
}

func (wb *Workbench) showImportSummary(sum workspace.Summary) {
	headline, details := importSummaryText(sum)
	head := widget.NewLabel(headline)
	head.Wrapping = fyne.TextWrapWord
	head.TextStyle = fyne.TextStyle{Bold: true}
	content := container.NewVBox(head)
	if details != "" {
		body := widget.NewLabel(details)
		body.Wrapping = fyne.TextWrapWord
		body.Selectable = true
		content = container.NewVBox(head, body)
	}
	d := dialog.NewCustom("Import finished", "OK", container.NewVScroll(content), wb.win)
	if details != "" {
		d.Resize(fyne.NewSize(720, 460))
	} else {
		d.Resize(fyne.NewSize(480, 200))
	}
	wb.dlg.show(d, nil)
}
