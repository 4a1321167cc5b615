package diff

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Anchor is a span of an old version of a text, as an annotation keeps it:
// Start and End are rune offsets into the old text (End exclusive), Quote is
// the text of the span, and Prefix and Suffix are the text just before and
// after it (Redline keeps up to 32 runes of each).
//
// An Anchor with an empty Quote takes its quote and context from the old
// text at its offsets; one with a Quote but neither Prefix nor Suffix takes
// its context from the old text when the quote is found there.
type Anchor struct {
	Start, End            int
	Quote, Prefix, Suffix string
}

// Status says how Reanchor placed an anchor in the new text. The values are
// the strings of the carry statuses Redline stores.
type Status string

// The constants carry an Anchor prefix because Moved already names a
// sentence PairKind in this package.
const (
	// AnchorExact is the same text in the same place: the diff maps the
	// span onto unchanged text, or its quote is found where the diff puts
	// it.
	AnchorExact Status = "exact"
	// AnchorMoved is the same text found elsewhere by its quote and context,
	// as when its sentence or paragraph was moved.
	AnchorMoved Status = "moved"
	// AnchorFuzzy is similar text found approximately: the span's words
	// were edited.
	AnchorFuzzy Status = "fuzzy"
	// AnchorOrphaned is an anchor that could not be placed. It is returned,
	// never dropped, so the analyst can place it by hand.
	AnchorOrphaned Status = "orphaned"
)

// Placement is where Reanchor put one anchor: rune offsets into the new
// text, or Start and End -1 for an orphan. Score runs from 0 to 1: 1 for an
// exact placement through the diff, 0.5 plus half the share of the stored
// context found around a quote found by search, and the word similarity of
// a fuzzy match.
type Placement struct {
	Start, End int
	Status     Status
	Score      float64
}

// Thresholds of the search. They are constants, not options, until analysts
// show a need to tune them.
const (
	// minContext is the share of the stored context that must surround a
	// quote found by search, unless the quote is distinctive or found where
	// the diff puts it.
	minContext = 0.5
	// distinctiveWords and distinctiveRunes make a quote long enough to be
	// trusted without its context, as a sentence moved to another paragraph
	// keeps none of it.
	distinctiveWords = 3
	distinctiveRunes = 16
	// minFuzzy is the least word similarity of a fuzzy placement.
	minFuzzy = 0.6
	// fuzzySeedWords and fuzzySeedHits bound the rare quote words whose
	// occurrences seed the fuzzy search, fuzzyCells the work (quote words
	// times text words compared) spent on one anchor.
	fuzzySeedWords = 4
	fuzzySeedHits  = 64
	fuzzyCells     = 4 << 20
)

// Reanchor places each anchor, made on oldText, in newText, so annotations
// carry from one version of an article to the next. It returns one
// Placement per anchor, in order, and tries in turn:
//
//  1. Position: the word diff of the two texts maps the span onto newText.
//     A span that lies, with the nearest non-space character on each side,
//     inside one unchanged run is Exact with Score 1, however far it shifted.
//  2. Quote: the occurrences of the quote in newText (a run of whitespace
//     matching any other, so a paragraph break may come or go), ranked by how
//     much of the stored prefix and suffix surround them, then by nearness to
//     where the diff puts the span. The best is taken if at least half the
//     context matches, or the quote is distinctive (three words and sixteen
//     characters), or it starts exactly where the diff maps the span's start
//     and the diff kept one edge of the span with its neighbouring word. It
//     is Exact where the diff puts the span (anywhere inside the rewrite, if
//     the span's start was rewritten), Moved elsewhere.
//  3. Fuzzy: the run of whole words of newText most like the quote's words
//     (edit distance over case-folded words), searched near the mapped
//     position and near occurrences of the quote's rarest words. A match of
//     similarity 0.6 or more is Fuzzy, with the similarity as Score. An
//     occurrence turned down in step 2 is not taken again here.
//  4. Otherwise, and for an anchor whose offsets are outside oldText or
//     empty, Orphaned.
//
// Reanchor never panics: invalid UTF-8 counts one rune per bad byte, as
// everywhere in this package.
func Reanchor(oldText, newText string, anchors []Anchor) []Placement {
	out := make([]Placement, len(anchors))
	if len(anchors) == 0 {
		return out
	}
	r := &reanchorer{ra: []rune(oldText), rb: []rune(newText)}
	for i, a := range anchors {
		out[i] = r.place(a)
	}
	return out
}

