package ingest

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

// syntheticWords is the vocabulary of the benchmark's made-up articles.
var syntheticWords = strings.Fields(`the council said on monday that harbour ferry
	minister report officials residents budget plan vote road station library
	would could after before during against protest union workers storm power
	water school hospital police court judge market prices fuel grain shipment`)

// writeSyntheticJSONL writes n articles of about words words each.
func writeSyntheticJSONL(tb testing.TB, n, words int) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "corpus.jsonl")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(1, 2))
	var sb strings.Builder
	enc := json.NewEncoder(w)
	for i := range n {
		sb.Reset()
		for j := range words {
			if j > 0 {
				switch {
				case j%120 == 0:
					sb.WriteString(".\n\n")
				case j%15 == 0:
					sb.WriteString(". ")
				default:
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(syntheticWords[rng.IntN(len(syntheticWords))])
		}
		sb.WriteByte('.')
		rec := map[string]any{
			"title":        fmt.Sprintf("Synthetic story number %d", i),
			"text":         sb.String(),
			"outlet":       "Benchmark Gazette",
			"url":          fmt.Sprintf("https://bench.example/story/%d", i),
			"authors":      []string{"A. Writer", "B. Editor"},
			"published_at": "2024-03-18T10:49:00Z",
		}
		if err := enc.Encode(rec); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkReadJSONL10k reads 10,000 articles of about 700 words (a file of
// about 45 MB) from one JSON Lines file.
func BenchmarkReadJSONL10k(b *testing.B) {
	p := writeSyntheticJSONL(b, 10000, 700)
	info, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ResetTimer()
	for b.Loop() {
		res := ReadFile(context.Background(), p)
		if res.Err != nil || len(res.Articles) != 10000 || len(res.Warnings) != 0 {
			b.Fatalf("Err %v, %d articles, warnings %v", res.Err, len(res.Articles), res.Warnings)
		}
	}
	b.ReportMetric(float64(info.Size())/1e6, "file-MB")
}
