package diff

import (
	"bytes"
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Text reuse between articles, as outlets really reuse wire copy.
//
// Two articles are compared by the passages they share: word 3-grams that
// occur in both are seeds, and seeds that follow each other in both texts
// (allowing a few words cut, added or changed between them, as an editor's
// re-edit does) are chained into passages. What counts is how much of each
// article's own text the passages cover, wherever in the article they sit
// and whatever was added around them. Page chrome (cookie notices, appeals
// for money, menus, captions, "read more" lists, bylines) is set aside by
// rules before comparing; it stays in the stored text.
//
// Words are compared after folding case, quotation marks, British and
// American spellings ("colour", "organise", "centre", "travelled"), "per
// cent" and "%", number words and thousands commas ("4,300" is 4300), so a
// national agency's house style does not break a passage.
//
// Three relations follow (Relation): versions of one story, related
// (sharing passages, or the same content words in the same order as a
// reworded copy has), and unrelated.

// Relation is how two articles relate.
type Relation uint8

const (
	// Unrelated articles share no passage worth showing.
	Unrelated Relation = iota
	// Related articles share passages (quotes, background paragraphs), or
	// one is a reworded copy of the other (see Reuse.Reworded), but are not
	// versions of one story.
	Related
	// Versions are copies of one story: the passages they share cover most
	// of one article's own text, or both articles' ledes.
	Versions
)

func (r Relation) String() string {
	switch r {
	case Versions:
		return "versions"
	case Related:
		return "related"
	}
	return "unrelated"
}

// Thresholds of the reuse comparison, chosen on the dev split of the
// wire-copy corpus (testdata/wire; see BENCHMARKS.md).
const (
	seedWords         = 3    // words per seed
	passageGap        = 12   // words that may lie between two seeds of one passage
	passageDrift      = 8    // words one side may gain on the other within a passage
	minPassageWords   = 10   // matched words for a passage to count
	versionCover      = 0.75 // share of one article's own words in shared passages
	versionMinWords   = 20   // and at least this many shared words
	ledeWords         = 40   // the lede: an article's first own words
	ledeCover         = 0.5  // share of both ledes in passages: versions
	ledeMinCover      = 0.25 // ...when the passages also cover this much of both
	bodyCover         = 0.8  // share of one article's words after its lede: versions (a write-through)
	rewriteCover      = 0.45 // passages covering this much of one article...
	rewriteLede       = 0.5  // ...and this share of a lede's content words in the other's: versions (a heavy re-edit)
	relatedMinWords   = 12   // shared words that make articles related
	rewordedMinShare  = 0.5  // content words in the same order: reworded copy
	rewordedMinTokens = 20   // content words the shorter article needs for that
	rewordedMinKeys   = 2    // and the salient-pair keys (names, numbers) both share
	maxContent        = 300  // content words compared, from the start
	keySample         = 8    // one 5-word shingle in keySample is an index key
	salientSample     = 2    // one pair of salient words in salientSample is a key
	// MaxPostings is how many earlier articles one index key proposes: the
	// first ones stored. A key that many articles share (an outlet's footer
	// the rules missed) costs at most this many comparisons, and the
	// articles stored first hold every story's early versions.
	MaxPostings = 64
	// MinSharedKeys is how many index keys an earlier article must share
	// with a new one to be compared with it: one shared key is most often
	// a common phrase.
	MinSharedKeys = 3
)

// Prepared is an article made ready for comparing: its own words (page
// chrome set aside), normalised and hashed, with their rune offsets.
type Prepared struct {
	words      []uint32 // hashes of the own words, in order
	start, end []int32  // their rune offsets in the text; nil once compacted
	content    []uint32 // hashes of content words, in order
	bag        []uint32 // the same, sorted
	keys       []uint32
	chrome     []Block // rune ranges set aside
}

type rword struct {
	h          uint64
	start, end int32 // rune offsets in the text
	salient    bool  // a name or a number
}

// OwnWords is the number of words compared (page chrome set aside).
func (p *Prepared) OwnWords() int { return len(p.words) }

// compact drops what only passages' offsets need, for holding many
// prepared texts at once.
func (p *Prepared) compact() {
	p.start, p.end, p.chrome = nil, nil, nil
}

// Chrome returns the rune ranges of the text set aside as page chrome.
func (p *Prepared) Chrome() []Block { return p.chrome }

// Keys returns the index keys of the article: sorted, distinct. Articles
// that share a passage of about 60 words or more share MinSharedKeys keys
// with high probability; so do reworded copies that keep names and
// numbers in order.
func (p *Prepared) Keys() []uint32 { return p.keys }

// Prepare reads a text for comparing.
func Prepare(text string) *Prepared {
	p := &Prepared{}
	type line struct {
		text       string
		start, end int // rune offsets
		words      []rword
	}
	var lines []line
	var all []rword
	runeAt := 0
	var buf []byte
	var rbuf []rune
	for l := range strings.SplitSeq(text, "\n") {
		n := utf8.RuneCountInString(l)
		k := len(all)
		all = scanWords(l, runeAt, all, &buf, &rbuf)
		lines = append(lines, line{text: l, start: runeAt, end: runeAt + n, words: all[k:len(all):len(all)]})
		runeAt += n + 1
	}
	var own []rword
	for i, l := range lines {
		chrome := keywordChrome(l.text, l.words)
		if !chrome && shortLine(l.text, len(l.words)) {
			// a hard-wrapped paragraph's lines are short too: a line that
			// runs on into the next, or continues the one before, is prose
			wrapped := (i+1 < len(lines) && startsLower(lines[i+1].text)) ||
				(i > 0 && startsLower(l.text) && !endsSentence(lines[i-1].text))
			chrome = !wrapped
		}
		if chrome {
			if strings.TrimSpace(l.text) != "" {
				p.chrome = append(p.chrome, Block{Start: l.start, End: l.end, Text: l.text})
			}
			continue
		}
		own = append(own, l.words...)
	}
	p.words = make([]uint32, len(own))
	p.start = make([]int32, len(own))
	p.end = make([]int32, len(own))
	for i, w := range own {
		p.words[i] = uint32(mix64(w.h) >> 32)
		p.start[i], p.end[i] = w.start, w.end
		if !stopWords[w.h] && (w.salient || w.end-w.start >= 4) && len(p.content) < maxContent {
			p.content = append(p.content, p.words[i])
		}
	}
	p.bag = slices.Clone(p.content)
	slices.Sort(p.bag)
	p.keys = makeKeys(own)
	return p
}

// scanWords appends the words of line (rune offset base) to out.
func scanWords(line string, base int, out []rword, buf *[]byte, rbuf *[]rune) []rword {
	rs := (*rbuf)[:0]
	for _, r := range line {
		rs = append(rs, r)
	}
	*rbuf = rs
	for i := 0; i < len(rs); {
		if !fastWordRune(rs[i]) {
			if rs[i] == '%' {
				out = append(out, rword{h: percentHash, start: int32(base + i), end: int32(base + i + 1)})
			}
			i++
			continue
		}
		start := i
		b := (*buf)[:0]
		upper := unicode.IsUpper(rs[i])
		digit := unicode.IsDigit(rs[i])
		for i < len(rs) {
			c := rs[i]
			if c < utf8.RuneSelf && asciiWord[c] {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b = append(b, byte(c))
				i++
				continue
			}
			if fastWordRune(c) {
				b = utf8.AppendRune(b, unicode.ToLower(c))
				i++
				continue
			}
			if i+1 < len(rs) && fastWordRune(rs[i+1]) && fastWordRune(rs[i-1]) {
				if isApostrophe(c) || isHyphen(c) {
					b = append(b, byte(foldQuote(c)))
					i++
					continue
				}
				if (c == '.' || c == ',') && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
					if c == '.' {
						b = append(b, '.')
					}
					i++ // a thousands comma is dropped: 4,300 is 4300
					continue
				}
			}
			break
		}
		*buf = b
		h := wordHash(foldSpelling(b))
		out = append(out, rword{h: h, start: int32(base + start), end: int32(base + i), salient: upper || digit})
	}
	return out
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func fastWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRune(r)
}

