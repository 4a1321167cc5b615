package app

import (
	"context"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

// TestOthersChangesShowAtTheNextLook: another coder's code and a story
// merged by the lead, written through another connection to the same
// database (another laptop on the team server, or another program on the
// file), show at the window's next look at the change mark — not while a
// dialog is open — and the analyst's selection stays where it was.
func TestOthersChangesShowAtTheNextLook(t *testing.T) {
	ctx := context.Background()
	b := newBench(t, "Ana", sampleArticles()...)
	b.wb.checkChanges() // the first look takes the mark
	b.settle()
	ids := map[string]int64{}
	for _, it := range b.wb.lib.all {
		ids[it.Title] = it.ID
	}
	first, second := ids["Harbour strike enters second day"], ids["Regulator caps gas prices"]
	b.wb.lib.list.Select(b.wb.lib.indexOf(second))
	b.settle()
	if b.wb.current != second {
		t.Fatalf("opened %d, want %d", b.wb.current, second)
	}
	b.wb.tabs.Select(b.wb.codeTab)
	b.settle()

	// elsewhere: the lead merges the first two stories, Bea codes one
	other, err := workspace.Open(ctx, b.loc, false)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	fam := func(id int64) int64 {
		for _, it := range b.wb.lib.all {
			if it.ID == id {
				return it.FamilyID
			}
		}
		return 0
	}
	if err := other.MergeInto(ctx, second, fam(first)); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	bea := annotate.Annotation{ID: annotate.NewID(), ArticleID: first, Annotator: "Bea", Codebook: other.Codebook.Name,
		CodebookVersion: other.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now}
	if err := other.SaveEdit(ctx, "Bea", "stance", storage.Edit{Annotations: []annotate.Annotation{bea}}); err != nil {
		t.Fatal(err)
	}
	beaShown := func() bool {
		for _, r := range b.wb.codes.all {
			if r.Annotator == "Bea" {
				return true
			}
		}
		return false
	}

	// a dialog is open: the look shows nothing yet
	b.wb.dlg.info("Something", "A message the analyst is reading.")
	b.wb.checkChanges()
	b.settle()
	if beaShown() || fam(second) == fam(first) {
		t.Error("changes were shown behind an open dialog")
	}
	b.wb.dlg.escape()
	b.settle()

	b.wb.checkChanges()
	b.settle()
	if !beaShown() {
		t.Error("the Codes tab does not show Bea's new code after the look")
	}
	if fam(second) != fam(first) {
		t.Errorf("the library does not show the merged story: families %d and %d", fam(first), fam(second))
	}
	if b.wb.current != second || b.wb.lib.selected != second {
		t.Errorf("the look moved the analyst: open %d, selected %d; want %d", b.wb.current, b.wb.lib.selected, second)
	}
	if got := b.wb.verTab.Text; got != "Versions (2)" {
		t.Errorf("Versions tab says %q, want the merged story's two versions", got)
	}

	// no change: the next look rereads nothing
	seq := b.wb.lib.seq
	b.wb.checkChanges()
	b.settle()
	if b.wb.lib.seq != seq {
		t.Error("a look with no change reloaded the library")
	}
}
