package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/workspace"
)

// TestCodesViewListsFiltersSortsAndOpens: every code in one table; the
// filters combine; a header sorts; a row opens the article at its span; the
// rows shown export with the long CSV's columns.
func TestCodesViewListsFiltersSortsAndOpens(t *testing.T) {
	b := spanBench(t)
	ctx := context.Background()
	id := b.wb.current
	// Ana codes the stance; Bea (on another laptop, merged) codes a span
	b.typeRunes("3")
	text := []rune(quoteArticle)
	start, end := runeIndex(quoteArticle, "We have"), runeIndex(quoteArticle, `," the deputy`)
	sp, err := annotate.NewSpan(string(text), start, end)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	bea := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "Bea", Codebook: b.ws.Codebook.Name,
		CodebookVersion: b.ws.Codebook.Version, Dimension: "source_type", Value: "government", Span: sp, CreatedAt: now, UpdatedAt: now}
	if err := b.ws.Store.SaveAnnotations(ctx, []annotate.Annotation{bea}); err != nil {
		t.Fatal(err)
	}
	b.wb.tabs.Select(b.wb.codeTab)
	b.settle()
	v := b.wb.codes
	if len(v.all) != 2 || len(v.shown) != 2 || v.count.Text != "2 of 2 codes" {
		t.Fatalf("codes view shows %d of %d: %q", len(v.shown), len(v.all), v.count.Text)
	}
	v.coder.SetSelected("Bea")
	if len(v.shown) != 1 || v.shown[0].Annotator != "Bea" {
		t.Fatalf("coder filter: %+v", v.shown)
	}
	v.state.SetSelected("carried, to confirm")
	if len(v.shown) != 0 {
		t.Errorf("coder and state filters do not combine: %d rows", len(v.shown))
	}
	v.state.SetSelectedIndex(0)
	v.coder.SetSelectedIndex(0)
	v.sortBy(5) // coder
	if v.shown[0].Annotator != "Ana" {
		t.Errorf("sorted by coder, first is %q", v.shown[0].Annotator)
	}
	v.sortBy(5)
	if v.shown[0].Annotator != "Bea" {
		t.Errorf("sorted by coder descending, first is %q", v.shown[0].Annotator)
	}
	// open Bea's span from its row
	for i, c := range v.shown {
		if c.Annotator == "Bea" {
			v.table.OnSelected(widgetCell(i))
		}
	}
	b.settle()
	if b.wb.tabs.SelectedIndex() != 0 || b.wb.current != id {
		t.Fatalf("the row did not open the article in the reader")
	}
	if s, e := b.wb.read.body.Selection(); s != start || e != end {
		t.Errorf("the span selected is %d-%d, want %d-%d", s, e, start, end)
	}
	// export what is shown, filtered to Bea
	b.wb.tabs.Select(b.wb.codeTab)
	b.settle()
	v.coder.SetSelected("Bea")
	var buf bytes.Buffer
	ids := []string{v.shown[0].ID}
	if err := b.ws.Store.ExportCodes(ctx, &buf, ids); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][0] != "annotation_id" || recs[1][0] != bea.ID {
		t.Errorf("filtered export: %v %v", recs, err)
	}
}

func widgetCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }

// TestBlindProjectShowsOnlyYourCodes: in a blind project a coder's Codes
// view and charts hold only their own codes and the agreement is the
// lead's; the lead sees everything.
func TestBlindProjectShowsOnlyYourCodes(t *testing.T) {
	for _, who := range []string{"Ana", "Lead"} {
		t.Run(who, func(t *testing.T) {
			b := newBench(t, who, sampleArticles()...)
			ctx := context.Background()
			if err := b.ws.SetProject(ctx, workspace.Project{Blind: true, Lead: "Lead"}); err != nil {
				t.Fatal(err)
			}
			now := time.Now().UTC()
			var anns []annotate.Annotation
			for _, c := range []string{"Ana", "Bea"} {
				anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: b.wb.lib.items[0].ID, Annotator: c, Codebook: b.ws.Codebook.Name,
					CodebookVersion: b.ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now})
			}
			if err := b.ws.Store.SaveAnnotations(ctx, anns); err != nil {
				t.Fatal(err)
			}
			// a new window reads the project
			l := &testLoop{}
			b.wb = newWorkbench(b.win, Options{Store: b.ws.Store, Work: b.ws, Importer: b.ws, Codebooks: b.ws, Codebook: b.ws.Codebook}, l)
			b.loop = l
			b.settle()
			b.wb.tabs.Select(b.wb.codeTab)
			b.settle()
			want := 2
			if who == "Ana" {
				want = 1
			}
			if got := len(b.wb.codes.all); got != want {
				t.Errorf("%s sees %d codes, want %d", who, got, want)
			}
			b.wb.agreeV.compute()
			b.settle()
			blocked := strings.Contains(b.wb.agreeV.status.Text, "blind")
			if blocked != (who == "Ana") {
				t.Errorf("%s: agreement status %q", who, b.wb.agreeV.status.Text)
			}
		})
	}
}
