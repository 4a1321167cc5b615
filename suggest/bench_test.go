package suggest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func BenchmarkSuggest(b *testing.B) {
	texts, _, files := loadGold(b, "gold.json")
	var all strings.Builder
	for _, f := range files {
		all.WriteString(texts[f] + "\n\n")
	}
	text := all.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Suggest(text)
	}
}

// scalingInputs are the shapes of issue 8's quadratic cases, each grown to
// n bytes: paragraphs that open a quotation and never close it, one long
// run of «, and ordinary prose (the corpus articles repeated).
func scalingInput(tb testing.TB, shape string, n int) string {
	var unit string
	switch shape {
	case "unclosed":
		unit = "“The border will stay closed until the guards leave, and nobody in the ministry will say when that is, said Anika Varelo on Tuesday.\n\n"
	case "guillemets":
		unit = "« "
	case "prose":
		var b strings.Builder
		for _, a := range loadCorpus(tb, "dev") {
			b.WriteString(a.text + "\n\n")
		}
		unit = b.String()
	}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(unit)
	}
	text := b.String()[:n]
	for !utf8.ValidString(text) {
		text = text[:len(text)-1]
	}
	return text
}

// BenchmarkSuggestScaling times Suggest and the text output of `redline
// suggest` (FormatAll) on inputs doubling in size; time per op doubling with
// the size is linear growth:
//
//	go test -run XXX -bench SuggestScaling -benchtime 3x ./suggest/
func BenchmarkSuggestScaling(b *testing.B) {
	for _, shape := range []string{"unclosed", "guillemets", "prose"} {
		for n := 25_000; n <= 800_000; n *= 2 {
			text := scalingInput(b, shape, n)
			b.Run(fmt.Sprintf("%s/%dKB", shape, n/1000), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					FormatAll(text, Suggest(text))
				}
			})
		}
	}
}

// BenchmarkSuggest5000Words times one 5,000-word article made of corpus
// articles (the goal: under 50 ms).
func BenchmarkSuggest5000Words(b *testing.B) {
	var sb strings.Builder
	words := 0
	for _, a := range loadCorpus(b, "dev") {
		if words >= 5000 {
			break
		}
		for _, f := range strings.Fields(a.text) {
			if words == 5000 {
				break
			}
			sb.WriteString(f + " ")
			words++
		}
		sb.WriteString("\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Suggest(text)
	}
}

// TestPathologicalInputsAreFast guards against quadratic blow-ups on long
// paragraphs full of marks.
func TestPathologicalInputsAreFast(t *testing.T) {
	for _, unit := range []string{"‘ab members’ pay ", `"a `, "« ", "said the ", "X, ", "don’t ", "he said, ", "’ ", "‘a ",
		"He said, adding that ", ", adding that it was ", "the company said ", "&amp;", "&#8220", "â€", "“a“ ", "„a“ ",
		"Mr. A B said the C was \"d\" and that \"e\". ", "the source said ", "\"a\" — B\n", "according to the ",
		"but that ", "X, 41, said ", ": '", "Mother of two Sophie Lang said "} {
		text := strings.Repeat(unit, 40000/len(unit))
		got := Suggest(text)
		checkSuggestions(t, text, got)
	}
}
