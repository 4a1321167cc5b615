package diff

import "testing"

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"", "Mr. Smith went to Washington. He stayed.", "“End.” He said", "3.5... Next\n\nPara",
		"\xff\xfe invalid. Bytes.", "a.\u2029b.", "洪水来了。我们走了。", "...", ".\n.\n\n.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSentences(t, s, Sentences(s))
		ws := Words(s)
		rs := []rune(s)
		for i, w := range ws {
			if w.Start >= w.End || w.End > len(rs) || (i > 0 && w.Start < ws[i-1].End) || w.Text != string(rs[w.Start:w.End]) {
				t.Fatalf("bad word %d %+v", i, w)
			}
		}
	})
}

func FuzzWordDiff(f *testing.F) {
	f.Add("At least three people were killed.", "At least five people were killed.")
	f.Add("", "x")
	f.Add("\xff\xfe", "\xfe\xff a")
	f.Add("a  b\tc", "a b c")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkOps(t, a, b, WordDiff(a, b))
	})
}

func FuzzCompare(f *testing.F) {
	f.Add("Rain fell. Rivers rose.", "Rivers rose. Rain fell today.", false)
	f.Add("\xff. A.", "A. \xff.", true)
	f.Fuzz(func(t *testing.T, a, b string, fold bool) {
		if len(a) > 4000 || len(b) > 4000 {
			return
		}
		c := Compare(a, b, Options{IgnoreCase: fold, IgnoreQuotes: fold, IgnoreWhitespace: fold})
		checkComparison(t, a, b, c)
		RepeatedBlock(a + "\n\n" + b)
	})
}

func FuzzCompareReuse(f *testing.F) {
	f.Add("The port said it would take ten days to clear the backlog of ships.", "The port said it would take 10 days to clear the backlog of vessels.")
	f.Add("", "x")
	f.Add("\xff\xfe a b c d e f", "a b c d e f \xfe")
	f.Add("Read more:\nSee also\n©", "cookie\n\n\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		pa, pb := Prepare(a), Prepare(b)
		r := CompareReuse(pa, pb)
		na, nb := len([]rune(a)), len([]rune(b))
		for _, p := range r.Passages {
			if p.AStart < 0 || p.AStart > p.AEnd || p.AEnd > na || p.BStart < 0 || p.BStart > p.BEnd || p.BEnd > nb {
				t.Fatalf("passage out of range: %+v (lengths %d, %d)", p, na, nb)
			}
		}
		for _, c := range pa.Chrome() {
			if c.Start < 0 || c.End > na || c.Start > c.End {
				t.Fatalf("chrome out of range: %+v", c)
			}
		}
		if r.CoverA < 0 || r.CoverA > 1 || r.CoverB < 0 || r.CoverB > 1 {
			t.Fatalf("cover %v %v", r.CoverA, r.CoverB)
		}
	})
}
