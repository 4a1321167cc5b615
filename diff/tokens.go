package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind tells words from the whitespace and punctuation between them.
type TokenKind uint8

const (
	// WordToken is a run of letters, digits and marks, with the joiners that
	// belong inside a word: apostrophes and hyphens between letters, and the
	// point or comma of a number (3.5, 10,000).
	WordToken TokenKind = iota
	// SpaceToken is a run of whitespace.
	SpaceToken
	// PunctToken is one rune of anything else (punctuation, symbols).
	PunctToken
)

// Token is a piece of text with its rune offsets [Start, End).
type Token struct {
	Start, End int
	Text       string
	Kind       TokenKind
}

// Words returns the word tokens of text in order. It never panics; invalid
// UTF-8 bytes count as one rune each.
func Words(text string) []Token {
	all := tokenize([]rune(text))
	out := all[:0]
	for _, t := range all {
		if t.Kind == WordToken {
			out = append(out, t)
		}
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenize splits rs into tokens covering every rune.
func tokenize(rs []rune) []Token {
	toks := make([]Token, 0, len(rs)/3+1)
	n := len(rs)
	for i := 0; i < n; {
		r := rs[i]
		start := i
		var kind TokenKind
		switch {
		case isWordRune(r):
			kind = WordToken
			i++
			for i < n {
				c := rs[i]
				if isWordRune(c) {
					i++
					continue
				}
				// Joiners inside a word: don't, well-known, 3.5, 10,000.
				if i+1 < n && isWordRune(rs[i+1]) && isWordRune(rs[i-1]) {
					if isApostrophe(c) || isHyphen(c) {
						i += 2
						continue
					}
					if (c == '.' || c == ',') && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
						i += 2
						continue
					}
				}
				break
			}
		case unicode.IsSpace(r):
			kind = SpaceToken
			i++
			for i < n && unicode.IsSpace(rs[i]) {
				i++
			}
		default:
			kind = PunctToken
			i++
		}
		toks = append(toks, Token{Start: start, End: i, Text: string(rs[start:i]), Kind: kind})
	}
	return toks
}

// normalizer folds the differences that Options asks to ignore.
type normalizer struct {
	ws, quotes, fold bool
}

func (o Options) normalizer() normalizer {
	return normalizer{ws: o.IgnoreWhitespace, quotes: o.IgnoreQuotes, fold: o.IgnoreCase}
}

// foldQuote maps typographic quotes and dashes to their plain forms.
func foldQuote(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', 'ʼ', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»', '‹', '›':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－':
		return '-'
	}
	return r
}

// token returns the comparison key of one token.
func (nz normalizer) token(t Token) string {
	if t.Kind == SpaceToken && nz.ws {
		return " "
	}
	if !nz.quotes && !nz.fold {
		return t.Text
	}
	s := t.Text
	if nz.quotes {
		s = strings.Map(foldQuote, s)
	}
	if nz.fold {
		s = strings.ToLower(s)
	}
	return s
}

// text returns the comparison key of a whole string (a sentence or a line).
func (nz normalizer) text(s string) string {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // the package's rune view of invalid bytes
	}
	if nz.quotes {
		s = strings.Map(foldQuote, s)
	}
	if nz.fold {
		s = strings.ToLower(s)
	}
	if nz.ws {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}
