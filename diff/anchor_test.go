package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// runeIndex returns the rune offset of the nth (from 1) occurrence of sub
// in text, or -1.
func runeIndex(text, sub string, nth int) int {
	off := 0
	for range nth {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return len([]rune(text[:off-1]))
}

// anchorAt anchors the nth occurrence of quote in text, with 32 runes of
// context as Redline stores them.
func anchorAt(tb testing.TB, text, quote string, nth int) Anchor {
	tb.Helper()
	s := runeIndex(text, quote, nth)
	if s < 0 {
		tb.Fatalf("%q: occurrence %d not in the old text", quote, nth)
	}
	return anchorSpan(text, s, s+len([]rune(quote)))
}

func anchorSpan(text string, start, end int) Anchor {
	r := []rune(text)
	return Anchor{
		Start:  start,
		End:    end,
		Quote:  string(r[start:end]),
		Prefix: string(r[max(0, start-32):start]),
		Suffix: string(r[end:min(len(r), end+32)]),
	}
}

const (
	flood = "The flood reached the town of Marlow on Tuesday. Residents left their homes before dawn, carrying what they could.\n\n" +
		"The council approved the new budget on Tuesday after a long debate. Engineers will inspect the levee next week.\n\n" +
		"Roads north of the river remain closed."
	// floodMoved moves the council's budget sentence into the last
	// paragraph.
	floodMoved = "The flood reached the town of Marlow on Tuesday. Residents left their homes before dawn, carrying what they could.\n\n" +
		"Engineers will inspect the levee next week.\n\n" +
		"Roads north of the river remain closed. The council approved the new budget on Tuesday after a long debate."

	paras = "Water rose all night along the embankment, and by morning the old mill stood in a lake that stretched to the railway line and beyond it into the fields.\n\n" +
		"A ferryman named Oskar Brandt carried forty people across.\n\n" +
		"Volunteers filled sandbags in the market square while the fire brigade pumped out cellars on Station Street, working in shifts until the pumps ran dry around noon."
	parasReordered = "Water rose all night along the embankment, and by morning the old mill stood in a lake that stretched to the railway line and beyond it into the fields.\n\n" +
		"Volunteers filled sandbags in the market square while the fire brigade pumped out cellars on Station Street, working in shifts until the pumps ran dry around noon.\n\n" +
		"A ferryman named Oskar Brandt carried forty people across."

	mayor = "Rain fell for a third day across the valley, and the river rose past the old flood marks by evening. Residents cheered when the mayor arrived.\n\nThe river peaked at noon on Friday, a full metre above the record set in 1953."
	// mayorFirst moves the cheering to the top and adds a second mayor
	// sentence after it; mayorSecond adds that sentence before it.
	mayorFirst  = "Residents cheered when the mayor arrived. Rain fell for a third day across the valley, and the river rose past the old flood marks by evening.\n\nThe river peaked at noon on Friday, a full metre above the record set in 1953. Critics said the mayor ignored the warnings."
	mayorSecond = "Critics said the mayor ignored the warnings. Rain fell for a third day across the valley, and the river rose past the old flood marks by evening.\n\nThe river peaked at noon on Friday, a full metre above the record set in 1953. Residents cheered when the mayor arrived."

	sete = "«Nous resterons ici», a déclaré la maire 🙂 de Sète. L'eau monte encore, et les digues cèdent une à une près du port de plaisance."
)

func TestAnchorReanchor(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		anchor   Anchor
		status   Status
		want     string // placed text; "" for an orphan
		wantNth  int    // occurrence of want in new that must be placed; 0 means 1
		minScore float64
	}{
		{
			name:   "inserted before",
			old:    flood,
			new:    "Heavy rain had fallen for a week.\n\n" + strings.Replace(flood, "on Tuesday. ", "on Tuesday, officials said. ", 1),
			anchor: anchorAt(t, flood, "Engineers will inspect the levee", 1),
			status: AnchorExact, want: "Engineers will inspect the levee", minScore: 1,
		},
		{
			name:   "edited inside",
			old:    flood,
			new:    strings.Replace(flood, "council approved the new budget", "council narrowly approved the revised budget", 1),
			anchor: anchorAt(t, flood, "The council approved the new budget on Tuesday", 1),
			status: AnchorFuzzy, want: "The council narrowly approved the revised budget on Tuesday", minScore: 0.7,
		},
		{
			name:   "deleted",
			old:    flood,
			new:    strings.Replace(flood, " Residents left their homes before dawn, carrying what they could.", "", 1),
			anchor: anchorAt(t, flood, "Residents left their homes before dawn", 1),
			status: AnchorOrphaned,
		},
		{
			name:   "sentence moved to another paragraph",
			old:    flood,
			new:    floodMoved,
			anchor: anchorAt(t, flood, "The council approved the new budget on Tuesday after a long debate.", 1),
			status: AnchorMoved, want: "The council approved the new budget on Tuesday after a long debate.", minScore: 0.5,
		},
		{
			name:   "part of a moved sentence",
			old:    flood,
			new:    floodMoved,
			anchor: anchorAt(t, flood, "new budget", 1),
			status: AnchorMoved, want: "new budget", minScore: 0.9,
		},
		{
			name:   "paragraphs reordered",
			old:    paras,
			new:    parasReordered,
			anchor: anchorAt(t, paras, "Oskar Brandt", 1),
			status: AnchorMoved, want: "Oskar Brandt", minScore: 0.8,
		},
		{
			name:   "repeated phrase, first is right",
			old:    mayor,
			new:    mayorFirst,
			anchor: anchorAt(t, mayor, "the mayor", 1),
			status: AnchorMoved, want: "the mayor", wantNth: 1, minScore: 0.7,
		},
		{
			name:   "repeated phrase, second is right",
			old:    mayor,
			new:    mayorSecond,
			anchor: anchorAt(t, mayor, "the mayor", 1),
			status: AnchorMoved, want: "the mayor", wantNth: 2, minScore: 0.7,
		},
		{
			name:   "repeated phrase in place",
			old:    "Critics said the mayor ignored the warnings. Residents cheered when the mayor arrived.",
			new:    "Critics said the mayor ignored the warnings. Later, residents cheered when the mayor arrived.",
			anchor: anchorAt(t, "Critics said the mayor ignored the warnings. Residents cheered when the mayor arrived.", "the mayor", 2),
			status: AnchorExact, want: "the mayor", wantNth: 2, minScore: 1,
		},
		{
			name:   "short quote out of context",
			old:    "Rain fell. Residents cheered when the mayor arrived.",
			new:    "Critics said the mayor ignored warnings. Later the mayor resigned.",
			anchor: anchorAt(t, "Rain fell. Residents cheered when the mayor arrived.", "the mayor", 1),
			status: AnchorOrphaned,
		},
		{
			name:   "text start, edited after",
			old:    flood,
			new:    strings.Replace(flood, "The flood reached", "The flood finally reached", 1),
			anchor: anchorAt(t, flood, "The flood", 1),
			status: AnchorExact, want: "The flood", minScore: 0.5,
		},
		{
			name:   "text end",
			old:    flood,
			new:    "Update: " + strings.Replace(flood, "next week", "on Monday", 1),
			anchor: anchorAt(t, flood, "remain closed.", 1),
			status: AnchorExact, want: "remain closed.", minScore: 1,
		},
		{
			name:   "text end, moved",
			old:    flood,
			new:    "Roads north of the river remain closed.\n\n" + strings.TrimSuffix(flood, "\n\nRoads north of the river remain closed."),
			anchor: anchorAt(t, flood, "Roads north of the river remain closed.", 1),
			status: AnchorMoved, want: "Roads north of the river remain closed.", minScore: 0.5,
		},
		{
			name:   "multi-byte, inserted before",
			old:    sete,
			new:    "🌧️🌧️ Alerte ! " + sete,
			anchor: anchorAt(t, sete, "la maire 🙂 de Sète", 1),
			status: AnchorExact, want: "la maire 🙂 de Sète", minScore: 1,
		},
		{
			name:   "multi-byte, edited",
			old:    sete,
			new:    "Alerte ! " + strings.Replace(sete, "ici", "là", 1),
			anchor: anchorAt(t, sete, "«Nous resterons ici»", 1),
			status: AnchorFuzzy, want: "«Nous resterons là»", minScore: 0.6,
		},
		{
			name:   "multi-byte, moved",
			old:    sete,
			new:    "L'eau monte encore, et les digues cèdent une à une près du port de plaisance. «Nous resterons ici», a déclaré la maire 🙂 de Sète.",
			anchor: anchorAt(t, sete, "a déclaré la maire 🙂 de Sète", 1),
			status: AnchorMoved, want: "a déclaré la maire 🙂 de Sète", minScore: 0.7,
		},
		{
			name:   "quote only",
			old:    flood,
			new:    "Heavy rain. " + flood,
			anchor: Anchor{Start: runeIndex(flood, "Marlow", 1), End: runeIndex(flood, "Marlow", 1) + 6},
			status: AnchorExact, want: "Marlow", minScore: 1,
		},
		{
			name: "stale offsets",
			old:  flood,
			new:  flood,
			anchor: Anchor{Start: 0, End: 6, Quote: "Marlow",
				Prefix: "The flood reached the town of ", Suffix: " on Tuesday. Residents left"},
			status: AnchorMoved, want: "Marlow", minScore: 1,
		},
		{
			name:   "invalid UTF-8",
			old:    "Le d\xe9bat a dur\xe9 trois heures. Fin.",
			new:    "Intro \xff. Le d\xe9bat a dur\xe9 trois heures. Fin.",
			anchor: anchorAt(t, "Le d\xe9bat a dur\xe9 trois heures. Fin.", "a dur\xe9 trois", 1),
			status: AnchorExact, want: "a dur\ufffd trois", minScore: 1,
		},
		{
			name:   "start before the text",
			old:    flood,
			new:    flood,
			anchor: Anchor{Start: -1, End: 4, Quote: "The"},
			status: AnchorOrphaned,
		},
		{
			name:   "end past the text",
			old:    "short",
			new:    "short",
			anchor: Anchor{Start: 0, End: 6, Quote: "short"},
			status: AnchorOrphaned,
		},
		{
			name:   "empty span",
			old:    flood,
			new:    flood,
			anchor: Anchor{Start: 3, End: 3},
			status: AnchorOrphaned,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reanchor(tt.old, tt.new, []Anchor{tt.anchor})
			if len(got) != 1 {
				t.Fatalf("got %d placements, want 1", len(got))
			}
			p := got[0]
			t.Logf("%+v", p)
			if p.Status != tt.status {
				t.Fatalf("status %q (%+v), want %q", p.Status, p, tt.status)
			}
			if tt.status == AnchorOrphaned {
				if p.Start != -1 || p.End != -1 {
					t.Fatalf("orphan at %d-%d, want -1", p.Start, p.End)
				}
				return
			}
			nb := []rune(tt.new)
			if p.Start < 0 || p.End > len(nb) || p.Start >= p.End {
				t.Fatalf("placement %d-%d outside new text of %d runes", p.Start, p.End, len(nb))
			}
			if got := string(nb[p.Start:p.End]); got != tt.want {
				t.Fatalf("placed on %q, want %q", got, tt.want)
			}
			nth := max(1, tt.wantNth)
			if want := runeIndex(string(nb), tt.want, nth); p.Start != want {
				t.Fatalf("placed at %d, want occurrence %d at %d", p.Start, nth, want)
			}
			if p.Score < tt.minScore || p.Score > 1 {
				t.Fatalf("score %.3f, want %.3f to 1", p.Score, tt.minScore)
			}
		})
	}
}

