package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
	"testing/quick"
)

// checkOps verifies that ops turn a into b and that offsets are consistent.
func checkOps(t testing.TB, a, b string, ops []Op) {
	t.Helper()
	ra, rb := []rune(a), []rune(b)
	var gotA, gotB strings.Builder
	ia, ib := 0, 0
	for k, op := range ops {
		if op.AStart != ia || op.BStart != ib {
			t.Fatalf("op %d %v starts at a%d b%d, want a%d b%d", k, op.Kind, op.AStart, op.BStart, ia, ib)
		}
		switch op.Kind {
		case Equal:
			gotA.WriteString(string(ra[op.AStart:op.AEnd]))
			gotB.WriteString(op.Text)
			if op.Text != string(rb[op.BStart:op.BEnd]) {
				t.Fatalf("op %d: equal text %q is not b's %q", k, op.Text, string(rb[op.BStart:op.BEnd]))
			}
		case Insert:
			if op.AStart != op.AEnd {
				t.Fatalf("op %d: insert spans a", k)
			}
			gotB.WriteString(op.Text)
		case Delete:
			if op.BStart != op.BEnd {
				t.Fatalf("op %d: delete spans b", k)
			}
			gotA.WriteString(op.Text)
			if op.Text != string(ra[op.AStart:op.AEnd]) {
				t.Fatalf("op %d: delete text %q is not a's", k, op.Text)
			}
		}
		if op.Text == "" {
			t.Fatalf("op %d is empty", k)
		}
		ia, ib = op.AEnd, op.BEnd
	}
	if ia != len(ra) || ib != len(rb) {
		t.Fatalf("ops end at a%d b%d, want a%d b%d", ia, ib, len(ra), len(rb))
	}
	if gotA.String() != string(ra) {
		t.Fatalf("ops rebuild a as %q, want %q", gotA.String(), a)
	}
	if gotB.String() != string(rb) {
		t.Fatalf("ops rebuild b as %q, want %q", gotB.String(), b)
	}
}

func render(ops []Op) string {
	var sb strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case Equal:
			sb.WriteString(op.Text)
		case Insert:
			sb.WriteString("{+" + op.Text + "+}")
		case Delete:
			sb.WriteString("[-" + op.Text + "-]")
		}
	}
	return sb.String()
}

func TestWordDiff(t *testing.T) {
	tests := []struct{ name, a, b, want string }{
		{"same", "Five people died.", "Five people died.", "Five people died."},
		{"number", "At least three people were killed.", "At least five people were killed.", "At least [-three-]{+five+} people were killed."},
		{"insert", "The levee broke.", "The old levee broke.", "The {+old +}levee broke."},
		{"delete", "Crews used small boats.", "Crews used boats.", "Crews used [-small -]boats."},
		{"rewrite merges", "He asked neighbouring districts for help.", "He urged nearby towns to send beds.", "He [-asked neighbouring districts for help-]{+urged nearby towns to send beds+}."},
		{"empty a", "", "New text.", "{+New text.+}"},
		{"empty b", "Old text.", "", "[-Old text.-]"},
		{"unicode", "Ünïcode café", "Ünïcode naïve café", "Ünïcode {+naïve +}café"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := WordDiff(tt.a, tt.b)
			checkOps(t, tt.a, tt.b, ops)
			if got := render(ops); got != tt.want {
				t.Errorf("WordDiff(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestWordDiffNormalized(t *testing.T) {
	a := "“We will stay,” she said — twice."
	b := "\"we   will stay,\" she said - twice."
	nz := normalizer{ws: true, quotes: true, fold: true}
	ops := wordDiff([]rune(a), []rune(b), 0, 0, nz)
	checkOps(t, a, b, ops)
	if len(ops) != 1 || ops[0].Kind != Equal {
		t.Errorf("normalised diff = %s, want one equality", render(ops))
	}
}

var vocab = strings.Fields(`the a of to in and said police army town river flood levee mayor
government minister people killed injured residents homes water rain rescue crews
boats shelter soldiers road bridge north south east west on Tuesday Wednesday at
about 1,200 3,000 5 14 22 3.5 percent officials told reporters “we” saw wall minutes`)

func randomText(r *rand.Rand, words int) string {
	var sb strings.Builder
	for i := range words {
		if i > 0 {
			switch r.IntN(12) {
			case 0:
				sb.WriteString(". ")
			case 1:
				sb.WriteString(", ")
			case 2:
				sb.WriteString("\n\n")
			default:
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(vocab[r.IntN(len(vocab))])
	}
	sb.WriteByte('.')
	return sb.String()
}

// mutate applies random word-level edits to s.
func mutate(r *rand.Rand, s string, edits int) string {
	ws := strings.SplitAfter(s, " ")
	for range edits {
		if len(ws) == 0 {
			ws = append(ws, vocab[r.IntN(len(vocab))]+" ")
			continue
		}
		i := r.IntN(len(ws))
		switch r.IntN(3) {
		case 0:
			ws = append(ws[:i], ws[i+1:]...)
		case 1:
			ws = append(ws[:i], append([]string{vocab[r.IntN(len(vocab))] + " "}, ws[i:]...)...)
		default:
			ws[i] = vocab[r.IntN(len(vocab))] + " "
		}
	}
	return strings.Join(ws, "")
}

func TestWordDiffRandomEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		a := randomText(r, r.IntN(80))
		b := mutate(r, a, r.IntN(12))
		checkOps(t, a, b, WordDiff(a, b))
	}
}

func TestWordDiffQuick(t *testing.T) {
	f := func(a, b string) bool {
		ops := WordDiff(a, b)
		var sb strings.Builder
		for _, op := range ops {
			if op.Kind != Delete {
				sb.WriteString(op.Text)
			}
		}
		return sb.String() == string([]rune(b))
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 500}); err != nil {
		t.Error(err)
	}
}

func TestWordDiffLong(t *testing.T) {
	// Long inputs take the two-level path (sentences, then words).
	r := rand.New(rand.NewPCG(3, 4))
	for k := range 6 {
		a := randomText(r, 2500+r.IntN(1000))
		b := mutate(r, a, 5+r.IntN(60))
		if k == 5 {
			b = randomText(r, 2000)
		}
		ops := WordDiff(a, b)
		checkOps(t, a, b, ops)
		if k < 5 {
			changed := 0
			for _, op := range ops {
				if op.Kind != Equal {
					changed += len(Words(op.Text))
				}
			}
			if changed > 40*6+120 {
				t.Errorf("long diff changed %d words for at most %d edits", changed, 65)
			}
		}
	}
}
