package suggest

import "unicode"

// quote is one top-level quotation: the positions of its marks and of its
// trimmed content. close is -1 when the quotation runs to the end of its
// paragraph without a closing mark (a quote continued in the next paragraph).
type quote struct {
	open, close int
	in0, in1    int
	para        int
	single      bool
}

// maxNesting is the deepest nesting of quotations the scanner follows.
const maxNesting = 6

type opener struct {
	pos     int
	closers string
	single  bool
}

func (o opener) accepts(r rune) bool {
	for _, c := range o.closers {
		if c == r {
			return true
		}
	}
	return false
}

// findQuotes finds the top-level quotations of every paragraph. Nested
// quotations are part of their outer one. Single marks are told apart from
// apostrophes by their neighbours: a mark between two letters is an
// apostrophe (don’t), and a closing mark after an s and before a lower-case
// word (the members’ pay) closes only if no better closer follows.
func findQuotes(rs []rune, paras [][2]int) []quote {
	var out []quote
	for pi, p := range paras {
		ignore := map[int]bool{}
		for attempt := 0; attempt < 8; attempt++ {
			qs, bad := scanPara(rs, p[0], p[1], ignore)
			if bad < 0 {
				for i := range qs {
					qs[i].para = pi
				}
				out = append(out, qs...)
				break
			}
			ignore[bad] = true
		}
	}
	return out
}

// scanPara returns the quotations of rs[a:b], or the position of a single
// opening mark that never closed (then the caller rescans without it).
func scanPara(rs []rune, a, b int, ignore map[int]bool) ([]quote, int) {
	var out []quote
	var stack []opener
	at := func(i int) rune {
		if i < a || i >= b {
			return ' '
		}
		return rs[i]
	}
	closeAt := func(k, i int) {
		if k == 0 {
			o := stack[0]
			s, e := trimSpan(rs, o.pos+1, i, false)
			if s < e {
				out = append(out, quote{open: o.pos, close: i, in0: s, in1: e, single: o.single})
			}
		}
		stack = stack[:k]
	}
	// The last closing mark of each kind that cannot be a possessive: a weak
	// closer defers to one ahead of it. Computed once, so the scan stays
	// linear however many weak closers the paragraph has.
	lastStrong := map[rune]int{}
	for j := a; j < b; j++ {
		if r := rs[j]; (r == '’' || r == '\'') && j > a && !unicode.IsSpace(rs[j-1]) &&
			!(isWordRune(rs[j-1]) && isWordRune(at(j+1))) && !weakCloser(rs, j, b) {
			lastStrong[r] = j
		}
	}
	find := func(r rune) int {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].accepts(r) {
				return k
			}
		}
		return -1
	}
	for i := a; i < b; i++ {
		r := rs[i]
		if !isQuoteMark(r) || ignore[i] {
			continue
		}
		if len(stack) >= maxNesting {
			// No text nests quotations this deep: the marks are noise (a
			// run of « or of stray quotes), and a deeper stack would make
			// every mark a scan of it.
			if k := find(r); k >= 0 {
				closeAt(k, i)
			}
			continue
		}
		prev, next := at(i-1), at(i+1)
		opensWord := !unicode.IsSpace(next)
		afterWord := isWordRune(prev)
		switch r {
		case '“', '”', '"', '„':
			// Double marks of any shape close one another: outlets mix
			// straight and curly marks, and some close with an opening mark
			// (“…“, the German „…“). A closer follows a non-space and is not
			// followed by a letter; an opener is not preceded by one.
			canClose := r != '„' && !unicode.IsSpace(prev) && !isWordRune(next)
			if k := find(r); k >= 0 && canClose {
				closeAt(k, i)
			} else if !afterWord && (opensWord || r == '“' || r == '„') {
				stack = append(stack, opener{i, "\"“”", false})
			}
		case '«':
			if k := find(r); k >= 0 {
				closeAt(k, i)
			} else {
				stack = append(stack, opener{i, "»", false})
			}
		case '»':
			if k := find(r); k >= 0 {
				closeAt(k, i)
			} else if opensWord {
				stack = append(stack, opener{i, "«", false})
			}
		case '‹':
			if k := find(r); k >= 0 {
				closeAt(k, i)
			} else {
				stack = append(stack, opener{i, "›", true})
			}
		case '›':
			if k := find(r); k >= 0 {
				closeAt(k, i)
			} else if opensWord {
				stack = append(stack, opener{i, "‹", true})
			}
		case '‘', '’', '\'':
			if isWordRune(prev) && isWordRune(next) {
				continue // apostrophe: don’t, Ministry's
			}
			closer := '’'
			if r == '\'' {
				closer = '\''
			}
			if r != '‘' {
				if k := find(r); k >= 0 && afterWordOrPunct(prev) {
					if weakCloser(rs, i, b) && lastStrong[r] > i {
						continue
					}
					closeAt(k, i)
					continue
				}
			}
			if (r == '‘' || r == '\'') && !afterWord && isWordRune(next) && !elision(rs, i, b) {
				stack = append(stack, opener{i, string(closer), true})
			}
		}
	}
	if len(stack) > 0 {
		o := stack[0]
		if o.single {
			return nil, o.pos
		}
		s, e := trimSpan(rs, o.pos+1, b, false)
		if words(rs, s, e) >= 3 {
			out = append(out, quote{open: o.pos, close: -1, in0: s, in1: e})
		}
	}
	return out, -1
}

func afterWordOrPunct(r rune) bool { return !unicode.IsSpace(r) }

// weakCloser reports a closing single mark that may be a plural possessive:
// after an s and before a lower-case word (the ministers’ plan).
func weakCloser(rs []rune, i, b int) bool {
	if i == 0 || (rs[i-1] != 's' && rs[i-1] != 'S') {
		return false
	}
	return i+2 < b && rs[i+1] == ' ' && unicode.IsLower(rs[i+2])
}

// elision reports an apostrophe that starts a clipped word: ’90s, ’em, ’til.
func elision(rs []rune, i, b int) bool {
	w := []rune{}
	for j := i + 1; j < b && isWordRune(rs[j]) && len(w) < 5; j++ {
		w = append(w, unicode.ToLower(rs[j]))
	}
	switch string(w) {
	case "em", "til", "tis", "twas", "n", "cause", "bout", "round":
		return true
	}
	return len(w) == 3 && unicode.IsDigit(w[0]) && unicode.IsDigit(w[1]) && w[2] == 's'
}
