package storage

import (
	"context"
	"testing"
	"time"

	"redline/annotate"
)

// seedSample stores 100,000 short articles (60 words; four outlets, dates
// over 2024, one in ten undated), a code on every 97th and an exclusion on
// every 50th: the sample an article-level export and the progress count
// read.
func seedSample(b *testing.B) *Store {
	const n = 100_000
	s := newTestStore(b)
	ctx := context.Background()
	addBenchArticles(b, s, n, 60, 2_000)
	now := time.Now()
	var anns []annotate.Annotation
	var excl []int64
	for id := int64(1); id <= n; id++ {
		if id%97 == 0 {
			anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana",
				Dimension: "note", Note: "x", CreatedAt: now, UpdatedAt: now})
		}
		if id%50 == 0 {
			excl = append(excl, id)
		}
	}
	if err := s.SaveAnnotations(ctx, anns); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Exclude(ctx, excl, "bench"); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkExportArticles100k writes the article-level CSV of 100,000
// articles, then the same with a filter (two outlets, six months, without
// the excluded), then counts the progress.
func BenchmarkExportArticles100k(b *testing.B) {
	s := seedSample(b)
	ctx := context.Background()
	f := ExportFilter{Outlets: []string{"Wire", "Herald"}, From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), ExcludeExcluded: true}
	b.Run("all", func(b *testing.B) {
		var cw countWriter
		for range b.N {
			cw = 0
			if err := s.ExportArticles(ctx, &cw, ExportFilter{}, false); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(cw))
	})
	b.Run("filtered", func(b *testing.B) {
		var cw countWriter
		for range b.N {
			cw = 0
			if err := s.ExportArticles(ctx, &cw, f, false); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(cw))
	})
	b.Run("progress", func(b *testing.B) {
		for range b.N {
			p, err := s.Progress(ctx)
			if err != nil || p.Excluded != 2_000 {
				b.Fatalf("%+v %v", p, err)
			}
		}
	})
}

// BenchmarkExportLongFiltered100k writes the long CSV of the 100,000 codes
// of seedCodes through a filter that keeps about a quarter (one outlet).
func BenchmarkExportLongFiltered100k(b *testing.B) {
	s, _ := seedCodes(b)
	ctx := context.Background()
	var cw countWriter
	b.ResetTimer()
	for range b.N {
		cw = 0
		if err := s.ExportCSVFiltered(ctx, &cw, FormLong, nil, ExportFilter{Outlets: []string{"Wire"}}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(cw))
}