// reanchorer holds what the anchors of one pair of texts share. Everything
// past ra and rb is built on first use.
type reanchorer struct {
	ra, rb []rune
	ops    []Op

	// fs is rb with every run of whitespace folded to one space, so a quote
	// is found across a changed paragraph break; folded rune i is rb's
	// [foldStart[i], foldEnd[i]), and byteFold maps fs's bytes to its runes.
	fs                 string
	foldStart, foldEnd []int32
	byteFold           []int32

	words    []Token // words of rb
	wordIDs  []int32 // folded word of each word, as an id
	ids      map[string]int32
	postings [][]int32 // word indices of each id
}

var orphan = Placement{Start: -1, End: -1, Status: AnchorOrphaned}

// home is where the diff puts an old offset in the new text: the range
// [lo, hi] of new offsets (lo == hi for an offset in unchanged text, the
// extent of the rewrite for one in changed text).
type home struct{ lo, hi int }

func (h home) dist(b int) int {
	switch {
	case b < h.lo:
		return h.lo - b
	case b > h.hi:
		return b - h.hi
	}
	return 0
}

func (r *reanchorer) place(a Anchor) Placement {
	if a.Start < 0 || a.End > len(r.ra) || a.Start >= a.End {
		return orphan
	}
	if r.ops == nil {
		r.ops = wordDiff(r.ra, r.rb, 0, 0, normalizer{})
	}
	old := r.ra[a.Start:a.End]
	q := old
	if a.Quote != "" {
		q = []rune(a.Quote)
	}
	inOld := slices.Equal(q, old)
	pre, suf := []rune(a.Prefix), []rune(a.Suffix)
	if inOld && len(pre) == 0 && len(suf) == 0 {
		pre = r.ra[max(0, a.Start-contextRunes):a.Start]
		suf = r.ra[a.End:min(len(r.ra), a.End+contextRunes)]
	}

	k := r.opAt(a.Start)
	before, after := r.kept(k, a.Start, a.End)
	if inOld && before && after && a.End <= r.ops[k].AEnd {
		op := r.ops[k]
		s := op.BStart + a.Start - op.AStart
		return Placement{Start: s, End: s + len(q), Status: AnchorExact, Score: 1}
	}
	h := r.mapHome(k, a.Start)
	p, rejected := r.byQuote(q, pre, suf, h, inOld && (before || after))
	if p.Status != AnchorOrphaned {
		return p
	}
	return r.fuzzy(q, h, rejected)
}

// contextRunes is how much context an anchor without any takes from the old
// text, as Redline stores it.
const contextRunes = 32

// opAt returns the index of the op that holds old rune offset a, or
// len(r.ops) for the end of the text.
func (r *reanchorer) opAt(a int) int {
	// AEnd never decreases, and an Insert's AEnd is the AStart of the op
	// after it, so the first op ending past a is the one holding a.
	return sort.Search(len(r.ops), func(i int) bool { return r.ops[i].AEnd > a })
}

// kept reports whether each edge of [start, end) lies in unchanged text
// together with the nearest non-space rune beyond it (or the text's end):
// before for start, held by op k, after for end.
func (r *reanchorer) kept(k, start, end int) (before, after bool) {
	if op := r.ops[k]; op.Kind == Equal {
		p := start - 1
		for p >= 0 && unicode.IsSpace(r.ra[p]) {
			p--
		}
		before = p < 0 || p >= op.AStart
	}
	if op := r.ops[r.opAt(end-1)]; op.Kind == Equal {
		n := end
		for n < len(r.ra) && unicode.IsSpace(r.ra[n]) {
			n++
		}
		after = n >= len(r.ra) || n < op.AEnd
	}
	return before, after
}

// mapHome maps old offset a, held by op k, into the new text.
func (r *reanchorer) mapHome(k, a int) home {
	if k >= len(r.ops) {
		return home{len(r.rb), len(r.rb)}
	}
	op := r.ops[k]
	if op.Kind == Equal {
		b := op.BStart + a - op.AStart
		return home{b, b}
	}
	h := home{op.BStart, op.BStart}
	if k+1 < len(r.ops) && r.ops[k+1].Kind == Insert {
		h.hi = r.ops[k+1].BEnd
	}
	return h
}

