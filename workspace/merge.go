package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"redline/storage"
)

// MergeFile brings in a teammate's exported codes: a W3C Web Annotation
// JSON Lines file (export --format jsonl), a long CSV, or their whole
// Redline database file (its articles and codes; see mergeDatabase). The window's File
// ▸ Merge and `redline merge` both come here, under the same rules (a line
// that would move a stored code to another article or analyst is a
// conflict, never applied).
func (ws *Workspace) MergeFile(ctx context.Context, path string) (storage.ImportReport, error) {
	var rep storage.ImportReport
	if isDatabase(path) {
		return ws.mergeDatabase(ctx, path)
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".jsonl" && ext != ".ndjson" && ext != ".csv" {
		return rep, errors.New("not a Redline export or database: use a .jsonl (export --format jsonl), a long .csv, or a teammate's redline.db")
	}
	fi, err := os.Stat(path)
	if err != nil {
		return rep, errors.New(pathReason(err))
	}
	if fi.IsDir() {
		return rep, errors.New("is a folder: name the exported files inside it")
	}
	file, err := os.Open(path)
	if err != nil {
		return rep, errors.New("cannot open: " + pathReason(err))
	}
	defer file.Close()
	if ext == ".csv" {
		return ws.Store.ImportCSV(ctx, file)
	}
	return ws.Store.ImportWebAnnotations(ctx, file)
}

// pathReason words why a file could not be read.
func pathReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: you may not read it; ask for access"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return fmt.Sprint(err)
}
