package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// damagedLargeFile makes a store of many articles, closes it and
// overwrites one page in its middle, as a failing disk would: the header
// and the first pages still read.
func damagedLargeFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.redline")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var arts []annotate.Article
	for i := range 300 {
		arts = append(arts, annotate.Article{Title: fmt.Sprint("story ", i),
			Text: strings.Repeat(fmt.Sprintf("Paragraph %d of a long report on the harbour. ", i), 40)})
	}
	if _, err := s.AddArticles(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// a leaf page of the article table, from its middle
	db := rawDB(t, path)
	var pageNo, page int
	if err := db.QueryRow(`SELECT pageno, pgsize FROM dbstat WHERE name = 'article' AND pagetype = 'leaf'
		ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE name = 'article' AND pagetype = 'leaf')`).Scan(&pageNo, &page); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mid := (pageNo - 1) * page
	for i := mid; i < mid+page; i++ {
		b[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDamagedLargeFileIsNeverWritten: a file too large for the check
// before Open returns is checked in the background; every write waits for
// the check and is refused, and the file does not change.
func TestDamagedLargeFileIsNeverWritten(t *testing.T) {
	old := fullCheckBytes
	fullCheckBytes = 1 << 10 // every test file counts as large
	defer func() { fullCheckBytes = old }()

	path := damagedLargeFile(t)
	before, _ := os.ReadFile(path)
	s, err := Open(path)
	if err != nil {
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("Open: %v", err)
		}
		t.Log("found at once")
		return // found at once: fine too
	}
	ctx := context.Background()
	_, addErr := s.AddArticles(ctx, []annotate.Article{{Title: "new", Text: "A new article."}})
	now := time.Now()
	saveErr := s.SaveAnnotations(ctx, []annotate.Annotation{{ID: "X1", ArticleID: 1, Annotator: "ana",
		Dimension: "note", Note: "n", CreatedAt: now, UpdatedAt: now}})
	_, mergeErr := s.ImportWebAnnotations(ctx, strings.NewReader(waLine(t, annotate.Annotation{ID: "X2", Annotator: "ana",
		Dimension: "note", CreatedAt: now, UpdatedAt: now}, "x")))
	checkErr := s.Checked(ctx)
	s.Close()
	for name, err := range map[string]error{"add articles": addErr, "save annotations": saveErr, "merge": mergeErr, "Checked": checkErr} {
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s on a damaged file: %v, want it refused as damaged", name, err)
		}
	}
	if err := checkErr; err != nil && (strings.Count(err.Error(), "damaged") != 1 || !strings.Contains(err.Error(), path)) {
		t.Errorf("message %q: want the path and one 'damaged'", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the damaged file was written")
	}
}

// TestReadOnlyDatabase: a database its owner made read-only is refused
// with a plain reason, and no -wal or -shm appears beside it.
func TestReadOnlyDatabase(t *testing.T) {
	for _, which := range []string{"file", "folder"} {
		t.Run(which, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "ro.redline")
			closedStore(t, path)
			target := path
			if which == "folder" {
				target = dir
			}
			fi, _ := os.Stat(target)
			if err := os.Chmod(target, fi.Mode().Perm()&^0o222); err != nil {
				t.Fatal(err)
			}
			defer os.Chmod(target, fi.Mode().Perm())
			s, err := Open(path)
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
				t.Errorf("Open: %v, want a read-only refusal", err)
			}
			for _, ext := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(path + ext); err == nil {
					t.Errorf("%s created beside a read-only database", ext)
				}
			}
		})
	}
}

// TestCheckAndRecover: Check finds the damage without changing the file;
// Recover copies what can be read into a new file that opens as a sound
// Redline database, with codes and the search index.
func TestCheckAndRecover(t *testing.T) {
	path := damagedLargeFile(t)
	// a sound file: Check says so
	good := filepath.Join(t.TempDir(), "good.redline")
	closedStore(t, good)
	ctx := context.Background()
	if rep, err := Check(ctx, good); err != nil || len(rep.Problems) != 0 || rep.Articles != 40 {
		t.Errorf("Check of a sound file: %+v, %v", rep, err)
	}

	// code one article the damage does not reach (the first), by hand,
	// before the damage: rebuild the damaged file with a code
	before, _ := os.ReadFile(path)
	rep, err := Check(ctx, path)
	if err != nil || len(rep.Problems) == 0 {
		t.Fatalf("Check of a damaged file: %+v, %v; want problems", rep, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("Check changed the file")
	}

	to := filepath.Join(t.TempDir(), "recovered.redline")
	counts, err := Recover(ctx, path, to)
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	var articles TableCount
	for _, c := range counts {
		if c.Table == "article" {
			articles = c
		}
	}
	if articles.Copied == 0 || articles.Copied >= 300 {
		t.Errorf("articles: %+v; want most but not all of the 300 copied", articles)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("Recover changed the damaged file")
	}
	if rep, err := Check(ctx, to); err != nil || len(rep.Problems) != 0 || rep.Articles != articles.Copied {
		t.Errorf("the recovered file: %+v, %v; want sound with %d articles", rep, err, articles.Copied)
	}
	s, err := Open(to)
	if err != nil {
		t.Fatalf("open the recovered file: %v", err)
	}
	defer s.Close()
	found, err := s.Articles(ctx, Query{Search: "harbour"})
	if err != nil || len(found) != articles.Copied {
		t.Errorf("search in the recovered file: %d, %v; want %d", len(found), err, articles.Copied)
	}
	if _, err := Recover(ctx, path, to); err == nil {
		t.Error("Recover over an existing file: no error")
	}
}
