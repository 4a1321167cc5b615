package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		replaced int
	}{
		{"plain", "Hello world", "Hello world", 0},
		{"bom", "\uFEFFHello", "Hello", 0},
		{"crlf and cr", "one\r\ntwo\rthree\n", "one\ntwo\nthree", 0},
		{"invalid bytes", "caf\xe9 \xff\xfe ok", "caf\uFFFD \uFFFD\uFFFD ok", 3},
		{"truncated rune at end", "abc\xe2\x82", "abc\uFFFD\uFFFD", 2},
		{"nul and controls", "a\x00b\x07c\td", "abc\td", 0},
		{"trailing spaces", "line one   \nline two\t\u00a0\n", "line one\nline two", 0},
		{"blank lines at ends", "\n\n  \nbody\n\n\n", "body", 0},
		{"collapse blank lines", "a\n\n\n\n\n\nb\n\nc\n\n\nd", "a\n\n\nb\n\nc\n\n\nd", 0},
		{"whitespace-only lines are blank", "a\n \n\t\n  \n \nb", "a\n\n\nb", 0},
		{"keeps indentation", "a\n    code\nb", "a\n    code\nb", 0},
		{"empty", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := Normalize([]byte(tt.in))
			if got != tt.want || n != tt.replaced {
				t.Errorf("Normalize(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.replaced)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\uFEFF\uFEFFx", "caf\xe9\n\n\n\n\nend  ", "\x00\x00", "a\r\r\n\nb", " \u00a0\n\u2028x\u0085"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		text, replaced := Normalize(b)
		if !utf8.ValidString(text) {
			t.Fatalf("Normalize(%q) = %q: not valid UTF-8", b, text)
		}
		if replaced > 0 && utf8.Valid(b) {
			t.Fatalf("replaced %d bytes in valid input %q", replaced, b)
		}
		if strings.ContainsAny(text, "\r\x00\uFEFF") || strings.Contains(text, "\n\n\n\n") {
			t.Fatalf("Normalize(%q) = %q: left CR, NUL, BOM or too many blank lines", b, text)
		}
		again, n := Normalize([]byte(text))
		if again != text || n != 0 {
			t.Fatalf("not idempotent: %q -> %q -> %q", b, text, again)
		}
		if bytes.Equal(b, []byte(text)) && replaced != 0 {
			t.Fatal("unchanged text reported replacements")
		}
	})
}
