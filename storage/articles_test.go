package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

func TestAddArticlesDuplicates(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	first, err := s.AddArticles(ctx, []annotate.Article{
		{Title: "A", Text: "alpha text"},
		{Title: "B", Text: "beta text"},
		{Title: "A again, same batch", Text: "alpha text"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if first[0].Duplicate || first[1].Duplicate || !first[2].Duplicate {
		t.Errorf("first batch = %+v, want only the third a duplicate", first)
	}
	if first[2].ID != first[0].ID {
		t.Errorf("duplicate id = %d, want %d", first[2].ID, first[0].ID)
	}
	second, err := s.AddArticles(ctx, []annotate.Article{{Title: "B later", Text: "beta text"}, {Text: "gamma"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := second, []AddResult{{ID: first[1].ID, Duplicate: true}, {ID: second[1].ID}}; !slices.Equal(got, want) {
		t.Errorf("second batch = %+v, want %+v", got, want)
	}
	n, err := s.CountArticles(ctx)
	if err != nil || n != 3 {
		t.Errorf("CountArticles = %d, %v; want 3", n, err)
	}
}

func TestAddArticlesRollsBackOnError(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	_, err := s.AddArticles(ctx, []annotate.Article{{Text: "fine"}, {Text: "no such family", FamilyID: 99}})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown family: got %v, want ErrNotFound", err)
	}
	if n, _ := s.CountArticles(ctx); n != 0 {
		t.Errorf("after a failed batch %d articles are stored, want 0", n)
	}
}

func TestArticleRoundTrip(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	in := annotate.Article{
		Title: "Überschrift", Outlet: "Die Zeit", URL: "https://example.com/x?a=1", Byline: "K. Muster",
		PublishedAt: time.Date(2024, 5, 6, 14, 39, 0, 0, time.FixedZone("CEST", 2*3600)),
		RetrievedAt: time.Date(2024, 5, 7, 8, 0, 0, 0, time.UTC),
		SourcePath:  "/tmp/a.html", Text: "Erste Zeile.\nZweite Zeile — mit Gedankenstrich.",
		ImportedAt: time.Date(2024, 5, 7, 9, 0, 0, 123456789, time.UTC),
	}
	res, err := s.AddArticles(ctx, []annotate.Article{in})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.ID = res[0].ID
	want.FamilyID = res[0].ID // a story of its own until grouped
	want.TextSHA256 = annotate.TextHash(in.Text)
	want.Words = annotate.CountWords(in.Text)
	if !got.PublishedAt.Equal(want.PublishedAt) || !got.RetrievedAt.Equal(want.RetrievedAt) || !got.ImportedAt.Equal(want.ImportedAt) {
		t.Errorf("times = %v %v %v, want %v %v %v", got.PublishedAt, got.RetrievedAt, got.ImportedAt,
			want.PublishedAt, want.RetrievedAt, want.ImportedAt)
	}
	got.PublishedAt, got.RetrievedAt, got.ImportedAt = want.PublishedAt, want.RetrievedAt, want.ImportedAt
	if got != want {
		t.Errorf("Article = %+v\nwant %+v", got, want)
	}
	if _, err := s.Article(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(999): got %v, want ErrNotFound", err)
	}
}

// seedList stores articles for list and search tests and returns their ids
// by title.
func seedList(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	day := func(d int) time.Time { return time.Date(2024, 1, d, 12, 0, 0, 0, time.UTC) }
	arts := []annotate.Article{
		{Title: "late", PublishedAt: day(20), Text: "Officials in Kyiv don't comment on the grain deal."},
		{Title: "undated one", Text: "An AND B went to Zürich for talks."},
		{Title: "early", PublishedAt: day(2), Text: "Economic sanctions and the economy of Russia."},
		{Title: "middle", PublishedAt: day(10), Text: "Quote \"marks\" and a star * in text; 東京 news."},
		{Title: "undated two", Text: "Nothing of note."},
	}
	res, err := s.AddArticles(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for i, r := range res {
		ids[arts[i].Title] = r.ID
	}
	return ids
}

func titles(t *testing.T, s *Store, q Query) []string {
	t.Helper()
	list, err := s.Articles(context.Background(), q)
	if err != nil {
		t.Fatalf("Articles(%+v): %v", q, err)
	}
	out := []string{}
	for _, a := range list {
		out = append(out, a.Title)
	}
	return out
}

func TestArticlesOrderAndPaging(t *testing.T) {
	s := newTestStore(t)
	seedList(t, s)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"all", Query{}, []string{"early", "middle", "late", "undated one", "undated two"}},
		{"first page", Query{Limit: 2}, []string{"early", "middle"}},
		{"second page", Query{Limit: 2, Offset: 2}, []string{"late", "undated one"}},
		{"offset only", Query{Offset: 3}, []string{"undated one", "undated two"}},
		{"past the end", Query{Limit: 2, Offset: 10}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(t, s, tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestArticlesSearch(t *testing.T) {
	s := newTestStore(t)
	seedList(t, s)
	all := []string{"early", "middle", "late", "undated one", "undated two"}
	tests := []struct {
		search string
		want   []string
	}{
		{"grain", []string{"late"}},
		{"GRAIN Deal", []string{"late"}},
		{"econ", []string{"early"}},                         // last word is a prefix
		{"econ sanctions", []string{}},                      // earlier words are whole
		{"don't", []string{"late"}},                         // apostrophe
		{"AND", []string{"early", "middle", "undated one"}}, // a word, not an operator
		{"OR NOT", []string{}},
		{"NEAR(a b)", []string{}},
		{`"`, all}, // nothing searchable: no filter
		{`"marks`, []string{"middle"}},
		{`marks"`, []string{"middle"}},
		{"*", all},
		{"star *", []string{"middle"}},
		{"^late", []string{"late"}},         // title column is searched
		{"zurich", []string{"undated one"}}, // diacritics folded
		{"Zürich", []string{"undated one"}},
		{"東京", []string{"middle"}},
		{"title:late", []string{}}, // no column filters from users
		{"  ", all},
		{"-", all},
		{"a-b", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.search, func(t *testing.T) {
			if got := titles(t, s, Query{Search: tt.search}); !slices.Equal(got, tt.want) {
				t.Errorf("search %q: got %v, want %v", tt.search, got, tt.want)
			}
		})
	}
}

func TestArticlesCoded(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	ids := seedList(t, s)
	now := time.Now()
	live := annotate.Annotation{ID: annotate.NewID(), ArticleID: ids["middle"], Annotator: "a",
		Dimension: "note", Note: "x", CreatedAt: now, UpdatedAt: now}
	dead := annotate.Annotation{ID: annotate.NewID(), ArticleID: ids["late"], Annotator: "a",
		Dimension: "note", Note: "y", CreatedAt: now, UpdatedAt: now, Deleted: true}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{live, dead}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"coded", Query{Coded: CodedYes}, []string{"middle"}},
		{"not coded", Query{Coded: CodedNo}, []string{"early", "late", "undated one", "undated two"}},
		{"coded and search", Query{Coded: CodedYes, Search: "marks"}, []string{"middle"}},
		{"not coded and search", Query{Coded: CodedNo, Search: "marks"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(t, s, tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	list, err := s.Articles(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if got, want := a.Coded, a.ID == ids["middle"]; got != want {
			t.Errorf("%s: Coded = %v, want %v", a.Title, got, want)
		}
	}
}

func TestListQueryUsesIndex(t *testing.T) {
	sqliteOnly(t, "the plan of SQLite's query planner")
	s := newTestStore(t)
	rows, err := s.read.Query(`EXPLAIN QUERY PLAN SELECT a.id, a.family_id, a.title, a.outlet, a.published_at, a.words,
		EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = a.id AND n.deleted = 0)
		FROM article a ORDER BY a.published_at IS NULL, a.published_at, a.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	for _, p := range plan {
		if p == "USE TEMP B-TREE FOR ORDER BY" {
			t.Errorf("list query sorts instead of using article_list: %v", plan)
		}
	}
	t.Log(plan)
}

// TestListByStoryAndProgress: by story, versions follow their story with
// their place in it; progress counts confirmed codes only.
func TestListByStoryAndProgress(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	ids := addTexts(t, s, "One story, first version.", "An unrelated report.", "One story, second version.")
	if err := s.MergeFamilies(ctx, ids[0], ids[2]); err != nil {
		t.Fatal(err)
	}
	items, err := s.Articles(ctx, Query{Order: ByStory})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%d:%d/%d", it.ID, it.Version, it.Versions))
	}
	want := fmt.Sprintf("%d:1/2 %d:2/2 %d:1/1", ids[0], ids[2], ids[1])
	if strings.Join(got, " ") != want {
		t.Errorf("by story %v, want %s", got, want)
	}
	now := time.Now().UTC()
	own := annotate.Annotation{ID: annotate.NewID(), ArticleID: ids[0], Annotator: "ana", Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now}
	pending := own
	pending.ID, pending.ArticleID = annotate.NewID(), ids[1]
	pending.Carry = &annotate.Carry{From: own.ID, Status: annotate.CarryExact, Score: 1}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{own, pending}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Articles != 3 || p.Coded["ana"] != 1 || p.Anyone != 1 {
		t.Errorf("progress %+v, want 3 articles, 1 coded by ana (a pending copy does not count)", p)
	}
}