var percentHash = wordHash([]byte("percent"))

func wordHash(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// spellings maps whole words that no suffix rule reaches.
var spellings = map[string]string{
	"programme": "program", "programmes": "programs", "grey": "gray", "tyre": "tire", "tyres": "tires",
	"aluminium": "aluminum", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
	"pyjamas": "pajamas", "mould": "mold", "plough": "plow", "cheque": "check", "kerb": "curb",
}

// foldSpelling maps British spellings to American ones (both sides of a
// comparison are folded, so a rule that also hits an unrelated word only
// makes both texts say the same thing).
func foldSpelling(b []byte) []byte {
	if len(b) >= 3 && len(b) <= 10 {
		if s, ok := spellings[string(b)]; ok {
			return []byte(s)
		}
	}
	if len(b) < 5 {
		return b
	}
	last, prev := b[len(b)-1], b[len(b)-2]
	for _, r := range suffixRules {
		n := len(r.from)
		if len(b) >= r.minLen && r.from[n-1] == last && r.from[n-2] == prev && bytes.HasSuffix(b, r.from) {
			return append(b[:len(b)-len(r.from)], r.to...)
		}
	}
	return b
}

// suffixRules are the British endings foldSpelling rewrites, longest
// first; a rule applies to words of at least minLen bytes.
var suffixRules = []struct {
	from, to []byte
	minLen   int
}{
	{[]byte("isations"), []byte("izations"), 10}, {[]byte("isation"), []byte("ization"), 9},
	{[]byte("elling"), []byte("eling"), 8}, {[]byte("ising"), []byte("izing"), 8}, {[]byte("oured"), []byte("ored"), 8},
	{[]byte("elled"), []byte("eled"), 7}, {[]byte("fence"), []byte("fense"), 6}, {[]byte("cence"), []byte("cense"), 6},
	{[]byte("ised"), []byte("ized"), 7}, {[]byte("ises"), []byte("izes"), 7}, {[]byte("ysed"), []byte("yzed"), 7},
	{[]byte("ours"), []byte("ors"), 7}, {[]byte("tres"), []byte("ters"), 6},
	{[]byte("ise"), []byte("ize"), 6}, {[]byte("yse"), []byte("yze"), 6}, {[]byte("our"), []byte("or"), 6},
	{[]byte("tre"), []byte("ter"), 5},
}

// Page chrome is told from the story line by line: lines that say what
// chrome says (keywordChrome: cookies, subscriptions, donations, sharing,
// captions, "read more"), and short lines without a sentence's final
// punctuation (shortLine: menus, link lists, headlines of other stories,
// bylines) unless they are the lines of a hard-wrapped paragraph.
//
// keywordChrome reports a line of up to 60 words that says what chrome
// says.
func keywordChrome(line string, ws []rword) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return true
	}
	if len(ws) > 60 {
		return false
	}
	for i, w := range ws {
		if chromeWord[w.h] || (i > 0 && chromePair[[2]uint64{ws[i-1].h, w.h}]) {
			return true
		}
	}
	if strings.ContainsAny(t, ":(©") {
		low := strings.ToLower(t)
		for _, k := range chromeMarks {
			if strings.Contains(low, k) {
				return true
			}
		}
	}
	return false
}

