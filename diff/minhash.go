package diff

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate detection: documents become sets of word shingles; MinHash
// signatures, banded for locality-sensitive hashing (LSH), propose candidate
// pairs; every candidate is confirmed by exact similarity of the shingle
// sets. All hashes here are FNV-1a and fixed multiply-add permutations, so
// shingles and signatures are stable across processes and may be stored.

const (
	// ShingleSize is the number of words in one shingle.
	ShingleSize = 5
	// NumHashes is the length of a MinHash signature.
	NumHashes = 128
)

// Defaults for GroupOptions, chosen from the similarity distributions that
// TestSimilarityDistributions prints: on the fixtures, direct versions of
// one story (a revision, syndicated copies cut, reordered or extended) score
// Jaccard >= 0.53 or containment >= 0.73 (a copy cut to its first three
// paragraphs: Jaccard 0.19, containment 0.87), while independently written
// articles on the same event, sharing a quote, score at most Jaccard 0.016
// and containment 0.041. The thresholds sit nearer the versions, leaving
// room for same-event articles that share more quotes than the fixtures.
const (
	DefaultJaccard     = 0.4
	DefaultContainment = 0.6
	DefaultMinShingles = 20
	DefaultBands       = 64
	DefaultRows        = 2
)

// GroupOptions set when two documents are versions of one story: shingle
// Jaccard similarity |A∩B|/|A∪B| >= Jaccard, or containment
// |A∩B|/min(|A|,|B|) >= Containment when the smaller document has at least
// MinShingles shingles (so a shortened syndicated copy joins its family while
// a one-line snippet does not). Bands×Rows must not exceed NumHashes; the
// default 64×2 finds a pair of Jaccard 0.3 (a copy cut to 30%) with
// probability 0.998 and one of Jaccard 0.2 with probability 0.93. Zero
// values mean the defaults.
type GroupOptions struct {
	Jaccard     float64
	Containment float64
	MinShingles int
	Bands, Rows int
}

func (o GroupOptions) withDefaults() GroupOptions {
	if o.Jaccard <= 0 {
		o.Jaccard = DefaultJaccard
	}
	if o.Containment <= 0 {
		o.Containment = DefaultContainment
	}
	if o.MinShingles <= 0 {
		o.MinShingles = DefaultMinShingles
	}
	if o.Bands <= 0 || o.Rows <= 0 || o.Bands*o.Rows > NumHashes {
		o.Bands, o.Rows = DefaultBands, DefaultRows
	}
	return o
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix64 is the splitmix64 finalizer: it spreads every input bit over the
// output, so sequential inputs make unrelated hashes.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// forEachWordHash calls fn with the FNV-1a hash of each word of s, lower
// cased, with typographic apostrophes folded. Words are the word tokens of
// Words; this scanner avoids allocating them.
func forEachWordHash(s string, fn func(uint64)) {
	var h uint64
	in := false
	var prevWord bool // previous rune was a word rune
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		word := false
		if r < utf8.RuneSelf {
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				r = rune(c)
			}
			word = ('a' <= c && c <= 'z') || ('0' <= c && c <= '9')
		} else if isWordRune(r) {
			word = true
			r = unicode.ToLower(r)
		}
		if !word && in && prevWord && (isApostrophe(r) || isHyphen(r) || ((r == '.' || r == ',') && i > 0 && isASCIIDigit(s[i-1]))) {
			// A joiner counts only between two word runes.
			nr, nsize := utf8.DecodeRuneInString(s[i+size:])
			if i+size < len(s) && isWordRune(nr) && (!(r == '.' || r == ',') || unicode.IsDigit(nr)) {
				jr := foldQuote(r)
				h = hashRune(h, jr)
				h = hashRune(h, unicode.ToLower(nr))
				i += size + nsize
				prevWord = true
				continue
			}
		}
		if word {
			if !in {
				h = fnvOffset
				in = true
			}
			h = hashRune(h, r)
		} else if in {
			fn(h)
			in = false
		}
		prevWord = word
		i += size
	}
	if in {
		fn(h)
	}
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		h ^= uint64(r)
		return h * fnvPrime
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h ^= uint64(b)
		h *= fnvPrime
	}
	return h
}

