package workspace

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"redline/storage"
)

// Copy copies the whole Redline database at from (a file or a PostgreSQL
// address) into to, which must be new or empty: a file that does not
// exist is created, an empty PostgreSQL database gets Redline's tables.
// Every table comes across, ids and all, checked by counting and hashing
// both sides (storage.Copy). from is only read. A target that holds data
// is refused unchanged; a copy that fails into a file it created removes
// that file (and the journal files SQLite made beside it), nothing else.
// progress is storage.Copy's.
func Copy(ctx context.Context, from, to string, progress func(table string, rows int64)) (storage.CopyReport, error) {
	var rep storage.CopyReport
	for _, loc := range []string{from, to} {
		if err := CheckLocation(loc); err != nil {
			return rep, err
		}
	}
	if sameDatabase(from, to) {
		return rep, fmt.Errorf("%s is both the database to copy and the one to copy into; name a new file or an empty database with --to", DisplayName(from))
	}
	src, err := storage.OpenExisting(ctx, from)
	if err != nil {
		return rep, err
	}
	defer src.Close()

	var made []string // files this copy creates, removed if it fails
	if !IsServer(to) {
		if err := storage.CheckEmpty(ctx, to); err != nil {
			return rep, err
		}
		if _, err := os.Stat(to); errors.Is(err, fs.ErrNotExist) {
			dir := filepath.Dir(to)
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return rep, fmt.Errorf("the folder %s does not exist; create it, or name a file in a folder that exists; nothing was created", dir)
			}
			for _, p := range []string{to, to + "-wal", to + "-shm", to + "-journal"} {
				if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
					made = append(made, p)
				}
			}
		}
	}
	removeMade := func() {
		if len(made) == 0 || made[0] != to {
			return // the database file was there before: a transaction rolled back leaves it as it was
		}
		for _, p := range made {
			os.Remove(p)
		}
	}
	dst, err := storage.Open(to)
	if err != nil {
		removeMade()
		return rep, err
	}
	rep, err = storage.Copy(ctx, src, dst, progress)
	if cerr := dst.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("finish writing %s: %w", DisplayName(to), cerr)
	}
	if err != nil {
		removeMade()
		return rep, err
	}
	return rep, nil
}

// DisplayName is a database location as it may be shown: a file's path,
// or a server address without its password.
func DisplayName(loc string) string {
	if IsServer(loc) {
		return storage.ServerName(loc)
	}
	return loc
}

// sameDatabase reports whether a and b name one database: one file (by
// path, or the same file reached by two paths), or one server database.
func sameDatabase(a, b string) bool {
	if IsServer(a) != IsServer(b) {
		return false
	}
	if IsServer(a) {
		return storage.ServerName(a) == storage.ServerName(b)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}
