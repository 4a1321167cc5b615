package diff

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// OpKind is the kind of one diff operation.
type OpKind uint8

const (
	// Equal text is in both versions.
	Equal OpKind = iota
	// Insert text is only in the second version.
	Insert
	// Delete text is only in the first version.
	Delete
)

func (k OpKind) String() string {
	switch k {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "unknown"
}

// Op is one operation of a word diff. [AStart, AEnd) and [BStart, BEnd) are
// rune offsets into the two texts; an insertion has AStart == AEnd (where it
// goes in a), a deletion BStart == BEnd. Text is the text of b for Equal and
// Insert and the text of a for Delete, so the Equal and Insert texts in order
// spell b, and the Equal ranges of a with the Delete texts spell a.
type Op struct {
	Kind         OpKind
	Text         string
	AStart, AEnd int
	BStart, BEnd int
}

// WordDiff compares a and b word by word (whitespace and punctuation are
// tokens too, so nothing is lost) and merges trivial equalities between
// changes the way diff-match-patch's semantic cleanup does, counting words
// instead of characters. Offsets are rune offsets.
func WordDiff(a, b string) []Op {
	return wordDiff([]rune(a), []rune(b), 0, 0, normalizer{})
}

// diffTimeout bounds the Myers search; past it go-diff returns a valid but
// less minimal diff, so a pathological pair can never hang the caller.
const diffTimeout = time.Second

// maxTokenIDs is the number of valid non-surrogate runes go-diff can carry.
const maxTokenIDs = 0x110000 - 0x800

func idRune(id int) rune {
	if id >= 0xD800 {
		id += 0x800 // skip the surrogate range: string(rune) must round-trip
	}
	return rune(id)
}

// wordDiff diffs ra and rb by tokens compared under nz. offA and offB shift
// the offsets of the returned ops (for sentences inside a longer text).
func wordDiff(ra, rb []rune, offA, offB int, nz normalizer) []Op {
	ta, tb := tokenize(ra), tokenize(rb)
	ids := make(map[string]rune, (len(ta)+len(tb))/4+8)
	encode := func(ts []Token) ([]rune, bool) {
		out := make([]rune, len(ts))
		for i, t := range ts {
			k := nz.token(t)
			id, ok := ids[k]
			if !ok {
				if len(ids) >= maxTokenIDs {
					return nil, false
				}
				id = idRune(len(ids))
				ids[k] = id
			}
			out[i] = id
		}
		return out, true
	}
	ea, okA := encode(ta)
	eb, okB := encode(tb)

	var chunks []chunk
	switch {
	case !okA || !okB:
		// More distinct tokens than runes: keep the common prefix and
		// suffix and replace the middle.
		chunks = crudeChunks(ta, tb, nz)
	case len(ta)+len(tb) > twoLevelTokens:
		chunks = twoLevelChunks(ta, tb, ea, eb)
	default:
		chunks = runeChunks(nil, ea, eb, 0, 0)
	}
	chunks = cleanupChunks(chunks, tokenWeights(ta), tokenWeights(tb))
	return chunksToOps(chunks, ra, rb, ta, tb, offA, offB)
}

// twoLevelTokens is the size above which wordDiff first aligns sentences
// (as go-diff's line mode aligns lines) and diffs words only inside the
// sentences that changed: Myers' O(ND) over all tokens of two long versions
// with scattered edits is several times slower.
const twoLevelTokens = 4000

func newDMP() *diffmatchpatch.DiffMatchPatch {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = diffTimeout
	return dmp
}

// runeChunks diffs two encoded token sequences starting at token offsets
// oa and ob, appending the chunks to cs.
func runeChunks(cs []chunk, ea, eb []rune, oa, ob int) []chunk {
	ia, ib := oa, ob
	for _, d := range newDMP().DiffMainRunes(ea, eb, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			cs = appendChunk(cs, chunk{eq: true, a0: ia, a1: ia + n, b0: ib, b1: ib + n})
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			cs = appendChunk(cs, chunk{a0: ia, a1: ia + n, b0: ib, b1: ib})
			ia += n
		case diffmatchpatch.DiffInsert:
			cs = appendChunk(cs, chunk{a0: ia, a1: ia, b0: ib, b1: ib + n})
			ib += n
		}
	}
	return cs
}

// units cuts a token sequence into sentence-like units: a unit ends with
// whitespace that follows a full stop (or closing quote) or holds a line
// break. It returns the token index where each unit starts, plus len(ts).
func units(ts []Token) []int {
	bounds := []int{0}
	for k := 1; k < len(ts); k++ {
		t := ts[k]
		if t.Kind != SpaceToken {
			continue
		}
		prev, _ := utf8.DecodeRuneInString(ts[k-1].Text)
		if strings.ContainsRune(t.Text, '\n') || (ts[k-1].Kind == PunctToken && (isTerminator(prev) || isCloser(prev))) {
			bounds = append(bounds, k+1)
		}
	}
	if bounds[len(bounds)-1] != len(ts) {
		bounds = append(bounds, len(ts))
	}
	return bounds
}