func TestAnchorIdenticalTexts(t *testing.T) {
	texts := []string{flood, paras, mayor, sete, "x", "Le d\xe9bat \xff\xfe fin."}
	for i, text := range texts {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			n := len([]rune(text))
			var as []Anchor
			for s := 0; s < n; s += 1 + n/7 {
				for e := s + 1; e <= n; e += 1 + n/5 {
					as = append(as, anchorSpan(text, s, e))
				}
			}
			as = append(as, anchorSpan(text, 0, n))
			for k, p := range Reanchor(text, text, as) {
				if p.Status != AnchorExact || p.Start != as[k].Start || p.End != as[k].End || p.Score != 1 {
					t.Errorf("anchor %d-%d placed %+v, want exact in place", as[k].Start, as[k].End, p)
				}
			}
		})
	}
}

func TestAnchorUnchangedProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		text := randomText(r, 1+r.IntN(120))
		n := len([]rune(text))
		as := make([]Anchor, 1+r.IntN(8))
		for k := range as {
			s := r.IntN(n)
			as[k] = anchorSpan(text, s, s+1+r.IntN(n-s))
		}
		for k, p := range Reanchor(text, text, as) {
			if p.Status != AnchorExact || p.Start != as[k].Start || p.End != as[k].End || p.Score != 1 {
				t.Fatalf("%q: anchor %d-%d placed %+v, want exact in place", text, as[k].Start, as[k].End, p)
			}
		}
	}
}