// shortLine: under 12 words without a sentence's final punctuation, or at
// most 3 words.
func shortLine(line string, words int) bool {
	return words <= 3 || (words < 12 && !endsSentence(line))
}

func endsSentence(line string) bool {
	t := strings.TrimSpace(line)
	last, _ := utf8.DecodeLastRuneInString(t)
	return t != "" && strings.ContainsRune(".!?\"”’'»…)", last)
}

func startsLower(line string) bool {
	for _, r := range line {
		if unicode.IsSpace(r) {
			continue
		}
		return unicode.IsLower(r)
	}
	return false
}

// What page chrome says: single words, pairs of words, and marks with
// their punctuation.
var (
	chromeWord = hashSet(`cookie cookies subscribe subscribed subscription subscriptions subscriber subscribers
		newsletter newsletters donate donation donations advertisement`)
	chromePair = func() map[[2]uint64]bool {
		m := map[[2]uint64]bool{}
		for p := range strings.SplitSeq(`support independent|support our|support local|please support|readers like|`+
			`sign up|rights reserved|share on|share this|read more|see also|related stories|most read|`+
			`the conversation|image credit|skip to|follow us|click here|any size`, "|") {
			w := strings.Fields(p)
			m[[2]uint64{hashWord(w[0]), hashWord(w[1])}] = true
		}
		return m
	}()
	chromeMarks = []string{"comments (", "photo:", "picture:", "credit:", "(photo", "/ archive)", "©"}
)

