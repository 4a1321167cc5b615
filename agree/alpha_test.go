package agree

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"redline/annotate"
)

// krippendorff2011 is the 4 coders × 12 units example with missing values
// of Krippendorff (2011), "Computing Krippendorff's alpha-reliability",
// section C; 0 is a missing value.
var krippendorff2011 = [4][12]int{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
	{0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0},
}

func scale(n int) []Category {
	cats := make([]Category, n)
	for i := range cats {
		cats[i] = Category{Key: fmt.Sprint(i + 1), Number: float64(i + 1)}
	}
	return cats
}

func exampleTable(t testing.TB, level annotate.Measure) *Table {
	t.Helper()
	tb := NewTable("example", "", level, scale(5))
	for c, row := range krippendorff2011 {
		for u, v := range row {
			if v == 0 {
				continue
			}
			if err := tb.Set(fmt.Sprintf("u%02d", u+1), fmt.Sprintf("coder%c", 'A'+c), fmt.Sprint(v)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tb
}

func TestAlphaKrippendorff2011(t *testing.T) {
	for _, tt := range []struct {
		level annotate.Measure
		want  float64
	}{
		{annotate.MeasureNominal, 0.743},
		{annotate.MeasureOrdinal, 0.815},
		{annotate.MeasureInterval, 0.849},
		{annotate.MeasureRatio, 0.797},
	} {
		t.Run(string(tt.level), func(t *testing.T) {
			r := exampleTable(t, tt.level).Alpha(DefaultOptions)
			if !r.Defined {
				t.Fatalf("alpha undefined: %s", r.Reason)
			}
			if got := math.Round(r.Alpha*1000) / 1000; got != tt.want {
				t.Errorf("alpha: got %.4f, want %.3f", r.Alpha, tt.want)
			}
			// The example: 11 units hold two or more values, n.. = 40.
			if r.Units != 11 || r.Pairable != 40 || r.Coders != 4 {
				t.Errorf("units %d pairable %d coders %d, want 11, 40, 4", r.Units, r.Pairable, r.Coders)
			}
			if !(r.CILow <= r.Alpha+0.05 && r.Alpha-0.2 <= r.CIHigh && r.CILow < r.CIHigh && r.CIHigh <= 1) {
				t.Errorf("interval [%.3f, %.3f] does not sit around alpha %.3f", r.CILow, r.CIHigh, r.Alpha)
			}
		})
	}
}

func TestAlphaNominalDisagreements(t *testing.T) {
	// Krippendorff (2011) works the nominal case through: the coincidence
	// matrix has marginals 9, 13, 10, 5, 3 (n.. = 40) and 8 of its 40
	// values off the diagonal, so α = 1 − 39·8/(40² − Σn²c) = 1 − 312/1216.
	tb := exampleTable(t, annotate.MeasureNominal)
	co := tb.coincidences()
	want := []float64{9, 13, 10, 5, 3}
	for c := range want {
		if math.Abs(co.n[c]-want[c]) > 1e-9 {
			t.Errorf("n_%d: got %.4f, want %v", c+1, co.n[c], want[c])
		}
	}
	r := tb.Alpha(Options{})
	if got := r.Observed * 40; math.Abs(got-8) > 1e-9 {
		t.Errorf("observed disagreements: got %.4f of 40, want 8", got)
	}
	if got := 1 - 312.0/1216; math.Abs(r.Alpha-got) > 1e-12 {
		t.Errorf("alpha: got %.6f, want %.6f", r.Alpha, got)
	}
}

func TestAlphaPerfectAgreement(t *testing.T) {
	for _, level := range []annotate.Measure{annotate.MeasureNominal, annotate.MeasureOrdinal, annotate.MeasureInterval, annotate.MeasureRatio} {
		tb := NewTable("d", "", level, scale(4))
		for u := 0; u < 30; u++ {
			for c := 0; c < 3; c++ {
				tb.Set(fmt.Sprint(u), fmt.Sprint(c), fmt.Sprint(u%4+1))
			}
		}
		r := tb.Alpha(DefaultOptions)
		if !r.Defined || r.Alpha != 1 || r.PercentAgreement != 1 {
			t.Errorf("%s: got alpha %v (%s) agreement %v, want 1", level, r.Alpha, r.Reason, r.PercentAgreement)
		}
		if r.CIHigh != 1 {
			t.Errorf("%s: interval [%v, %v] should reach 1", level, r.CILow, r.CIHigh)
		}
	}
}

func TestAlphaUndefined(t *testing.T) {
	tb := NewTable("stance", "Russia", annotate.MeasureNominal, []Category{{Key: "pro"}, {Key: "con"}})
	for u := 0; u < 5; u++ {
		tb.Set(fmt.Sprint(u), "ann", "con")
		tb.Set(fmt.Sprint(u), "bob", "con")
	}
	r := tb.Alpha(DefaultOptions)
	if r.Defined || r.Reason != `no variation: every value given is "con"` {
		t.Errorf("got defined=%v reason %q", r.Defined, r.Reason)
	}
	if r.PercentAgreement != 1 || r.Units != 5 {
		t.Errorf("agreement %v units %d, want 1 and 5", r.PercentAgreement, r.Units)
	}

	lone := NewTable("stance", "Russia", annotate.MeasureNominal, []Category{{Key: "pro"}, {Key: "con"}})
	lone.Set("1", "ann", "pro")
	lone.Set("2", "bob", "con")
	if r := lone.Alpha(DefaultOptions); r.Defined || r.Reason != "no unit was coded by two coders" {
		t.Errorf("got defined=%v reason %q", r.Defined, r.Reason)
	}
	if err := lone.Set("3", "ann", "maybe"); err == nil {
		t.Errorf("a value off the scale was accepted")
	}
}

// TestAlphaOrderFree shuffles coders and units: α, the counts and the
// bootstrap interval must not move.
func TestAlphaOrderFree(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	type code struct {
		unit, coder, value string
	}
	var codes []code
	for u := 0; u < 60; u++ {
		truth := rng.IntN(5) + 1
		for c := 0; c < 4; c++ {
			if rng.IntN(6) == 0 {
				continue
			}
			v := truth
			if rng.IntN(4) == 0 {
				v = rng.IntN(5) + 1
			}
			codes = append(codes, code{fmt.Sprint(u), fmt.Sprint("c", c), fmt.Sprint(v)})
		}
	}
	for _, level := range []annotate.Measure{annotate.MeasureNominal, annotate.MeasureOrdinal, annotate.MeasureInterval, annotate.MeasureRatio} {
		var first Result
		for trial := 0; trial < 5; trial++ {
			rng.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
			tb := NewTable("d", "", level, scale(5))
			for _, c := range codes {
				tb.Set(c.unit, c.coder, c.value)
			}
			r := tb.Alpha(DefaultOptions)
			if trial == 0 {
				first = r
				continue
			}
			// Sums in another order may differ in the last bit, no more.
			if math.Abs(r.Alpha-first.Alpha) > 1e-12 || r.Units != first.Units || r.Pairable != first.Pairable ||
				math.Abs(r.CILow-first.CILow) > 1e-12 || math.Abs(r.CIHigh-first.CIHigh) > 1e-12 {
				t.Errorf("%s: shuffled order gave %+v, first %+v", level, r, first)
			}
		}
	}
}

func TestBootstrapReproducible(t *testing.T) {
	a := exampleTable(t, annotate.MeasureInterval).Alpha(DefaultOptions)
	b := exampleTable(t, annotate.MeasureInterval).Alpha(DefaultOptions)
	if a.CILow != b.CILow || a.CIHigh != b.CIHigh {
		t.Errorf("same seed, different intervals: %v %v", a, b)
	}
	c := exampleTable(t, annotate.MeasureInterval).Alpha(Options{Bootstrap: 1000, Seed: 99})
	if c.CILow == a.CILow && c.CIHigh == a.CIHigh {
		t.Logf("another seed happened to give the same interval")
	}
}
