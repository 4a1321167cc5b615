package storage

import (
	"context"
	"testing"
)

// BenchmarkTwoDatabases100k stores 100,000 articles of about 700 words
// (batches of 1,000, as AddArticles takes them; no grouping), then lists
// them for the library, searches them, and writes the article-level CSV
// with their texts. It runs on SQLite, or on PostgreSQL when
// REDLINE_TEST_POSTGRES is set, so the two are measured by one benchmark:
//
//	go test -tags ci -run '^$' -bench TwoDatabases100k -benchtime 1x -timeout 60m ./storage/
//	tools/pgtest run go test -tags ci -run '^$' -bench TwoDatabases100k -benchtime 1x -timeout 60m ./storage/
//
// The sub-benchmarks share one database: run them together, with -benchtime 1x.
func BenchmarkTwoDatabases100k(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	s := newTestStore(b)
	b.Run("add", func(b *testing.B) {
		if b.N > 1 {
			b.Skip("run with -benchtime 1x: it fills the database the others read")
		}
		addBenchArticles(b, s, n, 700, 1_000)
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	})
	if got, err := s.CountArticles(ctx); err != nil || got != n {
		b.Fatalf("the database holds %d articles (%v), want %d: run the add step", got, err, n)
	}
	b.Run("list", func(b *testing.B) {
		for range b.N {
			list, err := s.Articles(ctx, Query{})
			if err != nil || len(list) != n {
				b.Fatalf("listed %d of %d: %v", len(list), n, err)
			}
		}
	})
	b.Run("search", func(b *testing.B) {
		var found int
		for range b.N {
			list, err := s.Articles(ctx, Query{Search: vocabulary[7] + " " + vocabulary[11]})
			if err != nil {
				b.Fatal(err)
			}
			found = len(list)
		}
		b.ReportMetric(float64(found), "found")
	})
	b.Run("export", func(b *testing.B) {
		var cw countWriter
		for range b.N {
			cw = 0
			if err := s.ExportArticles(ctx, &cw, ExportFilter{}, true); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(cw))
	})
}