// Shingles returns the sorted, distinct 32-bit hashes of the k-word
// shingles (k = ShingleSize) of text, words compared case-insensitively. A
// text shorter than k words has one shingle of all its words; an empty text
// has none. Thirty-two bits keep a 100,000-article index small; two
// distinct shingles collide with probability 2^-32.
func Shingles(text string) []uint32 {
	var win [ShingleSize]uint64
	n := 0
	out := make([]uint32, 0, len(text)/6)
	forEachWordHash(text, func(h uint64) {
		win[n%ShingleSize] = h
		n++
		if n >= ShingleSize {
			out = append(out, shingleHash(&win, n))
		}
	})
	if n > 0 && n < ShingleSize {
		out = append(out, shingleHash(&win, n))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// shingleHash combines the last min(n, k) word hashes in the ring win.
func shingleHash(win *[ShingleSize]uint64, n int) uint32 {
	h := uint64(fnvOffset)
	k := min(n, ShingleSize)
	for i := n - k; i < n; i++ {
		h ^= win[i%ShingleSize]
		h *= fnvPrime
	}
	return uint32(mix64(h) >> 32)
}

// Signature is a MinHash signature: for each of NumHashes fixed
// permutations, the least permuted shingle.
type Signature [NumHashes]uint64

// permutation i maps a shingle x to perm[i].a*mix64(x) + perm[i].b (mod
// 2^64): a bijection for odd a. The constants come from a fixed seed.
var perm = func() (p [NumHashes]struct{ a, b uint64 }) {
	s := uint64(0x5245444c494e45) // "REDLINE"
	for i := range p {
		s += 0x9e3779b97f4a7c15
		p[i].a = mix64(s) | 1
		s += 0x9e3779b97f4a7c15
		p[i].b = mix64(s)
	}
	return p
}()

// MinHash returns the signature of a shingle set. The Jaccard similarity of
// two sets is estimated by the share of equal signature entries.
func MinHash(shingles []uint32) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	// Four shingles per pass over the signature: a quarter of the loads
	// and stores, and independent multiplies the CPU can overlap.
	k := 0
	for ; k+4 <= len(shingles); k += 4 {
		x0, x1 := mix64(uint64(shingles[k])), mix64(uint64(shingles[k+1]))
		x2, x3 := mix64(uint64(shingles[k+2])), mix64(uint64(shingles[k+3]))
		for i := range sig {
			a, b := perm[i].a, perm[i].b
			sig[i] = min(sig[i], a*x0+b, a*x1+b, a*x2+b, a*x3+b)
		}
	}
	for ; k < len(shingles); k++ {
		x := mix64(uint64(shingles[k]))
		for i := range sig {
			sig[i] = min(sig[i], perm[i].a*x+perm[i].b)
		}
	}
	return sig
}

// Sketch is what the index keeps of a document: its shingle set, and the
// signature its LSH bands come from.
type Sketch struct {
	Shingles  []uint32
	Signature Signature
}

// NewSketch shingles text and signs the shingles. It is the costly part of
// Index.Add and may run on many goroutines at once.
func NewSketch(text string) *Sketch {
	sh := Shingles(text)
	return &Sketch{Shingles: sh, Signature: MinHash(sh)}
}

// Match is a document found to be a version of the one added.
type Match struct {
	ID          int64
	Jaccard     float64
	Containment float64
}

// Similarity returns the Jaccard similarity and the containment
// |A∩B|/min(|A|,|B|) of two sorted shingle sets.
func Similarity(a, b []uint32) (jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n), float64(n) / float64(min(len(a), len(b)))
}

// Related reports whether two documents with these similarities and shingle
// counts are versions of one story under o.
func (o GroupOptions) Related(jaccard, containment float64, na, nb int) bool {
	o = o.withDefaults()
	return jaccard >= o.Jaccard || (containment >= o.Containment && min(na, nb) >= o.MinShingles)
}

// Index finds, for each document added, the documents already added that
// are versions of the same story. It is not safe for concurrent use; build
// sketches concurrently with NewSketch and add them from one goroutine.
type Index struct {
	opt     GroupOptions
	ids     []int64
	sets    [][]uint32
	buckets map[uint64]int32 // band key -> first entry in the chain
	next    []int32          // entry doc*Bands+band -> next entry with the same key, or -1
	stamp   []uint32         // per document: last query that saw it
	query   uint32
}

// NewIndex returns an empty index.
func NewIndex(opt GroupOptions) *Index {
	return newIndex(opt, 0)
}

// newIndex sizes the index for n documents.
func newIndex(opt GroupOptions, n int) *Index {
	opt = opt.withDefaults()
	return &Index{
		opt:     opt,
		buckets: make(map[uint64]int32, n*opt.Bands),
		ids:     make([]int64, 0, n),
		sets:    make([][]uint32, 0, n),
		next:    make([]int32, 0, n*opt.Bands),
		stamp:   make([]uint32, 0, n),
	}
}

