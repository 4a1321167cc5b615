package workspace

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// BenchmarkImportJSONL10k imports one JSON Lines file of 10,000 articles of
// about 700 words into a fresh database: reading, normalising, hashing,
// storing and indexing for search.
func BenchmarkImportJSONL10k(b *testing.B) {
	const n, words = 10_000, 700
	dir := b.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	benchTexts(n, words, func(i int, text string) {
		rec, _ := json.Marshal(map[string]string{
			"title": fmt.Sprintf("Story %d", i), "outlet": fmt.Sprintf("Outlet %d", i%30),
			"published": "2026-03-14T10:49:00Z", "text": text,
		})
		w.Write(rec)
		w.WriteByte('\n')
	})
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := context.Background()
		ws, err := Open(ctx, filepath.Join(b.TempDir(), "r.db"), false)
		if err != nil {
			b.Fatal(err)
		}
		sum, err := ws.Import(ctx, []string{path}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Imported() != n {
			b.Fatalf("imported %d of %d: %+v", sum.Imported(), n, sum.Failed())
		}
		b.StopTimer()
		ws.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAddOneTo100k imports one file of one new article (a version of
// a stored story) into a database of 100,000 articles whose index keys are
// stored: the keys are looked up in the database, the candidates compared,
// and the article placed, all in the import's transaction. The database is
// built once, before the timer, and regrouped once from scratch (what
// `redline versions` does), which must change nothing. Run:
//
//	go test -tags ci -run '^$' -bench AddOneTo100k -benchtime 1x -timeout 30m ./workspace/
func BenchmarkAddOneTo100k(b *testing.B) {
	const n, words = 100_000, 250
	ctx := context.Background()
	dir := b.TempDir()
	ws, err := Open(ctx, filepath.Join(dir, "r.db"), false)
	if err != nil {
		b.Fatal(err)
	}
	defer ws.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx%c", i, 'a'+rune(i%26))
	}
	text := func() string {
		var sb strings.Builder
		for j := 0; j < words; j++ {
			if j > 0 {
				if j%40 == 0 {
					sb.WriteString(".\n\n")
				} else {
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(vocab[rng.IntN(len(vocab))])
		}
		return sb.String() + "."
	}
	t0 := time.Now()
	var last string
	for start := 0; start < n; start += 5000 {
		batch := make([]annotate.Article, 5000)
		for i := range batch {
			batch[i] = annotate.Article{Title: fmt.Sprintf("Story %d", start+i), Outlet: fmt.Sprintf("Outlet %d", i%30), Text: text()}
		}
		last = batch[len(batch)-1].Text
		if _, err := ws.Store.AddArticles(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	if err := ws.ensureKeys(ctx); err != nil { // as on the first import after upgrading
		b.Fatal(err)
	}
	b.Logf("built %d articles with their index keys in %v", n, time.Since(t0).Round(time.Second))
	t1 := time.Now()
	if _, changed, err := ws.Regroup(ctx); err != nil || changed != 0 {
		b.Fatalf("regroup: %v, %d changed", err, changed)
	}
	b.Logf("regrouping all %d (redline versions) took %v and changed nothing", n, time.Since(t1).Round(time.Millisecond))
	version := last + "\n\nA paragraph an outlet added to the agency's story, with its own words about the town."
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(dir, fmt.Sprintf("new%d.txt", i))
		if err := os.WriteFile(path, []byte(fmt.Sprintf("Title: New %d\n\n%s (%d)", i, version, i)), 0o644); err != nil {
			b.Fatal(err)
		}
		sum, err := ws.Import(ctx, []string{path}, nil)
		if err != nil || sum.Imported() != 1 {
			b.Fatalf("import: %v %+v", err, sum)
		}
	}
	fams, err := ws.Store.Families(ctx, 2)
	if err != nil || len(fams) != 1 {
		b.Fatalf("the new versions are in %d families of two or more (%v), want 1", len(fams), err)
	}
}

// benchTexts makes n articles of words random words from a vocabulary of
// 5,000, a paragraph every 120 words, always the same ones, and hands
// each to put.
func benchTexts(n, words int, put func(i int, text string)) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx%c", i, 'a'+rune(i%26))
	}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.Reset()
		for j := 0; j < words; j++ {
			if j > 0 {
				if j%120 == 0 {
					sb.WriteString(".\n\n")
				} else {
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(vocab[rng.IntN(len(vocab))])
		}
		put(i, sb.String())
	}
}
