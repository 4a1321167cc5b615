package storage

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

func TestAddArticlesOrigins(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	load := time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)
	fact := func(file string, pos int, id, text string) annotate.Article {
		return annotate.Article{Title: "Harbour strike", Text: text, Origin: annotate.Origin{
			Database: "Factiva", DocID: id, File: file, Position: pos, Length: "180 words", LoadDate: load}}
	}
	first, err := s.AddArticles(ctx, []annotate.Article{
		fact("a.html", 1, "HRLD000020240318ek3i0000p", "The harbour workers voted."),
		fact("a.html", 2, "HRLD000020240319ek3i0001p", "The grid operator warned."),
	})
	if err != nil {
		t.Fatal(err)
	}
	// the same documents in a second export: one re-edited by the database
	// (same id, other text), one with the same text and no id
	second, err := s.AddArticles(ctx, []annotate.Article{
		fact("b.rtf", 7, "HRLD000020240318ek3i0000p", "The harbour workers voted on Monday."),
		{Title: "Grid", Text: "The grid operator warned.", Origin: annotate.Origin{Database: "Nexis Uni", File: "c.docx", Position: 3}},
		fact("b.rtf", 8, "HRLD000020240320ek3i0002p", "A new story."),
	})
	if err != nil {
		t.Fatal(err)
	}
	if !second[0].Duplicate || second[0].ID != first[0].ID {
		t.Errorf("same document id: %+v, want a duplicate of %d", second[0], first[0].ID)
	}
	if !second[1].Duplicate || second[1].ID != first[1].ID {
		t.Errorf("same text: %+v, want a duplicate of %d", second[1], first[1].ID)
	}
	if second[2].Duplicate {
		t.Errorf("new document stored as a duplicate")
	}
	if n, _ := s.CountArticles(ctx); n != 3 {
		t.Errorf("%d articles stored, want 3", n)
	}
	p, err := s.Provenance(ctx, first[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Origins) != 2 || p.Origins[0].File != "a.html" || p.Origins[1].File != "b.rtf" || p.Origins[1].Position != 7 ||
		p.Origins[0].DocID != "HRLD000020240318ek3i0000p" || !p.Origins[0].LoadDate.Equal(load) || p.Origins[0].Length != "180 words" {
		t.Errorf("origins = %+v", p.Origins)
	}
	p, _ = s.Provenance(ctx, first[1].ID)
	if len(p.Origins) != 2 || p.Origins[1].Database != "Nexis Uni" || p.Origins[1].Position != 3 {
		t.Errorf("origins of the text duplicate = %+v", p.Origins)
	}
	// importing the same file again adds nothing
	again, err := s.AddArticles(ctx, []annotate.Article{fact("a.html", 1, "HRLD000020240318ek3i0000p", "The harbour workers voted.")})
	if err != nil || !again[0].Duplicate {
		t.Fatalf("again = %+v, %v", again, err)
	}
	if p, _ = s.Provenance(ctx, first[0].ID); len(p.Origins) != 2 {
		t.Errorf("re-import added an origin: %+v", p.Origins)
	}
	var out bytes.Buffer
	if err := s.ExportOrigins(ctx, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 6 || lines[0] != strings.Join(originColumns, ",") ||
		!strings.Contains(out.String(), "Factiva,HRLD000020240318ek3i0000p,b.rtf,7,,180 words,2024-03-25") {
		t.Errorf("ExportOrigins =\n%s", out.String())
	}
}

func TestStubs(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	stub := func(title, url string) annotate.Article {
		return annotate.Article{Title: title, URL: url, Outlet: "Harbour Gazette", TextMissing: true,
			Origin: annotate.Origin{Database: "Media Cloud", File: "stories.csv", Position: 2}}
	}
	res, err := s.AddArticles(ctx, []annotate.Article{
		stub("Strike vote", "https://example.org/a"),
		stub("Grid warning", "https://example.org/b"),
		stub("Strike vote (same link)", "https://example.org/a"),
		{Title: "No link", TextMissing: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || res[1].Duplicate || !res[2].Duplicate || res[3].Duplicate {
		t.Errorf("stubs = %+v, want only the third (same URL) a duplicate", res)
	}
	p, err := s.Provenance(ctx, res[1].ID)
	if err != nil || !p.TextMissing {
		t.Errorf("Provenance = %+v, %v; want text missing", p, err)
	}
	a, err := s.Article(ctx, res[1].ID)
	if err != nil || a.Text != "" || a.Title != "Grid warning" {
		t.Errorf("Article = %+v, %v", a, err)
	}
	full, err := s.AddArticles(ctx, []annotate.Article{{Title: "Full", Text: "Some text."}})
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Provenance(ctx, full[0].ID); p.TextMissing {
		t.Errorf("an article with text is marked text missing")
	}
}

func TestColumnMapping(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	header := []string{"stories_id", " Headline ", "Zeitung"}
	if _, ok, err := s.ColumnMapping(ctx, header); ok || err != nil {
		t.Fatalf("mapping before saving: %v, %v", ok, err)
	}
	m := map[string]string{"zeitung": "outlet", "headline": "title"}
	if err := s.SaveColumnMapping(ctx, header, m); err != nil {
		t.Fatal(err)
	}
	m["zeitung"] = "ignore"
	if err := s.SaveColumnMapping(ctx, header, m); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.ColumnMapping(ctx, []string{"STORIES_ID", "headline", "zeitung"})
	if err != nil || !ok || got["zeitung"] != "ignore" || got["headline"] != "title" {
		t.Errorf("ColumnMapping = %v, %v, %v", got, ok, err)
	}
	if _, ok, _ := s.ColumnMapping(ctx, []string{"stories_id", "headline"}); ok {
		t.Errorf("a different header found the mapping")
	}
}

func TestDocIDWithoutDatabaseIsNotADuplicate(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	row := func(file, text string) annotate.Article {
		return annotate.Article{Text: text, Origin: annotate.Origin{DocID: "1", File: file, Position: 2}}
	}
	res, err := s.AddArticles(ctx, []annotate.Article{row("a.csv", "First list's story."), row("b.csv", "Second list's story.")})
	if err != nil {
		t.Fatal(err)
	}
	if res[1].Duplicate {
		t.Errorf("row id 1 of two unrelated CSV files taken for the same document")
	}
}
