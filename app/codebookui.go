package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
)

// Codebooks installs and reads codebook files.
type Codebooks interface {
	InstallCodebook(ctx context.Context, data []byte) (*annotate.Codebook, error)
	CodebookSource(ctx context.Context) ([]byte, error)
}

// codebookProblem says why a codebook was refused and that the one in
// force stays.
func (wb *Workbench) codebookProblem(err error) string {
	var ce *annotate.CodebookError
	reason := err.Error()
	if errors.As(err, &ce) {
		reason = ce.Error()
	}
	return fmt.Sprintf("%s\n\nThe codebook in force, %q version %d, stays in force. Fix the file and try again.", reason, wb.cb.Name, wb.cb.Version)
}

// installCodebook installs a codebook off the UI goroutine and rebuilds
// the coding panels for it. done, if set, learns the outcome.
func (wb *Workbench) installCodebook(data []byte, done func(error)) {
	wb.loop.Go(func() func() {
		cb, err := wb.codebooks.InstallCodebook(context.Background(), data)
		return func() {
			if done != nil {
				done(err)
			}
			if err != nil {
				return
			}
			wb.setCodebook(cb)
			wb.coding.status.SetText(fmt.Sprintf("Codebook %q version %d is in force; new codes record this version.", cb.Name, cb.Version))
		}
	})
}

// setCodebook rebuilds the coding panels for cb.
func (wb *Workbench) setCodebook(cb *annotate.Codebook) {
	wb.coding.flushNotes()
	wb.cb = cb
	wb.buildCoding()
	if wb.current != 0 {
		wb.coding.load(wb.current)
		if wb.spans.article == 0 && wb.read.body.Text() != "" {
			wb.spans.load(wb.current, wb.read.body.Text())
		}
	}
	wb.win.SetMainMenu(wb.menu())
}

func (wb *Workbench) showCodebookImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		data, err := io.ReadAll(io.LimitReader(rc, 4<<20))
		rc.Close()
		if err != nil {
			wb.dlg.fail(fmt.Errorf("could not read the codebook: %w", err))
			return
		}
		wb.installCodebook(data, func(err error) {
			if err != nil {
				wb.dlg.info("Codebook refused", wb.codebookProblem(err))
			}
		})
	}, wb.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".toml", ".json"}))
	d.Resize(fyne.NewSize(900, 640))
	wb.dlg.show(d, nil)
}

func (wb *Workbench) showCodebookExport() {
	wb.loop.Go(func() func() {
		src, err := wb.codebooks.CodebookSource(context.Background())
		return func() {
			if err != nil {
				wb.dlg.fail(err)
				return
			}
			d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
				if err != nil || wc == nil {
					return
				}
				_, err = wc.Write(src)
				if cerr := wc.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					wb.dlg.fail(fmt.Errorf("could not save the codebook: %w", err))
				}
			}, wb.win)
			d.SetFileName(fmt.Sprintf("codebook-v%d.toml", wb.cb.Version))
			d.Resize(fyne.NewSize(900, 640))
			wb.dlg.show(d, nil)
		}
	})
}

// showCodebookEditor edits the codebook in force as text; saving makes a
// new version, and an error is shown with its line or field while the
// editor stays open.
func (wb *Workbench) showCodebookEditor() {
	wb.loop.Go(func() func() {
		src, err := wb.codebooks.CodebookSource(context.Background())
		return func() {
			if err != nil {
				wb.dlg.fail(err)
				return
			}
			editor := widget.NewMultiLineEntry()
			editor.SetText(string(src))
			editor.TextStyle = fyne.TextStyle{Monospace: true}
			problem := widget.NewLabel(fmt.Sprintf("Editing %q version %d. Saving makes version %d.", wb.cb.Name, wb.cb.Version, wb.cb.Version+1))
			problem.Wrapping = fyne.TextWrapWord
			var d dialog.Dialog
			save := widget.NewButton("Save as new version", func() {
				wb.installCodebook([]byte(editor.Text), func(err error) {
					if err != nil {
						problem.SetText(wb.codebookProblem(err))
						return
					}
					d.Hide()
				})
			})
			save.Importance = widget.HighImportance
			cancel := widget.NewButton("Close without saving", func() { d.Hide() })
			content := container.NewBorder(problem, container.NewHBox(cancel, save), nil, nil, editor)
			d = dialog.NewCustomWithoutButtons("Edit codebook", content, wb.win)
			d.Resize(fyne.NewSize(960, 700))
			wb.dlg.show(d, nil) // Esc closes without saving, as the button does
		}
	})
}
