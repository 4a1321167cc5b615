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
