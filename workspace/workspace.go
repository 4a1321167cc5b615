// Package workspace opens an analyst's working set — the database with its
// codebook — and brings articles into it. The window and the command line
// both start here, so they share one database and one set of rules.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"redline/annotate"
	"redline/assets"
	"redline/storage"
	"redline/version"
)

// EnvDB names the environment variable that overrides the default database.
const EnvDB = "REDLINE_DB"

// DefaultPath is the database the window and the command line share:
// $REDLINE_DB, else redline.db in DataDir (the user's data folder:
// %AppData%\Redline on Windows, ~/Library/Application Support/Redline on
// macOS, $XDG_DATA_HOME/redline or ~/.local/share/redline on Linux).
func DefaultPath() (string, error) { return host().defaultPath() }

// Workspace is an open database and the codebook in force.
type Workspace struct {
	Store    *storage.Store
	Codebook *annotate.Codebook

	server *serverIdentity // who the login codes as on a server (team.go)
}

// Open opens (or creates) the database at path, makes sure it holds a
// codebook (the embedded default on first use), and loads the demo corpus
// into a database that has no articles when demo is true.
func Open(ctx context.Context, path string, demo bool) (*Workspace, error) {
	if err := CheckLocation(path); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); dir != "" && !IsServer(path) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create the folder for %s: %w", path, err)
		}
	}
	st, err := storage.Open(path)
	if err != nil {
		return nil, err
	}
	// before the codebook goes in, so a new file names this Redline as its
	// creator and an old one is told apart by what it holds
	if err := st.RecordVersion(ctx, version.String()); err != nil {
		st.Close()
		return nil, err
	}
	ws := &Workspace{Store: st}
	if err := ws.ensureCodebook(ctx); err != nil {
		st.Close()
		return nil, err
	}
	if err := ws.learnAnalyst(ctx); err != nil {
		st.Close()
		return nil, err
	}
	// not on a team server: its articles are the lead's to import
	if demo && !ws.mapped() {
		n, err := st.CountArticles(ctx)
		if err != nil {
			st.Close()
			return nil, err
		}
		if n == 0 {
			if _, err := ws.ImportFS(ctx, assets.Demo(), nil); err != nil {
				st.Close()
				return nil, fmt.Errorf("load the demo corpus: %w", err)
			}
		}
	}
	return ws, nil
}

// Close closes the database.
func (ws *Workspace) Close() error { return ws.Store.Close() }

func (ws *Workspace) ensureCodebook(ctx context.Context) error {
	cb, _, err := ws.Store.LatestCodebook(ctx)
	if err == nil {
		ws.Codebook = cb
		return nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	cb, err = annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		return fmt.Errorf("the built-in codebook is broken: %w", err)
	}
	if err := ws.Store.SaveCodebook(ctx, cb, assets.DefaultCodebook); err != nil {
		return err
	}
	ws.Codebook = cb
	return nil
}
