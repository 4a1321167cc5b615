package agree

import (
	"fmt"
	"math"
	"testing"

	"redline/annotate"
)

// table2x2 fills a two-coder table from a confusion matrix of counts.
func table2x2(counts [][]int, keys []string) *Table {
	cats := make([]Category, len(keys))
	for i, k := range keys {
		cats[i] = Category{Key: k}
	}
	tb := NewTable("d", "", annotate.MeasureNominal, cats)
	u := 0
	for i, row := range counts {
		for j, n := range row {
			for range n {
				tb.Set(fmt.Sprint(u), "A", keys[i])
				tb.Set(fmt.Sprint(u), "B", keys[j])
				u++
			}
		}
	}
	return tb
}

func TestKappaTextbook(t *testing.T) {
	tests := []struct {
		name   string
		counts [][]int
		keys   []string
		want   float64
	}{
		// The worked example of Wikipedia's "Cohen's kappa" article: two
		// readers of 50 grant proposals, 20 yes by both, 15 no by both, 5
		// and 10 split; po = .70, pe = .50, κ = .40.
		{"50 proposals", [][]int{{20, 5}, {10, 15}}, []string{"yes", "no"}, 0.4},
		// Worked by hand: 100 cases, rows 50/30/20, columns 60/30/10;
		// po = .70, pe = .30 + .09 + .02 = .41, κ = .29/.59 = .4915.
		{"three categories", [][]int{{44, 5, 1}, {7, 20, 3}, {9, 5, 6}}, []string{"psychotic", "neurotic", "organic"}, 0.4915},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ks := table2x2(tt.counts, tt.keys).Kappas()
			if len(ks) != 1 {
				t.Fatalf("got %d pairs, want 1", len(ks))
			}
			k := ks[0]
			if !k.Defined || math.Abs(k.Kappa-tt.want) > 0.00005 {
				t.Errorf("kappa: got %.5f (%s), want %.4f", k.Kappa, k.Reason, tt.want)
			}
		})
	}
}

func TestKappaPairs(t *testing.T) {
	tb := exampleTable(t, annotate.MeasureNominal)
	ks := tb.Kappas()
	if len(ks) != 6 {
		t.Fatalf("got %d pairs, want 6 for 4 coders", len(ks))
	}
	if ks[0].CoderA != "coderA" || ks[0].CoderB != "coderB" || ks[5].CoderA != "coderC" {
		t.Errorf("pairs out of order: %+v", ks)
	}
	// coders A and B share units 1-9: all equal except unit 6 (1 vs 2).
	if ks[0].Units != 9 {
		t.Errorf("A-B shared units: got %d, want 9", ks[0].Units)
	}
	same := NewTable("d", "", annotate.MeasureNominal, []Category{{Key: "x"}, {Key: "y"}})
	same.Set("1", "A", "x")
	same.Set("1", "B", "x")
	if ks := same.Kappas(); len(ks) != 1 || ks[0].Defined {
		t.Errorf("no variation should leave kappa undefined: %+v", ks)
	}
}
