package agree

import (
	"slices"
	"strings"
)

// Kappa is Cohen's κ for one pair of coders on one variable.
type Kappa struct {
	CoderA, CoderB string
	// Kappa is valid only when Defined; otherwise Reason says why.
	Kappa   float64
	Defined bool
	Reason  string
	// Units counts the units both coders gave a value.
	Units int
}

// Kappas computes Cohen's κ (unweighted, 1960) for every pair of coders who
// gave values to at least one unit in common, pairs in coder-name order.
// κ = (po − pe)/(1 − pe): po the share of shared units with the same value,
// pe the agreement expected from each coder's own spread of values.
func (t *Table) Kappas() []Kappa {
	nc, v := len(t.Coders), len(t.Categories)
	// confusion[a][b] is a v×v matrix for coders a < b.
	conf := make([][]float64, nc*nc)
	for _, u := range t.Units {
		for a := 0; a < len(u.Values); a++ {
			x := u.Values[a]
			if x == Missing {
				continue
			}
			for b := a + 1; b < len(u.Values); b++ {
				y := u.Values[b]
				if y == Missing {
					continue
				}
				m := conf[a*nc+b]
				if m == nil {
					m = make([]float64, v*v)
					conf[a*nc+b] = m
				}
				m[x*v+y]++
			}
		}
	}
	var out []Kappa
	for a := 0; a < nc; a++ {
		for b := a + 1; b < nc; b++ {
			m := conf[a*nc+b]
			if m == nil {
				continue
			}
			k := kappaOf(m, v)
			k.CoderA, k.CoderB = t.Coders[a], t.Coders[b]
			if k.CoderA > k.CoderB {
				k.CoderA, k.CoderB = k.CoderB, k.CoderA
			}
			out = append(out, k)
		}
	}
	sortKappas(out)
	return out
}

// kappaOf computes κ from a v×v table of counts (rows: one coder, columns:
// the other).
func kappaOf(m []float64, v int) Kappa {
	var n, agree float64
	rows, cols := make([]float64, v), make([]float64, v)
	for i := 0; i < v; i++ {
		for j := 0; j < v; j++ {
			x := m[i*v+j]
			n += x
			rows[i] += x
			cols[j] += x
			if i == j {
				agree += x
			}
		}
	}
	k := Kappa{Units: int(n)}
	po := agree / n
	pe := 0.0
	for i := 0; i < v; i++ {
		pe += rows[i] / n * cols[i] / n
	}
	if pe >= 1 {
		k.Reason = "no variation: both coders gave one and the same value throughout"
		return k
	}
	k.Kappa, k.Defined = (po-pe)/(1-pe), true
	return k
}

func sortKappas(ks []Kappa) {
	slices.SortFunc(ks, func(x, y Kappa) int {
		if c := strings.Compare(x.CoderA, y.CoderA); c != 0 {
			return c
		}
		return strings.Compare(x.CoderB, y.CoderB)
	})
}
