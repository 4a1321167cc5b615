package ingest

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestZZMissing(t *testing.T) {
	res := ReadFile(context.Background(), os.Getenv("ZZF"))
	for _, a := range res.Articles {
		if a.Outlet == "" || a.PublishedAt.IsZero() {
			fmt.Printf("#%d %q | %q | %v\n", a.Origin.Position, a.Title, a.Outlet, a.PublishedAt)
		}
	}
}
