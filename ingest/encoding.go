package ingest

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
)

// legacyText returns a reader of br's text as UTF-8. A file that is UTF-8
// (or plain ASCII) passes through untouched; one in a legacy encoding —
// Windows-1252 from Word or Excel on Windows, ISO-8859-x, Windows-1251,
// KOI8-R, Shift_JIS, GB18030, EUC-KR, Big5 — is decoded from the encoding
// detected in it, with a warning naming it, instead of its letters becoming
// U+FFFD.
//
// The decision waits for the first byte that is not ASCII, and is made on
// up to 64 KB of text from there: the ASCII before it reads the same in
// every encoding the detector names, so a CSV whose first accented letter
// is on row 2,000 is decoded as well as one that starts with it.
func (r *reader) legacyText(br *bufio.Reader) io.Reader {
	return &legacyReader{src: br, warn: func(name string) {
		r.warn(0, "the file is not UTF-8: read it as %s; if letters look wrong, save it as UTF-8 and import it again", name)
	}}
}

// legacyReader is legacyText's reader: ASCII passes through until the
// first other byte decides between UTF-8 and a legacy decoder.
type legacyReader struct {
	src  *bufio.Reader
	out  io.Reader // nil until decided
	warn func(encodingName string)
}

func (l *legacyReader) Read(p []byte) (int, error) {
	if l.out != nil {
		return l.out.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	buf, err := l.src.Peek(l.src.Size())
	if len(buf) == 0 {
		return 0, err
	}
	if n := asciiPrefix(buf); n > 0 {
		return l.src.Read(p[:min(len(p), n)])
	}
	complete := len(buf) < l.src.Size() // Peek saw the end of the file
	enc, name := detectLegacy(buf, complete)
	if enc == nil {
		l.out = l.src
	} else {
		l.out = transform.NewReader(l.src, enc.NewDecoder())
		l.warn(name)
	}
	return l.out.Read(p)
}

// asciiPrefix is the number of leading ASCII bytes of b.
func asciiPrefix(b []byte) int {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return i
		}
	}
	return len(b)
}

// detectLegacy decides how to read b, text from its first non-ASCII byte:
// nil when it is UTF-8 (a rune cut at the end of an incomplete sample
// does not count against it), else the legacy encoding and its name. An
// encoding the detector names must be one the WHATWG Encoding Standard
// knows (so ISO-8859-1 reads as its superset Windows-1252, as browsers
// do); when none fits, Windows-1252, the commonest legacy encoding of
// Western text.
func detectLegacy(b []byte, complete bool) (encoding.Encoding, string) {
	if validUTF8Sample(b, complete) {
		return nil, ""
	}
	results, err := chardet.NewTextDetector().DetectAll(b)
	if err == nil {
		for _, res := range results {
			if res.Confidence < minConfidence {
				break
			}
			if strings.HasPrefix(strings.ToUpper(res.Charset), "UTF-") {
				continue // not UTF-8, as checked; UTF-16 is found by its BOM elsewhere
			}
			enc, err := htmlindex.Get(res.Charset)
			if err != nil || enc == encoding.Replacement {
				continue
			}
			name, err := htmlindex.Name(enc)
			if err != nil {
				continue
			}
			return enc, displayName(name)
		}
	}
	return charmap.Windows1252, displayName("windows-1252")
}

// minConfidence is the detector's lowest score (0-100) taken as a guess;
// below it the text is too short or too plain to tell, and Windows-1252
// is the better bet.
const minConfidence = 30

// validUTF8Sample reports whether b is UTF-8, allowing a rune cut at the
// end of a sample that stops before the end of the file.
func validUTF8Sample(b []byte, complete bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if complete {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return !utf8.FullRune(b[len(b)-cut:])
		}
	}
	return false
}

// displayName writes an encoding's WHATWG name the way people read it.
func displayName(name string) string {
	switch {
	case strings.HasPrefix(name, "windows-"):
		return "Windows-" + strings.TrimPrefix(name, "windows-")
	case strings.HasPrefix(name, "iso-8859-"):
		return "ISO-8859-" + strings.TrimPrefix(name, "iso-8859-")
	case name == "macintosh":
		return "Mac OS Roman"
	}
	return strings.ToUpper(name)
}
