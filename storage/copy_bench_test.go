package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"redline/annotate"
)

const copyBenchArticles = 100_000

// copyBenchFile builds the database the copy benchmarks copy: 100,000
// articles of about 250 words, each with 80 version-index keys (what the
// passage method samples from a text that long, about), and a code on one
// article in ten.
func copyBenchFile(b *testing.B) *Store {
	b.Helper()
	const n, words, keysEach = copyBenchArticles, 250, 80
	s, err := Open(filepath.Join(b.TempDir(), "source.redline"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	addBenchArticles(b, s, n, words, 1_000)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	ids := make([]int64, n)
	keys := make([][]uint32, n)
	for i := range ids {
		ids[i] = int64(i + 1)
		keys[i] = make([]uint32, keysEach)
		for k := range keys[i] {
			keys[i][k] = r.Uint32()
		}
	}
	if err := s.RebuildKeys(ctx, "bench", ids, keys); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	var anns []annotate.Annotation
	for id := int64(1); id <= n; id += 10 {
		anns = append(anns, annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana",
			Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now})
	}
	if err := s.SaveAnnotations(ctx, anns); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkCopy100k copies a file of 100,000 articles (copyBenchFile:
// 8,000,000 index keys, 10,000 codes) into an empty PostgreSQL database
// (to-server, the figure in BENCHMARKS.md), into a new file (to-file, for
// comparison), and from the server back into a new file (from-server).
// Each copy includes reading both sides back to count and hash them.
// The server variants need REDLINE_TEST_POSTGRES (tools/pgtest run).
func BenchmarkCopy100k(b *testing.B) {
	src := copyBenchFile(b)
	ctx := context.Background()
	var onServer *Store // the to-server copy, for from-server
	run := func(name string, from func() *Store, to func(*testing.B) *Store) {
		b.Run(name, func(b *testing.B) {
			f := from()
			if f == nil {
				b.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
			}
			var rows int64
			for range b.N {
				b.StopTimer()
				t := to(b)
				if t == nil {
					b.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
				}
				b.StartTimer()
				rep, err := Copy(ctx, f, t, nil)
				if err != nil {
					b.Fatal(err)
				}
				rows = rep.Rows()
				if t.pg && onServer == nil {
					onServer = t
				}
			}
			b.ReportMetric(float64(copyBenchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(rows*int64(b.N))/b.Elapsed().Seconds(), "rows/s")
		})
	}
	// the server's copy outlives its sub-benchmark: from-server reads it
	server := func(sb *testing.B) *Store {
		if testServer == "" {
			return nil
		}
		s, err := Open(newTestDatabase(b))
		if err != nil {
			sb.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	file := func(sb *testing.B) *Store {
		s, err := Open(filepath.Join(sb.TempDir(), "copy.redline"))
		if err != nil {
			sb.Fatal(err)
		}
		sb.Cleanup(func() { s.Close() })
		return s
	}
	run("to-server", func() *Store { return src }, server)
	run("to-file", func() *Store { return src }, file)
	run("from-server", func() *Store { return onServer }, file)

	// what the server itself takes to store the same rows with the same
	// indexes (INSERT … SELECT into a copy of each table, no client, no
	// reading back): the floor under to-server
	b.Run("server-floor", func(b *testing.B) {
		if onServer == nil {
			b.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
		}
		tables, err := copySchema(ctx, onServer.write, true)
		if err != nil {
			b.Fatal(err)
		}
		for i := range b.N {
			for _, t := range tables {
				b.StopTimer()
				floor := quoteIdent(fmt.Sprintf("floor_%d_%s", i, t.name))
				if _, err := onServer.write.ExecContext(ctx, rawSQL+"CREATE TABLE "+floor+" (LIKE "+quoteIdent(t.name)+" INCLUDING ALL)"); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := onServer.write.ExecContext(ctx, rawSQL+"INSERT INTO "+floor+" SELECT * FROM "+quoteIdent(t.name)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(copyBenchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
	})
}
