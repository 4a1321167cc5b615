package agree

import (
	"strings"

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
}

// Compute works out α with its interval for every variable, κ for every
// pair of coders on every variable, and span F1 for every pair of coders
// on every span dimension. Only the variables of dimension are reported
// when it is not empty.
func Compute(d *Data, dimension string, opt Options) *Report {
	r := &Report{Coders: d.Coders, Articles: d.Articles, Notes: d.Notes}
	for _, t := range d.Tables {
		if dimension != "" && t.Dimension != dimension {
			continue
		}
		r.Variables = append(r.Variables, Variable{Dimension: t.Dimension, Target: t.Target, Level: t.Level, Result: t.Alpha(opt)})
		for _, k := range t.Kappas() {
			r.Pairs = append(r.Pairs, PairKappa{Dimension: t.Dimension, Target: t.Target, Kappa: k})
		}
	}
	for _, s := range d.spans {
		if dimension != "" && s.dimension != dimension && !strings.HasPrefix(s.dimension, dimension+"/") {
			continue
		}
		r.Spans = append(r.Spans, s.pairF1(DefaultMinOverlap)...)
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
