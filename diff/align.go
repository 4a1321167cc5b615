package diff

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Options say which differences Compare ignores and how alike two sentences
// must be to count as one sentence edited or moved.
type Options struct {
	IgnoreWhitespace bool // runs of spaces and line breaks compare equal
	IgnoreQuotes     bool // curly and straight quotes, and dash styles, compare equal
	IgnoreCase       bool
	// EditThreshold is the least similarity (Dice coefficient of the two
	// sentences' words, 0..1) for a deleted and an added sentence in the
	// same place to be shown as one edited sentence. Zero means 0.5.
	EditThreshold float64
	// MoveThreshold is the least similarity for a sentence found elsewhere
	// in the other version to be shown as moved (and edited, if not
	// identical). Zero means 0.8: a move must be nearly the same sentence.
	MoveThreshold float64
}

// DefaultEditThreshold and DefaultMoveThreshold are used when Options
// leaves the thresholds at zero.
const (
	DefaultEditThreshold = 0.5
	DefaultMoveThreshold = 0.8
)

func (o Options) thresholds() (edit, move float64) {
	edit, move = o.EditThreshold, o.MoveThreshold
	if edit <= 0 {
		edit = DefaultEditThreshold
	}
	if move <= 0 {
		move = DefaultMoveThreshold
	}
	return edit, move
}

// PairKind is the revision type of one aligned sentence pair.
type PairKind uint8

const (
	Unchanged PairKind = iota // same sentence, same place (under Options)
	Added                     // only in B
	Deleted                   // only in A
	Edited                    // reworded in place; Words has the changes
	Moved                     // elsewhere in B; Words has changes if also edited
)

func (k PairKind) String() string {
	switch k {
	case Unchanged:
		return "unchanged"
	case Added:
		return "added"
	case Deleted:
		return "deleted"
	case Edited:
		return "edited"
	case Moved:
		return "moved"
	}
	return "unknown"
}

// Pair is one row of a sentence-aligned comparison. A is nil for an added
// sentence, B for a deleted one. Words holds the word diff of an edited
// sentence, or of a moved one that also changed; its offsets are rune
// offsets into the whole texts a and b. Similarity is 1 for unchanged, 0 for
// added and deleted, and the Dice coefficient of the words otherwise.
type Pair struct {
	Kind       PairKind
	A, B       *Sentence
	Words      []Op
	Similarity float64
}

// Summary counts the pairs of a comparison by kind. WordsChanged counts the
// words deleted from A plus the words inserted into B (whole sentences and
// inside edited ones); WordsTotal is the words of A plus the words of B, so
// ShareChanged is 0 for identical texts and 1 for texts with nothing in
// common.
type Summary struct {
	Added, Deleted, Edited, Moved, Unchanged int
	WordsChanged, WordsTotal                 int
	ShareChanged                             float64
}

// Comparison is the sentence alignment of two versions. Pairs follow B's
// order, with each deleted sentence of A placed where it stood; a moved
// sentence appears once, at its place in B (its A.Start tells where it was).
type Comparison struct {
	A, B    []Sentence
	Pairs   []Pair
	Summary Summary
}

// TitleChange compares two headlines.
type TitleChange struct {
	Changed    bool
	Similarity float64
	Words      []Op // rune offsets into the two titles
}

// CompareTitles compares two headlines word by word under opt.
func CompareTitles(a, b string, opt Options) TitleChange {
	nz := opt.normalizer()
	if nz.text(strings.TrimSpace(a)) == nz.text(strings.TrimSpace(b)) {
		return TitleChange{Similarity: 1, Words: wordDiff([]rune(a), []rune(b), 0, 0, nz)}
	}
	return TitleChange{
		Changed:    true,
		Similarity: dice(wordBag(a), wordBag(b)),
		Words:      wordDiff([]rune(a), []rune(b), 0, 0, nz),
	}
}

