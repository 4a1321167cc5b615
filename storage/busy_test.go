package storage

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"redline/annotate"
)

const (
	busyDBEnv   = "REDLINE_STORAGE_BUSY_DB"
	busyFileEnv = "REDLINE_STORAGE_BUSY_FILE"
)

// TestParallelMergesWaitTheirTurn runs several merges at once, each in a
// process of its own (TestBusyChild) on one file: every one finishes
// whole; none fails for a lock.
func TestParallelMergesWaitTheirTurn(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.redline")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	const text = "Some text to code."
	addArticle(t, s, text)
	s.Close()

	const writers, lines = 4, 8 * importBatch
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var files []string
	for w := range writers {
		var buf bytes.Buffer
		for i := range lines {
			a := annotate.Annotation{ID: fmt.Sprintf("W%d-%05d", w, i), Annotator: fmt.Sprint("coder", w),
				Dimension: "note", Note: fmt.Sprint(i), CreatedAt: at, UpdatedAt: at}
			buf.WriteString(waLine(t, a, text) + "\n")
		}
		f := filepath.Join(dir, fmt.Sprintf("w%d.jsonl", w))
		if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var wg sync.WaitGroup
	outs := make([]string, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBusyChild$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), busyDBEnv+"="+path, busyFileEnv+"="+files[w])
			out, err := cmd.CombinedOutput()
			outs[w] = string(out)
			if err != nil {
				outs[w] += err.Error()
			}
		}()
	}
	wg.Wait()
	for w, out := range outs {
		if !strings.Contains(out, fmt.Sprintf("added %d,", lines)) {
			t.Errorf("merge %d did not finish whole:\n%s", w, out)
		}
	}
}

// TestBusyChild is one merge of TestParallelMergesWaitTheirTurn.
func TestBusyChild(t *testing.T) {
	path, file := os.Getenv(busyDBEnv), os.Getenv(busyFileEnv)
	if path == "" {
		t.Skip("run by TestParallelMergesWaitTheirTurn")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.ImportWebAnnotations(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("added %d, skipped %d\n", rep.Added, rep.Skipped)
}

// TestWriteWaitsPastBusyTimeout: a write waits for a lock another program
// holds longer than SQLite's busy timeout, instead of failing.
func TestWriteWaitsPastBusyTimeout(t *testing.T) {
	sqliteOnly(t, "another connection holds SQLite's write lock on the file")
	old := busyTimeout
	busyTimeout = 50 * time.Millisecond
	defer func() { busyTimeout = old }()
	s := newTestStore(t)
	id := addArticle(t, s, "A text.")

	other, err := sql.Open("sqlite", dsn(s.Path(), writePragmas()))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin() // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(20 * busyTimeout)
		tx.Rollback()
		close(released)
	}()
	now := time.Now()
	err = s.SaveAnnotations(context.Background(), []annotate.Annotation{{ID: "W1", ArticleID: id, Annotator: "ana",
		Dimension: "note", Note: "n", CreatedAt: now, UpdatedAt: now}})
	<-released
	if err != nil {
		t.Errorf("save while another program held the lock: %v, want it to wait its turn", err)
	}
}
