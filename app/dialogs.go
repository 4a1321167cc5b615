package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// dialogs is the one place the workbench opens dialogs. While a dialog (or
// any pop-up) is open it owns the keyboard: the workbench's keys, menu
// shortcuts included, do nothing behind it; Esc closes it (cancelling), and
// Enter takes its default button. Every screen opens its dialogs here.
type dialogs struct {
	win  fyne.Window
	open []*openDialog
}

type openDialog struct {
	d      dialog.Dialog
	enter  func() // Enter's action; nil closes the dialog
	escape func() // Esc's action; nil closes the dialog
}

func newDialogs(win fyne.Window) *dialogs { return &dialogs{win: win} }

// show registers d and shows it. enter is what Enter does (the default
// button); nil means Enter closes the dialog.
func (ds *dialogs) show(d dialog.Dialog, enter func()) {
	od := &openDialog{d: d, enter: enter}
	ds.open = append(ds.open, od)
	d.SetOnClosed(func() {
		for i, x := range ds.open {
			if x == od {
				ds.open = append(ds.open[:i], ds.open[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// showCancel shows a dialog of work under way: Esc does what cancel does,
// Enter nothing.
func (ds *dialogs) showCancel(d dialog.Dialog, cancel func()) {
	ds.show(d, func() {})
	ds.open[len(ds.open)-1].escape = cancel
}

// info shows a message with an OK button.
func (ds *dialogs) info(title, message string) {
	ds.show(dialog.NewInformation(title, message, ds.win), nil)
}

// fail shows an error.
func (ds *dialogs) fail(err error) {
	ds.show(dialog.NewError(err, ds.win), nil)
}

// confirm asks a yes/no question; Enter answers yes, Esc no.
func (ds *dialogs) confirm(title, message string, answer func(bool)) {
	d := dialog.NewConfirm(title, message, answer, ds.win)
	ds.show(d, d.Confirm)
}

// showConfirm shows a confirm dialog made elsewhere; Enter confirms it.
func (ds *dialogs) showConfirm(d *dialog.ConfirmDialog) { ds.show(d, d.Confirm) }

// showForm shows a form dialog; Enter submits it (when its fields are valid).
func (ds *dialogs) showForm(d *dialog.FormDialog) { ds.show(d, d.Submit) }

// owns reports whether a dialog or pop-up is open, so keys belong to it.
func (ds *dialogs) owns() bool {
	return len(ds.open) > 0 || ds.win.Canvas().Overlays().Top() != nil
}

// key handles a key that reached the window while a dialog is open: Esc
// closes the top dialog, Enter takes its default; every other key is
// swallowed, so nothing behind the dialog changes.
func (ds *dialogs) key(k *fyne.KeyEvent) {
	if len(ds.open) == 0 {
		if k.Name == fyne.KeyEscape {
			if top := ds.win.Canvas().Overlays().Top(); top != nil {
				ds.win.Canvas().Overlays().Remove(top) // a pop-up menu or list
			}
		}
		return
	}
	top := ds.open[len(ds.open)-1]
	switch k.Name {
	case fyne.KeyEscape:
		if top.escape != nil {
			top.escape()
		} else {
			top.d.Dismiss()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.enter != nil {
			top.enter()
		} else {
			top.d.Dismiss()
		}
	}
}

// escape closes the top dialog, for fields inside it that take the keys.
func (ds *dialogs) escape() { ds.key(&fyne.KeyEvent{Name: fyne.KeyEscape}) }

// guard wraps a menu action so that it does nothing while a dialog is open
// (menu shortcuts reach the window even then).
func (ds *dialogs) guard(fn func()) func() {
	return func() {
		if ds.owns() {
			return
		}
		fn()
	}
}

// dialogEntry is a one-line entry for dialogs: Esc closes the dialog (an
// entry otherwise keeps Esc to itself), Enter submits through OnSubmitted.
type dialogEntry struct {
	widget.Entry
	ds *dialogs
}

func (ds *dialogs) newEntry() *dialogEntry {
	e := &dialogEntry{ds: ds}
	e.ExtendBaseWidget(e)
	return e
}

func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.ds.escape()
		return
	}
	e.Entry.TypedKey(k)
}
