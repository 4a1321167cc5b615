package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"redline/storage"
	"redline/version"
)

// About is what Help ▸ About and `redline version` show: this Redline, and
// which Redline created the database and which last wrote it.
type About struct {
	Redline  version.Info
	Database string               // path; "" when none was asked about
	Exists   bool                 // false: the file is not created yet
	Tools    storage.ToolVersions // "" fields: not recorded
}

// AboutDatabase reads which Redlines made and last wrote the database at
// path without recording this one as its writer, so it reports what was
// there before. A missing file is not created.
func AboutDatabase(ctx context.Context, path string) (About, error) {
	a := About{Redline: version.Get(), Database: DisplayName(path)}
	if _, err := os.Stat(path); !IsServer(path) && errors.Is(err, fs.ErrNotExist) {
		return a, nil
	}
	st, err := storage.Open(path)
	if err != nil {
		return a, err
	}
	defer st.Close()
	a.Exists = true
	if a.Tools, err = st.ToolVersions(ctx); err != nil {
		return a, err
	}
	return a, nil
}

// About describes this Redline and the open database (which this Redline
// has just recorded itself as writing).
func (ws *Workspace) About(ctx context.Context) (About, error) {
	a := About{Redline: version.Get(), Database: ws.Store.Path(), Exists: true}
	var err error
	a.Tools, err = ws.Store.ToolVersions(ctx)
	return a, err
}

// String is the text of the About box and of `redline version`.
func (a About) String() string {
	s := a.Redline.Long()
	if a.Database == "" {
		return s
	}
	if !a.Exists {
		return s + fmt.Sprintf("database: %s (not created yet)\n", a.Database)
	}
	or := func(v string) string {
		if v == "" {
			return "not recorded"
		}
		return "Redline " + v
	}
	return s + fmt.Sprintf("database: %s\ncreated by: %s\nlast written by: %s\n",
		a.Database, or(a.Tools.CreatedBy), or(a.Tools.LastWrittenBy))
}

// AboutText is About in words, for the window's Help ▸ About.
func (ws *Workspace) AboutText(ctx context.Context) (string, error) {
	a, err := ws.About(ctx)
	if err != nil {
		return "", err
	}
	return a.String(), nil
}

// SyncWarning warns when the database lies in a synced folder (OneDrive,
// Dropbox and the like), or is "".
func (ws *Workspace) SyncWarning() string { return SyncWarning(ws.Store.Path()) }
