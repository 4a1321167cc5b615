package agree

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"redline/annotate"
)

// Missing marks a coder who gave a unit no value.
const Missing = -1

// Category is one value a variable can take, in scale order. Number is its
// numeric value on an interval or ratio scale (unused otherwise).
type Category struct {
	Key    string
	Number float64
}

// Table is the reliability data of one variable: the value each coder gave
// each unit, or none. Categories are in scale order (codebook order), which
// the ordinal metric ranks by; nominal and numeric metrics ignore the order.
type Table struct {
	Dimension  string
	Target     string
	Level      annotate.Measure
	Categories []Category
	Coders     []string
	Units      []Unit

	catIx   map[string]int
	coderIx map[string]int
	unitIx  map[string]int
	// presence marks a per-value variable (a frame present or absent),
	// whose values are not the codes' own values
	presence bool
}

// Unit is one thing coded: an article, or a stretch of text coders marked.
// Values[i] is the category index coder i gave, or Missing; a slice shorter
// than the coders means Missing for the rest.
type Unit struct {
	ID     string
	Values []int

	// Where the unit's values come from, when built from annotations: the
	// article, the stretch (for span units), and per coder the index of
	// the annotation in Data's annotations (-1: none, as for a frame not
	// ticked).
	article    int64
	start, end int
	refs       []int32
}

// NewTable starts the reliability data of a variable with its scale.
func NewTable(dimension, target string, level annotate.Measure, cats []Category) *Table {
	if level == "" {
		level = annotate.MeasureNominal
	}
	t := &Table{Dimension: dimension, Target: target, Level: level, Categories: cats,
		catIx: map[string]int{}, coderIx: map[string]int{}, unitIx: map[string]int{}}
	for i, c := range cats {
		t.catIx[c.Key] = i
	}
	return t
}

// Set records that coder gave unit the value key, replacing any value the
// coder gave the unit before. A key that is not on the scale is an error.
func (t *Table) Set(unit, coder, key string) error {
	c, ok := t.catIx[key]
	if !ok {
		return fmt.Errorf("%s: %q is not one of the values", t.Name(), key)
	}
	t.SetIndex(t.UnitIndex(unit), t.CoderIndex(coder), c)
	return nil
}

// UnitIndex returns the index of a unit, adding it when new.
func (t *Table) UnitIndex(unit string) int {
	if t.unitIx == nil {
		t.unitIx = map[string]int{}
	}
	u, ok := t.unitIx[unit]
	if !ok {
		u = len(t.Units)
		t.unitIx[unit] = u
		t.Units = append(t.Units, Unit{ID: unit})
	}
	return u
}

// CoderIndex returns the index of a coder, adding them when new.
func (t *Table) CoderIndex(coder string) int {
	if t.coderIx == nil {
		t.coderIx = map[string]int{}
	}
	c, ok := t.coderIx[coder]
	if !ok {
		c = len(t.Coders)
		t.coderIx[coder] = c
		t.Coders = append(t.Coders, coder)
	}
	return c
}

// SetIndex records category cat (or Missing) for coder index c on unit
// index u.
func (t *Table) SetIndex(u, c, cat int) {
	vals := t.Units[u].Values
	if len(vals) <= c {
		grown := make([]int, max(c+1, len(t.Coders)))
		n := copy(grown, vals)
		for i := n; i < len(grown); i++ {
			grown[i] = Missing
		}
		vals = grown
	}
	vals[c] = cat
	t.Units[u].Values = vals
}

// setRef records which annotation coder index c's value on unit index u
// comes from.
func (t *Table) setRef(u, c int, ref int32) {
	refs := t.Units[u].refs
	if len(refs) <= c {
		grown := make([]int32, max(c+1, len(t.Coders)))
		n := copy(grown, refs)
		for i := n; i < len(grown); i++ {
			grown[i] = -1
		}
		refs = grown
	}
	refs[c] = ref
	t.Units[u].refs = refs
}

// Name is the variable's name as reports show it: dimension, and target
// after a slash when there is one.
func (t *Table) Name() string {
	if t.Target == "" {
		return t.Dimension
	}
	return t.Dimension + "/" + t.Target
}

// Options tune the statistics.
type Options struct {
	// Bootstrap is the number of resamples for the 95% interval; 0 skips it.
	Bootstrap int
	// Seed makes the resampling reproducible: the same data and seed give
	// the same interval.
	Seed uint64
}