// Len returns the number of documents added.
func (idx *Index) Len() int { return len(idx.ids) }

// Add indexes a document and returns the earlier documents it matches,
// most similar first.
func (idx *Index) Add(id int64, text string) []Match {
	return idx.AddSketch(id, NewSketch(text))
}

// AddSketch is Add for a sketch made beforehand.
func (idx *Index) AddSketch(id int64, sk *Sketch) []Match {
	ms := idx.candidates(sk, nil)
	idx.ids = append(idx.ids, id)
	idx.sets = append(idx.sets, sk.Shingles)
	idx.stamp = append(idx.stamp, 0)
	if len(sk.Shingles) == 0 {
		for range idx.opt.Bands {
			idx.next = append(idx.next, -1)
		}
		return ms
	}
	for b := range idx.opt.Bands {
		key := idx.bandKey(&sk.Signature, b)
		e := int32(len(idx.next))
		head, ok := idx.buckets[key]
		if !ok {
			head = -1
		}
		idx.next = append(idx.next, head)
		idx.buckets[key] = e
	}
	return ms
}

// Query returns the indexed documents that text matches, without adding it.
func (idx *Index) Query(text string) []Match {
	return idx.candidates(NewSketch(text), nil)
}

func (idx *Index) bandKey(sig *Signature, b int) uint64 {
	h := uint64(fnvOffset) ^ uint64(b)
	for _, v := range sig[b*idx.opt.Rows : (b+1)*idx.opt.Rows] {
		h = mix64(h ^ v)
	}
	return h
}

// candidates looks up sk's bands and confirms each candidate exactly.
func (idx *Index) candidates(sk *Sketch, out []Match) []Match {
	if len(sk.Shingles) == 0 || len(idx.ids) == 0 {
		return out
	}
	idx.query++
	if idx.query == 0 { // wrapped: clear the stamps
		clear(idx.stamp)
		idx.query = 1
	}
	bands := idx.opt.Bands
	for b := range bands {
		e, ok := idx.buckets[idx.bandKey(&sk.Signature, b)]
		if !ok {
			continue
		}
		for ; e >= 0; e = idx.next[e] {
			d := int(e) / bands
			if idx.stamp[d] == idx.query {
				continue
			}
			idx.stamp[d] = idx.query
			j, c := Similarity(sk.Shingles, idx.sets[d])
			if idx.opt.Related(j, c, len(sk.Shingles), len(idx.sets[d])) {
				out = append(out, Match{ID: idx.ids[d], Jaccard: j, Containment: c})
			}
		}
	}
	slices.SortFunc(out, func(p, q Match) int {
		if c := cmp.Compare(q.Jaccard, p.Jaccard); c != 0 {
			return c
		}
		return cmp.Compare(p.ID, q.ID)
	})
	return out
}

// Doc is one document for Group.
type Doc struct {
	ID   int64
	Text string
}

// Group finds the families of near-duplicate documents: the connected
// components of the "related" graph (see GroupOptions). It returns the
// families of two or more documents as sorted indexes into docs, ordered by
// their first member. Sketches are computed on all CPUs.
func Group(docs []Doc, opt GroupOptions) [][]int {
	return groupDocs(docs, opt, nil)
}

// groupDocs is Group, calling onMatch (if not nil) for every confirmed pair.
func groupDocs(docs []Doc, opt GroupOptions, onMatch func(i, j int, m Match)) [][]int {
	sketches := make([]*Sketch, len(docs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				sketches[i] = NewSketch(docs[i].Text)
			}
		})
	}
	wg.Wait()
	idx := newIndex(opt, len(docs))
	uf := newUnionFind(len(docs))
	for i := range docs {
		for _, m := range idx.AddSketch(int64(i), sketches[i]) {
			uf.union(i, int(m.ID))
			if onMatch != nil {
				onMatch(int(m.ID), i, m)
			}
		}
		sketches[i] = nil // the index keeps the shingles; drop the signature
	}
	return uf.groups()
}

type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	return &unionFind{p}
}

func (u *unionFind) find(x int) int {
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

func (u *unionFind) union(x, y int) {
	x, y = u.find(x), u.find(y)
	if x == y {
		return
	}
	if x > y {
		x, y = y, x
	}
	u.parent[y] = int32(x)
}

// groups returns the components of two or more members.
func (u *unionFind) groups() [][]int {
	by := map[int][]int{}
	for i := range u.parent {
		r := u.find(i)
		by[r] = append(by[r], i)
	}
	var out [][]int
	for _, g := range by {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return out
}