// runeSpan is a range [start, end) of offsets (runes, or words).
type runeSpan struct{ start, end int }

// byQuote places q at its best occurrence in the new text (whitespace runs
// matching any other), or returns an orphan and the occurrences it turned
// down. edgeKept says the diff kept an edge of the span and its neighbour,
// so an occurrence exactly at h is in place whatever its context.
func (r *reanchorer) byQuote(q, pre, suf []rune, h home, edgeKept bool) (Placement, []runeSpan) {
	qs := foldSpace(q)
	if qs == "" {
		return orphan, nil
	}
	r.indexFold()
	nq := utf8.RuneCountInString(qs)
	// Whitespace at the quote's edges takes no more of a run than it had.
	lead, trail := 0, 0
	for lead < len(q) && unicode.IsSpace(q[lead]) {
		lead++
	}
	for trail < len(q) && unicode.IsSpace(q[len(q)-1-trail]) {
		trail++
	}
	best, bestCtx, bestDist := runeSpan{-1, -1}, -1, 0
	var all []runeSpan
	for off := 0; off < len(r.fs); {
		i := strings.Index(r.fs[off:], qs)
		if i < 0 {
			break
		}
		b := off + i
		f := int(r.byteFold[b])
		l := f + nq - 1
		o := runeSpan{int(r.foldStart[f]), int(r.foldEnd[l])}
		switch {
		case lead == len(q):
			o.end = min(o.end, o.start+len(q))
		default:
			if lead > 0 {
				o.start = max(o.start, int(r.foldEnd[f])-lead)
			}
			if trail > 0 {
				o.end = min(o.end, int(r.foldStart[l])+trail)
			}
		}
		all = append(all, o)
		c := matchBefore(pre, r.rb, o.start) + matchAfter(suf, r.rb, o.end)
		d := h.dist(o.start)
		if c > bestCtx || (c == bestCtx && d < bestDist) {
			best, bestCtx, bestDist = o, c, d
		}
		_, n := utf8.DecodeRuneInString(r.fs[b:])
		off = b + n
	}
	if best.start < 0 {
		return orphan, nil
	}
	ctx := 0.0
	if total := len(pre) + len(suf); total > 0 {
		ctx = float64(bestCtx) / float64(total)
	}
	// Only the exact mapping of a kept edge vouches for a quote without
	// context: a short quote may well recur inside a long rewrite.
	atMapped := edgeKept && h.lo == h.hi && best.start == h.lo
	if ctx < minContext && !atMapped && !distinctive(q) {
		return orphan, all
	}
	st := AnchorMoved
	if bestDist == 0 {
		st = AnchorExact
	}
	return Placement{Start: best.start, End: best.end, Status: st, Score: 0.5 + 0.5*ctx}, nil
}

// foldSpace returns rs as a string with every run of whitespace one space.
func foldSpace(rs []rune) string {
	var sb strings.Builder
	sb.Grow(len(rs))
	for i := 0; i < len(rs); i++ {
		if unicode.IsSpace(rs[i]) {
			for i+1 < len(rs) && unicode.IsSpace(rs[i+1]) {
				i++
			}
			sb.WriteByte(' ')
			continue
		}
		sb.WriteRune(rs[i])
	}
	return sb.String()
}

// indexFold builds the whitespace-folded new text and its tables once.
func (r *reanchorer) indexFold() {
	if r.byteFold != nil {
		return
	}
	r.fs = foldSpace(r.rb)
	r.byteFold = make([]int32, len(r.fs)+1)
	for i := 0; i < len(r.rb); i++ {
		start := i
		if unicode.IsSpace(r.rb[i]) {
			for i+1 < len(r.rb) && unicode.IsSpace(r.rb[i+1]) {
				i++
			}
		}
		r.foldStart = append(r.foldStart, int32(start))
		r.foldEnd = append(r.foldEnd, int32(i+1))
	}
	f := int32(0)
	for b, c := range r.fs {
		for k := range utf8.RuneLen(c) {
			r.byteFold[b+k] = f
		}
		f++
	}
	r.byteFold[len(r.fs)] = f
}