// DefaultOptions are what reports use: 1,000 resamples, seed 1.
var DefaultOptions = Options{Bootstrap: 1000, Seed: 1}

// Result is Krippendorff's α for one variable with what it rests on.
type Result struct {
	// Alpha is valid only when Defined; otherwise Reason says why there is
	// none (no unit coded twice, or no variation in the values).
	Alpha   float64
	Defined bool
	Reason  string
	// CILow and CIHigh bound the bootstrap 95% interval when Bootstrapped.
	CILow, CIHigh float64
	Bootstrapped  bool
	// Units counts units with at least two values (the ones α compares),
	// Coders the coders who gave any of those values, Pairable the values
	// in them (Krippendorff's n..).
	Units, Coders, Pairable int
	// PercentAgreement is the share of pairs of values within units that
	// are the same value, 0 to 1 (undefined with no pairs: then NaN).
	PercentAgreement float64
	// Observed and Expected are the disagreements Do and De; α = 1 − Do/De.
	Observed, Expected float64
}

// coincidences is the matrix of observed coincidences o_ck of a table.
type coincidences struct {
	v       int
	o       []float64 // v*v
	n       []float64 // marginals n_c
	total   float64   // n..
	units   int
	coders  int
	agree   float64 // pairs of equal values
	pairs   float64 // pairs of values
	numbers []float64
}

func (t *Table) coincidences() *coincidences {
	v := len(t.Categories)
	co := &coincidences{v: v, o: make([]float64, v*v), n: make([]float64, v)}
	counts := make([]int, v)
	var touched []int
	seen := make([]bool, len(t.Coders))
	for _, u := range t.Units {
		m := 0
		touched = touched[:0]
		for _, c := range u.Values {
			if c == Missing {
				continue
			}
			if counts[c] == 0 {
				touched = append(touched, c)
			}
			counts[c]++
			m++
		}
		if m >= 2 {
			co.units++
			co.total += float64(m)
			co.pairs += float64(m*(m-1)) / 2
			w := 1 / float64(m-1)
			for _, c := range touched {
				nc := float64(counts[c])
				co.agree += nc * (nc - 1) / 2
				for _, k := range touched {
					nk := float64(counts[k])
					if c == k {
						co.o[c*v+k] += nc * (nc - 1) * w
					} else {
						co.o[c*v+k] += nc * nk * w
					}
				}
			}
			for i, c := range u.Values {
				if c != Missing {
					seen[i] = true
				}
			}
		}
		for _, c := range touched {
			counts[c] = 0
		}
	}
	for _, s := range seen {
		if s {
			co.coders++
		}
	}
	for c := 0; c < v; c++ {
		for k := 0; k < v; k++ {
			co.n[c] += co.o[c*v+k]
		}
	}
	return co
}

// delta returns the squared difference function δ²_ck of the level of
// measurement (Krippendorff 2011), as a v×v matrix.
func delta(level annotate.Measure, cats []Category, n []float64) []float64 {
	v := len(cats)
	d := make([]float64, v*v)
	for c := 0; c < v; c++ {
		for k := 0; k < v; k++ {
			if c == k {
				continue
			}
			var x float64
			switch level {
			case annotate.MeasureOrdinal:
				lo, hi := min(c, k), max(c, k)
				for g := lo; g <= hi; g++ {
					x += n[g]
				}
				x -= (n[c] + n[k]) / 2
				x *= x
			case annotate.MeasureInterval:
				x = cats[c].Number - cats[k].Number
				x *= x
			case annotate.MeasureRatio:
				s := cats[c].Number + cats[k].Number
				if s != 0 {
					x = (cats[c].Number - cats[k].Number) / s
					x *= x
				}
			default:
				x = 1
			}
			d[c*v+k] = x
		}
	}
	return d
}

