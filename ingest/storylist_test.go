package ingest

import (
	"context"
	"strings"
	"testing"
	"time"
)

// mediaCloudCSV is a story list laid out as Media Cloud's older API
// exports it: no text, the story's id, outlet and link.
const mediaCloudCSV = `stories_id,publish_date,title,url,language,ap_syndicated,media_id,media_name,media_url
2213450981,2024-03-18 10:49:00,Harbour workers vote to extend strike,https://ledger.example/harbour-strike,en,False,1104,The Northern Ledger,https://ledger.example
2213450982,2024-03-19 08:02:11,Grid operator warns of tight winter,https://gazette.example/grid,en,False,2207,Harbour Gazette,https://gazette.example
2213450983,,,https://gazette.example/no-title,en,False,2207,Harbour Gazette,https://gazette.example
2213450984,2024-03-19,,,en,False,2207,Harbour Gazette,https://gazette.example
`

// mediaCloudSearchCSV is laid out as the newer search tool exports it.
const mediaCloudSearchCSV = `id,indexed_date,language,media_name,media_url,publish_date,title,url
a1f3c9,2024-03-18 11:00:00,en,The Northern Ledger,ledger.example,2024-03-18,Harbour workers vote to extend strike,https://ledger.example/harbour-strike
`

func TestStoryLists(t *testing.T) {
	dir := t.TempDir()
	t.Run("media cloud", func(t *testing.T) {
		p := writeFile(t, dir, "stories.csv", mediaCloudCSV)
		res := ReadFile(context.Background(), p)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		if len(res.Articles) != 3 {
			t.Fatalf("%d articles, want 3 stubs (the row with neither title nor URL skipped): %+v", len(res.Articles), res.Articles)
		}
		a := res.Articles[0]
		if !a.TextMissing || a.Text != "" || a.Title != "Harbour workers vote to extend strike" || a.Outlet != "The Northern Ledger" ||
			a.URL != "https://ledger.example/harbour-strike" || !a.PublishedAt.Equal(time.Date(2024, 3, 18, 10, 49, 0, 0, time.UTC)) {
			t.Errorf("stub = %+v", a)
		}
		if a.Origin.Database != dbMediaCloud || a.Origin.DocID != "2213450981" || a.Origin.File != p || a.Origin.Position != 2 {
			t.Errorf("origin = %+v", a.Origin)
		}
		if res.Articles[2].Title != "https://gazette.example/no-title" {
			t.Errorf("a stub without a title is called %q, want its URL", res.Articles[2].Title)
		}
		var stubs, skipped bool
		for _, w := range res.Warnings {
			stubs = stubs || strings.Contains(w.Reason, "3 rows have no text: stored as stubs")
			skipped = skipped || w.Line == 5 && strings.Contains(w.Reason, "no text")
		}
		if !stubs || !skipped {
			t.Errorf("warnings = %v, want the stub count and row 5 skipped", res.Warnings)
		}
	})
	t.Run("media cloud search", func(t *testing.T) {
		p := writeFile(t, dir, "search.csv", mediaCloudSearchCSV)
		res := ReadFile(context.Background(), p)
		if res.Err != nil || len(res.Articles) != 1 {
			t.Fatalf("Err %v, %d articles", res.Err, len(res.Articles))
		}
		if o := res.Articles[0].Origin; o.DocID != "a1f3c9" || o.Database != dbMediaCloud {
			t.Errorf("origin = %+v", o)
		}
		if got := res.Articles[0].RetrievedAt.Format("2006-01-02 15:04"); got != "2024-03-18 11:00" {
			t.Errorf("retrieved = %s, want the indexed date", got)
		}
	})
	t.Run("mapped columns", func(t *testing.T) {
		p := writeFile(t, dir, "de.csv", "Schlagzeile;Zeitung;Volltext;Datum;Notiz\nStreik im Hafen;Hafenblatt;Die Arbeiter stimmten ab.;18.03.2024;x\n")
		if res := ReadFile(context.Background(), p); res.Err == nil || !strings.Contains(res.Err.Reason, "--map") {
			t.Fatalf("unmapped: Err = %v, want a hint at --map", res.Err)
		}
		m := map[string]string{"schlagzeile": "title", "ZEITUNG": "outlet", "Volltext": "text", "Datum": "published", "Notiz": "ignore"}
		res := ReadFileWith(context.Background(), p, Options{Columns: m})
		if res.Err != nil || len(res.Articles) != 1 {
			t.Fatalf("Err %v, %d articles", res.Err, len(res.Articles))
		}
		a := res.Articles[0]
		if a.Title != "Streik im Hafen" || a.Outlet != "Hafenblatt" || a.Text != "Die Arbeiter stimmten ab." || a.TextMissing ||
			a.PublishedAt.Format("2006-01-02") != "2024-03-18" || a.Origin.File != p || a.Origin.Database != "" {
			t.Errorf("article = %+v", a)
		}
		// a mapping overrides a known name
		res = ReadFileWith(context.Background(), p, Options{Columns: map[string]string{"Volltext": "text", "Schlagzeile": "ignore"}})
		if res.Err != nil || res.Articles[0].Title != "Die Arbeiter stimmten ab." {
			t.Errorf("ignored title column still read: %+v %v", res.Articles, res.Err)
		}
	})
}

func TestCheckMapping(t *testing.T) {
	if err := CheckMapping(map[string]string{"a": "title", "b": "IGNORE", "c": "source_id"}); err != nil {
		t.Errorf("valid mapping refused: %v", err)
	}
	err := CheckMapping(map[string]string{"a": "title", "b": "headline"})
	if err == nil || !strings.Contains(err.Error(), `column "b" mapped to "headline"`) || !strings.Contains(err.Error(), "published") {
		t.Errorf("CheckMapping = %v", err)
	}
}

func TestPreviewCSV(t *testing.T) {
	p := writeFile(t, t.TempDir(), "stories.csv", mediaCloudCSV)
	pv, err := PreviewCSV(p, map[string]string{"media_url": "url", "url": "ignore"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Columns) != 9 || pv.HasText || !pv.Stubs {
		t.Fatalf("preview = %+v", pv)
	}
	want := map[string]string{"stories_id": "source_id", "publish_date": "published", "title": "title", "url": "ignore",
		"language": "ignore", "media_name": "outlet", "media_url": "url"}
	for _, c := range pv.Columns {
		if w, ok := want[c.Name]; ok && c.Field != w {
			t.Errorf("column %s -> %s, want %s", c.Name, c.Field, w)
		}
		if len(c.Samples) != 2 {
			t.Errorf("column %s: %d samples, want 2", c.Name, len(c.Samples))
		}
	}
	if c := pv.Columns[7]; !c.Known || c.Samples[0] != "The Northern Ledger" {
		t.Errorf("media_name = %+v", c)
	}
	if c := pv.Columns[8]; c.Known {
		t.Errorf("a mapped column is marked known: %+v", c)
	}
}
