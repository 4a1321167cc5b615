package storage

import (
	"context"
	"fmt"
	"testing"

	"redline/annotate"
)

// BenchmarkCodesUnderRowSecurity lists 20,000 codes of two coders as the
// database's owner (not bound by row-level security), as the lead and as
// a coder in a blind project (who gets her 10,000): what the policies
// cost a full list such as the export's.
func BenchmarkCodesUnderRowSecurity(b *testing.B) {
	tm := newTeam(b)
	ctx := context.Background()
	ids := make([]int64, 100)
	for i := range ids {
		ids[i] = addArticle(b, tm.lead, fmt.Sprintf("Article %d of the benchmark, about the harbour.", i))
	}
	var batch []annotate.Annotation
	for i := 0; i < 20000; i++ {
		who := []string{"Ana", "Ben"}[i%2]
		a := docCode(ids[i%len(ids)], who, "neutral")
		a.Target = fmt.Sprintf("target %d", i)
		batch = append(batch, a)
		if len(batch) == 2000 {
			if err := tm.lead.SaveAnnotations(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := tm.lead.SetSetting(ctx, "project.blind", "1"); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		s    *Store
		want int
	}{{"owner", tm.owner, 20000}, {"lead", tm.lead, 20000}, {"coder", tm.ana, 10000}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := c.s.Codes(ctx)
				if err != nil || len(rows) != c.want {
					b.Fatalf("%d codes, %v; want %d", len(rows), err, c.want)
				}
			}
		})
	}
}
