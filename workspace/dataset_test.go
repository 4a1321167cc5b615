package workspace

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), false},
		{" 2024-05-01T10:49 ", time.Date(2024, 5, 1, 10, 49, 0, 0, time.UTC), false},
		{"2024-05-01 10:49", time.Date(2024, 5, 1, 10, 49, 0, 0, time.UTC), false},
		{"2024-05-01T10:49:30", time.Date(2024, 5, 1, 10, 49, 30, 0, time.UTC), false},
		{"2024-05-01T10:49:00+02:00", time.Date(2024, 5, 1, 8, 49, 0, 0, time.UTC), false},
		{"", time.Time{}, false},
		{"2024-02-30", time.Time{}, true},
		{"01/05/2024", time.Time{}, true},
		{"2024-05-01T25:00", time.Time{}, true},
		{"May 1", time.Time{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if err != nil && !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("ParseDate(%q) error does not say how to write a date: %v", tt.in, err)
		}
	}
}

func TestEditArticleAndExclude(t *testing.T) {
	ws := newWS(t)
	ctx := context.Background()
	res, err := ws.Store.AddArticles(ctx, []annotate.Article{
		{Title: "Old headline", Outlet: "Wire", Text: "Dockworkers stopped work at the harbour."},
		{Title: "Other", Outlet: "Wire", Text: "The council voted on tram fares."},
	})
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].ID
	str := func(s string) *string { return &s }

	// a refused field changes nothing, not even the valid ones beside it
	if _, err := ws.EditArticle(ctx, id, ArticleFields{Outlet: str("Courier"), Date: str("yesterday")}); err == nil {
		t.Fatal("a bad date was accepted")
	}
	a, err := ws.EditArticle(ctx, id, ArticleFields{Title: str("  New headline "), Date: str("2024-05-01T10:49")})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "New headline" || a.Outlet != "Wire" || !a.PublishedAt.Equal(time.Date(2024, 5, 1, 10, 49, 0, 0, time.UTC)) {
		t.Errorf("after edit: %q %q %v", a.Title, a.Outlet, a.PublishedAt)
	}
	for search, want := range map[string]int{"new headline": 1, "old headline": 0} {
		got, err := ws.Store.Articles(ctx, storage.Query{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != want {
			t.Errorf("search %q found %d, want %d", search, len(got), want)
		}
	}
	if a, err = ws.EditArticle(ctx, id, ArticleFields{Date: str(""), URL: str("")}); err != nil || !a.PublishedAt.IsZero() {
		t.Errorf("clearing the date: %v %v", a.PublishedAt, err)
	}

	if _, err := ws.Exclude(ctx, nil, "x"); err == nil {
		t.Error("exclude of no article accepted")
	}
	if n, err := ws.Exclude(ctx, []int64{id, res[1].ID}, "not about the port"); err != nil || n != 2 {
		t.Fatalf("exclude = %d, %v", n, err)
	}
	p, err := ws.Store.Progress(ctx)
	if err != nil || p.Articles != 0 || p.Excluded != 2 {
		t.Errorf("progress after excluding both = %+v, %v", p, err)
	}
	if n, err := ws.Include(ctx, []int64{id}); err != nil || n != 1 {
		t.Errorf("include = %d, %v", n, err)
	}
	if _, err := ws.Include(ctx, []int64{12345}); err == nil || !strings.Contains(err.Error(), "redline list") {
		t.Errorf("include of an unknown id: %v", err)
	}
}

const studyV1 = `name = "study"
version = 1

[[dimension]]
key = "tone"
label = "Tone"
  [[dimension.value]]
  key = "positive"
  label = "Positive"
  [[dimension.value]]
  key = "negative"
  label = "Negative"
`

func TestMethodsAppendixAndDictionary(t *testing.T) {
	ws := newWS(t)
	ctx := context.Background()
	if _, err := ws.InstallCodebook(ctx, []byte(studyV1)); err != nil {
		t.Fatal(err)
	}
	// the same name again: stored as version 2 with the value relabelled
	if cb, err := ws.InstallCodebook(ctx, []byte(strings.Replace(studyV1, `label = "Positive"`, `label = "Favourable"`, 1))); err != nil || cb.Version != 2 {
		t.Fatalf("second version: %v, %v", cb, err)
	}
	md, err := ws.MethodsAppendix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# study — version 2\n",
		"- **Favourable** (`positive`)",
		"## Version and change history",
		"### Version 1 — saved ",
		"- first version stored",
		"### Version 2 — saved ",
		"- Tone (`tone`): relabelled the value `positive` from \"Positive\" to \"Favourable\"",
		"Other codebooks stored in this database: Redline default.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("appendix lacks %q:\n%s", want, md)
		}
	}
	if strings.Index(md, "### Version 1") > strings.Index(md, "### Version 2") {
		t.Errorf("versions out of order:\n%s", md)
	}

	dir := t.TempDir()
	files, err := ws.WriteDictionary(ctx, dir, "codes", storage.FormLong, false, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{files.CSV, files.SPSS, files.R, files.Appendix} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p, dir) || len(data) == 0 {
			t.Errorf("%s: %d bytes", p, len(data))
		}
	}
	sps, _ := os.ReadFile(files.SPSS)
	r, _ := os.ReadFile(files.R)
	if !strings.Contains(string(sps), "/FILE='wide.csv'") || !strings.Contains(string(sps), "* Make it first: redline export --form wide") ||
		!strings.Contains(string(r), `path <- "wide.csv"`) {
		t.Errorf("scripts for a long export do not say to make the wide file:\n%s\n%s", sps, r)
	}
	dict, _ := os.ReadFile(files.CSV)
	if !strings.Contains(string(dict), "value,,,,tone,positive,Favourable,0,") {
		t.Errorf("the long form's value labels are not in the dictionary:\n%s", dict)
	}
}

// TestExcludedLeaveAssignedProgress: an excluded assigned article is not
// counted and never the next one to code.
func TestExcludedLeaveAssignedProgress(t *testing.T) {
	ws := newWS(t)
	ctx := context.Background()
	res, err := ws.Store.AddArticles(ctx, []annotate.Article{
		{Title: "First", Text: "The ferry resumed service on Tuesday."},
		{Title: "Second", Text: "Bakers protested the flour tariff."},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Store.SaveAssignments(ctx, []storage.Assignment{
		{ArticleID: res[0].ID, Coder: "ana", Overlap: true}, {ArticleID: res[1].ID, Coder: "ana"},
	}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Exclude(ctx, []int64{res[0].ID}, "wire copy of the second"); err != nil {
		t.Fatal(err)
	}
	ps, err := ws.AssignedProgress(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Total != 1 || ps[0].Excluded != 1 || ps[0].OverlapTotal != 0 || ps[0].Next != res[1].ID || len(ps[0].Articles) != 2 {
		t.Errorf("progress with one excluded: %+v", ps)
	}
}