func hashWord(w string) uint64 { return wordHash(foldSpelling([]byte(w))) }

func hashSet(words string) map[uint64]bool {
	m := map[uint64]bool{}
	for w := range strings.FieldsSeq(words) {
		m[hashWord(w)] = true
	}
	return m
}

// stopWords are the words left out of the content words that find
// reworded copies: the grammar a spinner swaps freely.
var stopWords = func() map[uint64]bool {
	m := map[uint64]bool{}
	for w := range strings.FieldsSeq(`a an the and or but nor so yet of in on at by for from to with within upon into onto
		as than that which who whom whose this these those it its is are was were be been being had has have having do does did
		will would shall should may might can could must not no also additionally however nevertheless there their his her
		he she they them we our you your i me my us after before during over under about around approximately
		said says say told stated states informed according added own very each every all some certain other various
		more most many numerous several number while when where if then since because considering just only still even
		up down out off again further once here what why how both any such per`) {
		m[wordHash(foldSpelling([]byte(w)))] = true
	}
	return m
}()

// makeKeys samples the index keys of an article's words.
func makeKeys(ws []rword) []uint32 {
	var keys []uint32
	for i := 0; i+ShingleSize <= len(ws); i++ {
		h := uint64(fnvOffset)
		for _, w := range ws[i : i+ShingleSize] {
			h = (h ^ w.h) * fnvPrime
		}
		h = mix64(h)
		if h%keySample == 0 {
			keys = append(keys, uint32(h>>32)&^1) // even: a shingle key
		}
	}
	var prev uint64
	have := false
	for _, w := range ws {
		if !w.salient || stopWords[w.h] {
			continue
		}
		if have {
			h := mix64(prev*fnvPrime ^ w.h ^ 0x5a5a)
			if h%salientSample == 0 {
				keys = append(keys, uint32(h>>32)|1) // odd: a salient-pair key
			}
		}
		prev, have = w.h, true
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// Passage is a stretch of text two articles share: rune offsets
// [AStart, AEnd) in the first, [BStart, BEnd) in the second, and the
// number of words matched in it (words reworded inside a passage lie
// within its range but are not counted).
type Passage struct {
	AStart, AEnd int
	BStart, BEnd int
	Words        int
}

// Reuse is what two articles share.
type Reuse struct {
	Relation Relation
	Passages []Passage // in the first article's order
	Words    int       // matched words in all passages
	// CoverA and CoverB are the shares of each article's own words that
	// lie within shared passages.
	CoverA, CoverB float64
	// Reworded is the share of the shorter article's content words found in
	// the same order in the other (a reworded copy keeps its names, numbers
	// and most nouns in order while the words between them change). It is
	// computed only when the passages do not already relate the articles.
	Reworded float64
}

// CompareReuse finds the passages two prepared articles share and decides
// their relation. Call it with the older article first: import and
// regrouping then compare every pair the same way round.
func CompareReuse(a, b *Prepared) Reuse {
	return compareWith(a, b, newGramTable(b.words))
}

func compareWith(a, b *Prepared, tb *gramTable) Reuse {
	var r Reuse
	ps, spansA, spansB := passagesWith(a, b, tb)
	r.Passages = ps
	coveredA, coveredB := 0, 0
	for _, s := range mergeSpans(spansA) {
		coveredA += s.end - s.start
	}
	for _, s := range mergeSpans(spansB) {
		coveredB += s.end - s.start
	}
	for _, p := range ps {
		r.Words += p.Words
	}
	if len(a.words) > 0 {
		r.CoverA = float64(coveredA) / float64(len(a.words))
	}
	if len(b.words) > 0 {
		r.CoverB = float64(coveredB) / float64(len(b.words))
	}
	switch {
	case r.Words >= versionMinWords && max(r.CoverA, r.CoverB) >= versionCover:
		r.Relation = Versions
	case r.Words >= versionMinWords && min(r.CoverA, r.CoverB) >= ledeMinCover &&
		ledeShare(spansA, len(a.words)) >= ledeCover && ledeShare(spansB, len(b.words)) >= ledeCover:
		r.Relation = Versions
	case r.Words >= versionMinWords && max(bodyShare(spansA, len(a.words)), bodyShare(spansB, len(b.words))) >= bodyCover:
		r.Relation = Versions
	case r.Words >= versionMinWords && max(r.CoverA, r.CoverB) >= rewriteCover && ledeWordsShared(a, b) >= rewriteLede:
		// a heavy re-edit: most sentences reworded, so the passages are
		// short, but the lede tells the same story in the same words
		r.Relation = Versions
	case r.Words >= relatedMinWords:
		r.Relation = Related
	default:
		// the content words in the same order can be no more than those in
		// common, which costs far less to count
		n := min(len(a.content), len(b.content))
		if n >= rewordedMinTokens && sharedSalientKeys(a.keys, b.keys) >= rewordedMinKeys &&
			float64(intersectSorted(a.bag, b.bag)) >= rewordedMinShare*float64(n) {
			r.Reworded = float64(lcsLen(a.content, b.content)) / float64(min(len(a.content), len(b.content)))
			if r.Reworded >= rewordedMinShare {
				r.Relation = Related
			}
		}
	}
	return r
}

// ledeWordsShared is the share of one article's lede content words (its
// first ledeWords own words, at most a third of it; grammar words left
// out) found among the other's first 1.5 × ledeWords words (at most half
// of it); the larger of the two ways.
func ledeWordsShared(a, b *Prepared) float64 {
	one := func(x, y *Prepared) float64 {
		lx, ly := min(ledeWords, len(x.words)/3), min(ledeWords*3/2, len(y.words)/2)
		n, hit := 0, 0
		for _, w := range x.words[:lx] {
			if stopWords32[w] {
				continue
			}
			n++
			if slices.Contains(y.words[:ly], w) {
				hit++
			}
		}
		if n == 0 {
			return 0
		}
		return float64(hit) / float64(n)
	}
	return max(one(a, b), one(b, a))
}

// stopWords32 are stopWords as the word hashes of Prepared.
var stopWords32 = func() map[uint32]bool {
	m := make(map[uint32]bool, len(stopWords))
	for h := range stopWords {
		m[uint32(mix64(h)>>32)] = true
	}
	return m
}()

// ledeShare is the share of an article's first ledeWords own words that
// lie in the spans.
func ledeShare(spans []span, n int) float64 {
	l := min(ledeWords, n/3)
	if l == 0 {
		return 0
	}
	in := 0
	for _, s := range mergeSpans(spans) {
		if s.start >= l {
			break
		}
		in += min(s.end, l) - s.start
	}
	return float64(in) / float64(l)
}

// bodyShare is the share of an article's own words after its lede that lie
// in the spans: a write-through puts a new lede over the old body.
func bodyShare(spans []span, n int) float64 {
	if n < 3*ledeWords {
		return 0
	}
	in := 0
	for _, s := range mergeSpans(spans) {
		if s.end <= ledeWords {
			continue
		}
		in += s.end - max(s.start, ledeWords)
	}
	return float64(in) / float64(n-ledeWords)
}

func mergeSpans(ss []span) []span {
	if len(ss) == 0 {
		return nil
	}
	ss = slices.Clone(ss)
	slices.SortFunc(ss, func(x, y span) int { return cmp.Compare(x.start, y.start) })
	out := ss[:1]
	for _, s := range ss[1:] {
		last := &out[len(out)-1]
		if s.start <= last.end {
			last.end = max(last.end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// passages seeds on shared word 3-grams and chains seeds into passages.
// It returns the passages with their word spans in a and in b.
// gramTable finds where each seed of one text occurs: an open-addressed
// table of chains, built once per text and without a map.
type gramTable struct {
	mask  uint32
	slot  []int32  // gram slot -> first position + 1, 0 when empty
	next  []int32  // position -> next position in the same slot, -1 at the end
	grams []uint32 // position -> its gram
}

func newGramTable(ws []uint32) *gramTable {
	n := max(len(ws)-seedWords+1, 0)
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t := &gramTable{mask: uint32(size - 1), slot: make([]int32, size), next: make([]int32, n), grams: make([]uint32, n)}
	for j := n - 1; j >= 0; j-- { // from the end, so chains run in text order
		g := gram3(ws, j)
		t.grams[j] = g
		h := g & t.mask
		t.next[j] = t.slot[h] - 1
		t.slot[h] = int32(j) + 1
	}
	return t
}

// find appends to out the first 4 positions of gram g (a 3-gram repeated
// more often anchors nothing).
func (t *gramTable) find(g uint32, out []int32) []int32 {
	for j := t.slot[g&t.mask] - 1; j >= 0 && len(out) < 4; j = t.next[j] {
		if t.grams[j] == g {
			out = append(out, j)
		}
	}
	return out
}

// passagesWith finds the passages a and b share, with b's gram table made
// beforehand.
func passagesWith(pa, pb *Prepared, tb *gramTable) ([]Passage, []span, []span) {
	a, b := pa.words, pb.words
	if len(a) < seedWords || len(b) < seedWords {
		return nil, nil, nil
	}
	var jsBuf [4]int32
	type chain struct {
		startI, startJ, lastI, lastJ int
		matched, coveredTo           int // words of a matched; a-position matched up to
	}
	var open, done []chain
	for i := 0; i+seedWords <= len(a); i++ {
		js := tb.find(gram3(a, i), jsBuf[:0])
		if len(js) == 0 {
			continue
		}
		// close chains that can no longer grow
		k := 0
		for _, c := range open {
			if i-c.lastI > passageGap {
				done = append(done, c)
			} else {
				open[k] = c
				k++
			}
		}
		open = open[:k]
		for _, j32 := range js {
			j := int(j32)
			best, bestDrift := -1, passageDrift+1
			for x, c := range open {
				if j <= c.lastJ || j-c.lastJ > passageGap || i <= c.lastI {
					continue
				}
				d := absInt((j - c.lastJ) - (i - c.lastI))
				if d < bestDrift {
					best, bestDrift = x, d
				}
			}
			if best < 0 {
				open = append(open, chain{startI: i, startJ: j, lastI: i, lastJ: j, matched: seedWords, coveredTo: i + seedWords})
				continue
			}
			c := &open[best]
			c.matched += min(seedWords, i+seedWords-max(c.coveredTo, i))
			c.coveredTo = i + seedWords
			c.lastI, c.lastJ = i, j
		}
	}
	done = append(done, open...)
	slices.SortFunc(done, func(x, y chain) int { return cmp.Compare(x.startI, y.startI) })
	var ps []Passage
	var sa, sb []span
	for _, c := range done {
		if c.matched < minPassageWords {
			continue
		}
		ei, ej := c.lastI+seedWords, c.lastJ+seedWords
		sa = append(sa, span{c.startI, ei})
		sb = append(sb, span{c.startJ, ej})
		p := Passage{Words: c.matched}
		if pa.start != nil && pb.start != nil {
			p.AStart, p.AEnd = int(pa.start[c.startI]), int(pa.end[ei-1])
			p.BStart, p.BEnd = int(pb.start[c.startJ]), int(pb.end[ej-1])
		}
		ps = append(ps, p)
	}
	return ps, sa, sb
}

// gram3 is the hash of the seed starting at word i.
func gram3(ws []uint32, i int) uint32 {
	h := uint64(fnvOffset)
	for _, w := range ws[i : i+seedWords] {
		h = (h ^ uint64(w)) * fnvPrime
	}
	return uint32(mix64(h) >> 32)
}

// sharedSalientKeys counts the salient-pair keys (odd) two sorted key
// lists share.
func sharedSalientKeys(x, y []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			if x[i]&1 == 1 {
				n++
			}
			i++
			j++
		}
	}
	return n
}

// lcsLen is the length of the longest common subsequence of x and y.
func lcsLen(x, y []uint32) int {
	if len(x) < len(y) {
		x, y = y, x
	}
	prev := make([]int32, len(y)+1)
	cur := make([]int32, len(y)+1)
	for _, xv := range x {
		for j, yv := range y {
			switch {
			case xv == yv:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(y)])
}

// ReusePair is a pair of documents of GroupReuse that share something:
// indexes into its docs, older (smaller index) first.
type ReusePair struct {
	A, B  int
	Reuse Reuse
}

// GroupReuse finds the families of versions among docs (the connected
// components of the Versions relation, as sorted indexes into docs, two or
// more members each, ordered by first member) and every related pair. Each
// document is compared with the earlier documents that share an index key
// with it (at most MaxPostings per key, the earliest), exactly as an import
// in docs' order compares each new article with the stored ones (those
// sharing at least MinSharedKeys keys), so the families are those imports
// make. Documents are prepared on all CPUs.
func GroupReuse(docs []Doc) (families [][]int, related []ReusePair) {
	prep := make([]*Prepared, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				prep[i] = Prepare(docs[i].Text)
				prep[i].compact()
			}
		})
	}
	wg.Wait()
	families, related = GroupPrepared(prep)
	// the related pairs' passages again, with their offsets: each document
	// involved prepared once more, in full
	var again []int
	for _, r := range related {
		for _, d := range []int{r.A, r.B} {
			if prep[d].start == nil {
				prep[d].start = []int32{} // marks it as chosen
				again = append(again, d)
			}
		}
	}
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(again); k += workers {
				prep[again[k]] = Prepare(docs[again[k]].Text)
			}
		})
	}
	wg.Wait()
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(related); k += workers {
				r := &related[k]
				r.Reuse = CompareReuse(prep[r.A], prep[r.B])
			}
		})
	}
	wg.Wait()
	return families, related
}

