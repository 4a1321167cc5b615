package agree

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"redline/annotate"
	"redline/assets"
)

// benchData is 10 coders × 10,000 articles × 20 variables: five each of
// nominal, ordinal, interval and ratio on a five-point scale, coders
// agreeing with a hidden true value four times in five, one value in
// twenty missing.
func benchData() *Data {
	rng := rand.New(rand.NewPCG(1, 2))
	levels := []annotate.Measure{annotate.MeasureNominal, annotate.MeasureOrdinal, annotate.MeasureInterval, annotate.MeasureRatio}
	coders := make([]string, 10)
	for i := range coders {
		coders[i] = fmt.Sprintf("coder%02d", i)
	}
	d := &Data{Coders: coders, Articles: 10000}
	for v := 0; v < 20; v++ {
		tb := NewTable(fmt.Sprintf("var%02d", v), "", levels[v%4], scale(5))
		for _, c := range coders {
			tb.CoderIndex(c)
		}
		for u := 0; u < 10000; u++ {
			ui := tb.UnitIndex(fmt.Sprint(u))
			truth := rng.IntN(5)
			for c := range coders {
				if rng.IntN(20) == 0 {
					continue
				}
				val := truth
				if rng.IntN(5) == 0 {
					val = rng.IntN(5)
				}
				tb.SetIndex(ui, c, val)
			}
		}
		d.Tables = append(d.Tables, tb)
	}
	return d
}

// BenchmarkReport: α with a 1,000-resample interval and κ for all 45 coder
// pairs, on every one of the 20 variables.
func BenchmarkReport(b *testing.B) {
	d := benchData()
	b.ResetTimer()
	for b.Loop() {
		r := Compute(d, "", DefaultOptions)
		if len(r.Variables) != 20 || len(r.Pairs) != 20*45 {
			b.Fatalf("got %d variables, %d pairs", len(r.Variables), len(r.Pairs))
		}
	}
}

// benchAnnotations codes 10,000 articles by 10 coders under the default
// codebook: three stance targets, two or three frames, the primary frame,
// and one source span with its attribution each, coders agreeing with a
// hidden truth most of the time (820,000 annotations, 21 variables).
func benchAnnotations(b *testing.B) (*annotate.Codebook, []annotate.Annotation) {
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(d *annotate.Dimension, truth int) string {
		if rng.IntN(5) == 0 {
			truth = rng.IntN(len(d.Values))
		}
		return d.Values[truth].Key
	}
	stance, frames, source, attr := cb.Dimension("stance"), cb.Dimension("frames"), cb.Dimension("source"), cb.Dimension("attribution")
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []annotate.Annotation
	n := 0
	add := func(a annotate.Annotation) {
		n++
		a.ID = fmt.Sprintf("%012d", n)
		a.CreatedAt, a.UpdatedAt = t0, t0
		out = append(out, a)
	}
	for art := int64(1); art <= 10000; art++ {
		var st [3]int
		for i := range st {
			st[i] = rng.IntN(len(stance.Values))
		}
		f1, f2 := rng.IntN(15), rng.IntN(15)
		src, at := rng.IntN(len(source.Values)), rng.IntN(len(attr.Values))
		start := rng.IntN(500)
		for c := 0; c < 10; c++ {
			who := fmt.Sprintf("coder%02d", c)
			for i, target := range stance.Targets {
				add(annotate.Annotation{ArticleID: art, Annotator: who, Dimension: "stance", Target: target, Value: pick(stance, st[i])})
			}
			p := pick(frames, f1)
			add(annotate.Annotation{ArticleID: art, Annotator: who, Dimension: "frames", Value: p})
			add(annotate.Annotation{ArticleID: art, Annotator: who, Dimension: "primary_frame", Value: p})
			if q := pick(frames, f2); q != p {
				add(annotate.Annotation{ArticleID: art, Annotator: who, Dimension: "frames", Value: q})
			}
			sp := &annotate.Span{Start: start + rng.IntN(4), End: start + 40 + rng.IntN(4)}
			add(annotate.Annotation{ArticleID: art, Annotator: who, Dimension: "source", Value: pick(source, src), Span: sp})
			add(annotate.Annotation{ArticleID: art, Annotator: who, Dimension: "attribution", Value: pick(attr, at), Span: sp})
		}
	}
	return cb, out
}

// BenchmarkBuildAndReport: from stored annotations to the whole report,
// as `redline agree` does after reading the database.
func BenchmarkBuildAndReport(b *testing.B) {
	cb, anns := benchAnnotations(b)
	b.ResetTimer()
	for b.Loop() {
		r := Compute(Build(cb, anns, BuildOptions{}), "", DefaultOptions)
		if len(r.Variables) != 21 || len(r.Coders) != 10 {
			b.Fatalf("got %d variables, %d coders", len(r.Variables), len(r.Coders))
		}
	}
}
