package suggest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

type goldFile struct {
	Articles []struct {
		File   string `json:"file"`
		Quotes []struct {
			Quote   string `json:"quote"`
			Speaker string `json:"speaker"`
			Kind    Kind   `json:"kind"`
		} `json:"quotes"`
	} `json:"articles"`
}

type goldQuote struct {
	start, end int
	speaker    string
	kind       Kind
	text       string
}

func loadGold(t testing.TB, name string) (map[string]string, map[string][]goldQuote, []string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	golds := map[string][]goldQuote{}
	var files []string
	for _, a := range g.Articles {
		b, err := os.ReadFile(filepath.Join("testdata", a.File))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		texts[a.File] = text
		files = append(files, a.File)
		for _, q := range a.Quotes {
			i := strings.Index(text, q.Quote)
			if i < 0 || strings.Count(text, q.Quote) != 1 {
				t.Fatalf("%s: gold quote not found exactly once: %q", a.File, q.Quote)
			}
			s := utf8.RuneCountInString(text[:i])
			golds[a.File] = append(golds[a.File], goldQuote{s, s + utf8.RuneCountInString(q.Quote), q.Speaker, q.Kind, q.Quote})
		}
	}
	return texts, golds, files
}

// overlapMatch reports whether [a0,a1) and [b0,b1) overlap by at least half
// of the shorter span.
func overlapMatch(a0, a1, b0, b1 int) (bool, int) {
	o := min(a1, b1) - max(a0, b0)
	short := min(a1-a0, b1-b0)
	if o <= 0 || short <= 0 {
		return false, 0
	}
	return 2*o >= short, o
}

func sameSpeaker(got, want string) bool {
	return got != "" && strings.EqualFold(lastWord(got), lastWord(want))
}

// TestQuality measures the suggestions against the hand-labelled fixtures:
// precision, recall and F1 at loose span overlap, and speaker accuracy among
// the matched quotes. Run with -v to see the scores and every miss.
func TestQuality(t *testing.T) {
	if f1 := quality(t, "gold.json"); f1 < 0.85 {
		t.Errorf("F1 = %.3f, want >= 0.85", f1)
	}
}

// TestQualityHeldOut scores fixtures written after the rules, kept apart so
// that the in-sample score above is not the only number.
func TestQualityHeldOut(t *testing.T) {
	if f1 := quality(t, "gold_heldout.json"); f1 < 0.75 {
		t.Errorf("held-out F1 = %.3f, want >= 0.75", f1)
	}
}

func quality(t *testing.T, name string) float64 {
	t.Helper()
	texts, golds, files := loadGold(t, name)
	var tp, fp, fn, spOK, kindOK int
	for _, f := range files {
		text, gold := texts[f], golds[f]
		sugs := Suggest(text)
		// Match greedily by largest overlap, one to one.
		type pair struct{ g, s, o int }
		var pairs []pair
		for gi, g := range gold {
			for si, s := range sugs {
				if ok, o := overlapMatch(g.start, g.end, s.QuoteStart, s.QuoteEnd); ok {
					pairs = append(pairs, pair{gi, si, o})
				}
			}
		}
		sort.Slice(pairs, func(i, j int) bool { return pairs[i].o > pairs[j].o })
		gUsed, sUsed := map[int]int{}, map[int]bool{}
		for _, p := range pairs {
			if _, ok := gUsed[p.g]; ok || sUsed[p.s] {
				continue
			}
			gUsed[p.g] = p.s
			sUsed[p.s] = true
		}
		for gi, g := range gold {
			si, ok := gUsed[gi]
			if !ok {
				fn++
				t.Logf("%s MISS   %-9s %q (%s)", f, g.kind, g.text, g.speaker)
				continue
			}
			tp++
			s := sugs[si]
			if sameSpeaker(s.Speaker, g.speaker) {
				spOK++
			} else {
				t.Logf("%s SPEAKER %q: got %q want %q", f, g.text, s.Speaker, g.speaker)
			}
			if s.Kind == g.kind {
				kindOK++
			} else {
				t.Logf("%s KIND   %q: got %s want %s", f, g.text, s.Kind, g.kind)
			}
		}
		for si, s := range sugs {
			if !sUsed[si] {
				fp++
				t.Logf("%s EXTRA  %s", f, Format(text, s))
			}
		}
	}
	p := float64(tp) / float64(max(tp+fp, 1))
	r := float64(tp) / float64(max(tp+fn, 1))
	f1 := 0.0
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	t.Logf("quotes=%d suggestions=%d tp=%d fp=%d fn=%d", tp+fn, tp+fp, tp, fp, fn)
	t.Logf("precision=%.3f recall=%.3f F1=%.3f speaker accuracy=%.3f (%d/%d) kind accuracy=%.3f (%d/%d)",
		p, r, f1, float64(spOK)/float64(max(tp, 1)), spOK, tp, float64(kindOK)/float64(max(tp, 1)), kindOK, tp)
	return f1
}