// Alpha computes Krippendorff's α for the table at its level of
// measurement: units with fewer than two values drop out, as α defines
// missing data. With opt.Bootstrap > 0 it also draws the 95% interval by
// Krippendorff's bootstrap of the coincidences (the algorithm of Hayes and
// Krippendorff's KALPHA, 2007).
func (t *Table) Alpha(opt Options) Result {
	co := t.coincidences()
	r := Result{Units: co.units, Coders: co.coders, Pairable: int(math.Round(co.total)), PercentAgreement: math.NaN()}
	if co.pairs > 0 {
		r.PercentAgreement = co.agree / co.pairs
	}
	if co.units == 0 {
		r.Reason = "no unit was coded by two coders"
		return r
	}
	d := delta(t.Level, t.Categories, co.n)
	v := co.v
	var do, de float64
	for c := 0; c < v; c++ {
		for k := 0; k < v; k++ {
			do += co.o[c*v+k] * d[c*v+k]
			de += co.n[c] * co.n[k] * d[c*v+k]
		}
	}
	do /= co.total
	de /= co.total * (co.total - 1)
	r.Observed, r.Expected = do, de
	if de == 0 {
		r.Reason = "no variation: " + t.onlyValue(co)
		return r
	}
	r.Alpha, r.Defined = 1-do/de, true
	if opt.Bootstrap > 0 {
		r.CILow, r.CIHigh = bootstrap(co, d, de, opt, t.Name())
		r.Bootstrapped = true
	}
	return r
}

// onlyValue words a lack of variation for the reader.
func (t *Table) onlyValue(co *coincidences) string {
	var used []string
	for c, n := range co.n {
		if n > 0 {
			used = append(used, fmt.Sprintf("%q", t.Categories[c].Key))
		}
	}
	switch len(used) {
	case 1:
		return "every value given is " + used[0]
	default:
		return "the values given (" + strings.Join(used, ", ") + ") do not differ on this scale"
	}
}

// bootstrap follows Krippendorff's "Algorithm for bootstrapping a
// distribution of α" (2006, rev. 2011): draw M pairs of values from the
// observed coincidences, M = min(25·q, (m−1)·n../2) with q the non-empty
// cells and m the coders, compute α = 1 − ΣΔ/(M·De) against the data's
// expected disagreement, floor it at −1, and count as 0 the share of
// resamples that would show no variation. The interval is the 2.5th and
// 97.5th percentiles.
func bootstrap(co *coincidences, d []float64, de float64, opt Options, name string) (lo, hi float64) {
	v := co.v
	var cum, dl []float64
	q, diagCells := 0, 0
	acc := 0.0
	var pDiag []float64
	for c := 0; c < v; c++ {
		for k := c; k < v; k++ {
			o := co.o[c*v+k]
			if o <= 0 {
				continue
			}
			p := o / co.total
			if c == k {
				q++
				diagCells++
				pDiag = append(pDiag, p)
			} else {
				q += 2
				p *= 2
			}
			acc += p
			cum = append(cum, acc)
			dl = append(dl, d[c*v+k])
		}
	}
	cum[len(cum)-1] = math.Inf(1) // rounding never falls off the end
	m := float64(max(co.coders, 2))
	draws := int(math.Min(25*float64(q), (m-1)*co.total/2))
	draws = max(draws, 1)

	rng := rand.New(rand.NewPCG(opt.Seed, seedOf(name)))
	x := opt.Bootstrap
	alphas := make([]float64, x)
	ones := 0
	for i := range alphas {
		sum := 0.0
		for range draws {
			j, _ := slices.BinarySearch(cum, rng.Float64())
			sum += dl[j]
		}
		a := 1 - sum/(float64(draws)*de)
		if a < -1 {
			a = -1
		}
		if a == 1 {
			if diagCells == 1 {
				a = 0
			} else {
				ones++
			}
		}
		alphas[i] = a
	}
	// Resamples drawn from one diagonal cell only have no variation, so
	// their α is indeterminate: count the expected share of them as 0.
	expect := 0.0
	for _, p := range pDiag {
		expect += math.Pow(p, float64(draws))
	}
	fix := min(int(math.Round(float64(x)*expect)), ones)
	for i := range alphas {
		if fix == 0 {
			break
		}
		if alphas[i] == 1 {
			alphas[i] = 0
			fix--
		}
	}
	slices.Sort(alphas)
	li := max(int(0.025*float64(x)), 1) - 1
	ui := min(int(0.975*float64(x))+1, x) - 1
	return alphas[li], alphas[ui]
}

// seedOf spreads a variable's name into a stream number (FNV-1a), so each
// variable draws its own reproducible sequence whatever the order of
// variables in a report.
func seedOf(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}
