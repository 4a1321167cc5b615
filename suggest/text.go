package suggest

import (
	"strings"
	"unicode"
)

// tok is a word or a punctuation rune of the text, with rune offsets.
type tok struct {
	s, e  int
	text  string
	low   string
	word  bool
	upper bool // starts with an upper-case letter
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApos(r rune) bool { return r == '\'' || r == '’' }

// tokenize splits rs[a:b] into words and punctuation. Apostrophes and hyphens
// inside a word stay in it (don't, al-Rashid, Ministry's); a plural
// possessive keeps its apostrophe (Farmers' Union); abbreviations and
// initials keep their full stop (Mr., U.S., J.).
func tokenize(rs []rune, a, b int) []tok {
	var out []tok
	for i := a; i < b; {
		r := rs[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		if !isWordRune(r) {
			out = append(out, mkTok(rs, i, i+1, false))
			i++
			continue
		}
		j := i + 1
		seg := 1 // letters since the last internal full stop
		for j < b {
			c := rs[j]
			if isWordRune(c) {
				j++
				seg++
				continue
			}
			if j+1 < b && isWordRune(rs[j+1]) && (isApos(c) || c == '-' || c == '‐' || c == '&') {
				j++
				continue
			}
			if c == '.' && j+1 < b && unicode.IsLetter(rs[j+1]) && seg == 1 {
				j++
				seg = 0
				continue
			}
			break
		}
		if j < b && rs[j] == '.' {
			w := strings.ToLower(string(rs[i:j]))
			if abbreviations[w] || strings.Contains(w, ".") || (j-i == 1 && unicode.IsUpper(rs[i])) {
				j++
			}
		} else if j < b && isApos(rs[j]) && (rs[j-1] == 's' || rs[j-1] == 'S') &&
			j+2 < b && unicode.IsSpace(rs[j+1]) && unicode.IsLetter(rs[j+2]) {
			j++ // Farmers' Union
		}
		out = append(out, mkTok(rs, i, j, true))
		i = j
	}
	return out
}

func mkTok(rs []rune, s, e int, word bool) tok {
	t := string(rs[s:e])
	return tok{s: s, e: e, text: t, low: strings.ToLower(t), word: word, upper: word && unicode.IsUpper(rs[s])}
}

// trimSpan shrinks [a,b) past white space and, when punct is set, past
// trailing sentence punctuation.
func trimSpan(rs []rune, a, b int, punct bool) (int, int) {
	for a < b && unicode.IsSpace(rs[a]) {
		a++
	}
	for b > a && (unicode.IsSpace(rs[b-1]) || punct && strings.ContainsRune(".,;:!?—–-", rs[b-1])) {
		b--
	}
	return a, b
}

// words counts the words of rs[a:b].
func words(rs []rune, a, b int) int {
	n := 0
	in := false
	for i := a; i < b; i++ {
		w := isWordRune(rs[i])
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// paragraphs returns the rune spans of the text's paragraphs: blocks
// separated by a blank line, or by a line break after a line that ends a
// sentence or before a line that opens a quotation.
func paragraphs(rs []rune) [][2]int {
	var out [][2]int
	start := -1
	lineStart := 0
	add := func(end int) {
		if start >= 0 {
			s, e := trimSpan(rs, start, end, false)
			if s < e {
				out = append(out, [2]int{s, e})
			}
		}
		start = -1
	}
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' && rs[i] != '\u2029' {
			if start < 0 && !unicode.IsSpace(rs[i]) {
				start = lineStart
			}
			continue
		}
		// rs[lineStart:i] is a line.
		ls, le := trimSpan(rs, lineStart, i, false)
		if ls == le || i == len(rs) || rs[i] == '\u2029' {
			add(i)
		} else {
			last := rs[le-1]
			next := i + 1
			for next < len(rs) && (rs[next] == ' ' || rs[next] == '\t') {
				next++
			}
			if strings.ContainsRune(".!?:”\"’'»«", last) || next < len(rs) && isQuoteMark(rs[next]) {
				add(i)
			}
		}
		lineStart = i + 1
	}
	return out
}

func isQuoteMark(r rune) bool {
	return strings.ContainsRune("\"“”„«»‹›‘’'", r)
}

// skipDateline moves a past a leading dateline ("TARSK, March 4 — ",
// "BRENMOOR - "): an upper-case place followed by a dash within 40 runes.
func skipDateline(rs []rune, a, b int) int {
	i := a
	for i < b && (unicode.IsUpper(rs[i]) || rs[i] == ' ' || rs[i] == '-' && i+1 < b && unicode.IsUpper(rs[i+1])) {
		i++
	}
	if i-a < 3 || i < b && unicode.IsLower(rs[i]) {
		return a
	}
	for j := i; j < b && j < a+40; j++ {
		if (rs[j] == '—' || rs[j] == '–' || rs[j] == '-') && j+1 < b && rs[j+1] == ' ' && (j == a || rs[j-1] == ' ') {
			s, _ := trimSpan(rs, j+1, b, false)
			return s
		}
	}
	return a
}

// isHeadline reports a paragraph that is a headline, a subheadline or a
// summary line rather than prose: one line of at most 20 words that does
// not end a sentence and has no sentence break inside ("Trump says call
// with Putin made no progress", "Kremlin says it has not seen the draft,
// Peskov confirms", "- Zelensky: …"). Its quotes repeat the body's.
func isHeadline(rs []rune, a, b int) bool {
	if words(rs, a, b) > 20 {
		return false
	}
	if dashAttributed(rs, a, b) {
		return false
	}
	end := b
	for end > a && !isWordRune(rs[end-1]) && !strings.ContainsRune(".!?:;…", rs[end-1]) {
		end--
	}
	if end == a || strings.ContainsRune(".!?:;…", rs[end-1]) {
		return false
	}
	for i := a; i < b; i++ {
		switch r := rs[i]; {
		case r == '\n':
			return false
		case (r == '.' || r == '!' || r == '?') && i+2 < b && rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]):
			return false
		}
	}
	return true
}

// dashAttributed reports a paragraph that opens with a quotation and ends
// with its source after a dash: “…” — Keir Starmer.
func dashAttributed(rs []rune, a, b int) bool {
	if !isQuoteMark(rs[a]) {
		return false
	}
	for i := b - 1; i > a && b-i < 80; i-- {
		if isQuoteMark(rs[i]) {
			j := i + 1
			for j < b && unicode.IsSpace(rs[j]) {
				j++
			}
			return j < b && (rs[j] == '—' || rs[j] == '–' || rs[j] == '-') && words(rs, j, b) <= 6
		}
	}
	return false
}
