package ingest

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// rtfSkip are RTF destinations whose content is not the document's text.
var rtfSkip = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true, "footerl": true,
	"footerr": true, "footerf": true, "footnote": true, "fldinst": true, "themedata": true,
	"colorschememapping": true, "latentstyles": true, "datastore": true, "xmlnstbl": true,
	"listtable": true, "listoverridetable": true, "rsidtbl": true, "generator": true, "revtbl": true,
	"filetbl": true, "pgdsctbl": true, "bkmkstart": true, "bkmkend": true, "mmathPr": true,
	"listtext": true, "pntext": true, "pntxta": true, "pntxtb": true, "shppict": true, "nonshppict": true,
	"private": true, "userprops": true, "docvar": true, "xe": true, "tc": true, "atnid": true, "atnauthor": true,
	"annotation": true, "wgrffmtfilter": true, "template": true, "passwordhash": true,
}

// rtfSymbols are control words that stand for a character.
var rtfSymbols = map[string]string{
	"tab": " ", "emdash": "\u2014", "endash": "\u2013", "lquote": "\u2018", "rquote": "\u2019",
	"ldblquote": "\u201c", "rdblquote": "\u201d", "bullet": "\u2022", "emspace": " ", "enspace": " ",
	"qmspace": " ",
}

// rtfCodepages are the ANSI code pages of \ansicpg Redline decodes \'hh
// bytes with; others are read as Windows-1252.
var rtfCodepages = map[int]encoding.Encoding{
	1250: charmap.Windows1250, 1251: charmap.Windows1251, 1252: charmap.Windows1252,
	1253: charmap.Windows1253, 1254: charmap.Windows1254, 1255: charmap.Windows1255,
	1256: charmap.Windows1256, 1257: charmap.Windows1257, 1258: charmap.Windows1258,
	437: charmap.CodePage437, 850: charmap.CodePage850, 10000: charmap.Macintosh,
}

type rtfState struct {
	skip bool // inside a destination that is not text
	uc   int  // characters that stand in for a \u character
}

// rtfLines returns the paragraphs of an RTF document, one line each: the
// text of the body, without fonts, styles, pictures, headers and footers.
// A file cut off before its last brace is read up to where it ends, with a
// warning.
func (r *reader) rtfLines(data []byte) ([]string, error) {
	data = bytes.TrimLeft(trimBOM(data), " \t\r\n")
	if !bytes.HasPrefix(data, []byte(`{\rtf`)) {
		return nil, fail(`not an RTF document: it does not start with {\rtf; save it again as Rich Text Format`)
	}
	var (
		lines  []string
		cur    strings.Builder
		stack  []rtfState
		st     = rtfState{uc: 1}
		dec    = charmap.Windows1252.NewDecoder()
		skipUC int // fallback characters still to drop after \u
		hexBuf []byte

		highSurrogate rune
	)
	flushHex := func() {
		if len(hexBuf) > 0 {
			s, _ := dec.Bytes(hexBuf)
			cur.Write(s)
			hexBuf = hexBuf[:0]
		}
	}
	emit := func(s string) {
		flushHex()
		if !st.skip {
			cur.WriteString(s)
		}
	}
	newline := func() {
		flushHex()
		if !st.skip {
			lines = append(lines, cur.String())
			cur.Reset()
		}
	}
	groupStart := false
	for i := 0; i < len(data); {
		c := data[i]
		switch c {
		case '{':
			flushHex()
			stack = append(stack, st)
			groupStart = true
			i++
			continue
		case '}':
			flushHex()
			if len(stack) == 0 {
				i = len(data) // text after the document's last brace
				continue
			}
			st = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			i++
			continue
		case '\r', '\n':
			i++
			continue
		case '\\':
			i++
			if i >= len(data) {
				break
			}
			c = data[i]
			if isASCIILetter(c) {
				j := i
				for j < len(data) && isASCIILetter(data[j]) {
					j++
				}
				word := string(data[i:j])
				k := j
				if k < len(data) && (data[k] == '-' || isDigit(data[k])) {
					k++
					for k < len(data) && isDigit(data[k]) {
						k++
					}
				}
				param, hasParam := 0, k > j
				if hasParam {
					param, _ = strconv.Atoi(string(data[j:k]))
				}
				if k < len(data) && data[k] == ' ' {
					k++
				}
				i = k
				if groupStart && rtfSkip[word] {
					st.skip = true
				}
				groupStart = false
				switch word {
				case "par", "line", "page", "sect", "row":
					newline()
				case "cell":
					emit(" ")
				case "ansicpg":
					if e, ok := rtfCodepages[param]; ok {
						dec = e.NewDecoder()
					}
				case "uc":
					st.uc = param
				case "u":
					if param < 0 {
						param += 65536
					}
					switch c := rune(param); {
					case c >= 0xD800 && c < 0xDC00:
						highSurrogate = c // the first half of a character outside the BMP
					case c >= 0xDC00 && c < 0xE000 && highSurrogate != 0:
						emit(string(utf16.DecodeRune(highSurrogate, c)))
						highSurrogate = 0
					default:
						emit(string(c))
					}
					skipUC = st.uc
				case "bin":
					i += max(param, 0)
				default:
					if s, ok := rtfSymbols[word]; ok {
						emit(s)
					}
				}
				continue
			}
			groupStart = false
			switch c {
			case '\'':
				if i+2 < len(data) {
					if v, err := strconv.ParseUint(string(data[i+1:i+3]), 16, 8); err == nil {
						if skipUC > 0 {
							skipUC--
						} else if !st.skip {
							hexBuf = append(hexBuf, byte(v))
						}
					}
				}
				i += 3
				continue
			case '*':
				st.skip = true
			case '~':
				emit(" ")
			case '_':
				emit("-")
			case '\\', '{', '}':
				emit(string(c))
			case '\n', '\r':
				newline()
			}
			i++
			continue
		}
		groupStart = false
		if skipUC > 0 {
			skipUC--
			i++
			continue
		}
		if c == '\t' {
			emit(" ")
		} else if c >= 0x80 && !st.skip {
			hexBuf = append(hexBuf, c) // an 8-bit byte written raw, in the code page
		} else if !st.skip {
			flushHex()
			cur.WriteByte(c)
		}
		i++
	}
	flushHex()
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	if len(stack) > 0 {
		r.warn(0, "the RTF file ends before its last closing brace (it may be cut off); read up to where it ends")
	}
	return lines, nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
