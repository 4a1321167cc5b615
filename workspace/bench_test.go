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
		rec, _ := json.Marshal(map[string]string{
			"title": fmt.Sprintf("Story %d", i), "outlet": fmt.Sprintf("Outlet %d", i%30),
			"published": "2026-03-14T10:49:00Z", "text": sb.String(),
		})
		w.Write(rec)
		w.WriteByte('\n')
	}
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
