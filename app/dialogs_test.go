package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"redline/workspace"
)

// menuAction finds a main-menu item by its label.
func (b *bench) menuAction(label string) func() {
	b.t.Helper()
	for _, m := range b.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	b.t.Fatalf("no menu item %q", label)
	return nil
}

// TestDialogsOwnTheKeyboard: with Help open a value key codes nothing, Esc
// closes Help, and the next key codes as usual.
func TestDialogsOwnTheKeyboard(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	b.key(fyne.KeyF1)
	if !b.wb.dlg.owns() {
		t.Fatal("F1 opened no dialog")
	}
	b.typeRunes("1n")
	b.key(fyne.KeyDown)
	if n := len(b.live(id)); n != 0 {
		t.Fatalf("a key behind the Help dialog saved %d codes", n)
	}
	if b.wb.current != id {
		t.Fatal("n behind the Help dialog moved to another article")
	}
	// Tab moves focus inside the dialog only, and Space there changes no code
	b.win.Canvas().FocusNext()
	if f := b.win.Canvas().Focused(); f != nil {
		f.TypedRune(' ')
		b.settle()
	}
	if n := len(b.live(id)); n != 0 {
		t.Fatalf("Tab and Space behind the dialog saved %d codes", n)
	}
	b.win.Canvas().Unfocus()
	b.key(fyne.KeyEscape)
	if b.wb.dlg.owns() {
		t.Fatal("Esc did not close the Help dialog")
	}
	b.typeRunes("1")
	if n := len(b.live(id)); n != 1 {
		t.Fatalf("after closing Help the key saved %d codes, want 1", n)
	}
	// Enter closes an information dialog too
	b.key(fyne.KeyF1)
	b.key(fyne.KeyReturn)
	if b.wb.dlg.owns() {
		t.Error("Enter did not close the Help dialog")
	}
}

// TestMenuShortcutsWaitForTheDialog: Ctrl+Z (a menu shortcut, which Fyne
// runs even over a dialog) undoes nothing while the import summary is open.
func TestMenuShortcutsWaitForTheDialog(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	id := b.wb.current
	b.typeRunes("3")
	b.wb.showImportSummary(workspace.Summary{})
	b.settle()
	b.menuAction("Undo coding")()
	b.settle()
	if n := len(b.live(id)); n != 1 {
		t.Fatalf("Ctrl+Z behind a dialog undid the code (%d left)", n)
	}
	b.typeRunes("n")
	if b.wb.current != id {
		t.Fatal("n behind the import summary moved to the next article")
	}
	b.key(fyne.KeyReturn) // OK
	if b.wb.dlg.owns() {
		t.Fatal("Enter did not close the import summary")
	}
	b.menuAction("Undo coding")()
	b.settle()
	if n := len(b.live(id)); n != 0 {
		t.Fatalf("Ctrl+Z after the dialog left %d codes", n)
	}
}

// TestEscCancelsAFormAndEnterSubmitsIt: the name dialog's field passes Esc
// to the dialog (an entry keeps it otherwise).
func TestEscCancelsAFormAndEnterSubmitsIt(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	b.wb.askAnnotator()
	b.settle()
	e, ok := b.win.Canvas().Focused().(*dialogEntry)
	if !ok {
		t.Fatalf("the name field has no focus: %T", b.win.Canvas().Focused())
	}
	e.SetText("Someone Else")
	b.key(fyne.KeyEscape)
	b.settle()
	if b.wb.dlg.owns() || b.wb.annotator != "Ana" {
		t.Fatalf("Esc: dialog open %v, analyst %q", b.wb.dlg.owns(), b.wb.annotator)
	}
	b.wb.askAnnotator()
	b.settle()
	b.win.Canvas().Focused().(*dialogEntry).SetText("Bea")
	b.key(fyne.KeyReturn)
	if b.wb.dlg.owns() || b.wb.annotator != "Bea" {
		t.Fatalf("Enter: dialog open %v, analyst %q", b.wb.dlg.owns(), b.wb.annotator)
	}
	if !strings.Contains(b.wb.coding.header.Text, "Bea") {
		t.Errorf("header %q", b.wb.coding.header.Text)
	}
}