// distinctive reports whether q is long enough to be trusted without its
// context.
func distinctive(q []rune) bool {
	if len(q) < distinctiveRunes {
		return false
	}
	n := 0
	for _, t := range tokenize(q) {
		if t.Kind == WordToken {
			n++
		}
	}
	return n >= distinctiveWords
}

// matchBefore returns how many runes at the end of pre also end text[:at],
// a run of whitespace matching any other.
func matchBefore(pre, text []rune, at int) int {
	i, j, n := len(pre)-1, at-1, 0
	for i >= 0 && j >= 0 {
		if unicode.IsSpace(pre[i]) && unicode.IsSpace(text[j]) {
			for i >= 0 && unicode.IsSpace(pre[i]) {
				i--
				n++
			}
			for j >= 0 && unicode.IsSpace(text[j]) {
				j--
			}
			continue
		}
		if pre[i] != text[j] {
			break
		}
		i, j, n = i-1, j-1, n+1
	}
	return n
}

// matchAfter returns how many runes at the start of suf also start
// text[at:], a run of whitespace matching any other.
func matchAfter(suf, text []rune, at int) int {
	i, j, n := 0, at, 0
	for i < len(suf) && j < len(text) {
		if unicode.IsSpace(suf[i]) && unicode.IsSpace(text[j]) {
			for i < len(suf) && unicode.IsSpace(suf[i]) {
				i++
				n++
			}
			for j < len(text) && unicode.IsSpace(text[j]) {
				j++
			}
			continue
		}
		if suf[i] != text[j] {
			break
		}
		i, j, n = i+1, j+1, n+1
	}
	return n
}

// foldWords is how the fuzzy search compares words: case, quote and dash
// styles ignored.
var foldWords = normalizer{quotes: true, fold: true}

// indexWords builds the word index of the new text once.
func (r *reanchorer) indexWords() {
	if r.ids != nil {
		return
	}
	r.ids = map[string]int32{}
	for _, t := range tokenize(r.rb) {
		if t.Kind != WordToken {
			continue
		}
		k := foldWords.token(t)
		id, ok := r.ids[k]
		if !ok {
			id = int32(len(r.ids))
			r.ids[k] = id
			r.postings = append(r.postings, nil)
		}
		r.postings[id] = append(r.postings[id], int32(len(r.words)))
		r.words = append(r.words, t)
		r.wordIDs = append(r.wordIDs, id)
	}
}

// window is a candidate fuzzy placement: words [s, e) of the new text.
type window struct {
	s, e int
	sim  float64
	size int // difference in words from the quote
	dist int // from home, in runes
}

// better ranks windows: more similar, then nearer the quote's length, then
// nearer home.
func (w window) better(o window) bool {
	if w.sim != o.sim {
		return w.sim > o.sim
	}
	if w.size != o.size {
		return w.size < o.size
	}
	return w.dist < o.dist
}