// twoLevelChunks aligns sentence-like units first, then diffs tokens inside
// each run of changed units.
func twoLevelChunks(ta, tb []Token, ea, eb []rune) []chunk {
	ua, ub := units(ta), units(tb)
	ids := map[string]rune{}
	enc := func(e []rune, bounds []int) []rune {
		out := make([]rune, len(bounds)-1)
		for u := range out {
			k := string(e[bounds[u]:bounds[u+1]])
			id, ok := ids[k]
			if !ok {
				id = idRune(len(ids))
				ids[k] = id
			}
			out[u] = id
		}
		return out
	}
	xa, xb := enc(ea, ua), enc(eb, ub)
	var cs []chunk
	pa, pb := 0, 0 // pending replacement: units [pa, ia) of a, [pb, ib) of b
	ia, ib := 0, 0
	flush := func() {
		a0, a1, b0, b1 := ua[pa], ua[ia], ub[pb], ub[ib]
		switch {
		case a0 == a1 && b0 == b1:
		case a0 == a1 || b0 == b1:
			cs = appendChunk(cs, chunk{a0: a0, a1: a1, b0: b0, b1: b1})
		default:
			cs = runeChunks(cs, ea[a0:a1], eb[b0:b1], a0, b0)
		}
	}
	for _, d := range newDMP().DiffMainRunes(xa, xb, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			cs = appendChunk(cs, chunk{eq: true, a0: ua[ia], a1: ua[ia+n], b0: ub[ib], b1: ub[ib+n]})
			ia += n
			ib += n
			pa, pb = ia, ib
		case diffmatchpatch.DiffDelete:
			ia += n
		case diffmatchpatch.DiffInsert:
			ib += n
		}
	}
	flush()
	return cs
}

// chunk is a run of equal tokens or one change (deleted a tokens replaced
// by inserted b tokens), as token index ranges.
type chunk struct {
	eq             bool
	a0, a1, b0, b1 int
}

func appendChunk(cs []chunk, c chunk) []chunk {
	if c.a0 == c.a1 && c.b0 == c.b1 {
		return cs
	}
	if n := len(cs); n > 0 && cs[n-1].eq == c.eq {
		cs[n-1].a1, cs[n-1].b1 = c.a1, c.b1
		return cs
	}
	return append(cs, c)
}

func crudeChunks(ta, tb []Token, nz normalizer) []chunk {
	p := 0
	for p < len(ta) && p < len(tb) && nz.token(ta[p]) == nz.token(tb[p]) {
		p++
	}
	s := 0
	for s < len(ta)-p && s < len(tb)-p && nz.token(ta[len(ta)-1-s]) == nz.token(tb[len(tb)-1-s]) {
		s++
	}
	var cs []chunk
	cs = appendChunk(cs, chunk{eq: true, a0: 0, a1: p, b0: 0, b1: p})
	cs = appendChunk(cs, chunk{a0: p, a1: len(ta) - s, b0: p, b1: len(tb) - s})
	cs = appendChunk(cs, chunk{eq: true, a0: len(ta) - s, a1: len(ta), b0: len(tb) - s, b1: len(tb)})
	return cs
}

// tokenWeights returns prefix sums of token weights: a word or punctuation
// mark weighs 1, whitespace 0.
func tokenWeights(ts []Token) []int {
	w := make([]int, len(ts)+1)
	for i, t := range ts {
		w[i+1] = w[i]
		if t.Kind != SpaceToken {
			w[i+1]++
		}
	}
	return w
}

// cleanupChunks merges an equality into the changes around it when it
// weighs nothing (whitespace only) or less than the change on each side:
// "the [5] people [died]" reads better as one replacement once most of the
// neighbourhood changed. Merging can cascade leftwards, as in go-diff.
func cleanupChunks(cs []chunk, wa, wb []int) []chunk {
	weight := func(c chunk) int { return max(wa[c.a1]-wa[c.a0], wb[c.b1]-wb[c.b0]) }
	st := make([]chunk, 0, len(cs))
	for _, c := range cs {
		st = append(st, c)
		for len(st) >= 3 {
			n := len(st)
			c1, e, c2 := st[n-3], st[n-2], st[n-1]
			if c1.eq || !e.eq || c2.eq {
				break
			}
			ew := weight(e)
			if ew != 0 && (ew >= weight(c1) || ew >= weight(c2)) {
				break
			}
			st = append(st[:n-3], chunk{a0: c1.a0, a1: c2.a1, b0: c1.b0, b1: c2.b1})
		}
	}
	return st
}

func chunksToOps(cs []chunk, ra, rb []rune, ta, tb []Token, offA, offB int) []Op {
	posA := func(i int) int {
		if i < len(ta) {
			return ta[i].Start
		}
		return len(ra)
	}
	posB := func(i int) int {
		if i < len(tb) {
			return tb[i].Start
		}
		return len(rb)
	}
	ops := make([]Op, 0, len(cs)+len(cs)/2)
	for _, c := range cs {
		a0, a1, b0, b1 := posA(c.a0), posA(c.a1), posB(c.b0), posB(c.b1)
		if c.eq {
			ops = append(ops, Op{Kind: Equal, Text: string(rb[b0:b1]), AStart: a0 + offA, AEnd: a1 + offA, BStart: b0 + offB, BEnd: b1 + offB})
			continue
		}
		if a0 < a1 {
			ops = append(ops, Op{Kind: Delete, Text: string(ra[a0:a1]), AStart: a0 + offA, AEnd: a1 + offA, BStart: b0 + offB, BEnd: b0 + offB})
		}
		if b0 < b1 {
			ops = append(ops, Op{Kind: Insert, Text: string(rb[b0:b1]), AStart: a1 + offA, AEnd: a1 + offA, BStart: b0 + offB, BEnd: b1 + offB})
		}
	}
	return ops
}
