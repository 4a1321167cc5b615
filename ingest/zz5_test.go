package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

func TestZZHeads(t *testing.T) {
	files, _ := filepath.Glob("/tmp/kw/*.*[lx]")
	for _, p := range files {
		res := ReadFile(context.Background(), p)
		for i, a := range res.Articles {
			if i%20 == 3 {
				fmt.Printf("%s #%d %.90q ... %.70q\n", filepath.Base(p), a.Origin.Position, a.Text, a.Text[max(0, len(a.Text)-70):])
			}
		}
	}
}
