package diff

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// synth writes word-like text with Zipf word frequencies over a large
// vocabulary, so independently generated articles share almost no 5-word
// shingles, as independently written articles do.
type synth struct {
	vocab []string
}

func newSynth(words int) *synth {
	r := rand.New(rand.NewPCG(42, 42))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	seen := map[string]bool{}
	s := &synth{}
	for len(s.vocab) < words {
		b := make([]byte, 2+r.IntN(9))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		if w := string(b); !seen[w] {
			seen[w] = true
			s.vocab = append(s.vocab, w)
		}
	}
	return s
}

// article is a list of sentences, each a list of word ids.
type article [][]int32

func (s *synth) sentence(r *rand.Rand, z *rand.Zipf) []int32 {
	ws := make([]int32, 12+r.IntN(17))
	for i := range ws {
		ws[i] = int32(z.Uint64())
	}
	return ws
}

func (s *synth) article(r *rand.Rand, z *rand.Zipf, sentences int) article {
	a := make(article, sentences)
	for i := range a {
		a[i] = s.sentence(r, z)
	}
	return a
}

// render writes an article as text: sentences with full stops, three to a
// paragraph.
func (s *synth) render(a article) string {
	var sb strings.Builder
	for i, sent := range a {
		if i > 0 {
			if i%3 == 0 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		for k, w := range sent {
			if k > 0 {
				sb.WriteByte(' ')
			}
			word := s.vocab[w]
			if k == 0 {
				sb.WriteString(strings.ToUpper(word[:1]))
				word = word[1:]
			}
			sb.WriteString(word)
		}
		sb.WriteByte('.')
	}
	return sb.String()
}

func (s *synth) revise(r *rand.Rand, z *rand.Zipf, a article, editShare float64) article {
	out := make(article, 0, len(a)+3)
	for _, sent := range a {
		if r.Float64() < 0.04 {
			continue // deleted
		}
		sent = slices.Clone(sent)
		if r.Float64() < editShare {
			for range 1 + r.IntN(3) {
				sent[r.IntN(len(sent))] = int32(z.Uint64())
			}
		}
		out = append(out, sent)
	}
	for range 1 + r.IntN(3) {
		out = slices.Insert(out, r.IntN(len(out)+1), s.sentence(r, z))
	}
	return out
}

// family generates a base article and its versions: revisions,
// truncations, paragraph reorderings and syndicated copies with furniture.
func (s *synth) family(seed uint64, size int) []article {
	r := rand.New(rand.NewPCG(seed, 7))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(s.vocab)-1))
	base := s.article(r, z, 30+r.IntN(11))
	out := []article{base}
	for len(out) < size {
		from := out[r.IntN(len(out))]
		var v article
		switch r.IntN(4) {
		case 0:
			v = s.revise(r, z, from, 0.15)
		case 1:
			keep := max(4, int(float64(len(from))*(0.3+0.5*r.Float64())))
			v = slices.Clone(from[:min(keep, len(from))])
		case 2:
			var paras []article
			for i := 0; i < len(from); i += 3 {
				paras = append(paras, from[i:min(i+3, len(from))])
			}
			r.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })
			for _, p := range paras {
				v = append(v, p...)
			}
		default:
			v = s.revise(r, z, from, 0.05)
			furniture := []int32{1, 2, 3, 4, 5, 6, 7, 8}
			v = append(article{furniture}, append(v, furniture[2:])...)
		}
		out = append(out, v)
	}
	return out
}

// corpus is a synthetic collection with planted families.
type corpus struct {
	docs   []Doc
	family []int   // planted family of each document
	byFam  [][]int // members of each family
}

// newCorpus makes n articles: 55% stand alone, 10% are independent
// articles that quote two sentences of an earlier one (same event, not a
// version), and the rest form families of 2 to 8 versions.
func newCorpus(s *synth, n int, seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 1))
	type plan struct {
		size  int
		quote int // family whose base this independent article quotes, or -1
	}
	var plans []plan
	total := 0
	for total < n {
		p := plan{size: 1, quote: -1}
		switch x := r.Float64(); {
		case x < 0.10 && len(plans) > 0:
			p.quote = r.IntN(len(plans))
		case x >= 0.65:
			p.size = 2 + r.IntN(7)
		}
		p.size = min(p.size, n-total)
		plans = append(plans, p)
		total += p.size
	}
	texts := make([][]string, len(plans))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for f := w; f < len(plans); f += workers {
				fam := s.family(seed*1_000_003+uint64(f), plans[f].size)
				if q := plans[f].quote; q >= 0 {
					src := s.family(seed*1_000_003+uint64(q), 1)[0]
					fam[0] = slices.Insert(fam[0], len(fam[0])/2, src[3], src[7])
				}
				for _, a := range fam {
					texts[f] = append(texts[f], s.render(a))
				}
			}
		})
	}
	wg.Wait()
	c := &corpus{byFam: make([][]int, len(plans))}
	for f, ts := range texts {
		for _, t := range ts {
			c.byFam[f] = append(c.byFam[f], len(c.docs))
			c.family = append(c.family, f)
			c.docs = append(c.docs, Doc{ID: int64(len(c.docs)), Text: t})
		}
	}
	return c
}

