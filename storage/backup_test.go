package storage

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func articleCount(t *testing.T, path string) int {
	t.Helper()
	rep, err := Check(context.Background(), path)
	if err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check %s: %+v, %v", path, rep, err)
	}
	return rep.Articles
}

func TestBackupWhileOpenAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.redline")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addArticle(t, s, "The first article.")
	addArticle(t, s, "The second article.")
	copyPath := filepath.Join(dir, "copy.redline")
	if err := s.Backup(ctx, copyPath); err != nil { // the store stays open
		t.Fatal(err)
	}
	if err := s.Backup(ctx, copyPath); err == nil {
		t.Error("a backup over an existing file: no error")
	}
	addArticle(t, s, "A third article, after the backup.")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := articleCount(t, copyPath); n != 2 {
		t.Errorf("backup holds %d articles, want 2", n)
	}

	aside, err := Restore(ctx, path, copyPath, time.Date(2026, 11, 29, 18, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if n := articleCount(t, path); n != 2 {
		t.Errorf("restored file holds %d articles, want the backup's 2", n)
	}
	if n := articleCount(t, aside); n != 3 {
		t.Errorf("the file kept aside holds %d articles, want 3", n)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatalf("open the restored file: %v", err)
	}
	s.Close()
}

func TestAutoBackupRotates(t *testing.T) {
	sqliteOnly(t, "copies of the file; a server is backed up with pg_dump")
	ctx := context.Background()
	s := newTestStore(t)
	addArticle(t, s, "Something worth keeping.")
	if err := s.SetSetting(ctx, SettingBackupKeep, "2"); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var made []string
	for i := range 4 {
		at := now.Add(time.Duration(i) * 25 * time.Hour)
		p, err := s.AutoBackup(ctx, at)
		if err != nil || p == "" {
			t.Fatalf("backup %d: %q, %v", i, p, err)
		}
		os.Chtimes(p, at, at) // as if made then
		made = append(made, p)
		if again, err := s.AutoBackup(ctx, at.Add(time.Hour)); err != nil || again != "" {
			t.Errorf("a second backup within the interval: %q, %v", again, err)
		}
	}
	got := autoCopies(BackupDir(s.Path()))
	if len(got) != 2 || got[0] != made[2] || got[1] != made[3] {
		t.Errorf("copies kept: %v, want the newest two of %v", got, made)
	}
}

func TestBackupRefusesDamagedFile(t *testing.T) {
	old := fullCheckBytes
	fullCheckBytes = 1 << 10
	defer func() { fullCheckBytes = old }()
	path := damagedLargeFile(t)
	s, err := Open(path)
	if err != nil {
		return // refused at once
	}
	defer s.Close()
	if err := s.Backup(context.Background(), filepath.Join(t.TempDir(), "b.db")); err == nil {
		t.Error("backup of a damaged file: no error")
	}
}