// fuzzy places q at the run of new words most like its words, avoiding the
// exact occurrences byQuote turned down (they are ambiguous, and an
// approximate copy of them is no better).
func (r *reanchorer) fuzzy(q []rune, h home, rejected []runeSpan) Placement {
	var qw []Token
	for _, t := range tokenize(q) {
		if t.Kind == WordToken {
			qw = append(qw, t)
		}
	}
	m := len(qw)
	if m == 0 {
		return orphan
	}
	r.indexWords()
	if len(r.words) == 0 {
		return orphan
	}
	qid := make([]int32, m)
	for i, t := range qw {
		id, ok := r.ids[foldWords.token(t)]
		if !ok {
			id = -1 // in no window
		}
		qid[i] = id
	}

	// Seeds: where the quote's first word would be if it sat at home, or
	// wherever one of its rarest words occurs.
	at := sort.Search(len(r.words), func(i int) bool { return r.words[i].End > h.lo })
	seeds := []int{at}
	type rare struct {
		i  int // index in the quote
		id int32
	}
	var rs []rare
	seen := map[int32]bool{}
	for i, id := range qid {
		if id >= 0 && !seen[id] {
			seen[id] = true
			rs = append(rs, rare{i, id})
		}
	}
	slices.SortStableFunc(rs, func(x, y rare) int { return cmp.Compare(len(r.postings[x.id]), len(r.postings[y.id])) })
	hits := 0
	for _, w := range rs[:min(len(rs), fuzzySeedWords)] {
		ps := r.postings[w.id]
		if hits+len(ps) > fuzzySeedHits {
			break
		}
		hits += len(ps)
		for _, j := range ps {
			seeds = append(seeds, int(j)-w.i)
		}
	}

	// Regions around the seeds, merged; the home region goes first so the
	// work budget is spent there before anywhere else.
	slack := max(3, m/3)
	regions := make([]runeSpan, 0, len(seeds))
	for _, s := range seeds {
		lo, hi := max(0, s-slack), min(len(r.words), s+m+slack)
		if lo < hi {
			regions = append(regions, runeSpan{lo, hi})
		}
	}
	homeStart := max(0, at-slack)
	slices.SortFunc(regions, func(x, y runeSpan) int { return cmp.Compare(x.start, y.start) })
	merged := regions[:0]
	for _, g := range regions {
		if n := len(merged); n > 0 && g.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, g.end)
			continue
		}
		merged = append(merged, g)
	}
	slices.SortStableFunc(merged, func(x, y runeSpan) int {
		xh := x.start <= homeStart && homeStart < x.end
		yh := y.start <= homeStart && homeStart < y.end
		switch {
		case xh && !yh:
			return -1
		case yh && !xh:
			return 1
		}
		return 0
	})

	best := window{sim: -1}
	budget := fuzzyCells
	for _, g := range merged {
		cells := m * (g.end - g.start)
		if cells > budget {
			continue
		}
		budget -= cells
		w := r.align(qid, g, h, rejected)
		if w.better(best) {
			best = w
		}
	}
	if best.sim < minFuzzy {
		return orphan
	}
	start, end := r.words[best.s].Start, r.words[best.e-1].End
	// Take in the punctuation that opens or closes the quote, as in «…».
	if lead := q[:qw[0].Start]; start >= len(lead) && slices.Equal(r.rb[start-len(lead):start], lead) {
		start -= len(lead)
	}
	if trail := q[qw[m-1].End:]; end+len(trail) <= len(r.rb) && slices.Equal(r.rb[end:end+len(trail)], trail) {
		end += len(trail)
	}
	return Placement{Start: start, End: end, Status: AnchorFuzzy, Score: best.sim}
}

// align finds the words of region g most like the quote words qid: the
// least word edit distance with the ends of the region free (semi-global
// alignment), similarity 1 - distance / longer length.
func (r *reanchorer) align(qid []int32, g runeSpan, h home, rejected []runeSpan) window {
	m, n := len(qid), g.end-g.start
	text := r.wordIDs[g.start:g.end]
	prev, cur := make([]int, n+1), make([]int, n+1)
	prevS, curS := make([]int, n+1), make([]int, n+1)
	for j := range prevS {
		prevS[j] = j
	}
	for i := 1; i <= m; i++ {
		cur[0], curS[0] = i, 0
		for j := 1; j <= n; j++ {
			d, s := prev[j-1], prevS[j-1]
			if qid[i-1] != text[j-1] {
				d++
			}
			if v := prev[j] + 1; v < d {
				d, s = v, prevS[j]
			}
			if v := cur[j-1] + 1; v < d {
				d, s = v, curS[j-1]
			}
			cur[j], curS[j] = d, s
		}
		prev, cur = cur, prev
		prevS, curS = curS, prevS
	}
	best := window{sim: -1}
	for j := 1; j <= n; j++ {
		s, e := g.start+prevS[j], g.start+j
		if e <= s {
			continue
		}
		start, end := r.words[s].Start, r.words[e-1].End
		if overlaps(rejected, start, end) {
			continue
		}
		w := window{s: s, e: e, sim: 1 - float64(prev[j])/float64(max(m, e-s)), size: absInt(e - s - m), dist: h.dist(start)}
		if w.better(best) {
			best = w
		}
	}
	return best
}

// overlaps reports whether [start, end) overlaps one of the sorted spans ss.
func overlaps(ss []runeSpan, start, end int) bool {
	i := sort.Search(len(ss), func(i int) bool { return ss[i].end > start })
	return i < len(ss) && ss[i].start < end
}