// sample picks whole planted families (and the articles that quote them)
// until it holds at least n documents.
func (c *corpus) sample(n int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, 3))
	order := r.Perm(len(c.byFam))
	var out []int
	for _, f := range order {
		if len(out) >= n {
			break
		}
		out = append(out, c.byFam[f]...)
	}
	slices.Sort(out)
	return out
}

type pairKey struct{ i, j int32 }

func bruteForce(docs []Doc, opt GroupOptions) map[pairKey]bool {
	sets := make([][]uint32, len(docs))
	for i, d := range docs {
		sets[i] = Shingles(d.Text)
	}
	workers := runtime.GOMAXPROCS(0)
	found := make([][]pairKey, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(sets); i += workers {
				for j := i + 1; j < len(sets); j++ {
					if !mayRelate(sets[i], sets[j], opt) {
						continue
					}
					jac, con := Similarity(sets[i], sets[j])
					if opt.Related(jac, con, len(sets[i]), len(sets[j])) {
						found[w] = append(found[w], pairKey{int32(i), int32(j)})
					}
				}
			}
		})
	}
	wg.Wait()
	out := map[pairKey]bool{}
	for _, f := range found {
		for _, p := range f {
			out[p] = true
		}
	}
	return out
}

// BenchmarkGroup100k groups 100,000 synthetic ~700-word articles with
// planted families, then checks the LSH pairs against brute-force exact
// similarity on a 5,000-article sample and times both methods on it. Run:
//
//	go test -run '^$' -bench Group100k -benchtime 1x ./diff/
func BenchmarkGroup100k(b *testing.B) {
	const n, sampleN = 100_000, 5_000
	opt := GroupOptions{}
	s := newSynth(200_000)
	t0 := time.Now()
	c := newCorpus(s, n, 1)
	b.Logf("generated %d articles (%d planted families, %.0f words avg) in %v", len(c.docs), len(c.byFam), avgWords(c.docs[:1000]), time.Since(t0).Round(time.Millisecond))
	sample := c.sample(sampleN, 2)
	inSample := make(map[int]int32, len(sample))
	for k, d := range sample {
		inSample[d] = int32(k)
	}
	var groups [][]int
	for b.Loop() {
		lsh := map[pairKey]bool{}
		t := time.Now()
		groups = groupDocs(c.docs, opt, func(i, j int, m Match) {
			x, okx := inSample[i]
			y, oky := inSample[j]
			if okx && oky {
				lsh[pairKey{min(x, y), max(x, y)}] = true
			}
		})
		groupTime := time.Since(t)

		sdocs := make([]Doc, len(sample))
		for k, d := range sample {
			sdocs[k] = c.docs[d]
		}
		t = time.Now()
		truth := bruteForce(sdocs, opt)
		bruteTime := time.Since(t)
		t = time.Now()
		groupDocs(sdocs, opt, nil)
		lshSampleTime := time.Since(t)

		tp := 0
		for p := range lsh {
			if truth[p] {
				tp++
			}
		}
		precision := float64(tp) / float64(max(1, len(lsh)))
		recall := float64(tp) / float64(max(1, len(truth)))
		b.ReportMetric(groupTime.Seconds(), "group-s")
		b.ReportMetric(precision, "precision")
		b.ReportMetric(recall, "recall")
		b.ReportMetric(bruteTime.Seconds(), "brute5k-s")
		b.ReportMetric(lshSampleTime.Seconds(), "lsh5k-s")
		b.ReportMetric(bruteTime.Seconds()/lshSampleTime.Seconds(), "speedup")
		b.Logf("group 100k: %v; sample %d docs: %d true pairs, %d LSH pairs, precision %.4f recall %.4f; brute force %v vs LSH %v (%.1fx)",
			groupTime.Round(time.Millisecond), len(sample), len(truth), len(lsh), precision, recall,
			bruteTime.Round(time.Millisecond), lshSampleTime.Round(time.Millisecond), bruteTime.Seconds()/lshSampleTime.Seconds())
	}
	// Against the planted families: pairs grouped together that were not
	// planted together (e.g. an article quoting another), and the reverse.
	famOf := c.family
	wrong, grouped := 0, 0
	for _, g := range groups {
		count := map[int]int{}
		for _, d := range g {
			count[famOf[d]]++
		}
		grouped += len(g) * (len(g) - 1) / 2
		same := 0
		for _, k := range count {
			same += k * (k - 1) / 2
		}
		wrong += len(g)*(len(g)-1)/2 - same
	}
	planted := 0
	for _, m := range c.byFam {
		planted += len(m) * (len(m) - 1) / 2
	}
	b.Logf("groups: %d families, %d grouped pairs, %d across planted families, %d planted pairs", len(groups), grouped, wrong, planted)
}