// Compare aligns the sentences of a and b.
//
// Sentences equal under opt that keep their order form the backbone (a
// longest common subsequence, computed by go-diff over one rune per distinct
// sentence). The remaining sentences are paired by word similarity: a pair
// in the same gap between backbone sentences and in order is Edited if its
// similarity reaches EditThreshold; a pair anywhere else is Moved if it
// reaches MoveThreshold. Candidates come from an inverted index of the
// sentences' less common words plus everything in the same small gap, so
// the cost stays near linear in the number of sentences.
func Compare(a, b string, opt Options) *Comparison {
	nz := opt.normalizer()
	editT, moveT := opt.thresholds()
	ra, rb := []rune(a), []rune(b)
	sa, sb := Sentences(a), Sentences(b)
	c := &Comparison{A: sa, B: sb}

	ka, kb := make([]string, len(sa)), make([]string, len(sb))
	for i := range sa {
		ka[i] = nz.text(sa[i].Text)
	}
	for j := range sb {
		kb[j] = nz.text(sb[j].Text)
	}
	matchA, matchB := backbone(ka, kb)

	// Pairs beyond the backbone.
	kindA := make([]PairKind, len(sa))
	kindB := make([]PairKind, len(sb))
	simB := make([]float64, len(sb))
	for i, j := range matchA {
		if j >= 0 {
			kindA[i], kindB[j], simB[j] = Unchanged, Unchanged, 1
		} else {
			kindA[i] = Deleted
		}
	}
	for j, i := range matchB {
		if i < 0 {
			kindB[j] = Added
		}
	}
	for _, p := range pairRest(sa, sb, matchA, matchB, editT, moveT) {
		matchA[p.a], matchB[p.b], simB[p.b] = p.b, p.a, p.sim
		k := Moved
		if p.inOrder {
			k = Edited
			if ka[p.a] == kb[p.b] {
				k = Unchanged
			}
		}
		kindA[p.a], kindB[p.b] = k, k
	}

	// Display order: B's order; before each B sentence, the deleted A
	// sentences that stand before the next in-order pair.
	nextA := make([]int, len(sb)+1)
	nextA[len(sb)] = len(sa)
	for j := len(sb) - 1; j >= 0; j-- {
		nextA[j] = nextA[j+1]
		if k := kindB[j]; k == Unchanged || k == Edited {
			nextA[j] = matchB[j]
		}
	}
	c.Pairs = make([]Pair, 0, len(sa)+len(sb))
	s := &c.Summary
	ia := 0
	flush := func(until int) {
		for ; ia < until; ia++ {
			if kindA[ia] == Deleted {
				c.Pairs = append(c.Pairs, Pair{Kind: Deleted, A: &sa[ia]})
				s.Deleted++
				s.WordsChanged += countWords(sa[ia].Text)
			}
		}
	}
	for j := range sb {
		flush(nextA[j])
		p := Pair{Kind: kindB[j], B: &sb[j], Similarity: simB[j]}
		if i := matchB[j]; i >= 0 {
			p.A = &sa[i]
			if ka[i] != kb[j] {
				p.Words = wordDiff(ra[sa[i].Start:sa[i].End], rb[sb[j].Start:sb[j].End], sa[i].Start, sb[j].Start, nz)
				for _, op := range p.Words {
					if op.Kind != Equal {
						s.WordsChanged += countWords(op.Text)
					}
				}
			}
		}
		switch p.Kind {
		case Unchanged:
			s.Unchanged++
		case Added:
			s.Added++
			s.WordsChanged += countWords(sb[j].Text)
		case Edited:
			s.Edited++
		case Moved:
			s.Moved++
		}
		c.Pairs = append(c.Pairs, p)
	}
	flush(len(sa))
	for i := range sa {
		s.WordsTotal += countWords(sa[i].Text)
	}
	for j := range sb {
		s.WordsTotal += countWords(sb[j].Text)
	}
	if s.WordsTotal > 0 {
		s.ShareChanged = float64(s.WordsChanged) / float64(s.WordsTotal)
	}
	return c
}

func countWords(s string) int {
	n := 0
	for _, t := range tokenize([]rune(s)) {
		if t.Kind == WordToken {
			n++
		}
	}
	return n
}

