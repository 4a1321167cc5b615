package workspace

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"redline/annotate"
	"redline/storage"
)

// sqliteMagic opens every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// isDatabase reports whether path is an SQLite file.
func isDatabase(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, _ := f.Read(head)
	return n == len(head) && bytes.Equal(head, sqliteMagic)
}

// mergeDatabase brings in everything a teammate's Redline database holds
// that this one lacks: its articles (each a publication: the same text
// from the same outlet and address is recognised and not stored twice),
// then its codes under merge's rules. The teammate's file is only read:
// a snapshot of it is taken first (and upgraded, if an older Redline made
// it), and removed afterwards.
func (ws *Workspace) mergeDatabase(ctx context.Context, path string) (storage.ImportReport, error) {
	var rep storage.ImportReport
	dir, err := os.MkdirTemp("", "redline-merge-")
	if err != nil {
		return rep, fmt.Errorf("make room to read %s: %w", path, err)
	}
	defer os.RemoveAll(dir)
	snap := filepath.Join(dir, "teammate.db")
	if err := storage.Snapshot(ctx, path, snap); err != nil {
		return rep, err
	}
	other, err := storage.Open(snap)
	if err != nil {
		return rep, fmt.Errorf("read %s: %w", path, err)
	}
	defer other.Close()
	items, err := other.Articles(ctx, storage.Query{})
	if err != nil {
		return rep, err
	}
	var batch []annotate.Article
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		added, err := ws.addGrouped(ctx, batch)
		if err != nil {
			return err
		}
		var ids []int64
		for _, r := range added {
			if !r.Duplicate {
				rep.Articles++
				ids = append(ids, r.ID)
			}
		}
		batch = batch[:0]
		return ws.carryToNew(ctx, ids)
	}
	if err := ws.ensureKeys(ctx); err != nil {
		return rep, err
	}
	for _, it := range items {
		a, err := other.Article(ctx, it.ID)
		if err != nil {
			return rep, err
		}
		a.ID, a.FamilyID = 0, 0
		batch = append(batch, a)
		if len(batch) == storeBatch {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	if err := flush(); err != nil {
		return rep, err
	}
	var buf bytes.Buffer
	if err := other.ExportWebAnnotations(ctx, &buf); err != nil {
		return rep, fmt.Errorf("read the codes of %s: %w", path, err)
	}
	codes, err := ws.Store.ImportWebAnnotations(ctx, &buf)
	codes.Articles = rep.Articles
	return codes, err
}
