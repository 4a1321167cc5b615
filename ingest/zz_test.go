package ingest

import (
	"context"
	"testing"
)

func TestZZ(t *testing.T) {
	d := t.TempDir()
	for _, c := range []struct{ n, s string }{
		{"u.txt", "\xff\xfeH\x00i\x00\n\x00\n\x00O\x00k\x00"},
		{"o.html", "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><article><p>The caf\xe9 on the corner closed after forty years of serving the town's early risers.</p></article></body></html>"},
	} {
		r := ReadFile(context.Background(), writeFile(t, d, c.n, c.s))
		t.Logf("%q %q %v", r.Articles[0].Title, r.Articles[0].Text, r.Warnings)
	}
}
