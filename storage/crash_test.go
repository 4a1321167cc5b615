package storage

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// crashEnv carries the database path to the child process of
// TestCrashSafety; crashArticleEnv the article it codes.
const (
	crashEnv        = "REDLINE_STORAGE_CRASH_DB"
	crashArticleEnv = "REDLINE_STORAGE_CRASH_ARTICLE"
)

// TestCrashSafety runs TestCrashChild in a child process that saves
// annotations one at a time and reports each after SaveAnnotations returns,
// kills it with SIGKILL mid-stream, and checks that every reported
// annotation survived and the file is sound.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	const reported = 60
	path := filepath.Join(t.TempDir(), "crash.redline")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	articleID := addArticle(t, s, "The text being coded when the power goes.")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path, crashArticleEnv+"="+strconv.FormatInt(articleID, 10))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ids []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
			ids = append(ids, id)
			if len(ids) == reported {
				break
			}
		}
	}
	// Process.Kill is SIGKILL: no deferred Close, no checkpoint.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if len(ids) < reported {
		t.Fatalf("child reported %d saves before ending, want %d; stderr:\n%s", len(ids), reported, stderr.String())
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Logf("no -wal after the kill (%v): the test did not catch the log unflushed", err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer s.Close()
	var check string
	if err := s.read.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
	anns, err := s.Annotations(context.Background(), articleID)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, a := range anns {
		stored[a.ID] = true
	}
	for _, id := range ids {
		if !stored[id] {
			t.Errorf("annotation %s was reported saved but is missing", id)
		}
	}
	t.Logf("%d reported, %d stored", len(ids), len(anns))
}

// TestCrashChild is the child of TestCrashSafety; it does nothing when run
// on its own.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrashSafety")
	}
	articleID, err := strconv.ParseInt(os.Getenv(crashArticleEnv), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Bounded, in case the parent dies without killing us.
	deadline := time.Now().Add(2 * time.Minute)
	for i := 0; time.Now().Before(deadline); i++ {
		now := time.Now()
		a := annotate.Annotation{ID: annotate.NewID(), ArticleID: articleID, Annotator: "crash",
			Dimension: "note", Note: "note " + strconv.Itoa(i), CreatedAt: now, UpdatedAt: now}
		if err := s.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(os.Stdout, "saved %s\n", a.ID) // os.Stdout is unbuffered
	}
}
