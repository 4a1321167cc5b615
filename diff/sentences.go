package diff

import (
	"strings"
	"unicode"
)

// Sentence is one sentence of a text: its rune offsets [Start, End) into the
// text, its text (trimmed of surrounding whitespace) and the index of its
// paragraph (paragraphs are separated by blank lines; the first is 0).
type Sentence struct {
	Start, End int
	Text       string
	Para       int
}

// Sentences splits news prose into sentences. It knows the abbreviations of
// news copy (Mr., Gen., Jan., U.S., a.m., No. 5), decimals, initials
// (J. R. Smith), closing quotes after the full stop, ellipses, headings and
// datelines without final punctuation, and hard-wrapped plain text. A blank
// line always ends a sentence; so does the end of a line, unless the
// paragraph looks hard-wrapped. It never panics, whatever the input.
func Sentences(text string) []Sentence {
	rs := []rune(text)
	var out []Sentence
	para := 0
	for _, p := range paragraphs(rs) {
		breaks := lineBreaks(rs, p)
		start := p.start
		emit := func(end int) {
			s, e := trimRange(rs, start, end)
			if s < e {
				out = append(out, Sentence{Start: s, End: e, Text: string(rs[s:e]), Para: para})
			}
			start = end
		}
		bi := 0
		for i := p.start; i < p.end; {
			for bi < len(breaks) && breaks[bi] <= i {
				if breaks[bi] > start {
					emit(breaks[bi])
				}
				bi++
			}
			if !isTerminator(rs[i]) {
				i++
				continue
			}
			end, ok := sentenceEnd(rs, i, start, p.end)
			if ok {
				emit(end)
			}
			if end <= i {
				end = i + 1
			}
			i = end
		}
		emit(p.end)
		para++
	}
	return out
}

type span struct{ start, end int }

// paragraphs returns the rune ranges of the blocks separated by blank lines.
func paragraphs(rs []rune) []span {
	var out []span
	start := -1 // start of the current paragraph, -1 when between paragraphs
	lineStart := 0
	blank := true
	flush := func(end int) {
		if start >= 0 {
			out = append(out, span{start, end})
			start = -1
		}
	}
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '\n' && rs[i] != '\u2029' {
			if blank && !unicode.IsSpace(rs[i]) {
				blank = false
			}
			continue
		}
		// End of the line [lineStart, i).
		if blank {
			flush(lineStart)
		} else if start < 0 {
			start = lineStart
		}
		if i < len(rs) && rs[i] == '\u2029' {
			flush(i)
		}
		lineStart = i + 1
		blank = true
	}
	flush(len(rs))
	return out
}

// lineBreaks returns the positions inside paragraph p where a line ends a
// sentence. In a hard-wrapped paragraph (lines of similar length, at most 100
// runes) only short lines without final punctuation (headings) end one; in
// any other paragraph every line does.
func lineBreaks(rs []rune, p span) []int {
	type line struct{ s, e, n int }
	var lines []line
	ls := p.start
	for i := p.start; i <= p.end; i++ {
		if i == p.end || rs[i] == '\n' {
			s, e := trimRange(rs, ls, i)
			lines = append(lines, line{s, e, e - s})
			ls = i + 1
		}
	}
	if len(lines) < 2 {
		return nil
	}
	maxLen := 0
	for _, l := range lines {
		maxLen = max(maxLen, l.n)
	}
	long := 0
	for _, l := range lines[:len(lines)-1] {
		if float64(l.n) >= 0.6*float64(maxLen) {
			long++
		}
	}
	wrapped := maxLen >= 30 && maxLen <= 100 && float64(long) >= 0.75*float64(len(lines)-1)
	var out []int
	for _, l := range lines[:len(lines)-1] {
		if l.n == 0 {
			continue
		}
		if !wrapped || (float64(l.n) < 0.6*float64(maxLen) && !endsWithTerminal(rs[l.s:l.e])) {
			out = append(out, l.e)
		}
	}
	return out
}

func endsWithTerminal(rs []rune) bool {
	for i := len(rs) - 1; i >= 0; i-- {
		if isCloser(rs[i]) {
			continue
		}
		return isTerminator(rs[i])
	}
	return false
}

func trimRange(rs []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	for e > s && unicode.IsSpace(rs[e-1]) {
		e--
	}
	return s, e
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '‼', '⁇', '⁈', '⁉':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '„', '‚', '「', '『', '¿', '¡':
		return true
	}
	return false
}