// mayRelate is an exact filter for brute force: it merges the two sets only
// as long as they could still share enough shingles to be related.
func mayRelate(a, b []uint32, opt GroupOptions) bool {
	opt = opt.withDefaults()
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	// Least intersection for Jaccard: n/(|a|+|b|-n) >= J.
	need := opt.Jaccard / (1 + opt.Jaccard) * float64(len(a)+len(b))
	if min(len(a), len(b)) >= opt.MinShingles {
		need = min(need, opt.Containment*float64(min(len(a), len(b))))
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if float64(n+min(len(a)-i, len(b)-j)) < need {
			return false
		}
		x, y := a[i], b[j]
		if x == y {
			n++
		}
		if x <= y {
			i++
		}
		if x >= y {
			j++
		}
	}
	return float64(n) >= need-1e-9
}

func avgWords(docs []Doc) float64 {
	n := 0
	for _, d := range docs {
		n += len(strings.Fields(d.Text))
	}
	return float64(n) / float64(len(docs))
}

// newsPair makes a long article from a news-like vocabulary and a revision
// with every kind of sentence change.
func newsPair(sentences int, seed uint64) (string, string) {
	s := newSynth(20_000)
	r := rand.New(rand.NewPCG(seed, 5))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(s.vocab)-1))
	a := s.article(r, z, sentences)
	v := s.revise(r, z, a, 0.15)
	// move a few sentences
	for range max(1, sentences/100) {
		i := r.IntN(len(v))
		x := v[i]
		v = slices.Delete(v, i, i+1)
		v = slices.Insert(v, r.IntN(len(v)+1), x)
	}
	return s.render(a), s.render(v)
}

// BenchmarkWordDiff20k diffs two versions of a 20,000-word text.
//
//	go test -run '^$' -bench WordDiff20k ./diff/
func BenchmarkWordDiff20k(b *testing.B) {
	a, v := newsPair(1000, 1) // 1,000 sentences of 12-28 words
	b.Logf("words: %d and %d", len(Words(a)), len(Words(v)))
	for b.Loop() {
		WordDiff(a, v)
	}
}

// BenchmarkCompare2000 aligns two versions of 2,000 sentences.
//
//	go test -run '^$' -bench Compare2000 ./diff/
func BenchmarkCompare2000(b *testing.B) {
	a, v := newsPair(2000, 2)
	var c *Comparison
	for b.Loop() {
		c = Compare(a, v, Options{})
	}
	b.Logf("sentences %d and %d: %+v", len(c.A), len(c.B), c.Summary)
}
func BenchmarkSketch(b *testing.B) {
	s := newSynth(200_000)
	r := rand.New(rand.NewPCG(1, 1))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(s.vocab)-1))
	text := s.render(s.article(r, z, 35))
	b.Run("shingles", func(b *testing.B) {
		for b.Loop() {
			Shingles(text)
		}
	})
	sh := Shingles(text)
	b.Run("minhash", func(b *testing.B) {
		for b.Loop() {
			MinHash(sh)
		}
	})
	other := Shingles(s.render(s.article(r, z, 35)))
	b.Run("similarity", func(b *testing.B) {
		for b.Loop() {
			Similarity(sh, other)
		}
	})
}

func BenchmarkGroup20k(b *testing.B) {
	c := newCorpus(newSynth(200_000), 20_000, 9)
	for b.Loop() {
		Group(c.docs, GroupOptions{})
	}
}

// BenchmarkGroupReuse100k finds families and related pairs by shared
// passages among the same 100,000 synthetic articles as Group100k, and
// reports how many planted families came out whole. Run:
//
//	go test -run '^$' -bench GroupReuse100k -benchtime 1x -timeout 20m ./diff/
func BenchmarkGroupReuse100k(b *testing.B) {
	const n = 100_000
	s := newSynth(200_000)
	c := newCorpus(s, n, 1)
	b.Logf("generated %d articles (%d planted families)", len(c.docs), len(c.byFam))
	for b.Loop() {
		t, cpu := time.Now(), cpuTime()
		fams, related := GroupReuse(c.docs)
		el, used := time.Since(t), cpuTime()-cpu
		whole := 0
		for _, g := range fams {
			f := c.family[g[0]]
			if len(g) == len(c.byFam[f]) {
				ok := true
				for _, d := range g {
					ok = ok && c.family[d] == f
				}
				if ok {
					whole++
				}
			}
		}
		planted := 0
		for _, m := range c.byFam {
			if len(m) > 1 {
				planted++
			}
		}
		b.ReportMetric(el.Seconds(), "group-s")
		b.ReportMetric(used.Seconds(), "cpu-s")
		b.Logf("%d families of 2+ found; %d of %d planted families of 2+ found whole; %d related pairs; in %v (%v of CPU time)",
			len(fams), whole, planted, len(related), el.Round(time.Millisecond), used.Round(time.Millisecond))
	}
}

func BenchmarkGroupReuse20k(b *testing.B) {
	c := newCorpus(newSynth(200_000), 20_000, 9)
	for b.Loop() {
		GroupReuse(c.docs)
	}
}
