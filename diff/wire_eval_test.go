package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The wire-copy evaluation corpus (testdata/wire, written by
// testdata/wire/gen): 35 stories, 103 documents, every pair that is not
// plainly unrelated labelled with its relation and the practice that made
// it. Documents of one story are versions; a reworded copy must be found at
// least as related; independent reports of one event and agency stories
// that share background paragraphs must never be versions.

type wireDoc struct {
	ID, Story, Event, Split, Practice string
	Title, Outlet, URL, Published     string
	Text                              string
}

type wirePair struct {
	A, B                      string
	Relation, Practice, Split string
}

func loadWire(tb testing.TB) ([]wireDoc, []wirePair) {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "wire", "corpus.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var docs []wireDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d wireDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, d)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "wire", "pairs.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	var pairs []wirePair
	for i, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i == 0 {
			continue
		}
		c := strings.Split(l, "\t")
		pairs = append(pairs, wirePair{c[0], c[1], c[2], c[3], c[4]})
	}
	return docs, pairs
}

// wireVerdict is what a method says of a pair of documents.
type wireVerdict int

const (
	verdictUnrelated wireVerdict = iota
	verdictRelated
	verdictVersion
)

// wireMethod judges every pair of docs: verdict[i][j] for i < j.
type wireMethod func(docs []wireDoc) func(i, j int) wireVerdict

// wireScore is the pairwise evaluation of one method on one split.
type wireScore struct {
	// derived copies (labelled version, reworded excluded)
	tp, fn                          int
	fp                              int               // pairs judged versions that are of different stories
	byPractice                      map[string][2]int // found, total
	reworded, rewordedRelated       int
	independent, indepMerged        int
	indepRelated                    int
	background, bgMerged, bgRelated int
	falseMerges                     []string
}

func (s wireScore) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s wireScore) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func (s wireScore) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func scoreWire(docs []wireDoc, pairs []wirePair, split string, m wireMethod) wireScore {
	var sub []wireDoc
	for _, d := range docs {
		if d.Split == split {
			sub = append(sub, d)
		}
	}
	at := map[string]int{}
	for i, d := range sub {
		at[d.ID] = i
	}
	judge := m(sub)
	verdict := func(a, b string) wireVerdict {
		i, j := at[a], at[b]
		if i > j {
			i, j = j, i
		}
		return judge(i, j)
	}
	s := wireScore{byPractice: map[string][2]int{}}
	labelled := map[[2]string]bool{}
	for _, p := range pairs {
		if p.Split != split {
			continue
		}
		labelled[[2]string{p.A, p.B}] = true
		v := verdict(p.A, p.B)
		switch p.Relation {
		case "version":
			c := s.byPractice[p.Practice]
			c[1]++
			if v == verdictVersion {
				s.tp++
				c[0]++
			} else {
				s.fn++
			}
			s.byPractice[p.Practice] = c
		case "reworded":
			s.reworded++
			if v >= verdictRelated {
				s.rewordedRelated++
			}
		case "related": // shared background: different stories
			s.background++
			switch v {
			case verdictVersion:
				s.bgMerged++
				s.fp++
				s.falseMerges = append(s.falseMerges, p.A+" "+p.B+" (shared background)")
			case verdictRelated:
				s.bgRelated++
			}
		case "unrelated": // independent reports of one event
			s.independent++
			switch v {
			case verdictVersion:
				s.indepMerged++
				s.fp++
				s.falseMerges = append(s.falseMerges, p.A+" "+p.B+" (independent report)")
			case verdictRelated:
				s.indepRelated++
			}
		}
	}
	// every other pair is of unrelated stories
	for i := range sub {
		for j := i + 1; j < len(sub); j++ {
			a, b := sub[i].ID, sub[j].ID
			if labelled[[2]string{a, b}] || labelled[[2]string{b, a}] || sub[i].Story == sub[j].Story {
				continue
			}
			if judge(i, j) == verdictVersion {
				s.fp++
				s.falseMerges = append(s.falseMerges, a+" "+b+" (unrelated)")
			}
		}
	}
	return s
}

