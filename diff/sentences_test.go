package diff

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The army withdrew. The town was quiet.", []string{"The army withdrew.", "The town was quiet."}},
		{"titles", "Mr. Smith met Dr. Jones and Gen. Ruiz. They talked.", []string{"Mr. Smith met Dr. Jones and Gen. Ruiz.", "They talked."}},
		{"us mid", "The U.S. Navy said it would stay. It did.", []string{"The U.S. Navy said it would stay.", "It did."}},
		{"us end", "Talks were held in the U.S. The next round is in May.", []string{"Talks were held in the U.S.", "The next round is in May."}},
		{"times", "It began at 4 a.m. on Monday and ended at 6 p.m. The roads reopened.", []string{"It began at 4 a.m. on Monday and ended at 6 p.m.", "The roads reopened."}},
		{"number", "He lives at No. 5 Mill Lane. She does not.", []string{"He lives at No. 5 Mill Lane.", "She does not."}},
		{"no as word", "The answer was no. Talks ended.", []string{"The answer was no.", "Talks ended."}},
		{"decimal", "Prices rose 3.5 percent. Wages rose 2.", []string{"Prices rose 3.5 percent.", "Wages rose 2."}},
		{"decimal end", "Inflation was 3.5. Analysts had expected less.", []string{"Inflation was 3.5.", "Analysts had expected less."}},
		{"initials", "J. R. Smith wrote the report. It was long.", []string{"J. R. Smith wrote the report.", "It was long."}},
		{"saint and month", "She lives on St. Anne's Road since Jan. 3 this year. Fine.", []string{"She lives on St. Anne's Road since Jan. 3 this year.", "Fine."}},
		{"quote after stop", "“We will stay.” He left at noon.", []string{"“We will stay.”", "He left at noon."}},
		{"straight quote after stop", `"We will stay." He left.`, []string{`"We will stay."`, "He left."}},
		{"quote question lower", "“Are you sure?” she asked. He nodded.", []string{"“Are you sure?” she asked.", "He nodded."}},
		{"quote opens next", "He said so. “It is over,” he added.", []string{"He said so.", "“It is over,” he added."}},
		{"exclamation", "Stop! Police! Nobody moved.", []string{"Stop!", "Police!", "Nobody moved."}},
		{"ellipsis lower", "We waited... and waited. Then it came.", []string{"We waited... and waited.", "Then it came."}},
		{"ellipsis upper", "We waited… Then it came.", []string{"We waited…", "Then it came."}},
		{"inc", "He joined Acme Inc. in 1990. Acme Inc. The firm grew.", []string{"He joined Acme Inc. in 1990.", "Acme Inc.", "The firm grew."}},
		{"eg", "Some towns, e.g. Lowgate, flooded.", []string{"Some towns, e.g. Lowgate, flooded."}},
		{"paragraph", "First line without stop\n\nSecond paragraph.", []string{"First line without stop", "Second paragraph."}},
		{"heading", "Flood hits Marrowby\nMARROWBY (Wire) - Water rose.\nIt rained.", []string{"Flood hits Marrowby", "MARROWBY (Wire) - Water rose.", "It rained."}},
		{"hard wrapped", "The minister said on Tuesday that the government would\nsend troops to the region within days, and that aid\nwould follow. Critics said it was too late.",
			[]string{"The minister said on Tuesday that the government would\nsend troops to the region within days, and that aid\nwould follow.", "Critics said it was too late."}},
		{"url", "See example.com for more. Done.", []string{"See example.com for more.", "Done."}},
		{"numbered", "1. Evacuate the town.", []string{"1. Evacuate the town."}},
		{"empty", "", nil},
		{"spaces", " \n\n \t", nil},
		{"cjk", "洪水来了。我们走了。", []string{"洪水来了。", "我们走了。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(Sentences(tt.in))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkSentences(t, tt.in, Sentences(tt.in))
		})
	}
}

func TestSentencesParagraphs(t *testing.T) {
	got := Sentences("One. Two.\n\nThree.\n \nFour.\nFive.")
	var paras []int
	for _, s := range got {
		paras = append(paras, s.Para)
	}
	if want := []int{0, 0, 1, 2, 2}; !slices.Equal(paras, want) {
		t.Errorf("paras = %v, want %v", paras, want)
	}
}

func TestSentencesWire(t *testing.T) {
	got := sentenceTexts(Sentences(readFixture(t, "wire_1049.txt")))
	if len(got) != 9 {
		t.Fatalf("got %d sentences, want 9:\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[2], "“") && !strings.HasPrefix(got[2], `"We saw`) {
		t.Errorf("sentence 3 = %q, want the quote", got[2])
	}
}

// checkSentences verifies the invariants of a sentence split.
func checkSentences(t *testing.T, text string, ss []Sentence) {
	t.Helper()
	rs := []rune(text)
	prevEnd, prevPara := 0, 0
	for i, s := range ss {
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(rs) {
			t.Fatalf("sentence %d has bad range [%d,%d) after %d (len %d)", i, s.Start, s.End, prevEnd, len(rs))
		}
		if s.Text != string(rs[s.Start:s.End]) {
			t.Fatalf("sentence %d text %q != runes %q", i, s.Text, string(rs[s.Start:s.End]))
		}
		if strings.TrimSpace(s.Text) != s.Text {
			t.Fatalf("sentence %d not trimmed: %q", i, s.Text)
		}
		if s.Para < prevPara {
			t.Fatalf("sentence %d para %d < %d", i, s.Para, prevPara)
		}
		prevEnd, prevPara = s.End, s.Para
	}
	// Every non-space rune is in some sentence.
	covered := 0
	for _, s := range ss {
		for _, r := range rs[s.Start:s.End] {
			if !isSpaceRune(r) {
				covered++
			}
		}
	}
	total := 0
	for _, r := range rs {
		if !isSpaceRune(r) {
			total++
		}
	}
	if covered != total {
		t.Fatalf("sentences cover %d of %d non-space runes", covered, total)
	}
	_ = utf8.RuneError
}

func isSpaceRune(r rune) bool { return strings.TrimSpace(string(r)) == "" && r != utf8.RuneError }

func TestWords(t *testing.T) {
	got := Words("Don't panic: the well-known 3.5% rise, 10,000 people — U.S. “data”.")
	var texts []string
	for _, w := range got {
		texts = append(texts, w.Text)
	}
	want := []string{"Don't", "panic", "the", "well-known", "3.5", "rise", "10,000", "people", "U", "S", "data"}
	if !slices.Equal(texts, want) {
		t.Errorf("Words = %q, want %q", texts, want)
	}
	if got[0].Start != 0 || got[0].End != 5 {
		t.Errorf("first word at [%d,%d), want [0,5)", got[0].Start, got[0].End)
	}
	ws := Words("naïve café")
	if ws[1].Start != 6 || ws[1].End != 10 {
		t.Errorf("rune offsets: café at [%d,%d), want [6,10)", ws[1].Start, ws[1].End)
	}
}
