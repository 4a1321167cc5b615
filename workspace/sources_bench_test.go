package workspace

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"redline/ingest/fixtures"
)

// BenchmarkImportNexisDOCX500 imports a 500-article Nexis Uni DOCX export
// into a new database: reading, splitting, storing and grouping versions.
// The issue asks for under 5 s.
func BenchmarkImportNexisDOCX500(b *testing.B) {
	ctx := context.Background()
	p := filepath.Join(b.TempDir(), "nexis500.docx")
	if err := os.WriteFile(p, fixtures.DOCX(fixtures.NexisUniLines(fixtures.Stories(500))), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		ws, err := Open(ctx, filepath.Join(b.TempDir(), "r.db"), false)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := ws.Import(ctx, []string{p}, nil)
		if err != nil || sum.Imported() != 500 {
			b.Fatalf("imported %d, %v, %+v", sum.Imported(), err, sum.Failed())
		}
		b.StopTimer()
		ws.Close()
		b.StartTimer()
	}
}