// GroupPrepared is GroupReuse for documents prepared beforehand (the
// passages' offsets are zero for compacted ones).
func GroupPrepared(prep []*Prepared) (families [][]int, related []ReusePair) {
	postings := map[uint32][]int32{}
	cands := make([][]int32, len(prep))
	count := make([]uint16, len(prep)) // keys shared with the document being indexed
	var touched []int32
	for i, p := range prep {
		for _, d := range touched {
			count[d] = 0
		}
		touched = touched[:0]
		for _, k := range p.keys {
			ps := postings[k]
			for _, d := range ps {
				if count[d] == 0 {
					touched = append(touched, d)
				}
				count[d]++
				if count[d] == MinSharedKeys {
					cands[i] = append(cands[i], d)
				}
			}
			if len(ps) < MaxPostings {
				postings[k] = append(ps, int32(i))
			}
		}
	}
	// compare on all CPUs; each document's candidates are earlier ones
	results := make([][]ReusePair, len(prep))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(prep); i += workers {
				if len(cands[i]) == 0 {
					continue
				}
				tb := newGramTable(prep[i].words)
				for _, d := range cands[i] {
					r := compareWith(prep[d], prep[i], tb)
					if r.Relation != Unrelated {
						results[i] = append(results[i], ReusePair{A: int(d), B: i, Reuse: r})
					}
				}
			}
		})
	}
	wg.Wait()
	uf := newUnionFind(len(prep))
	for _, rs := range results {
		for _, r := range rs {
			if r.Reuse.Relation == Versions {
				uf.union(r.A, r.B)
			} else {
				related = append(related, r)
			}
		}
	}
	slices.SortFunc(related, func(x, y ReusePair) int {
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return uf.groups(), related
}
