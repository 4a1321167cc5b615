package agree

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"redline/annotate"
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