// TestAnchorInsertionProperty inserts a sentence outside each span: the
// span's text must still be found, in place or moved.
func TestAnchorInsertionProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		text := randomText(r, 2+r.IntN(120))
		rs := []rune(text)
		s := r.IntN(len(rs) - 1)
		a := anchorSpan(text, s, s+1+r.IntN(len(rs)-s))
		at := r.IntN(s + 1)
		if r.IntN(2) == 0 {
			at = a.End + r.IntN(len(rs)-a.End+1)
		}
		edited := string(rs[:at]) + "Zebras crossed the square. " + string(rs[at:])
		p := Reanchor(text, edited, []Anchor{a})[0]
		if p.Status != AnchorExact && p.Status != AnchorMoved {
			t.Fatalf("%q -> %q: %q placed %+v", text, edited, a.Quote, p)
		}
		if got := string([]rune(edited)[p.Start:p.End]); got != a.Quote {
			t.Fatalf("%q -> %q: %q placed on %q", text, edited, a.Quote, got)
		}
	}
}

func TestAnchorNoAnchors(t *testing.T) {
	if got := Reanchor("a", "b", nil); len(got) != 0 {
		t.Fatalf("got %d placements for no anchors", len(got))
	}
}

func FuzzAnchor(f *testing.F) {
	f.Add(flood, floodMoved, 10, 30, "")
	f.Add(sete, "x «Nous» 🙂", 0, 5, "«Nous")
	f.Add("\xff\xfe a b", "a \xff b", 1, 3, "\xfe a")
	f.Add("", "", 0, 1, "q")
	f.Fuzz(func(t *testing.T, a, b string, start, end int, quote string) {
		if len(a) > 4000 || len(b) > 4000 {
			return
		}
		in := []Anchor{{Start: start, End: end, Quote: quote, Prefix: quote, Suffix: quote}}
		if n := len([]rune(a)); start >= 0 && start < end && end <= n {
			in = append(in, anchorSpan(a, start, end))
		}
		nb := len([]rune(b))
		for _, p := range Reanchor(a, b, in) {
			if p.Status == AnchorOrphaned {
				if p.Start != -1 || p.End != -1 {
					t.Fatalf("orphan at %d-%d", p.Start, p.End)
				}
				continue
			}
			if p.Start < 0 || p.End > nb || p.Start >= p.End || p.Score < 0 || p.Score > 1 {
				t.Fatalf("bad placement %+v in %d runes", p, nb)
			}
		}
	})
}

// BenchmarkAnchor200 places 200 anchors of 3 to 20 words between two
// versions of a 20,000-word text.
//
//	go test -run '^$' -bench Anchor200 -benchmem ./diff/
func BenchmarkAnchor200(b *testing.B) {
	a, v := newsPair(1000, 1)
	ws := Words(a)
	r := rand.New(rand.NewPCG(7, 8))
	as := make([]Anchor, 200)
	for k := range as {
		i := r.IntN(len(ws) - 20)
		as[k] = anchorSpan(a, ws[i].Start, ws[i+2+r.IntN(18)].End)
	}
	var ps []Placement
	for b.Loop() {
		ps = Reanchor(a, v, as)
	}
	n := map[Status]int{}
	for _, p := range ps {
		n[p.Status]++
	}
	b.Logf("words %d and %d; placements %v", len(ws), len(Words(v)), n)
}
