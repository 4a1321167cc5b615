package diff

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Block is a rune range [Start, End) of a text, with its text.
type Block struct {
	Start, End int
	Text       string
}

// Thresholds of RepeatedBlock.
const (
	repeatMinUnits       = 2    // matched sentences
	repeatMinRunes       = 160  // matched text, so a repeated slogan is no article
	repeatMinContainment = 0.6  // share of copy 1 found in copy 2 (and of copy 2 in copy 1, at 0.5)
	repeatMinPageShare   = 0.25 // share of the page's text the copies repeat
	repeatMaxOccurrences = 6    // sentences repeated more often are furniture
)

// RepeatedBlock detects a page that carries the same article twice (a forum
// post quoting it, a scraper that kept the print and the screen version)
// and returns the rune ranges of the two copies, trimmed to the first and
// last sentence the copies share, so page furniture (titles, forum headers,
// "Meta description", "Uploaded files:") stays out. Copy 2 may carry
// insertions (promotional lines in its first paragraphs): they lie inside
// its range. ok is false when no substantial part of the page repeats.
//
// It works on sentences (which end at line breaks, so lines are units too):
// the pairs of equal sentences form a chain increasing in both copies
// (weighted by length), and the split point between the copies is where
// the chain pairs straddling it weigh most.
func RepeatedBlock(text string) (first, second Block, ok bool) {
	sents := Sentences(text)
	n := len(sents)
	if n < 2*repeatMinUnits {
		return first, second, false
	}
	nz := normalizer{ws: true, quotes: true, fold: true}
	occ := map[string][]int{}
	weight := make([]int, n)
	total := 0
	for i, s := range sents {
		k := nz.text(s.Text)
		occ[k] = append(occ[k], i)
		weight[i] = len([]rune(k))
		total += weight[i]
	}
	type pair struct{ p, q, w int }
	var pairs []pair
	for _, is := range occ {
		if len(is) < 2 || len(is) > repeatMaxOccurrences {
			continue
		}
		for x := range is {
			for y := x + 1; y < len(is); y++ {
				pairs = append(pairs, pair{is[x], is[y], weight[is[x]]})
			}
		}
	}
	if len(pairs) < repeatMinUnits {
		return first, second, false
	}
	// Heaviest chain with p and q both increasing: sort by p, q descending,
	// then a Fenwick tree of best chain weight ending below each q.
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.p, b.p); c != 0 {
			return c
		}
		return cmp.Compare(b.q, a.q)
	})
	best := make([]int, len(pairs))
	prev := make([]int, len(pairs))
	fw := newMaxFenwick(n)
	for k, pr := range pairs {
		w, at := fw.query(pr.q) // best chain with q' < q
		best[k] = w + pr.w
		prev[k] = at
		fw.update(pr.q, best[k], k)
	}
	end := 0
	for k := range pairs {
		if best[k] > best[end] {
			end = k
		}
	}
	var chain []pair
	for k := end; k >= 0; k = prev[k] {
		chain = append(chain, pairs[k])
	}
	slices.Reverse(chain)

	// Split: copy 1 ends before s, copy 2 starts at s or later.
	diffW := make([]int, n+2)
	for _, c := range chain {
		diffW[c.p+1] += c.w
		diffW[c.q+1] -= c.w
	}
	bestS, bestW, run := 0, -1, 0
	for s := 0; s <= n; s++ {
		run += diffW[s]
		if run > bestW {
			bestS, bestW = s, run
		}
	}
	var kept []pair
	for _, c := range chain {
		if c.p < bestS && bestS <= c.q {
			kept = append(kept, c)
		}
	}
	if len(kept) < repeatMinUnits || bestW < repeatMinRunes || float64(bestW) < repeatMinPageShare*float64(total) {
		return first, second, false
	}
	p0, p1 := kept[0].p, kept[len(kept)-1].p
	q0, q1 := kept[0].q, kept[len(kept)-1].q
	w1, w2 := 0, 0
	for i := p0; i <= p1; i++ {
		w1 += weight[i]
	}
	for i := q0; i <= q1; i++ {
		w2 += weight[i]
	}
	if float64(bestW) < repeatMinContainment*float64(w1) || float64(bestW) < 0.5*float64(w2) {
		return first, second, false
	}
	rs := []rune(text)
	mk := func(a, b int) Block {
		s, e := sents[a].Start, sents[b].End
		return Block{Start: s, End: e, Text: string(rs[s:e])}
	}
	return mk(p0, p1), mk(q0, q1), true
}

// maxFenwick answers "best value at positions < x" with the entry holding it.
type maxFenwick struct {
	val []int
	at  []int
}

func newMaxFenwick(n int) *maxFenwick {
	f := &maxFenwick{val: make([]int, n+1), at: make([]int, n+1)}
	for i := range f.at {
		f.at[i] = -1
	}
	return f
}

func (f *maxFenwick) update(pos, v, at int) {
	for i := pos + 1; i < len(f.val); i += i & -i {
		if v > f.val[i] {
			f.val[i], f.at[i] = v, at
		}
	}
}

// query returns the best value over positions [0, pos).
func (f *maxFenwick) query(pos int) (int, int) {
	v, at := 0, -1
	for i := pos; i > 0; i -= i & -i {
		if f.val[i] > v {
			v, at = f.val[i], f.at[i]
		}
	}
	return v, at
}

// Boilerplate returns the lines that recur across the articles of one
// outlet (subscription calls, share prompts, author blurbs): lines found,
// after folding case, quotes and whitespace, in at least three articles and
// at least a quarter of them. Articles is one slice of lines per article.
// The map holds each such line as it appears, trimmed of spaces, so a caller
// can test m[strings.TrimSpace(line)]. Content reused in a few follow-up
// stories stays below the quarter; a real outlet's furniture is far above.
func Boilerplate(articles [][]string) map[string]bool {
	nz := normalizer{ws: true, quotes: true, fold: true}
	count := map[string]int{}
	forms := map[string][]string{}
	for _, lines := range articles {
		seen := map[string]bool{}
		for _, l := range lines {
			t := strings.TrimSpace(l)
			if t == "" {
				continue
			}
			k := nz.text(t)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
			if !slices.Contains(forms[k], t) {
				forms[k] = append(forms[k], t)
			}
		}
	}
	need := max(3, int(math.Ceil(0.25*float64(len(articles)))))
	out := map[string]bool{}
	for k, c := range count {
		if c >= need {
			for _, f := range forms[k] {
				out[f] = true
			}
		}
	}
	return out
}