func (s wireScore) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "copies derived from the same text: precision %.3f recall %.3f F1 %.3f (%d of %d pairs found, %d false)\n",
		s.precision(), s.recall(), s.f1(), s.tp, s.tp+s.fn, s.fp)
	keys := make([]string, 0, len(s.byPractice))
	for k := range s.byPractice {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// single practices first, then pairs of two derived copies
	slices.SortStableFunc(keys, func(x, y string) int {
		return strings.Count(x, "+") - strings.Count(y, "+")
	})
	for _, k := range keys {
		c := s.byPractice[k]
		fmt.Fprintf(&b, "  %-28s recall %.3f (%d/%d)\n", k, float64(c[0])/float64(c[1]), c[0], c[1])
	}
	fmt.Fprintf(&b, "reworded copies found at least related: %d of %d\n", s.rewordedRelated, s.reworded)
	fmt.Fprintf(&b, "independent reports of one event: %d pairs, %d merged, %d related\n", s.independent, s.indepMerged, s.indepRelated)
	fmt.Fprintf(&b, "stories sharing background paragraphs: %d pairs, %d merged, %d related\n", s.background, s.bgMerged, s.bgRelated)
	for _, fm := range s.falseMerges {
		fmt.Fprintf(&b, "  false merge: %s\n", fm)
	}
	return b.String()
}

// shingleMethod is the method of issue 3: MinHash families of 5-word
// shingles, Jaccard >= 0.4 or containment >= 0.6.
func shingleMethod(docs []wireDoc) func(i, j int) wireVerdict {
	in := make([]Doc, len(docs))
	for i, d := range docs {
		in[i] = Doc{ID: int64(i), Text: d.Text}
	}
	fam := make([]int, len(docs))
	for i := range fam {
		fam[i] = i
	}
	for _, g := range Group(in, GroupOptions{}) {
		for _, k := range g {
			fam[k] = g[0]
		}
	}
	return func(i, j int) wireVerdict {
		if fam[i] == fam[j] {
			return verdictVersion
		}
		return verdictUnrelated
	}
}

// TestWireShingleBaseline prints the figures of the issue-3 method on both
// splits (go test -run WireShingleBaseline -v ./diff/); it checks only that
// the corpus loads and is labelled as the issue asks.
func TestWireShingleBaseline(t *testing.T) {
	docs, pairs := loadWire(t)
	stories := map[string]bool{}
	for _, d := range docs {
		stories[d.Story] = true
	}
	if len(docs) < 100 || len(stories) < 25 {
		t.Fatalf("corpus has %d documents of %d stories; the issue asks for at least 100 and 25", len(docs), len(stories))
	}
	for _, split := range []string{"dev", "test"} {
		s := scoreWire(docs, pairs, split, shingleMethod)
		t.Logf("split %s, shingle families (issue 3):\n%s", split, s.report())
	}
}

func TestWireDistributions(t *testing.T) {
	docs, pairs := loadWire(t)
	at := map[string]int{}
	sk := make([]*Sketch, len(docs))
	for i, d := range docs {
		at[d.ID] = i
		sk[i] = NewSketch(d.Text)
	}
	for _, p := range pairs {
		j, c := Similarity(sk[at[p.A]].Shingles, sk[at[p.B]].Shingles)
		t.Logf("%-8s %-8s %-10s %-26s J %.2f C %.2f", p.A, p.B, p.Relation, p.Practice, j, c)
	}
}

// reuseMethod is the passage method (GroupReuse).
func reuseMethod(docs []wireDoc) func(i, j int) wireVerdict {
	in := make([]Doc, len(docs))
	for i, d := range docs {
		in[i] = Doc{ID: int64(i), Text: d.Text}
	}
	fams, related := GroupReuse(in)
	fam := make([]int, len(docs))
	for i := range fam {
		fam[i] = i
	}
	for _, g := range fams {
		for _, k := range g {
			fam[k] = g[0]
		}
	}
	rel := map[[2]int]bool{}
	for _, r := range related {
		rel[[2]int{r.A, r.B}] = true
	}
	return func(i, j int) wireVerdict {
		switch {
		case fam[i] == fam[j]:
			return verdictVersion
		case rel[[2]int{i, j}]:
			return verdictRelated
		}
		return verdictUnrelated
	}
}

// TestWireReuse measures the passage method on the wire corpus
// (go test -run WireReuse -v ./diff/) and holds it to what the issue asks on
// both splits: no pair of different stories merged, every reworded copy
// found at least as related, recall of derived copies at least 0.95. The
// thresholds were chosen on the dev split only.
func TestWireReuse(t *testing.T) {
	docs, pairs := loadWire(t)
	for _, split := range []string{"dev", "test"} {
		s := scoreWire(docs, pairs, split, reuseMethod)
		t.Logf("split %s, passages:\n%s", split, s.report())
		if s.fp > 0 {
			t.Errorf("split %s: %d pairs of different stories merged: %v", split, s.fp, s.falseMerges)
		}
		if s.rewordedRelated < s.reworded {
			t.Errorf("split %s: %d of %d reworded copies found as related", split, s.rewordedRelated, s.reworded)
		}
		if s.recall() < 0.95 {
			t.Errorf("split %s: recall %.3f, want at least 0.95", split, s.recall())
		}
	}
}
