package storage

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// vocabulary is a fixed set of made-up words, some with non-ASCII letters
// so byte and rune offsets differ.
var vocabulary = func() []string {
	syl := []string{"ka", "lo", "min", "ter", "ra", "vo", "sé", "du", "pri", "ne", "gor", "ül", "sta", "be", "ic"}
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, 4000)
	for i := range out {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		out[i] = b.String()
	}
	return out
}()

// benchArticle makes article i: about words words of text, unique by seed.
func benchArticle(i, words int) annotate.Article {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	var b strings.Builder
	b.Grow(words * 7)
	b.WriteString("Report ")
	b.WriteString(strconv.Itoa(i))
	b.WriteString(". ")
	for w := range words {
		b.WriteString(vocabulary[r.IntN(len(vocabulary))])
		switch {
		case w%60 == 59:
			b.WriteString(".\n")
		case w%12 == 11:
			b.WriteString(". ")
		default:
			b.WriteByte(' ')
		}
	}
	a := annotate.Article{
		Title:  "Report " + strconv.Itoa(i) + " " + vocabulary[r.IntN(len(vocabulary))],
		Outlet: []string{"Wire", "Daily", "Courier", "Herald"}[i%4],
		Text:   b.String(),
	}
	if i%10 != 0 { // one in ten undated
		a.PublishedAt = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(365*24)) * time.Hour)
	}
	a.Fill()
	return a
}

func addBenchArticles(b *testing.B, s *Store, n, words, batch int) {
	b.Helper()
	ctx := context.Background()
	arts := make([]annotate.Article, 0, batch)
	for i := 0; i < n; i++ {
		arts = append(arts, benchArticle(i, words))
		if len(arts) == batch || i == n-1 {
			if _, err := s.AddArticles(ctx, arts); err != nil {
				b.Fatal(err)
			}
			arts = arts[:0]
		}
	}
}

// BenchmarkAddArticles10k imports 10,000 articles of about 700 words in
// batches of 500, as an import of a large folder does (text generation is
// outside the timer).
func BenchmarkAddArticles10k(b *testing.B) {
	const n, batch = 10_000, 500
	batches := make([][]annotate.Article, 0, n/batch)
	for i := 0; i < n; i += batch {
		var arts []annotate.Article
		for j := i; j < i+batch; j++ {
			arts = append(arts, benchArticle(j, 700))
		}
		batches = append(batches, arts)
	}
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s := newTestStore(b)
		b.StartTimer()
		for _, arts := range batches {
			if _, err := s.AddArticles(ctx, arts); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExportLong100k writes the long CSV of 100,000 live annotations
// (2,000 articles of about 700 words, 50 annotations each, half on spans).
// seedCodes stores 2,000 articles with 50 codes each (100,000 codes, half
// of them spans).
func seedCodes(b *testing.B) (*Store, int) {
	const articles, per = 2_000, 50
	s := newTestStore(b)
	ctx := context.Background()
	addBenchArticles(b, s, articles, 700, 500)
	now := time.Now()
	r := rand.New(rand.NewPCG(3, 4))
	var anns []annotate.Annotation
	for id := int64(1); id <= articles; id++ {
		text := benchArticle(int(id-1), 700).Text
		n := len([]rune(text))
		for j := range per {
			a := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Codebook: "bench",
				CodebookVersion: 1, Dimension: "source", Value: "official", CreatedAt: now, UpdatedAt: now}
			if j%2 == 0 {
				start := r.IntN(n - 50)
				sp, err := annotate.NewSpan(text, start, start+1+r.IntN(49))
				if err != nil {
					b.Fatal(err)
				}
				a.Span = sp
			} else {
				a.Dimension, a.Note = "note", "=a note, with \"quotes\""
			}
			anns = append(anns, a)
		}
		if len(anns) >= 5_000 {
			if err := s.SaveAnnotations(ctx, anns); err != nil {
				b.Fatal(err)
			}
			anns = anns[:0]
		}
	}
	if err := s.SaveAnnotations(ctx, anns); err != nil {
		b.Fatal(err)
	}
	return s, articles * per
}

func BenchmarkExportLong100k(b *testing.B) {
	s, rows := seedCodes(b)
	ctx := context.Background()
	var cw countWriter
	b.ResetTimer()
	for range b.N {
		cw = 0
		if err := s.ExportCSV(ctx, &cw, FormLong, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(cw))
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCodes100k reads every code for the Codes view.
func BenchmarkCodes100k(b *testing.B) {
	s, rows := seedCodes(b)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		got, err := s.Codes(ctx)
		if err != nil || len(got) != rows {
			b.Fatalf("%d codes, %v", len(got), err)
		}
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// BenchmarkArticlesList100k lists the summaries of 100,000 articles (about
// 700 words each, a few hundred coded), the query the library list runs on
// open.
func BenchmarkArticlesList100k(b *testing.B) {
	const n = 100_000
	s := newTestStore(b)
	ctx := context.Background()
	addBenchArticles(b, s, n, 700, 1_000)
	now := time.Now()
	var anns []annotate.Annotation
	for id := int64(1); id <= n; id += 97 {
		anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana",
			Dimension: "note", Note: "x", CreatedAt: now, UpdatedAt: now})
	}
	if err := s.SaveAnnotations(ctx, anns); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		list, err := s.Articles(ctx, Query{})
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != n {
			b.Fatalf("listed %d, want %d", len(list), n)
		}
	}
}

// BenchmarkOpen10k opens a closed file of 10,000 articles of about 700
// words: the start-up cost, mostly PRAGMA quick_check.
func BenchmarkOpen10k(b *testing.B) {
	s := newTestStore(b)
	addBenchArticles(b, s, 10_000, 700, 500)
	path := s.Path()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MiB")
	}
}
