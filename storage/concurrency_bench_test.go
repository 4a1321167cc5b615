package storage

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"redline/annotate"
)

// BenchmarkChangeMark is what one poll of a coder's window costs, on a
// database that has seen a thousand coding transactions.
func BenchmarkChangeMark(b *testing.B) {
	ctx := context.Background()
	s := openAt(b, newTestLocation(b))
	art := addArticle(b, s, "Polled.")
	now := time.Now().UTC()
	for i := range 1000 {
		a := annotate.Annotation{ID: fmt.Sprintf("p%04d", i), ArticleID: art, Annotator: "ana", Dimension: "note",
			Value: "v", CreatedAt: now, UpdatedAt: now}
		if err := s.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := s.ChangeMark(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEightCodersSave is one coding save (SaveChange: the code and
// its undo history) while eight coders save at once, each through a Store
// of their own; it reports the saves that ran again after a collision.
func BenchmarkEightCodersSave(b *testing.B) {
	const coders = 8
	ctx := context.Background()
	stores := openMany(b, newTestLocation(b), coders)
	art := addArticle(b, stores[0], "Coded by eight at once.")
	now := time.Now().UTC()
	var next, seq atomic.Int64
	retried := pgRetries.Load()
	b.SetParallelism((coders + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		w := int(next.Add(1)-1) % coders
		coder := fmt.Sprintf("coder%d", w)
		for pb.Next() {
			a := annotate.Annotation{ID: fmt.Sprintf("b%09d", seq.Add(1)), ArticleID: art, Annotator: coder,
				Dimension: "stance", Value: "neutral", CreatedAt: now, UpdatedAt: now}
			if err := stores[w].SaveChange(ctx, coder, "stance", []annotate.Annotation{a}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(pgRetries.Load()-retried)/float64(b.N), "retries/op")
}
