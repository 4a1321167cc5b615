package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize turns raw bytes into the text form every Article carries: valid
// UTF-8 with LF line endings, no byte-order marks, NUL or other control bytes
// (tabs and newlines stay), no trailing blank space on a line, no blank lines
// at either end and never more than two blank lines in a row. Invalid UTF-8
// bytes become U+FFFD; replaced counts them so the caller can warn.
//
// Normalize is idempotent: Normalize(Normalize(b)) gives the same text.
func Normalize(b []byte) (text string, replaced int) {
	clean, replaced := cleanRunes(b)
	return tidyLines(clean), replaced
}

// cleanRunes does the per-character part of Normalize: it fixes invalid
// UTF-8, turns CRLF and CR into LF and drops NUL, other C0 controls, DEL and
// U+FEFF (a BOM, or a zero-width no-break space, anywhere in the text).
func cleanRunes(b []byte) (string, int) {
	var sb strings.Builder
	sb.Grow(len(b))
	replaced := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				sb.WriteByte('\n')
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
			case c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f):
				sb.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			sb.WriteRune(utf8.RuneError)
			replaced++
		case r == '\uFEFF':
		default:
			sb.Write(b[i : i+size])
		}
		i += size
	}
	return sb.String(), replaced
}

// tidyLines trims trailing space from each line, drops blank lines at both
// ends and collapses runs of more than two blank lines to two.
func tidyLines(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	blank := 0 // blank lines seen since the last non-blank line
	started := false
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if line == "" {
			blank++
			continue
		}
		if started {
			sb.WriteByte('\n')
			for range min(blank, 2) {
				sb.WriteByte('\n')
			}
		}
		sb.WriteString(line)
		started = true
		blank = 0
	}
	return sb.String()
}

// cleanField makes a one-line metadata value (title, outlet, byline...):
// valid UTF-8, control characters gone and runs of white space made one space.
func cleanField(s string) string {
	if s == "" {
		return ""
	}
	clean, _ := cleanRunes([]byte(s))
	return strings.Join(strings.Fields(clean), " ")
}
