package storage

import (
	"context"
	"os"
	"testing"
	"time"
)

// BenchmarkCheck1GB measures the check made when a database of about
// 1 GB is opened: Open itself (header, page count) and the background
// quick_check that writes wait for. It builds the file at
// $REDLINE_BENCH_1GB on first use (about 145,000 articles of 700 words,
// which takes minutes) and skips when the variable is unset.
func BenchmarkCheck1GB(b *testing.B) {
	path := os.Getenv("REDLINE_BENCH_1GB")
	if path == "" {
		b.Skip("set REDLINE_BENCH_1GB to a file path (built on first use)")
	}
	if _, err := os.Stat(path); err != nil {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		addBenchArticles(b, s, 145_000, 700, 2000)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		opened := time.Since(start)
		if err := s.Checked(context.Background()); err != nil {
			b.Fatal(err)
		}
		checked := time.Since(start)
		s.Close()
		b.ReportMetric(opened.Seconds()*1000, "open-ms")
		b.ReportMetric(checked.Seconds(), "writes-wait-s")
	}
	b.ReportMetric(float64(fi.Size())/(1<<20), "MiB")
}
