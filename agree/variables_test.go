package agree

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/assets"
)

type coding struct {
	t0  time.Time
	n   int
	out []annotate.Annotation
}

func (c *coding) add(art int64, who, dim, target, value string, span *annotate.Span) *annotate.Annotation {
	c.n++
	c.out = append(c.out, annotate.Annotation{ID: fmt.Sprintf("id%04d", c.n), ArticleID: art, Annotator: who,
		Dimension: dim, Target: target, Value: value, Span: span,
		CreatedAt: c.t0.Add(time.Duration(c.n) * time.Second), UpdatedAt: c.t0.Add(time.Duration(c.n) * time.Second)})
	return &c.out[len(c.out)-1]
}

func defaultCodebook(t *testing.T) *annotate.Codebook {
	t.Helper()
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func tableOf(t *testing.T, d *Data, dim, target string) *Table {
	t.Helper()
	for _, tb := range d.Tables {
		if tb.Dimension == dim && tb.Target == target {
			return tb
		}
	}
	t.Fatalf("no variable %s/%s", dim, target)
	return nil
}

// values lists each unit's values as "unit:coder=value ..." for comparison.
func values(tb *Table) string {
	var b strings.Builder
	for _, u := range tb.Units {
		fmt.Fprintf(&b, "%s:", u.ID)
		for c, v := range u.Values {
			if v == Missing {
				continue
			}
			fmt.Fprintf(&b, " %s=%s", tb.Coders[c], tb.Categories[v].Key)
		}
		b.WriteString("; ")
	}
	return b.String()
}

func TestBuildDocumentVariables(t *testing.T) {
	cb := defaultCodebook(t)
	var c coding
	// article 1: ann and bob code it; cat's only code there is carried.
	c.add(1, "ann", "stance", "Russia", "unfavourable", nil)
	c.add(1, "bob", "stance", "Russia", "neutral", nil)
	c.add(1, "bob", "stance", "Russia", "unfavourable", nil) // later: bob changed his mind
	c.add(1, "ann", "stance", "Ukraine", "not_applicable", nil)
	c.add(1, "bob", "stance", "Ukraine", "favourable", nil)
	c.add(1, "ann", "frames", "", "security", nil)
	c.add(1, "ann", "frames", "", "economic", nil)
	c.add(1, "bob", "frames", "", "security", nil)
	c.add(1, "ann", "primary_frame", "", "security", nil)
	c.add(1, "bob", "primary_frame", "", "security", nil)
	cat := c.add(1, "cat", "stance", "Russia", "favourable", nil)
	cat.Carry = &annotate.Carry{From: "elsewhere", Status: annotate.CarryConfirmed, Score: 1}
	final := c.add(1, "lead", "stance", "Russia", "neutral", nil)
	final.Settles = "id0001 id0003"
	gone := c.add(1, "ann", "frames", "", "political", nil)
	gone.Deleted = true
	// article 2 is another version of article 1's story, coded by ann alone.
	c.add(2, "ann", "stance", "Russia", "favourable", nil)
	// article 3: all three; cat ticks no frame but coded the article.
	c.add(3, "ann", "frames", "", "economic", nil)
	c.add(3, "bob", "frames", "", "economic", nil)
	c.add(3, "cat", "stance", "Russia", "mixed", nil)
	c.add(3, "dan", "stance", "Russia", "sarcastic", nil) // not in the codebook

	d := Build(cb, c.out, BuildOptions{Families: map[int64]int64{1: 1, 2: 1, 3: 3}})
	if d.Articles != 2 {
		t.Errorf("articles: got %d, want 2 (one per story)", d.Articles)
	}
	if got := strings.Join(d.Coders, ","); got != "ann,bob,cat,dan" {
		t.Errorf("coders: got %s", got)
	}
	for _, tt := range []struct{ dim, target, want string }{
		{"stance", "Russia", "1: ann=unfavourable bob=unfavourable; 3: cat=mixed; "},
		{"stance", "Ukraine", "1: bob=favourable; "},
		{"frames", "security", "1: ann=present bob=present; 3: ann=absent bob=absent cat=absent dan=absent; "},
		{"frames", "economic", "1: ann=present bob=absent; 3: ann=present bob=present cat=absent dan=absent; "},
		{"frames", "political", "1: ann=absent bob=absent; 3: ann=absent bob=absent cat=absent dan=absent; "},
		{"primary_frame", "", "1: ann=security bob=security; "},
	} {
		if got := values(tableOf(t, d, tt.dim, tt.target)); got != tt.want {
			t.Errorf("%s/%s:\n got %s\nwant %s", tt.dim, tt.target, got, tt.want)
		}
	}
	notes := strings.Join(d.Notes, "\n")
	for _, want := range []string{"1 codes carried over", "1 other versions", "1 codes name a value", "1 adjudicated codes"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if got := len(d.Tables); got != 3+15+1+2 {
		t.Errorf("got %d variables, want 21 (3 targets, 15 frames, primary frame, source, attribution)", got)
	}

	only := Build(cb, c.out, BuildOptions{Coders: []string{"ann", "cat"}, Families: map[int64]int64{1: 1, 2: 1}})
	if got := values(tableOf(t, only, "stance", "Russia")); got != "1: ann=unfavourable; 3: cat=mixed; " {
		t.Errorf("coders ann,cat: got %s", got)
	}
}

func TestBuildSpans(t *testing.T) {
	cb := defaultCodebook(t)
	var c coding
	sp := func(s, e int) *annotate.Span { return &annotate.Span{Start: s, End: e} }
	// ann and bob mark the same speaker with a little more or less text,
	// and one quote each that the other did not mark; cat coded the
	// article on the document only and marked nothing.
	c.add(7, "ann", "source", "", "government", sp(10, 22))
	c.add(7, "bob", "source", "", "government", sp(12, 22))
	c.add(7, "ann", "source", "", "expert", sp(40, 60))
	c.add(7, "bob", "source", "", "military", sp(41, 58))
	c.add(7, "bob", "source", "", "citizen", sp(100, 120))
	c.add(7, "ann", "attribution", "", "direct", sp(10, 22))
	c.add(7, "cat", "stance", "Russia", "neutral", nil)
	d := Build(cb, c.out, BuildOptions{})
	if got := values(tableOf(t, d, "source", "")); got != "7@10-22: ann=government bob=government; 7@40-60: ann=expert bob=military; 7@100-120: bob=citizen; " {
		t.Errorf("source units: got %s", got)
	}
	r := Compute(d, "source", Options{})
	if len(r.Variables) != 1 || r.Variables[0].Units != 2 {
		t.Fatalf("source variable: %+v", r.Variables)
	}
	want := map[string]float64{"ann-bob": 2 * 2.0 / 5, "ann-cat": 0, "bob-cat": 0}
	if len(r.Spans) != 3 {
		t.Fatalf("span pairs: got %+v", r.Spans)
	}
	for _, f := range r.Spans {
		w := want[f.CoderA+"-"+f.CoderB]
		if !f.Defined || f.F1 != w {
			t.Errorf("%s-%s: F1 %v (defined %v), want %v", f.CoderA, f.CoderB, f.F1, f.Defined, w)
		}
	}
}

func TestOverlap(t *testing.T) {
	for _, tt := range []struct {
		a, b [2]int
		want float64
	}{
		{[2]int{0, 10}, [2]int{0, 10}, 1},
		{[2]int{0, 10}, [2]int{5, 15}, 0.5},
		{[2]int{0, 10}, [2]int{10, 20}, 0},
		{[2]int{0, 4}, [2]int{0, 40}, 1},
		{[2]int{0, 10}, [2]int{8, 30}, 0.2},
	} {
		got := overlap(Mark{Start: tt.a[0], End: tt.a[1]}, Mark{Start: tt.b[0], End: tt.b[1]})
		if got != tt.want {
			t.Errorf("overlap %v %v: got %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDifferences(t *testing.T) {
	cb := defaultCodebook(t)
	var c coding
	sp := func(s, e int) *annotate.Span { return &annotate.Span{Start: s, End: e} }
	c.add(1, "ann", "stance", "Russia", "unfavourable", nil)
	c.add(1, "bob", "stance", "Russia", "unfavourable", nil)
	na := c.add(1, "ann", "stance", "Ukraine", "not_applicable", nil)
	na.Note = "Ukraine is only in the byline"
	fav := c.add(1, "bob", "stance", "Ukraine", "favourable", nil)
	tick := c.add(1, "ann", "frames", "", "economic", nil)
	c.add(1, "ann", "source", "", "expert", sp(40, 60))
	mil := c.add(1, "bob", "source", "", "military", sp(41, 58))
	c.add(1, "ann", "source", "", "government", sp(5, 9))
	c.add(1, "bob", "source", "", "government", sp(5, 9))
	r := Compute(Build(cb, c.out, BuildOptions{}), "", Options{})

	show := func(ds []Difference) string {
		var b strings.Builder
		for _, d := range ds {
			fmt.Fprintf(&b, "%d@%d-%d:", d.Article, d.Start, d.End)
			for _, cc := range d.Codes {
				fmt.Fprintf(&b, " %s=%s[%s|%s]", cc.Coder, cc.Value, cc.AnnotationID, cc.Note)
			}
			b.WriteString("; ")
		}
		return b.String()
	}
	for _, tt := range []struct{ dim, target, want string }{
		{"stance", "Russia", ""},
		{"stance", "Ukraine", "1@0-0: ann=not_applicable[" + na.ID + "|Ukraine is only in the byline] bob=favourable[" + fav.ID + "|]; "},
		{"frames", "economic", "1@0-0: ann=present[" + tick.ID + "|] bob=absent[|]; "},
		{"frames", "security", ""},
		{"source", "", "1@40-60: ann=expert[" + c.out[5].ID + "|] bob=military[" + mil.ID + "|]; "},
		{"tone", "", ""},
	} {
		if got := show(r.Differences(tt.dim, tt.target)); got != tt.want {
			t.Errorf("%s/%s:\n got %s\nwant %s", tt.dim, tt.target, got, tt.want)
		}
	}
}

func TestGoldScoring(t *testing.T) {
	cb := defaultCodebook(t)
	var c coding
	// The lead adjudicated three articles; trainee tim coded them too.
	for art, v := range map[int64][2]string{1: {"unfavourable", "unfavourable"}, 2: {"neutral", "mixed"}, 3: {"favourable", "favourable"}} {
		g := c.add(art, "lead", "stance", "Russia", v[0], nil)
		g.Settles = "x y"
		c.add(art, "tim", "stance", "Russia", v[1], nil)
		c.add(art, "ann", "stance", "Russia", v[0], nil)
	}
	without := Build(cb, c.out, BuildOptions{Coders: []string{"tim"}})
	if got := values(tableOf(t, without, "stance", "Russia")); got != "1: tim=unfavourable; 2: tim=mixed; 3: tim=favourable; " {
		t.Errorf("without gold: %s", got)
	}
	d := Build(cb, c.out, BuildOptions{Coders: []string{"tim"}, Gold: "(adjudicated)"})
	if got := values(tableOf(t, d, "stance", "Russia")); got != "1: (adjudicated)=unfavourable tim=unfavourable; 2: (adjudicated)=neutral tim=mixed; 3: (adjudicated)=favourable tim=favourable; " {
		t.Errorf("with gold: %s", got)
	}
	r := Compute(d, "stance", Options{})
	if diffs := r.Differences("stance", "Russia"); len(diffs) != 1 || diffs[0].Article != 2 {
		t.Errorf("tim's differences from the gold set: %+v", diffs)
	}
	if len(r.Spans) != 0 {
		t.Errorf("span F1 against a gold set without span codes: %+v", r.Spans)
	}
	if r := Compute(d, "", Options{}); len(r.Spans) != 0 {
		t.Errorf("span F1 against a gold set without span codes: %+v", r.Spans)
	}
	// The lead settled stance only: the gold set says nothing of frames.
	if got := values(tableOf(t, d, "frames", "economic")); got != "1: tim=absent; 2: tim=absent; 3: tim=absent; " {
		t.Errorf("frames with gold: %s", got)
	}
}

func TestFinal(t *testing.T) {
	cb := defaultCodebook(t)
	var c coding
	a1 := c.add(1, "ann", "stance", "Russia", "unfavourable", nil)
	b1 := c.add(1, "bob", "stance", "Russia", "neutral", nil)
	g := c.add(1, "lead", "stance", "Russia", "neutral", nil)
	g.Settles = a1.ID + " " + b1.ID
	tick := c.add(1, "ann", "frames", "", "economic", nil)
	absent := c.add(1, "lead", "frames", "", "", nil)
	absent.Settles = tick.ID
	c.add(2, "ann", "stance", "Russia", "favourable", nil)
	c.add(2, "bob", "stance", "Russia", "favourable", nil)
	c.add(3, "ann", "stance", "Russia", "mixed", nil)
	c.add(4, "ann", "stance", "Russia", "mixed", nil)
	c.add(4, "bob", "stance", "Russia", "not_applicable", nil)

	final := Final(Build(cb, c.out, BuildOptions{Gold: GoldCoder}))
	var got []string
	for _, f := range final {
		if f.Dimension == "stance" || f.Dimension == "frames" && f.Target == "economic" {
			got = append(got, fmt.Sprintf("%d %s/%s=%s %s %v %d", f.Article, f.Dimension, f.Target, f.Value, f.Status, f.Settles, len(f.Codes)))
		}
	}
	want := []string{
		fmt.Sprintf("1 stance/Russia=neutral adjudicated [%s %s] 2", a1.ID, b1.ID),
		"2 stance/Russia=favourable agreed [] 2",
		"3 stance/Russia=mixed single [] 1",
		"4 stance/Russia= unsettled [] 2",
		fmt.Sprintf("1 frames/economic=absent adjudicated [%s] 2", tick.ID),
		"2 frames/economic=absent agreed [] 2",
		"3 frames/economic=absent single [] 1",
		"4 frames/economic=absent agreed [] 2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("final:\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