// TestUndoTakesBackARejection: j, Delete, Ctrl+Z undoes the rejection (not
// an earlier code), says so, and the suggestion is open again.
func TestUndoTakesBackARejection(t *testing.T) {
	b := spanBench(t)
	open := len(b.wb.openSuggestions())
	if open < 2 {
		t.Fatalf("need two suggestions, have %d", open)
	}
	b.typeRunes("j")
	b.key(fyne.KeyReturn) // accept the first
	b.key(fyne.KeyEscape)
	accepted := len(b.liveSpans())
	b.typeRunes("j")
	if _, ok := b.wb.suggestionSelected(); !ok {
		t.Fatal("j selected no suggestion")
	}
	b.key(fyne.KeyDelete)
	if got := len(b.wb.openSuggestions()); got != open-2 {
		t.Fatalf("after accept and reject %d open, want %d", got, open-2)
	}
	b.wb.undo()
	b.settle()
	if msg := b.wb.coding.status.Text + b.wb.spans.panel.status.Text; !strings.Contains(msg, "Undid: rejected suggested quote") {
		t.Errorf("undo said %q", msg)
	}
	if got := len(b.wb.openSuggestions()); got != open-1 {
		t.Errorf("after undoing the rejection %d open, want %d", got, open-1)
	}
	if got := len(b.liveSpans()); got != accepted {
		t.Errorf("undoing the rejection changed the accepted codes: %d, want %d", got, accepted)
	}
	b.wb.redo()
	b.settle()
	if got := len(b.wb.openSuggestions()); got != open-2 {
		t.Errorf("after redo %d open, want %d", got, open-2)
	}
}

// TestCodebookShownWhileCoding: the marked field shows the values' keys
// and definitions (the chosen one marked), and F2 opens the coding manual.
func TestCodebookShownWhileCoding(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	f := b.wb.coding.fields[0]
	if !f.help.Visible() || !strings.Contains(f.help.Text, "Presents the target negatively") {
		t.Fatalf("the marked field's help: visible %v %q", f.help.Visible(), f.help.Text)
	}
	if b.wb.coding.fields[1].help.Visible() {
		t.Error("an unmarked field shows its help")
	}
	b.typeRunes("3") // unfavourable; the mark moves on
	b.key(fyne.KeyUp)
	if !strings.Contains(b.wb.coding.fields[0].help.Text, "▸ 3") {
		t.Errorf("the chosen value is not marked:\n%s", b.wb.coding.fields[0].help.Text)
	}
	b.key(fyne.KeyF2)
	if !b.wb.dlg.owns() {
		t.Fatal("F2 opened no coding manual")
	}
	b.key(fyne.KeyEscape)
}

func TestAboutSaysTheVersions(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	text, err := b.wb.work.AboutText(context.Background())
	if err != nil || !strings.Contains(text, "Redline") {
		t.Fatalf("about: %q %v", text, err)
	}
	b.wb.showAbout()
	b.settle()
	if !b.wb.dlg.owns() {
		t.Error("Help ▸ About opened nothing")
	}
}

// TestExportAsksWhichRows: the export starts with the filters (Enter goes
// on to the file), and a blind project's coder exports only their codes.
func TestExportAsksWhichRows(t *testing.T) {
	b := newBench(t, "Ana", sampleArticles()...)
	b.wb.project = workspace.Project{Blind: true, Lead: "Lead"}
	b.wb.showExport(formLong)
	b.settle()
	if !b.wb.dlg.owns() {
		t.Fatal("no export options")
	}
	b.key(fyne.KeyEscape)
	if b.wb.dlg.owns() {
		t.Error("Esc did not close the export options")
	}
	if splitList(" Bellmar Times, ,Caldera Courier ")[1] != "Caldera Courier" {
		t.Error("outlet list")
	}
}
