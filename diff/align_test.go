package diff

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// pairLine renders a pair as "kind: A-text => B-text" for table tests.
func pairLine(p Pair) string {
	switch p.Kind {
	case Added:
		return "added: " + p.B.Text
	case Deleted:
		return "deleted: " + p.A.Text
	case Unchanged:
		return "unchanged: " + p.B.Text
	}
	return fmt.Sprintf("%s: %s => %s", p.Kind, p.A.Text, p.B.Text)
}

func pairLines(c *Comparison) []string {
	out := make([]string, len(c.Pairs))
	for i, p := range c.Pairs {
		out[i] = pairLine(p)
	}
	return out
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		opt  Options
		want []string
	}{
		{
			name: "unchanged",
			a:    "Rain fell. Rivers rose.",
			b:    "Rain fell. Rivers rose.",
			want: []string{"unchanged: Rain fell.", "unchanged: Rivers rose."},
		},
		{
			name: "added",
			a:    "Rain fell. Rivers rose.",
			b:    "Rain fell. Schools closed early. Rivers rose.",
			want: []string{"unchanged: Rain fell.", "added: Schools closed early.", "unchanged: Rivers rose."},
		},
		{
			name: "deleted",
			a:    "Rain fell. Schools closed early. Rivers rose.",
			b:    "Rain fell. Rivers rose.",
			want: []string{"unchanged: Rain fell.", "deleted: Schools closed early.", "unchanged: Rivers rose."},
		},
		{
			name: "edited",
			a:    "Rain fell. At least three people were killed in the town. Rivers rose.",
			b:    "Rain fell. At least five people were killed in the town. Rivers rose.",
			want: []string{"unchanged: Rain fell.", "edited: At least three people were killed in the town. => At least five people were killed in the town.", "unchanged: Rivers rose."},
		},
		{
			name: "moved",
			a:    "Rain fell. Rivers rose. Schools closed early. Roads were shut.",
			b:    "Schools closed early. Rain fell. Rivers rose. Roads were shut.",
			want: []string{"moved: Schools closed early. => Schools closed early.", "unchanged: Rain fell.", "unchanged: Rivers rose.", "unchanged: Roads were shut."},
		},
		{
			name: "moved and edited",
			a:    "Rain fell. Rivers rose. The mayor said both town shelters were full by noon. Roads were shut.",
			b:    "The mayor said both town shelters were full by eleven. Rain fell. Rivers rose. Roads were shut.",
			want: []string{"moved: The mayor said both town shelters were full by noon. => The mayor said both town shelters were full by eleven.", "unchanged: Rain fell.", "unchanged: Rivers rose.", "unchanged: Roads were shut."},
		},
		{
			name: "replaced not edited",
			a:    "Rain fell. He asked neighbouring districts for help. Rivers rose.",
			b:    "Rain fell. The national government said it would send soldiers. Rivers rose.",
			want: []string{"unchanged: Rain fell.", "deleted: He asked neighbouring districts for help.", "added: The national government said it would send soldiers.", "unchanged: Rivers rose."},
		},
		{
			name: "ignore quotes and case",
			a:    "“We saw the water,” she said. Rivers rose.",
			b:    "\"we saw the water,\" she said. Rivers rose.",
			opt:  Options{IgnoreQuotes: true, IgnoreCase: true},
			want: []string{"unchanged: \"we saw the water,\" she said.", "unchanged: Rivers rose."},
		},
		{
			name: "quotes count by default",
			a:    "“We saw the water,” she said. Rivers rose.",
			b:    "\"We saw the water,\" she said. Rivers rose.",
			want: []string{"edited: “We saw the water,” she said. => \"We saw the water,\" she said.", "unchanged: Rivers rose."},
		},
		{
			name: "ignore whitespace",
			a:    "Rain  fell\ton Tuesday. Rivers rose.",
			b:    "Rain fell on Tuesday. Rivers rose.",
			opt:  Options{IgnoreWhitespace: true},
			want: []string{"unchanged: Rain fell on Tuesday.", "unchanged: Rivers rose."},
		},
		{
			name: "empty a",
			a:    "",
			b:    "Rain fell.",
			want: []string{"added: Rain fell."},
		},
		{
			name: "empty b",
			a:    "Rain fell.",
			b:    "",
			want: []string{"deleted: Rain fell."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(tt.a, tt.b, tt.opt)
			if got := pairLines(c); !slices.Equal(got, tt.want) {
				t.Errorf("Compare:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
			checkComparison(t, tt.a, tt.b, c)
		})
	}
}

func TestCompareWireRevision(t *testing.T) {
	a, b := readFixture(t, "wire_1049.txt"), readFixture(t, "wire_1439.txt")
	c := Compare(a, b, Options{})
	checkComparison(t, a, b, c)
	want := []string{
		"edited: MARROWBY, Jan. 14 (Meridian Wire) - Floodwater from the swollen River Senn broke through a levee near Marrowby early on Tuesday, forcing about 1,200 residents from their homes, local officials said. => MARROWBY, Jan. 14 (Meridian Wire) - Floodwater from the swollen River Senn broke through a levee near Marrowby early on Tuesday, forcing about 3,000 residents from their homes, local officials said.",
		"moved: Forecasters expect more rain on Wednesday. => Forecasters expect more rain on Wednesday.",
		"moved: At least three people were killed and 14 injured, according to the county health office. => At least five people were killed and 22 injured, according to the county health office.",
		"unchanged: The breach opened at about 4:30 a.m. on the eastern bank, said Gen. Alma Prieto, who commands the regional civil defence force.",
		"unchanged: \"We saw the water come over the wall in minutes,\" she told reporters.",
		"unchanged: Emergency crews were using boats to reach houses on St. Anne's Road, where water stood 1.5 metres deep by mid-morning.",
		"unchanged: Mayor Tomas Ekdahl said the town's two shelters were full.",
		"deleted: He asked neighbouring districts for help.",
		"added: The national government said it would send 400 soldiers by evening.",
		"unchanged: The U.S. Geological Survey, which monitors a gauge upstream, said the river peaked at 6.2 metres, the highest level since records began in 1911.",
		"added: Rail services between Marrowby and the coast were suspended, the operator said.",
	}
	if got := pairLines(c); !slices.Equal(got, want) {
		t.Errorf("Compare:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if got := render(c.Pairs[0].Words); !strings.Contains(got, "[-1,200-]{+3,000+}") {
		t.Errorf("edited words = %s", got)
	}
	if got := render(c.Pairs[2].Words); !strings.Contains(got, "[-three-]{+five+}") || !strings.Contains(got, "[-14-]{+22+}") {
		t.Errorf("moved-and-edited words = %s", got)
	}
	if c.Pairs[1].Words != nil {
		t.Errorf("identical move has words %v", c.Pairs[1].Words)
	}
	want2 := Summary{Added: 2, Deleted: 1, Edited: 1, Moved: 2, Unchanged: 5}
	s := c.Summary
	if s.Added != want2.Added || s.Deleted != want2.Deleted || s.Edited != want2.Edited || s.Moved != want2.Moved || s.Unchanged != want2.Unchanged {
		t.Errorf("summary = %+v", s)
	}
	// 1,200/3,000 + three/five + 14/22 + 6 deleted + 11 + 12 added words.
	if s.WordsChanged != 2+4+6+11+12 || s.WordsTotal != countWords(a)+countWords(b) {
		t.Errorf("words changed %d of %d", s.WordsChanged, s.WordsTotal)
	}
}

func TestCompareOutlets(t *testing.T) {
	agency := readFixture(t, "agency.txt")
	c := Compare(agency, readFixture(t, "outlet_reorder.txt"), Options{})
	checkComparison(t, agency, readFixture(t, "outlet_reorder.txt"), c)
	s := c.Summary
	// Headline rewritten (deleted and added: too little in common to be
	// an edit), two paragraphs moved up (three sentences), the levee
	// paragraph cut.
	if s.Deleted != 3 || s.Added != 1 || s.Moved != 3 || s.Edited != 0 || s.Unchanged != 9 {
		t.Errorf("summary = %+v\n%s", s, strings.Join(pairLines(c), "\n"))
	}
}

func TestCompareTitles(t *testing.T) {
	tc := CompareTitles("Levee breach floods Marrowby, thousands evacuated", "Levee breach floods Marrowby, 3,000 evacuated", Options{})
	if !tc.Changed || render(tc.Words) != "Levee breach floods Marrowby, [-thousands-]{+3,000+} evacuated" {
		t.Errorf("CompareTitles = %+v (%s)", tc, render(tc.Words))
	}
	if tc := CompareTitles("Flood “warning”", "flood \"warning\"", Options{IgnoreCase: true, IgnoreQuotes: true}); tc.Changed || tc.Similarity != 1 {
		t.Errorf("normalised titles changed: %+v", tc)
	}
}

// checkComparison verifies that the pairs hold every sentence of b once, in
// order, and every sentence of a once, with the non-moved ones in order, and
// that word diffs rebuild the paired sentences.
func checkComparison(t testing.TB, a, b string, c *Comparison) {
	t.Helper()
	sa, sb := Sentences(a), Sentences(b)
	var gotB []Sentence
	seenA := make(map[int]int)
	lastA := -1
	for _, p := range c.Pairs {
		if (p.A == nil) != (p.Kind == Added) || (p.B == nil) != (p.Kind == Deleted) {
			t.Fatalf("pair %s has A=%v B=%v", p.Kind, p.A != nil, p.B != nil)
		}
		if p.B != nil {
			gotB = append(gotB, *p.B)
		}
		if p.A != nil {
			seenA[p.A.Start]++
			if p.Kind != Moved {
				if p.A.Start < lastA {
					t.Fatalf("A sentence %q out of order", p.A.Text)
				}
				lastA = p.A.Start
			}
		}
		if p.Words != nil {
			ra, rb := []rune(a), []rune(b)
			checkOps(t, string(ra[p.A.Start:p.A.End]), string(rb[p.B.Start:p.B.End]), shiftOps(p.Words, -p.A.Start, -p.B.Start))
		}
		if (p.Kind == Edited) && p.Words == nil {
			t.Fatalf("edited pair without words: %s", pairLine(p))
		}
	}
	if !slices.Equal(gotB, sb) {
		t.Fatalf("pairs hold B sentences %q, want %q", sentenceTexts(gotB), sentenceTexts(sb))
	}
	if len(seenA) != len(sa) {
		t.Fatalf("pairs hold %d distinct A sentences, want %d", len(seenA), len(sa))
	}
	for _, s := range sa {
		if seenA[s.Start] != 1 {
			t.Fatalf("A sentence %q appears %d times", s.Text, seenA[s.Start])
		}
	}
	n := c.Summary
	if n.Added+n.Edited+n.Moved+n.Unchanged != len(sb) || n.Deleted+n.Edited+n.Moved+n.Unchanged != len(sa) {
		t.Fatalf("summary %+v does not add up to %d/%d sentences", n, len(sa), len(sb))
	}
}

func shiftOps(ops []Op, da, db int) []Op {
	out := make([]Op, len(ops))
	for i, op := range ops {
		op.AStart += da
		op.AEnd += da
		op.BStart += db
		op.BEnd += db
		out[i] = op
	}
	return out
}

// reviseSentences makes a revision of a list of sentences with every kind
// of change: edits, insertions, deletions and moves.
func reviseSentences(r *rand.Rand, ss []string) []string {
	out := slices.Clone(ss)
	for range 1 + len(out)/5 {
		if len(out) == 0 {
			break
		}
		i := r.IntN(len(out))
		switch r.IntN(4) {
		case 0:
			out[i] = mutate(r, out[i], 1+r.IntN(3))
		case 1:
			out = slices.Insert(out, i, randomSentence(r))
		case 2:
			out = slices.Delete(out, i, i+1)
		default:
			s := out[i]
			out = slices.Delete(out, i, i+1)
			j := r.IntN(len(out) + 1)
			out = slices.Insert(out, j, s)
		}
	}
	return out
}

func randomSentence(r *rand.Rand) string {
	ws := make([]string, 6+r.IntN(14))
	for i := range ws {
		ws[i] = vocab[r.IntN(len(vocab))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

func TestCompareReconstructs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for k := range 200 {
		ss := make([]string, r.IntN(30))
		for i := range ss {
			ss[i] = randomSentence(r)
		}
		a := strings.Join(ss, " ")
		b := strings.Join(reviseSentences(r, ss), " ")
		if k%3 == 0 {
			b = randomText(r, r.IntN(100))
		}
		checkComparison(t, a, b, Compare(a, b, Options{IgnoreCase: k%2 == 0}))
	}
}
