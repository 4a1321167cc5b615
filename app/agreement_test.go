package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/storage"
)

// TestAgreementViewSettlesADisagreement: two coders' stances, the view
// computes α, lists the unit where they differ with both values, the lead
// settles it, and the export carries the adjudicated code.
func TestAgreementViewSettlesADisagreement(t *testing.T) {
	b := newBench(t, "Lead", sampleArticles()...)
	ctx := context.Background()
	now := time.Now().UTC()
	var anns []annotate.Annotation
	values := map[string][]string{"Ana": {"unfavourable", "neutral", "favourable"}, "Bea": {"unfavourable", "neutral", "mixed"}}
	for who, vals := range values {
		for i, it := range b.wb.lib.items {
			anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: it.ID, Annotator: who, Codebook: b.ws.Codebook.Name,
				CodebookVersion: b.ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: vals[i], Note: who + "'s reason", CreatedAt: now, UpdatedAt: now})
		}
	}
	if err := b.ws.Store.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	b.wb.tabs.Select(b.wb.agreeT)
	v := b.wb.agreeV
	v.compute()
	b.settle()
	if len(v.vars) == 0 || !strings.Contains(v.status.Text, "2 coders") {
		t.Fatalf("agreement: %d variables, status %q", len(v.vars), v.status.Text)
	}
	if v.chart.Image == nil {
		t.Error("no chart of α")
	}
	at := -1
	for i, x := range v.vars {
		if x.Dimension == "stance" && x.Target == "Russia" {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no stance · Russia variable")
	}
	if line := variableLine(v.vars[at]); !strings.Contains(line, "α ") || !strings.Contains(line, "3 units") {
		t.Errorf("variable line %q", line)
	}
	v.varList.Select(at)
	b.settle()
	if len(v.diffs) != 1 || len(v.diffBox.Objects) != 1 {
		t.Fatalf("%d differences shown, want 1", len(v.diffs))
	}
	row := v.diffBox.Objects[0].(*fyne.Container)
	body := row.Objects[1].(*widget.Label).Text
	if !strings.Contains(body, "Ana: favourable — Ana's reason") || !strings.Contains(body, "Bea: mixed") {
		t.Errorf("the coders' values side by side: %q", body)
	}
	controls := row.Objects[2].(*fyne.Container)
	controls.Objects[0].(*widget.Select).SetSelected("mixed")
	test.Tap(controls.Objects[1].(*widget.Button))
	b.settle()
	if got := row.Objects[3].(*widget.Label).Text; !strings.HasPrefix(got, "✓ Settled as mixed") {
		t.Fatalf("settle said %q", got)
	}
	var buf bytes.Buffer
	if err := b.ws.Store.ExportCSV(ctx, &buf, storage.FormLong, b.ws.Codebook); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	adjudicated := 0
	for _, r := range recs[1:] {
		if r[col["adjudicated"]] == "1" || r[col["adjudicated"]] == "true" {
			adjudicated++
			if r[col["value"]] != "mixed" || len(strings.Fields(r[col["settles"]])) != 2 {
				t.Errorf("adjudicated row %v", r)
			}
		}
	}
	if adjudicated != 1 {
		t.Errorf("%d adjudicated rows in the export, want 1", adjudicated)
	}
	// the lead's Ctrl+Z takes it back
	b.wb.undo()
	b.settle()
	buf.Reset()
	_ = b.ws.Store.ExportCSV(ctx, &buf, storage.FormLong, b.ws.Codebook)
	if strings.Count(buf.String(), "\n") != 7 {
		t.Errorf("after undo the export has %d lines, want the 6 coders' rows and a header", strings.Count(buf.String(), "\n"))
	}
}

// TestChartsTabDrawsWhatIsCoded: the Charts tab offers a chart per stance
// target and frames, draws the stance of the coded article, and says what
// it counts.
func TestChartsTabDrawsWhatIsCoded(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	b.typeRunes("3")
	b.wb.tabs.Select(b.wb.chartT)
	b.settle()
	v := b.wb.chartV
	if len(v.kind.Options) < 5 || v.kind.Selected != "Stance toward Russia by outlet" {
		t.Fatalf("charts offered %v, selected %q", v.kind.Options, v.kind.Selected)
	}
	if v.img.Image == nil || !strings.Contains(v.caption.Text, "codes on 1 article.") {
		t.Errorf("chart caption %q, image %v", v.caption.Text, v.img.Image != nil)
	}
	v.kind.SetSelected(chartStory)
	b.settle()
	if v.img.Image == nil {
		t.Errorf("no story timeline: %q", v.caption.Text)
	}
}

// TestMergeATeammatesExportInTheWindow: a teammate's JSON Lines export of
// the same articles merges, and the summary says what came in.
func TestMergeATeammatesExportInTheWindow(t *testing.T) {
	ctx := context.Background()
	other := newBench(t, "Bea", sampleArticles()...)
	other.typeRunes("3")
	path := t.TempDir() + "/bea.jsonl"
	var buf bytes.Buffer
	if err := other.ws.Store.ExportWebAnnotations(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBench(t, "Ana", sampleArticles()...)
	b.wb.mergePath(path)
	b.settle()
	if !b.wb.dlg.owns() || !strings.Contains(b.wb.coding.status.Text, "1 added") {
		t.Fatalf("merge summary: %q", b.wb.coding.status.Text)
	}
	anns := b.live(b.wb.lib.items[0].ID)
	if len(anns) != 1 || anns[0].Annotator != "Bea" {
		t.Errorf("after the merge the first article has %+v", anns)
	}
	b.key(fyne.KeyEscape)
	b.wb.mergePath(t.TempDir() + "/nothing.txt")
	b.settle()
	if !strings.Contains(b.wb.coding.status.Text, "Nothing was merged") {
		t.Errorf("a wrong file: %q", b.wb.coding.status.Text)
	}
}
