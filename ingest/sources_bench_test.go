package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"redline/ingest/fixtures"
)

func benchRead(b *testing.B, name string, data []byte, want int) {
	p := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		res := ReadFile(context.Background(), p)
		if res.Err != nil || len(res.Articles) != want {
			b.Fatalf("read %d articles, %v", len(res.Articles), res.Err)
		}
	}
}

// BenchmarkReadNexisDOCX500 reads and splits a 500-article Nexis Uni DOCX.
func BenchmarkReadNexisDOCX500(b *testing.B) {
	benchRead(b, "nexis.docx", fixtures.DOCX(fixtures.NexisUniLines(fixtures.Stories(500))), 500)
}

// BenchmarkReadFactivaHTML100 reads and splits a 100-article Factiva HTML.
func BenchmarkReadFactivaHTML100(b *testing.B) {
	benchRead(b, "factiva.html", fixtures.FactivaHTML(fixtures.Stories(100)), 100)
}

// BenchmarkReadNexisPDF100 reads a 100-article Nexis Uni PDF through
// poppler's pdftotext.
func BenchmarkReadNexisPDF100(b *testing.B) {
	if !havePDFToText() {
		b.Skip("pdftotext is not installed")
	}
	src := fixtures.Stories(100)
	benchRead(b, "nexis.pdf", fixtures.PDF(fixtures.Wrap(fixtures.NexisUniLines(src), 95), 60, false, false), 100)
}
