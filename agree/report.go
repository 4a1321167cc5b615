package agree

import (
	"runtime"
	"strings"
	"sync"

	"redline/annotate"
)

// Variable is the agreement on one variable.
type Variable struct {
	Dimension, Target string
	Level             annotate.Measure
	Result
}

// PairKappa is Cohen's κ of one pair of coders on one variable.
type PairKappa struct {
	Dimension, Target string
	Kappa
}

// Report is the agreement of a team on every variable of a codebook.
type Report struct {
	Variables []Variable
	Pairs     []PairKappa
	Spans     []SpanF1
	Coders    []string
	Articles  int
	Notes     []string

	data *Data // for Differences
}

// Compute works out α with its interval for every variable, κ for every
// pair of coders on every variable, and span F1 for every pair of coders
// on every span dimension. Only the variables of dimension are reported
// when it is not empty.
func Compute(d *Data, dimension string, opt Options) *Report {
	r := &Report{Coders: d.Coders, Articles: d.Articles, Notes: d.Notes, data: d}
	var tables []*Table
	for _, t := range d.Tables {
		if dimension == "" || t.Dimension == dimension {
			tables = append(tables, t)
		}
	}
	var sets []*spanSet
	for _, s := range d.spans {
		if dimension == "" || s.dimension == dimension || strings.HasPrefix(s.dimension, dimension+"/") {
			sets = append(sets, s)
		}
	}
	// Variables are independent (each draws from its own seeded stream),
	// so they are worked out side by side and reported in order.
	vars := make([]Variable, len(tables))
	kappas := make([][]Kappa, len(tables))
	f1s := make([][]SpanF1, len(sets))
	jobs := make(chan func(), len(tables)+len(sets))
	for i, t := range tables {
		jobs <- func() {
			vars[i] = Variable{Dimension: t.Dimension, Target: t.Target, Level: t.Level, Result: t.Alpha(opt)}
			kappas[i] = t.Kappas()
		}
	}
	for i, s := range sets {
		jobs <- func() { f1s[i] = s.pairF1(DefaultMinOverlap) }
	}
	close(jobs)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(tables)+len(sets)) {
		wg.Go(func() {
			for job := range jobs {
				job()
			}
		})
	}
	wg.Wait()
	r.Variables = vars
	for i, t := range tables {
		for _, k := range kappas[i] {
			r.Pairs = append(r.Pairs, PairKappa{Dimension: t.Dimension, Target: t.Target, Kappa: k})
		}
	}
	for _, f := range f1s {
		r.Spans = append(r.Spans, f...)
	}
	return r
}

// Reading puts an α into plain words, by Krippendorff's (2004) thresholds:
// .800 or more is reliable, .667 or more allows tentative conclusions,
// below that the variable is not reliable.
func Reading(r Result) string {
	switch {
	case !r.Defined:
		return "no figure"
	case r.Alpha >= 0.800:
		return "reliable"
	case r.Alpha >= 0.667:
		return "tentative"
	}
	return "not reliable"
}
