package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

func TestZZKW(t *testing.T) {
	files, _ := filepath.Glob("/tmp/kw/*")
	for _, p := range files {
		res := ReadFile(context.Background(), p)
		noDate, noTitle, noText, noOutlet := 0, 0, 0, 0
		for _, a := range res.Articles {
			if a.PublishedAt.IsZero() {
				noDate++
			}
			if a.Title == "" {
				noTitle++
			}
			if a.Words < 5 {
				noText++
			}
			if a.Outlet == "" {
				noOutlet++
			}
		}
		fmt.Printf("== %s: err %v, %d articles; no date %d, no title %d, no text %d, no outlet %d; %d warnings\n", filepath.Base(p), res.Err, len(res.Articles), noDate, noTitle, noText, noOutlet, len(res.Warnings))
		for i, w := range res.Warnings {
			if i < 3 {
				fmt.Printf("   warn %s\n", w.Reason)
			}
		}
		for i, a := range res.Articles {
			if i < 2 || i == len(res.Articles)-1 {
				fmt.Printf("   #%d %.60q | %q | %s | %q | %q | %s | w%d\n", a.Origin.Position, a.Title, a.Outlet, a.PublishedAt.Format("2006-01-02 15:04"), a.Byline, a.Origin.Length, a.Origin.DocID, a.Words)
			}
		}
	}
}
