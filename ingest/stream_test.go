package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redline/annotate"
)

// TestReadFileStreamHoldsOneBatch: every format that holds many articles
// hands them on a batch at a time, never gathering the file.
func TestReadFileStreamHoldsOneBatch(t *testing.T) {
	const n, batch = 1234, 100
	var jsonl, csv, arr strings.Builder
	csv.WriteString("title,text\n")
	arr.WriteString("[")
	for i := range n {
		fmt.Fprintf(&jsonl, `{"title": "t%d", "text": "Article number %d."}`+"\n", i, i)
		fmt.Fprintf(&csv, "t%d,Article number %d.\n", i, i)
		if i > 0 {
			arr.WriteString(",")
		}
		fmt.Fprintf(&arr, `{"title": "t%d", "text": "Article number %d."}`, i, i)
	}
	arr.WriteString("]")
	dir := t.TempDir()
	for name, body := range map[string]string{"a.jsonl": jsonl.String(), "a.csv": csv.String(), "a.json": arr.String()} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			total, largest := 0, 0
			res := ReadFileStream(context.Background(), path, Options{}, batch, func(arts []annotate.Article) error {
				total += len(arts)
				largest = max(largest, len(arts))
				return nil
			})
			if res.Err != nil || len(res.Articles) != 0 {
				t.Fatalf("err %v, %d articles held in the result", res.Err, len(res.Articles))
			}
			if total != n || largest > batch {
				t.Errorf("handed on %d articles, at most %d at a time; want %d, at most %d", total, largest, n, batch)
			}
		})
	}
}

// TestReadFileStreamStopsOnSinkError: a sink that fails (the database)
// stops the reading, and its error is the file's.
func TestReadFileStreamStopsOnSinkError(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, `{"text": "Article %d."}`+"\n", i)
	}
	path := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(path, []byte(b.String()), 0o644)
	full := errors.New("disk full")
	calls := 0
	res := ReadFileStream(context.Background(), path, Options{}, 100, func([]annotate.Article) error {
		calls++
		if calls == 3 {
			return full
		}
		return nil
	})
	if calls != 3 || !errors.Is(res.SinkErr, full) || res.Err == nil {
		t.Errorf("calls %d, sink error %v, err %v; want reading stopped at the third batch with its error", calls, res.SinkErr, res.Err)
	}
}
