package suggest

import (
	"strings"
	"testing"
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

// TestPathologicalInputsAreFast guards against quadratic blow-ups on long
// paragraphs full of marks.
func TestPathologicalInputsAreFast(t *testing.T) {
	for _, unit := range []string{"‘ab members’ pay ", `"a `, "« ", "said the ", "X, ", "don’t ", "he said, ", "’ ", "‘a "} {
		text := strings.Repeat(unit, 40000/len(unit))
		got := Suggest(text)
		checkSuggestions(t, text, got)
	}
}
