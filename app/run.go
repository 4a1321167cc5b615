package app

import (
	"context"
	"errors"
	"log"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"redline/assets"
	"redline/storage"
	"redline/version"
	"redline/workspace"
)

// openMessage says why the database could not be opened and what to do.
func openMessage(err error) string {
	next := "Check the path, or start Redline with --db pointing at another file."
	switch {
	case errors.Is(err, storage.ErrNewerSchema):
		next = "This file was made by a newer Redline. Upgrade Redline to open it; the file was not changed."
	case errors.Is(err, storage.ErrNotRedline):
		next = "This file is not a Redline database, so it was left alone. Start Redline with --db pointing at a Redline file, or at a new file name to start afresh."
	case errors.Is(err, storage.ErrCorrupt):
		next = "The file is damaged and was not changed. Restore it from a backup, or start Redline with --db pointing at another file."
	}
	return err.Error() + "\n\n" + next
}

// Metadata as FyneApp.toml declares it; set here too so that a plain
// `go build` behaves like a `fyne package` build (the fyneDo migration on).
const (
	ID   = "io.github.redline.workbench"
	Name = "Redline"
)

// windowSize is the size the window had when it last closed, else
// 1400 × 860; never smaller than 800 × 560.
// key names the setting (windowKey).
func windowSize(s Settings, key func(string) string) fyne.Size {
	w, h := 1400, 860
	if v, err := s.Setting(context.Background(), key(settingWidth)); err == nil {
		if n, err := strconv.Atoi(v); err == nil {
			w = max(n, 800)
		}
	}
	if v, err := s.Setting(context.Background(), key(settingHeight)); err == nil {
		if n, err := strconv.Atoi(v); err == nil {
			h = max(n, 560)
		}
	}
	return fyne.NewSize(float32(w), float32(h))
}

// keepBackups makes the automatic backup copies while the window is open:
// at start and every hour, each only when the settings say one is due. It
// touches no widget; a failure is logged (the command line's 'redline
// backup' says more).
func keepBackups(ws *workspace.Workspace) {
	for {
		if _, err := ws.Store.AutoBackup(context.Background(), time.Now()); err != nil {
			log.Printf("redline: automatic backup failed: %v (run 'redline backup' to see why)", err)
		}
		time.Sleep(time.Hour)
	}
}

// Start opens the workbench window on ws and returns when it is closed.
// If the database could not be opened (openErr), it shows why instead.
func Start(ws *workspace.Workspace, openErr error) error {
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID: ID, Name: Name, Version: version.Get().Version, Build: 1, Icon: icon,
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := fyneapp.NewWithID(ID)
	a.SetIcon(icon)
	if openErr != nil {
		w := a.NewWindow("Redline could not open its database")
		msg := widget.NewLabel(openMessage(openErr))
		msg.Wrapping = fyne.TextWrapWord
		w.SetContent(container.NewPadded(container.NewVBox(msg, container.NewCenter(widget.NewButton("Close", a.Quit)))))
		w.Resize(fyne.NewSize(640, 260))
		w.ShowAndRun()
		return openErr
	}
	// The window is created as "Redline" so the desktop matches it to the
	// menu entry (and its icon); the database's name is added once it runs.
	w := a.NewWindow(Name)
	a.Lifecycle().SetOnStarted(func() {
		fyne.Do(func() { w.SetTitle(Name + " — " + databaseTitle(ws.Store)) })
	})
	New(w, Options{Store: ws.Store, Work: ws, History: ws, Importer: ws, Codebooks: ws, Codebook: ws.Codebook})
	analyst, _ := ws.Analyst(context.Background())
	w.Resize(windowSize(ws.Store, func(k string) string { return windowKey(k, ws.AnalystFixed(), analyst) }))
	go keepBackups(ws) // a dated copy beside the database when one is due

	w.SetMaster()
	w.ShowAndRun()
	return nil
}

// databaseTitle names the open database in the window's title: the file's
// name, or the server's database and host.
func databaseTitle(s *storage.Store) string {
	if s.IsServer() {
		return strings.TrimPrefix(s.Path(), "postgres://")
	}
	return filepath.Base(s.Path())
}
