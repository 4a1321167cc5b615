package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"redline/assets"
	"redline/workspace"
)

// Metadata as FyneApp.toml declares it; set here too so that a plain
// `go build` behaves like a `fyne package` build (the fyneDo migration on).
const (
	ID      = "io.github.redline.workbench"
	Name    = "Redline"
	Version = "0.1.0"
)

// Start opens the workbench window on ws and returns when it is closed.
func Start(ws *workspace.Workspace) error {
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	fyneapp.SetMetadata(fyne.AppMetadata{
		ID: ID, Name: Name, Version: Version, Build: 1, Icon: icon,
		Migrations: map[string]bool{"fyneDo": true},
	})
	a := fyneapp.NewWithID(ID)
	a.SetIcon(icon)
	w := a.NewWindow("Redline — " + filepath.Base(ws.Store.Path()))
	New(w, Options{Store: ws.Store, Importer: ws, Codebooks: ws, Codebook: ws.Codebook})
	w.Resize(fyne.NewSize(1400, 860))
	w.SetMaster()
	w.ShowAndRun()
	return nil
}
