package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Settings that rule the automatic backups.
const (
	SettingBackupKeep  = "backup.keep"  // how many automatic copies to keep
	SettingBackupEvery = "backup.every" // how old the newest may get, e.g. "24h"
)

// Defaults of the automatic backups.
const (
	DefaultBackupKeep  = 5
	DefaultBackupEvery = 24 * time.Hour
)

// backupPrefix names automatic copies: redline-20261129-183000.db.
const backupPrefix = "redline-"

// BackupDir is the folder of the automatic copies of the database at
// path: "backups" beside it.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// Backup writes a consistent copy of the database to the new file to
// while it stays open for reading and writing (SQLite's VACUUM INTO, from
// a connection of its own). The copy is written under a temporary name
// and renamed when complete, so to is either whole or absent; an existing
// to is refused. A PostgreSQL database is refused (ErrServerBackup).
func (s *Store) Backup(ctx context.Context, to string) error {
	if s.pg {
		return fmt.Errorf("%s is a PostgreSQL database: its server is backed up with pg_dump; for a Redline file of it, run redline copy --from %s --to FILE.db: %w", s.path, s.path, ErrServerBackup)
	}
	if err := s.Checked(ctx); err != nil {
		return err // a damaged file is recovered, not copied
	}
	if _, err := os.Lstat(to); err == nil {
		return fmt.Errorf("%s already exists: back up to a new file name", to)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("back up to %s: %w", to, err)
	}
	partial := to + ".partial-" + strconv.Itoa(os.Getpid())
	os.Remove(partial) // a leftover of an earlier run of ours with the same pid
	db, err := sql.Open("sqlite", dsn(s.path, pragmas()))
	if err != nil {
		return fmt.Errorf("back up %s: %w", s.path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("back up %s to %s: %w", s.path, to, err)
	}
	if err := syncFile(partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("back up to %s: %w", to, err)
	}
	if _, err := os.Lstat(to); err == nil {
		os.Remove(partial)
		return fmt.Errorf("%s appeared while backing up: back up to a new file name", to)
	}
	if err := os.Rename(partial, to); err != nil {
		os.Remove(partial)
		return fmt.Errorf("back up to %s: %w", to, err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// BackupPolicy reads how many automatic copies to keep and how often to
// make one from the settings, or the defaults.
func (s *Store) BackupPolicy(ctx context.Context) (keep int, every time.Duration, err error) {
	keep, every = DefaultBackupKeep, DefaultBackupEvery
	if v, err := s.Setting(ctx, SettingBackupKeep); err != nil {
		return keep, every, err
	} else if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		keep = n
	}
	if v, err := s.Setting(ctx, SettingBackupEvery); err != nil {
		return keep, every, err
	} else if d, err := time.ParseDuration(v); err == nil && d > 0 {
		every = d
	}
	return keep, every, nil
}

// ErrServerBackup: a PostgreSQL database is not copied to a file by Backup.
var ErrServerBackup = errors.New("server databases are backed up by the server")

// AutoBackup makes an automatic copy in BackupDir when the newest one is
// older than the policy's interval (or there is none), then deletes the
// oldest automatic copies beyond the number to keep. It returns the new
// copy's path, or "" when none was due. A policy keeping 0 copies turns
// automatic backups off.
func (s *Store) AutoBackup(ctx context.Context, now time.Time) (string, error) {
	if s.pg {
		return "", nil // the server's own backups (pg_dump) keep it; no file here to copy
	}
	keep, every, err := s.BackupPolicy(ctx)
	if err != nil || keep == 0 {
		return "", err
	}
	dir := BackupDir(s.path)
	copies := autoCopies(dir)
	if n := len(copies); n > 0 {
		if fi, err := os.Stat(copies[n-1]); err == nil && now.Sub(fi.ModTime()) < every {
			return "", nil
		}
	}
	to := filepath.Join(dir, backupPrefix+now.UTC().Format("20060102-150405")+".db")
	if err := s.Backup(ctx, to); err != nil {
		return "", err
	}
	copies = autoCopies(dir)
	for len(copies) > keep {
		os.Remove(copies[0])
		copies = copies[1:]
	}
	sweepPartials(dir)
	return to, nil
}

// autoCopies lists the automatic copies in dir, oldest first (their names
// sort by time).
func autoCopies(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, ".db") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out
}

// sweepPartials removes unfinished copies of runs that were killed: ours
// only, by their name, and only when a day old.
func sweepPartials(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.Contains(e.Name(), ".db.partial-") {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Restore replaces the database file at path with a copy of the backup
// from, after checking that from is a sound Redline database no newer
// than this Redline, and returns where the current file was kept aside
// (path + ".before-restore-TIME", with its -wal when there is one). The
// database must not be open, in this process or another.
func Restore(ctx context.Context, path, from string, now time.Time) (keptAside string, err error) {
	rep, err := Check(ctx, from)
	if err != nil {
		return "", err
	}
	if len(rep.Problems) > 0 {
		return "", fmt.Errorf("%s is damaged (%s): choose another backup", from, rep.Problems[0])
	}
	steps, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		return "", err
	}
	if _, err := probe(ctx, from, len(steps)); err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err == nil {
		keptAside = path + ".before-restore-" + now.UTC().Format("20060102-150405")
		if err := copyFile(path, keptAside); err != nil {
			return "", fmt.Errorf("keep %s aside before restoring: %w", path, err)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			if err := copyFile(path+"-wal", keptAside+"-wal"); err != nil {
				return "", fmt.Errorf("keep %s aside before restoring: %w", path, err)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("restore to %s: %w", path, err)
	}
	partial := path + ".restoring-" + strconv.Itoa(os.Getpid())
	if err := copyFile(from, partial); err != nil {
		os.Remove(partial)
		return keptAside, fmt.Errorf("restore %s: %w", from, err)
	}
	// the old file's log and index must not be applied to the restored one
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + ext); err != nil && !errors.Is(err, fs.ErrNotExist) {
			os.Remove(partial)
			return keptAside, fmt.Errorf("restore to %s: %w", path, err)
		}
	}
	if err := os.Rename(partial, path); err != nil {
		os.Remove(partial)
		return keptAside, fmt.Errorf("restore to %s: %w", path, err)
	}
	return keptAside, nil
}

// copyFile copies from into the new file to and syncs it.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(to)
	}
	return err
}