// titleAbbrevs never end a sentence: a name, number or date follows them.
var titleAbbrevs = setOf(
	"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt",
	"maj", "adm", "cmdr", "cdr", "gov", "sen", "rep", "rev", "st", "mt", "ft",
	"fr", "hon", "pres", "supt", "insp", "det", "cpl", "pvt", "brig", "gens",
	"messrs", "mme", "mlle", "sr", "jr", "jan", "feb", "mar", "apr", "jun",
	"jul", "aug", "sep", "sept", "oct", "nov", "dec", "vol", "fig", "pp",
	"para", "approx", "vs", "v", "ca", "cf", "ave", "blvd", "dept", "univ",
	"assn", "est", "lit", "sq", "atty", "amb", "sec", "gov't",
)

// numberAbbrevs are abbreviations only when a number follows (No. 5, Art. 3).
var numberAbbrevs = setOf("no", "nos", "art", "p", "para", "ch", "sec", "nr")

// endAbbrevs often end a sentence: they end one when a usual sentence
// opener follows (... in the U.S. The ...), and not otherwise.
var endAbbrevs = setOf("inc", "ltd", "co", "corp", "llc", "plc", "bros", "etc", "cie", "ag", "gmbh")

// neverEnd are abbreviations that cannot end a sentence.
var neverEnd = setOf("e.g", "i.e", "viz", "cf")

// sentenceOpeners are capitalised words that usually start a sentence, used
// to decide whether an abbreviation such as U.S. or Inc. also ends one.
var sentenceOpeners = setOf(
	"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "in", "on",
	"at", "but", "and", "or", "so", "this", "that", "these", "those", "there",
	"his", "her", "their", "its", "our", "my", "if", "when", "while", "after",
	"before", "as", "since", "however", "meanwhile", "earlier", "later",
	"according", "officials", "police", "some", "many", "no", "both", "all",
	"one", "two", "what", "who", "why", "how", "for", "from", "by", "with",
	"last", "on", "then", "also", "still", "yet", "not", "although", "though",
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// sentenceEnd decides whether the terminator at rs[i] ends a sentence that
// began at start, inside a paragraph ending at limit. It returns the end of
// the terminator run (with closing quotes and brackets) and whether to break.
func sentenceEnd(rs []rune, i, start, limit int) (int, bool) {
	j := i
	dots, bangs, ellipsis := 0, 0, false
	for j < limit && (isTerminator(rs[j]) || (j > i && isCloser(rs[j]))) {
		switch rs[j] {
		case '.':
			dots++
		case '…':
			ellipsis = true
		case '。', '！', '？':
			// CJK full stops need no following space.
			k := j + 1
			for k < limit && (isTerminator(rs[k]) || isCloser(rs[k])) {
				k++
			}
			return k, true
		default:
			if isTerminator(rs[j]) {
				bangs++
			}
		}
		j++
	}
	if j < limit && !unicode.IsSpace(rs[j]) {
		return j, false // 3.5, U.S.A, example.com, "end."He
	}
	if j >= limit {
		return j, true
	}
	// The first letter of what follows, past spaces and opening quotes.
	k := j
	for k < limit && (unicode.IsSpace(rs[k]) || isOpener(rs[k])) {
		k++
	}
	if k >= limit {
		return j, true
	}
	c := rs[k]
	if unicode.IsLower(c) {
		return j, false // "Are you sure?" she asked. / e.g. the / ... and then
	}
	if unicode.IsPunct(c) && !isOpener(c) && c != '-' && c != '—' && c != '–' {
		return j, false // Inc., the / a.m.; then
	}
	if bangs > 0 || ellipsis || dots > 1 {
		return j, true
	}
	// A single full stop: look at the word before it.
	w := i
	for w > start && (isWordRune(rs[w-1]) || rs[w-1] == '.' || isApostrophe(rs[w-1])) {
		w--
	}
	word := rs[w:i]
	if len(word) == 0 {
		return j, true // "... (AP). The"
	}
	lw := strings.ToLower(string(word))
	nextWord := wordAt(rs, k, limit)
	switch {
	case neverEnd[lw]:
		return j, false
	case len(word) == 1 && unicode.IsUpper(word[0]):
		return j, false // initials: J. R. Smith
	case numberAbbrevs[lw] && unicode.IsDigit(c):
		return j, false // No. 5
	case titleAbbrevs[lw]:
		return j, false
	case allDigits(word) && w == firstNonSpace(rs, start, i):
		return j, false // "1. " opening a numbered item
	case (strings.Contains(lw, ".") && !hasDigit(word)) || endAbbrevs[lw]:
		// U.S., a.m., Inc.: a sentence ends only if a usual opener follows.
		return j, sentenceOpeners[strings.ToLower(nextWord)]
	}
	return j, true
}

func wordAt(rs []rune, k, limit int) string {
	e := k
	for e < limit && isWordRune(rs[e]) {
		e++
	}
	return string(rs[k:e])
}

func hasDigit(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return len(rs) > 0
}

func firstNonSpace(rs []rune, s, e int) int {
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	return s
}
