package agree

import (
	"fmt"
	"sort"
)

// Mark is one stretch of text a coder coded on one dimension of an
// article, with the value given (Missing when the value does not count in
// the statistics). Start and End count runes, End exclusive.
type Mark struct {
	Article    int64
	Coder      string
	Start, End int
	Value      int
	ref        int32 // the annotation, in Data's annotations
}

// DefaultMinOverlap is how much two marks must share to be the same stretch:
// at least half of the shorter one, so "Ushakov" and "Yuri Ushakov, a
// Kremlin aide," match, and two quotes that only touch do not.
const DefaultMinOverlap = 0.5

// overlap is the share of the shorter mark that both marks cover.
func overlap(a, b Mark) float64 {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi <= lo {
		return 0
	}
	short := min(a.End-a.Start, b.End-b.Start)
	if short <= 0 {
		return 0
	}
	return float64(hi-lo) / float64(short)
}

// SpanF1 says how often two coders marked the same stretches on one
// dimension, over the articles both coded: F1 = 2·matched/(marks of A +
// marks of B), each mark matched at most once.
type SpanF1 struct {
	Dimension      string
	CoderA, CoderB string
	F1             float64
	Defined        bool // false when neither coder marked anything on their shared articles
	Matched        int
	MarksA, MarksB int
	Articles       int // articles both coded
}

// spanSet is the marks of one span dimension, by article and coder.
type spanSet struct {
	dimension string
	tableIx   int // the table of its values in Data.Tables
	marks     map[int64]map[string][]Mark
	coded     map[int64][]string // coders who coded each unit article
}

// pairF1 matches each pair of coders' marks article by article.
func (s *spanSet) pairF1(minOverlap float64) []SpanF1 {
	var names []string
	ix := map[string]int{}
	for _, coders := range s.coded {
		for _, c := range coders {
			if _, ok := ix[c]; !ok {
				ix[c] = len(names)
				names = append(names, c)
			}
		}
	}
	n := len(names)
	acc := make([]*SpanF1, n*n)
	var m matcher
	for art, coders := range s.coded {
		marks := s.marks[art]
		for i, x := range coders {
			for _, y := range coders[i+1:] {
				a, b := min(x, y), max(x, y)
				k := ix[a]*n + ix[b]
				f := acc[k]
				if f == nil {
					f = &SpanF1{Dimension: s.dimension, CoderA: a, CoderB: b}
					acc[k] = f
				}
				ma, mb := marks[a], marks[b]
				f.Articles++
				f.MarksA += len(ma)
				f.MarksB += len(mb)
				f.Matched += len(m.match(ma, mb, minOverlap))
			}
		}
	}
	var out []SpanF1
	for _, f := range acc {
		if f == nil {
			continue
		}
		if n := f.MarksA + f.MarksB; n > 0 {
			f.F1, f.Defined = 2*float64(f.Matched)/float64(n), true
		}
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].CoderA != out[j].CoderA {
			return out[i].CoderA < out[j].CoderA
		}
		return out[i].CoderB < out[j].CoderB
	})
	return out
}

// matcher pairs marks of two coders one to one, the largest overlaps
// first; it keeps its buffers between calls.
type matcher struct {
	cs           []cand
	usedA, usedB []bool
	out          [][2]int
}

type cand struct {
	i, j int
	ov   float64
}

// match returns the index pairs of matched marks, valid until the next
// call.
func (m *matcher) match(a, b []Mark, minOverlap float64) [][2]int {
	m.cs, m.out = m.cs[:0], m.out[:0]
	for i := range a {
		for j := range b {
			if ov := overlap(a[i], b[j]); ov >= minOverlap && ov > 0 {
				m.cs = append(m.cs, cand{i, j, ov})
			}
		}
	}
	if len(m.cs) == 0 {
		return m.out
	}
	if len(m.cs) > 1 {
		sort.Slice(m.cs, func(x, y int) bool {
			cx, cy := m.cs[x], m.cs[y]
			if cx.ov != cy.ov {
				return cx.ov > cy.ov
			}
			if cx.i != cy.i {
				return cx.i < cy.i
			}
			return cx.j < cy.j
		})
	}
	m.usedA = resetBools(m.usedA, len(a))
	m.usedB = resetBools(m.usedB, len(b))
	for _, c := range m.cs {
		if m.usedA[c.i] || m.usedB[c.j] {
			continue
		}
		m.usedA[c.i], m.usedB[c.j] = true, true
		m.out = append(m.out, [2]int{c.i, c.j})
	}
	return m.out
}

func resetBools(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// table groups the marks of all coders into stretches (a mark joins the
// stretch whose first mark it overlaps most, if that stretch has no mark of
// its coder yet) and makes each stretch a unit whose values are the marks'
// values: α on the values of matched spans.
func (s *spanSet) table(tb *Table, minOverlap float64) {
	arts := make([]int64, 0, len(s.coded))
	for a := range s.coded {
		arts = append(arts, a)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i] < arts[j] })
	for _, art := range arts {
		var all []Mark
		for _, c := range s.coded[art] {
			all = append(all, s.marks[art][c]...)
		}
		sort.Slice(all, func(i, j int) bool {
			x, y := all[i], all[j]
			if x.Start != y.Start {
				return x.Start < y.Start
			}
			if x.End != y.End {
				return x.End < y.End
			}
			return x.Coder < y.Coder
		})
		type stretch struct {
			first  Mark
			coders map[string]bool
			marks  []Mark
		}
		var st []*stretch
		for _, m := range all {
			var best *stretch
			bestOv := 0.0
			for _, x := range st {
				if x.coders[m.Coder] {
					continue
				}
				if ov := overlap(x.first, m); ov >= minOverlap && ov > bestOv {
					best, bestOv = x, ov
				}
			}
			if best == nil {
				best = &stretch{first: m, coders: map[string]bool{}}
				st = append(st, best)
			}
			best.coders[m.Coder] = true
			best.marks = append(best.marks, m)
		}
		for _, x := range st {
			u := tb.UnitIndex(fmt.Sprintf("%d@%d-%d", art, x.first.Start, x.first.End))
			tb.Units[u].article, tb.Units[u].start, tb.Units[u].end = art, x.first.Start, x.first.End
			for _, m := range x.marks {
				c := tb.CoderIndex(m.Coder)
				tb.SetIndex(u, c, m.Value)
				tb.setRef(u, c, m.ref)
			}
		}
	}
}
