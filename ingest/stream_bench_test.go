package ingest

import (
	"context"
	"os"
	"testing"

	"redline/annotate"
)

// BenchmarkStreamJSONLFile reads the JSON Lines file $REDLINE_BENCH_JSONL
// through ReadFileStream with a sink that only counts, as an import does
// before the database: run the compiled test binary under /usr/bin/time -v
// to see the reader's peak memory on a file of any size.
func BenchmarkStreamJSONLFile(b *testing.B) {
	path := os.Getenv("REDLINE_BENCH_JSONL")
	if path == "" {
		b.Skip("set REDLINE_BENCH_JSONL to a .jsonl file")
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	for range b.N {
		n := 0
		res := ReadFileStream(context.Background(), path, Options{}, 500, func(arts []annotate.Article) error {
			n += len(arts)
			return nil
		})
		if res.Err != nil {
			b.Fatal(res.Err)
		}
		b.ReportMetric(float64(n), "articles")
	}
}
