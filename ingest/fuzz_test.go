package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"redline/annotate"
)

// fuzzRead reads data as a file named name, streaming, and checks what
// every importer promises: no panic (read turns one into a failure that
// says "failed inside its reader"), valid UTF-8 text, a hash that matches,
// nothing held in the result, and at most batch articles at a time.
func fuzzRead(t *testing.T, name string, data []byte) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	const batch = 3
	res := ReadFileStream(context.Background(), path, Options{}, batch, func(arts []annotate.Article) error {
		if len(arts) > batch {
			t.Errorf("%d articles in one batch of %d", len(arts), batch)
		}
		for _, a := range arts {
			if !utf8.ValidString(a.Text) || strings.TrimSpace(a.Text) == "" {
				t.Errorf("article text %q: empty or not UTF-8", a.Text)
			}
			if a.TextSHA256 != annotate.TextHash(a.Text) {
				t.Errorf("hash does not match the text")
			}
		}
		return nil
	})
	if res.Err != nil && strings.Contains(res.Err.Reason, "failed inside its reader") {
		t.Fatalf("reader panicked: %s", res.Err.Reason)
	}
	if len(res.Articles) != 0 {
		t.Errorf("%d articles held in the result of a stream", len(res.Articles))
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"title": "t", "text": "A text."}` + "\n" + `{"text": 5}` + "\n"))
	f.Add([]byte(`{"text": ["a", "b"], "published": 1700000000}` + "\n\n" + `[1]` + "\n" + `{"text": "x", "published": {"a": 1}}`))
	f.Add([]byte("\ufeff{\"body\": \"\\u0000 nul\"}\n{"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.jsonl", data) })
}

func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`[{"title": "t", "text": "A text."}, {"text": true}]`))
	f.Add([]byte(`{"articles": [{"text": "one"}, {"content": "two"}]}`))
	f.Add([]byte(`{"text": "a"} {"text": "b"}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.json", data) })
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("title,text\nt,A text.\n\"q\"\"x\",\"multi\nline\"\n"))
	f.Add([]byte("title;body;date\nt;text;2024-01-02\n"))
	f.Add([]byte("text\n\"unclosed\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.csv", data) })
}
