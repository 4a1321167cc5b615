package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/workspace"
)

// ArticleEditor sets articles aside and corrects their details.
type ArticleEditor interface {
	Exclude(ctx context.Context, ids []int64, reason string) (int, error)
	Include(ctx context.Context, ids []int64) (int, error)
	EditArticle(ctx context.Context, id int64, f workspace.ArticleFields) (annotate.Article, error)
}

// showExclude asks why the open article is set aside from the analysis;
// it stays in the database with its codes, leaves the counts, and is
// flagged in every export.
func (wb *Workbench) showExclude() {
	id := wb.current
	if id == 0 {
		wb.dlg.info("Exclude an article", "Open the article first.")
		return
	}
	reason := wb.dlg.newEntry()
	reason.SetPlaceHolder("e.g. not about the conflict; duplicate of article 12; opinion piece")
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("say why: the reason goes into the exports")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Reason", reason)}
	d := dialog.NewForm("Exclude this article from the analysis", "Exclude", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		r := strings.TrimSpace(reason.Text)
		wb.loop.Go(func() func() {
			_, err := wb.work.Exclude(context.Background(), []int64{id}, r)
			return func() {
				if err != nil {
					wb.dlg.fail(fmt.Errorf("could not exclude the article: %w. Nothing changed", err))
					return
				}
				wb.activePanel().status.SetText("Excluded from the analysis (" + r + "). Its codes stay; Article ▸ Include again undoes it.")
				wb.lib.reload()
			}
		})
	}, wb.win)
	reason.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, 220))
	wb.dlg.showForm(d)
	wb.win.Canvas().Focus(reason)
}

// includeAgain brings an excluded article back into the analysis.
func (wb *Workbench) includeAgain() {
	id := wb.current
	if id == 0 {
		return
	}
	wb.loop.Go(func() func() {
		n, err := wb.work.Include(context.Background(), []int64{id})
		return func() {
			switch {
			case err != nil:
				wb.dlg.fail(fmt.Errorf("could not include the article again: %w", err))
			case n == 0:
				wb.activePanel().status.SetText("This article was not excluded.")
			default:
				wb.activePanel().status.SetText("Included in the analysis again.")
				wb.lib.reload()
			}
		}
	})
}

// showEditArticle corrects the open article's title, outlet, date and
// address.
func (wb *Workbench) showEditArticle() {
	a := wb.read.article
	if a.ID == 0 || a.ID != wb.current {
		wb.dlg.info("Edit an article's details", "Open the article first.")
		return
	}
	title, outlet, date, link := wb.dlg.newEntry(), wb.dlg.newEntry(), wb.dlg.newEntry(), wb.dlg.newEntry()
	title.SetText(a.Title)
	outlet.SetText(a.Outlet)
	link.SetText(a.URL)
	if !a.PublishedAt.IsZero() {
		date.SetText(a.PublishedAt.UTC().Format("2006-01-02T15:04"))
	}
	date.SetPlaceHolder("2026-03-14 or 2026-03-14T14:39 (UTC); empty: unknown")
	date.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := workspace.ParseDate(s)
		return err
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Title", title), widget.NewFormItem("Outlet", outlet),
		widget.NewFormItem("Published", date), widget.NewFormItem("Address", link),
	}
	id := a.ID
	d := dialog.NewForm("Edit the article's details", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		t, o, dt, u := title.Text, outlet.Text, date.Text, link.Text
		f := workspace.ArticleFields{Title: &t, Outlet: &o, Date: &dt, URL: &u}
		wb.loop.Go(func() func() {
			stored, err := wb.work.EditArticle(context.Background(), id, f)
			return func() {
				if err != nil {
					wb.dlg.fail(fmt.Errorf("not saved: %w. The details are as before", err))
					return
				}
				if wb.current == id {
					wb.read.show(stored)
					wb.spans.paint()
				}
				wb.lib.reload()
				wb.activePanel().status.SetText(fmt.Sprintf("✓ Saved the details at %s.", time.Now().Format("15:04:05")))
			}
		})
	}, wb.win)
	d.Resize(fyne.NewSize(620, 340))
	wb.dlg.showForm(d)
}