// backbone returns the longest common subsequence of equal keys as
// matchA[i] = j and matchB[j] = i (-1 where unmatched).
func backbone(ka, kb []string) (matchA, matchB []int) {
	ids := make(map[string]rune, len(ka)+len(kb))
	enc := func(ks []string) []rune {
		out := make([]rune, len(ks))
		for i, k := range ks {
			id, ok := ids[k]
			if !ok {
				id = idRune(len(ids))
				ids[k] = id
			}
			out[i] = id
		}
		return out
	}
	ea, eb := enc(ka), enc(kb) // sentences are far fewer than maxTokenIDs
	matchA, matchB = make([]int, len(ka)), make([]int, len(kb))
	for i := range matchA {
		matchA[i] = -1
	}
	for j := range matchB {
		matchB[j] = -1
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = diffTimeout
	i, j := 0, 0
	for _, d := range dmp.DiffMainRunes(ea, eb, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for k := 0; k < n; k++ {
				matchA[i+k], matchB[j+k] = j+k, i+k
			}
			i += n
			j += n
		case diffmatchpatch.DiffDelete:
			i += n
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
	return matchA, matchB
}

type simPair struct {
	a, b    int
	sim     float64
	inGap   bool
	inOrder bool
}

// Bounds on candidate generation: words in more unmatched sentences than
// maxPosting are too common to suggest a pair, and a gap with at most
// maxGapPairs sentence pairs is compared exhaustively.
const (
	maxPosting  = 48
	maxGapPairs = 256
)

// pairRest pairs the sentences left out of the backbone.
func pairRest(sa, sb []Sentence, matchA, matchB []int, editT, moveT float64) []simPair {
	// gap ids: the number of backbone sentences before a sentence.
	gapA, gapB := gapIDs(matchA), gapIDs(matchB)
	var ua, ub []int
	for i, j := range matchA {
		if j < 0 {
			ua = append(ua, i)
		}
	}
	for j, i := range matchB {
		if i < 0 {
			ub = append(ub, j)
		}
	}
	if len(ua) == 0 || len(ub) == 0 {
		return nil
	}
	bagA := make([][]uint64, len(ua))
	post := make(map[uint64][]int32)
	for x, i := range ua {
		bagA[x] = wordBag(sa[i].Text)
		for k, h := range bagA[x] {
			if k == 0 || h != bagA[x][k-1] {
				post[h] = append(post[h], int32(x))
			}
		}
	}
	// ua indexes of each gap: ua is in A order and gap ids never decrease.
	gapStart := map[int]int{}
	gapEnd := map[int]int{}
	for x, i := range ua {
		g := gapA[i]
		if _, ok := gapStart[g]; !ok {
			gapStart[g] = x
		}
		gapEnd[g] = x + 1
	}
	gapCountB := map[int]int{}
	for _, j := range ub {
		gapCountB[gapB[j]]++
	}

	seen := make([]int32, len(ua)) // last B candidate index+1 that saw x
	var cands []simPair
	consider := func(y, x int, bag []uint64) {
		if seen[x] == int32(y+1) {
			return
		}
		seen[x] = int32(y + 1)
		i, j := ua[x], ub[y]
		inGap := gapA[i] == gapB[j]
		sim := dice(bagA[x], bag)
		if sim >= moveT || (inGap && sim >= editT) {
			cands = append(cands, simPair{a: i, b: j, sim: sim, inGap: inGap})
		}
	}
	for y, j := range ub {
		bag := wordBag(sb[j].Text)
		g := gapB[j]
		if s, ok := gapStart[g]; ok && (gapEnd[g]-s)*gapCountB[g] <= maxGapPairs {
			for x := s; x < gapEnd[g]; x++ {
				consider(y, x, bag)
			}
		}
		for k, h := range bag {
			if k > 0 && h == bag[k-1] {
				continue
			}
			ps := post[h]
			if len(ps) > maxPosting {
				continue
			}
			for _, x := range ps {
				consider(y, int(x), bag)
			}
		}
	}

	// Greedy by similarity: same gap first, then nearest.
	slices.SortFunc(cands, func(p, q simPair) int {
		if c := cmp.Compare(q.sim, p.sim); c != 0 {
			return c
		}
		if p.inGap != q.inGap {
			if p.inGap {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(absInt(p.a-p.b), absInt(q.a-q.b)); c != 0 {
			return c
		}
		return cmp.Compare(p.b, q.b)
	})
	usedA := map[int]bool{}
	usedB := map[int]bool{}
	var out []simPair
	for _, p := range cands {
		if usedA[p.a] || usedB[p.b] {
			continue
		}
		if !p.inGap && p.sim < moveT {
			continue
		}
		usedA[p.a], usedB[p.b] = true, true
		out = append(out, p)
	}

	// In-gap pairs that keep their order (a longest increasing chain) are
	// edits; the others, like pairs across gaps, are moves.
	slices.SortFunc(out, func(p, q simPair) int { return cmp.Compare(p.a, q.a) })
	var idx []int
	for k, p := range out {
		if p.inGap {
			idx = append(idx, k)
		}
	}
	for _, k := range lisByB(out, idx) {
		out[k].inOrder = true
	}
	// An in-gap pair left out of the chain is a move; below the move
	// threshold it is no pair at all.
	kept := out[:0]
	for _, p := range out {
		if p.inOrder || p.sim >= moveT {
			kept = append(kept, p)
		}
	}
	return kept
}

func gapIDs(match []int) []int {
	g := make([]int, len(match))
	n := 0
	for i, m := range match {
		g[i] = n
		if m >= 0 {
			n++
		}
	}
	return g
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// lisByB returns the members of idx (indexes into ps, sorted by a) that form
// a longest chain with increasing b.
func lisByB(ps []simPair, idx []int) []int {
	if len(idx) == 0 {
		return nil
	}
	tails := []int{} // positions in idx
	prev := make([]int, len(idx))
	for k, pi := range idx {
		b := ps[pi].b
		lo, hi := 0, len(tails)
		for lo < hi {
			m := (lo + hi) / 2
			if ps[idx[tails[m]]].b < b {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo > 0 {
			prev[k] = tails[lo-1]
		} else {
			prev[k] = -1
		}
		if lo == len(tails) {
			tails = append(tails, k)
		} else {
			tails[lo] = k
		}
	}
	var out []int
	for k := tails[len(tails)-1]; k >= 0; k = prev[k] {
		out = append(out, idx[k])
	}
	return out
}

// wordBag returns the sorted hashes of the words of s, case and quote
// styles folded: the multiset that sentence similarity compares.
func wordBag(s string) []uint64 {
	var bag []uint64
	forEachWordHash(s, func(h uint64) { bag = append(bag, h) })
	slices.Sort(bag)
	return bag
}

// dice is the Dice coefficient 2|A∩B|/(|A|+|B|) of two sorted multisets.
func dice(x, y []uint64) float64 {
	if len(x)+len(y) == 0 {
		return 1
	}
	return 2 * float64(intersectSorted(x, y)) / float64(len(x)+len(y))
}

// intersectSorted counts the elements two sorted lists have in common,
// with their multiplicity (word hashes of sentences, content-word bags).
func intersectSorted[T uint32 | uint64](x, y []T) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
