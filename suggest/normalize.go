package suggest

import (
	"strconv"
	"strings"
	"unicode"
)

// normText is a text as the rules read it: HTML character references
// ("&#8220;", "&#8220" without its semicolon, "&ldquo;", the double-escaped
// "&amp;quot;") and the commonest mojibake of quotation marks ("â€œ") are
// decoded to the characters they stand for. Pages scraped from content
// systems carry these where the marks should be, and a quote whose marks
// the rules cannot see runs on into its attribution.
//
// start[i] and end[i] are the rune offsets in the original text of the
// characters that normalised rune i came from, so every span found in the
// normalised text maps back to the original's offsets.
type normText struct {
	rs         []rune
	start, end []int
	changed    bool
}

var namedRefs = map[string]rune{
	"quot": '"', "amp": '&', "apos": '\'', "lsquo": '‘', "rsquo": '’', "ldquo": '“', "rdquo": '”',
	"bdquo": '„', "sbquo": '‚', "laquo": '«', "raquo": '»', "lsaquo": '‹', "rsaquo": '›', "nbsp": ' ',
	"mdash": '—', "ndash": '–', "hellip": '…', "pound": '£', "euro": '€', "lt": '<', "gt": '>',
}

// mojibake are UTF-8 marks read as Windows-1252, longest first.
var mojibake = []struct {
	from string
	to   rune
}{
	{"â€œ", '“'}, {"â€\u009d", '”'}, {"â€™", '’'}, {"â€˜", '‘'}, {"â€“", '–'}, {"â€”", '—'}, {"â€¦", '…'},
	{"â€", '”'}, // the closing mark's last byte is a control character that is often lost
}

func normalize(orig []rune) normText {
	n := normText{rs: make([]rune, 0, len(orig)), start: make([]int, 0, len(orig)), end: make([]int, 0, len(orig))}
	for i := 0; i < len(orig); {
		r, size := decodeAt(orig, i)
		if size > 1 {
			n.changed = true
		}
		n.rs = append(n.rs, r)
		n.start = append(n.start, i)
		n.end = append(n.end, i+size)
		i += size
	}
	return n
}

// decodeAt returns the character at orig[i] and how many runes it spans.
func decodeAt(orig []rune, i int) (rune, int) {
	switch orig[i] {
	case '&':
		if r, size := charRef(orig, i); size > 0 {
			// "&amp;quot;": an escaped ampersand that starts another reference.
			if r == '&' && i+size < len(orig) {
				if r2, size2 := charRefAfterAmp(orig, i+size); size2 > 0 {
					return r2, size + size2
				}
			}
			return r, size
		}
	case 'â':
		for _, m := range mojibake {
			if hasRunes(orig, i, m.from) {
				return m.to, len([]rune(m.from))
			}
		}
	}
	return orig[i], 1
}

func hasRunes(rs []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

// charRef reads a character reference starting with the & at orig[i]:
// "&#8220;", "&#x201C;", "&ldquo;", and a numeric one without its semicolon.
func charRef(orig []rune, i int) (rune, int) {
	r, size := charRefAfterAmp(orig, i+1)
	if size == 0 {
		return 0, 0
	}
	return r, size + 1
}

// charRefAfterAmp reads the part of a reference after its & at orig[j].
func charRefAfterAmp(orig []rune, j int) (rune, int) {
	if j >= len(orig) {
		return 0, 0
	}
	if orig[j] == '#' {
		k := j + 1
		base := 10
		if k < len(orig) && (orig[k] == 'x' || orig[k] == 'X') {
			base = 16
			k++
		}
		ds := k
		for k < len(orig) && k-ds < 7 && (unicode.IsDigit(orig[k]) || base == 16 && strings.ContainsRune("abcdefABCDEF", orig[k])) {
			k++
		}
		if k == ds {
			return 0, 0
		}
		v, err := strconv.ParseInt(string(orig[ds:k]), base, 32)
		if err != nil || v <= 0 || v > unicode.MaxRune || v >= 0xD800 && v <= 0xDFFF {
			return 0, 0
		}
		if k < len(orig) && orig[k] == ';' {
			k++
		}
		return rune(v), k - j
	}
	k := j
	for k < len(orig) && k-j < 8 && (orig[k] >= 'a' && orig[k] <= 'z' || orig[k] >= 'A' && orig[k] <= 'Z') {
		k++
	}
	r, ok := namedRefs[string(orig[j:k])]
	if !ok || k >= len(orig) || orig[k] != ';' {
		return 0, 0
	}
	return r, k + 1 - j
}

// span maps the normalised span [a, b) back to the original text.
func (n normText) span(a, b int) (int, int) {
	if a < 0 || b < a {
		return a, b
	}
	if a >= len(n.start) {
		e := 0
		if len(n.end) > 0 {
			e = n.end[len(n.end)-1]
		}
		return e, e
	}
	s := n.start[a]
	if b == a {
		return s, s
	}
	return s, n.end[b-1]
}
