package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/storage"
)

// showMerge lets the analyst find another story and merge its versions into
// the open article's story, for versions the automatic grouping missed.
func (wb *Workbench) showMerge() {
	if wb.current == 0 {
		wb.dlg.info("Merge stories", "Open an article first: its story is the one others are merged into.")
		return
	}
	target := wb.current
	var found []annotate.ArticleSummary
	list := widget.NewList(func() int { return len(found) },
		func() fyne.CanvasObject { return newLibraryRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*libraryRow).set(found[i]) })
	search := wb.dlg.newEntry()
	search.SetPlaceHolder("Search for the other version by words in its title or text")
	status := widget.NewLabel("Type to search.")
	// the choice is kept as ids: the list's slice is reused by every search
	var chosenID, chosenFamily int64
	seq := 0
	search.OnChanged = func(q string) {
		seq++
		mine := seq
		wb.loop.Go(func() func() {
			items, err := wb.store.Articles(context.Background(), storage.Query{Search: q, Limit: 200})
			return func() {
				if mine != seq {
					return
				}
				if err != nil {
					status.SetText("Search failed: " + err.Error())
					return
				}
				found = nil
				chosenID, chosenFamily = 0, 0
				for _, it := range items {
					if it.ID != target {
						found = append(found, it)
					}
				}
				status.SetText(fmt.Sprintf("%d articles; choose the one to merge in", len(found)))
				list.UnselectAll()
				list.Refresh()
			}
		})
	}
	list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(found) {
			chosenID, chosenFamily = found[i].ID, found[i].FamilyID
		}
	}
	list.OnUnselected = func(widget.ListItemID) { chosenID, chosenFamily = 0, 0 }
	content := container.NewBorder(container.NewVBox(search, status), nil, nil, nil, list)
	d := dialog.NewCustomConfirm("Merge another story into this one", "Merge", "Cancel", content, func(ok bool) {
		if !ok || chosenID == 0 {
			return
		}
		other := chosenFamily
		if other == 0 {
			other = chosenID // a story of one version not yet in a family
		}
		wb.loop.Go(func() func() {
			err := wb.work.MergeInto(context.Background(), target, other)
			return func() {
				if err != nil {
					wb.dlg.fail(fmt.Errorf("could not merge: %w", err))
					return
				}
				wb.vers.show(target)
				wb.lib.reload()
			}
		})
	}, wb.win)
	d.Resize(fyne.NewSize(720, 520))
	wb.dlg.showConfirm(d)
	wb.win.Canvas().Focus(search)
}
