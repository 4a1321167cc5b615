package app

import (
	"strings"
	"testing"

	"redline/assets"
)

func TestCodebookChangeRebuildsPanelsAndRefusesErrors(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	edited := strings.Replace(string(assets.DefaultCodebook), `targets = ["Russia", "Ukraine", "United States"]`, `targets = ["Russia", "Ukraine", "United States", "China"]`, 1)
	var gotErr error
	b.wb.installCodebook([]byte(strings.Replace(edited, `shortcut = "3"`, `shortcut = "n"`, 1)), func(err error) { gotErr = err })
	b.settle()
	if gotErr == nil || !strings.Contains(b.wb.codebookProblem(gotErr), "dimension[0].value[2].shortcut") {
		t.Fatalf("a codebook using a reserved key was not refused with its field: %v", gotErr)
	}
	if b.wb.cb.Version != 1 || len(b.wb.coding.fields) != 6 {
		t.Fatalf("a refused codebook changed the panel: v%d, %d fields", b.wb.cb.Version, len(b.wb.coding.fields))
	}
	b.wb.installCodebook([]byte(edited), nil)
	b.settle()
	if b.wb.cb.Version != 2 {
		t.Fatalf("codebook version %d after a change, want 2", b.wb.cb.Version)
	}
	if got := len(b.wb.coding.fields); got != 7 {
		t.Errorf("panel has %d fields, want 7 with the China target", got)
	}
	b.wb.coding.setActive(3) // stance · China
	b.typeRunes("3")
	for _, a := range b.live(b.wb.current) {
		if a.Target == "China" && (a.Value != "unfavourable" || a.CodebookVersion != 2) {
			t.Errorf("code under the new codebook: %+v", a)
		}
	}
}
