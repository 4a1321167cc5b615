package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// datasetFixture stores four articles of two outlets over three days, two
// of them versions of one story, coded by ana and bo (bo's only code on
// the third article is a pending carried span, which does not make it
// coded; being a span code it is in the long form only); the fourth is
// uncoded. It returns the store, the codebook and
// the article ids in order.
func datasetFixture(t *testing.T) (*Store, *annotate.Codebook, []int64) {
	t.Helper()
	s := newTestStore(t)
	ctx := context.Background()
	cb, err := annotate.ParseCodebook(testCodebook)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCodebook(ctx, cb, testCodebook); err != nil {
		t.Fatal(err)
	}
	day := func(d, h int) time.Time { return time.Date(2024, 5, d, h, 30, 0, 0, time.UTC) }
	res, err := s.AddArticles(ctx, []annotate.Article{
		{Title: "Harbour cranes idle", Outlet: "Caldera Courier", PublishedAt: day(1, 23), Text: "Cranes stood idle at the harbour on Monday."},
		{Title: "Wheat price cap", Outlet: "Bellmar Times", PublishedAt: day(2, 0), Text: "The regulator capped the price of wheat."},
		{Title: "Ferry resumes", Outlet: " caldera courier ", PublishedAt: day(3, 8), Text: "The river ferry runs again after the flood."},
		{Title: "Library hours", Outlet: "Bellmar Times", Text: "The library keeps longer hours in winter."},
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{res[0].ID, res[1].ID, res[2].ID, res[3].ID}
	if err := s.MergeFamilies(ctx, ids[0], ids[2]); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	mk := func(art int64, who, target, value string) annotate.Annotation {
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: art, Annotator: who, Codebook: cb.Name,
			CodebookVersion: cb.Version, Dimension: "stance", Target: target, Value: value, CreatedAt: at, UpdatedAt: at}
	}
	pending := mk(ids[2], "bo", "Russia", "neutral")
	if pending.Span, err = annotate.NewSpan("The river ferry runs again after the flood.", 4, 9); err != nil {
		t.Fatal(err)
	}
	pending.Carry = &annotate.Carry{From: "01HQZX3V5P8J8K2M4N6Q8R0T2V", Status: annotate.CarryExact, Score: 1}
	anns := []annotate.Annotation{
		mk(ids[0], "ana", "Russia", "favourable"),
		mk(ids[0], "bo", "Russia", "neutral"),
		mk(ids[1], "ana", "Russia", "neutral"),
		mk(ids[2], "ana", "United States", "favourable"),
		pending,
	}
	if err := s.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	return s, cb, ids
}

func TestExcludeLeavesCountsAndFlagsExports(t *testing.T) {
	s, cb, ids := datasetFixture(t)
	ctx := context.Background()

	before, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Articles != 4 || before.Anyone != 3 || before.Coded["ana"] != 3 || before.Coded["bo"] != 1 || before.Excluded != 0 {
		t.Fatalf("progress before = %+v", before)
	}

	if _, err := s.Exclude(ctx, ids[:1], "  "); !errors.Is(err, annotate.ErrInvalid) {
		t.Errorf("exclude with a blank reason: %v, want ErrInvalid", err)
	}
	if _, err := s.Exclude(ctx, []int64{ids[1], 999}, "off topic"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "999") {
		t.Errorf("exclude of an unknown id: %v, want ErrNotFound naming 999", err)
	}
	if r, _ := s.Exclusion(ctx, ids[1]); r != "" {
		t.Errorf("a refused exclusion changed article %d: reason %q", ids[1], r)
	}
	n, err := s.Exclude(ctx, ids[:1], "opinion piece, not news")
	if err != nil || n != 1 {
		t.Fatalf("exclude = %d, %v", n, err)
	}
	// again, with another reason: replaced, not counted as new
	if n, err := s.Exclude(ctx, ids[:1], "=opinion, not news"); err != nil || n != 0 {
		t.Fatalf("exclude again = %d, %v", n, err)
	}

	after, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Articles != 3 || after.Anyone != 2 || after.Coded["ana"] != 2 || after.Coded["bo"] != 0 || after.Excluded != 1 {
		t.Errorf("progress after excluding article %d = %+v", ids[0], after)
	}

	list, err := s.Articles(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if want := a.ID == ids[0]; a.Excluded != want || (want && a.ExclusionReason != "=opinion, not news") {
			t.Errorf("article %d: Excluded %v %q", a.ID, a.Excluded, a.ExclusionReason)
		}
	}
	hidden, err := s.Articles(ctx, Query{HideExcluded: true, Coded: CodedNo, Annotator: "bo"})
	if err != nil {
		t.Fatal(err)
	}
	if got := summaryIDs(hidden); !slices.Equal(got, []int64{ids[1], ids[2], ids[3]}) {
		t.Errorf("bo's uncoded, excluded hidden = %v, want %v", got, ids[1:])
	}

	// long: flagged at the end of each row; the reason is neutralised
	long := parseBoth(t, exportCSV(t, s, FormLong, cb))
	for _, r := range long {
		want := "0"
		if r["article_id"] == idStr(ids[0]) {
			want = "1"
			if r["exclusion_reason"] != "'=opinion, not news" {
				t.Errorf("long exclusion_reason = %q", r["exclusion_reason"])
			}
		}
		if r["excluded"] != want {
			t.Errorf("long row of article %s: excluded = %q, want %s", r["article_id"], r["excluded"], want)
		}
	}
	var buf bytes.Buffer
	if err := s.ExportCSVFiltered(ctx, &buf, FormLong, cb, ExportFilter{ExcludeExcluded: true}); err != nil {
		t.Fatal(err)
	}
	kept := parseBoth(t, buf.Bytes())
	if len(kept) != len(long)-2 {
		t.Errorf("--exclude-excluded kept %d of %d rows, want the 2 of article %d gone", len(kept), len(long), ids[0])
	}
	for _, r := range kept {
		if r["article_id"] == idStr(ids[0]) {
			t.Errorf("an excluded article's row is in the export: %v", r)
		}
	}

	wide := parseBoth(t, exportCSV(t, s, FormWide, cb))
	for _, r := range wide {
		if (r["article_id"] == idStr(ids[0])) != (r["excluded"] == "1") {
			t.Errorf("wide row %v", r)
		}
	}

	// JSON Lines: both forms carry the flag
	buf.Reset()
	if err := s.ExportJSONL(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var l jsonLine
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatal(err)
		}
		if l.Excluded != (l.ArticleID == ids[0]) {
			t.Errorf("jsonl line of article %d: excluded %v", l.ArticleID, l.Excluded)
		}
		if l.Excluded {
			flagged++
		}
	}
	if flagged != 2 {
		t.Errorf("%d JSON lines flagged, want 2", flagged)
	}
	buf.Reset()
	if err := s.ExportWebAnnotations(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), `"excluded":true,"exclusion_reason":"=opinion, not news"`); got != 2 {
		t.Errorf("%d web annotations flagged, want 2:\n%s", got, buf.String())
	}

	// include undoes it
	if n, err := s.Include(ctx, []int64{ids[0], ids[1]}); err != nil || n != 1 {
		t.Fatalf("include = %d, %v; want 1 (only one was excluded)", n, err)
	}
	again, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if again.Articles != before.Articles || again.Anyone != before.Anyone || again.Excluded != 0 {
		t.Errorf("progress after include = %+v, want %+v", again, before)
	}
}

// TestExclusionGoesWithItsArticle: removing an import removes the
// exclusion rows of its articles (ON DELETE CASCADE).
func TestExclusionGoesWithItsArticle(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	res, err := s.AddArticles(ctx, []annotate.Article{{Title: "Gone", Text: "An article imported by mistake."}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Exclude(ctx, []int64{res[0].ID}, "duplicate of a print edition"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, "DELETE FROM article WHERE id = ?", res[0].ID); err != nil {
		t.Fatalf("deleting an excluded article: %v", err)
	}
	var left int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM article_exclusion").Scan(&left); err != nil || left != 0 {
		t.Errorf("exclusion rows left: %d, %v", left, err)
	}
}

func TestExportFilters(t *testing.T) {
	s, cb, ids := datasetFixture(t)
	ctx := context.Background()
	family := ids[0] // the story of articles 1 and 3
	may := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		f      ExportFilter
		long   []int64 // articles of the long rows, in order
		wide   []string
		arts   []int64 // articles of the article form
		coders string  // the coders column of arts, joined
	}{
		{"none", ExportFilter{}, []int64{ids[0], ids[0], ids[1], ids[2], ids[2]},
			[]string{"ana", "bo", "ana", "ana"}, ids, "2 1 1 0"},
		// 2 May includes the article at 00:30 on 2 May, not the one at 23:30 on 1 May
		{"from", ExportFilter{From: may(2)}, []int64{ids[1], ids[2], ids[2]}, []string{"ana", "ana"}, ids[1:3], "1 1"},
		{"to", ExportFilter{To: may(1)}, []int64{ids[0], ids[0]}, []string{"ana", "bo"}, ids[:1], "2"},
		{"one day", ExportFilter{From: may(2), To: may(2)}, []int64{ids[1]}, []string{"ana"}, ids[1:2], "1"},
		// outlets match whatever the case and blanks
		{"outlet", ExportFilter{Outlets: []string{"CALDERA COURIER"}}, []int64{ids[0], ids[0], ids[2], ids[2]},
			[]string{"ana", "bo", "ana"}, []int64{ids[0], ids[2]}, "2 1"},
		{"two outlets", ExportFilter{Outlets: []string{"Caldera Courier", "Bellmar Times"}}, []int64{ids[0], ids[0], ids[1], ids[2], ids[2]},
			[]string{"ana", "bo", "ana", "ana"}, ids, "2 1 1 0"},
		{"story", ExportFilter{Stories: []int64{family}}, []int64{ids[0], ids[0], ids[2], ids[2]},
			[]string{"ana", "bo", "ana"}, []int64{ids[0], ids[2]}, "2 1"},
		// the article form keeps every article; coded counts bo only
		{"coder", ExportFilter{Coders: []string{"bo"}}, []int64{ids[0], ids[2]}, []string{"bo"}, ids, "1 0 0 0"},
		{"combined", ExportFilter{Coders: []string{"ana"}, Stories: []int64{family}, From: may(2)}, []int64{ids[2]},
			[]string{"ana"}, ids[2:3], "1"},
		{"nothing", ExportFilter{Outlets: []string{"Nowhere Gazette"}}, nil, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := s.ExportCSVFiltered(ctx, &buf, FormLong, cb, tt.f); err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range parseBoth(t, buf.Bytes()) {
				got = append(got, atoi(t, r["article_id"]))
			}
			if !slices.Equal(got, tt.long) {
				t.Errorf("long articles = %v, want %v", got, tt.long)
			}

			buf.Reset()
			if err := s.ExportCSVFiltered(ctx, &buf, FormWide, cb, tt.f); err != nil {
				t.Fatal(err)
			}
			var who []string
			for _, r := range parseBoth(t, buf.Bytes()) {
				who = append(who, r["annotator"])
			}
			if !slices.Equal(who, tt.wide) {
				t.Errorf("wide annotators = %v, want %v", who, tt.wide)
			}

			buf.Reset()
			if err := s.ExportJSONLFiltered(ctx, &buf, tt.f); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "\n"); n != len(tt.long) {
				t.Errorf("%d JSON lines, want %d", n, len(tt.long))
			}
			buf.Reset()
			if err := s.ExportWebAnnotationsFiltered(ctx, &buf, tt.f); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(buf.String(), "\n"); n != len(tt.long) {
				t.Errorf("%d web annotation lines, want %d", n, len(tt.long))
			}

			buf.Reset()
			if err := s.ExportArticles(ctx, &buf, tt.f, false); err != nil {
				t.Fatal(err)
			}
			var arts []int64
			var coders []string
			for _, r := range parseBoth(t, buf.Bytes()) {
				arts = append(arts, atoi(t, r["article_id"]))
				coders = append(coders, r["coders"])
				if (r["coded"] == "1") != (r["coders"] != "0") {
					t.Errorf("article %s: coded %s with %s coders", r["article_id"], r["coded"], r["coders"])
				}
			}
			if !slices.Equal(arts, tt.arts) || strings.Join(coders, " ") != tt.coders {
				t.Errorf("article form = %v coders %v, want %v coders %s", arts, coders, tt.arts, tt.coders)
			}
		})
	}
}

func TestExportArticlesColumnsAndText(t *testing.T) {
	s, _, ids := datasetFixture(t)
	ctx := context.Background()
	if _, err := s.Exclude(ctx, ids[3:], "not about the port"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.ExportArticles(ctx, &buf, ExportFilter{}, true); err != nil {
		t.Fatal(err)
	}
	header := strings.SplitN(buf.String(), "\n", 2)[0]
	if want := "article_id,family_id,title,outlet,url,published,words,coded,coders,excluded,exclusion_reason,text"; header != want {
		t.Errorf("header = %s\nwant %s", header, want)
	}
	rows := parseBoth(t, buf.Bytes())
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4 (uncoded included)", len(rows))
	}
	last := rows[3] // no date: last
	if last["article_id"] != idStr(ids[3]) || last["coded"] != "0" || last["excluded"] != "1" ||
		last["exclusion_reason"] != "not about the port" || last["text"] != "The library keeps longer hours in winter." ||
		last["published"] != "" || last["words"] != "7" {
		t.Errorf("uncoded, excluded, undated article: %v", last)
	}
	if rows[0]["family_id"] != rows[2]["family_id"] || rows[0]["published"] != "2024-05-01T23:30:00Z" {
		t.Errorf("first and third rows: %v / %v", rows[0], rows[2])
	}

	buf.Reset()
	if err := s.ExportArticles(ctx, &buf, ExportFilter{ExcludeExcluded: true}, false); err != nil {
		t.Fatal(err)
	}
	if rows := parseBoth(t, buf.Bytes()); len(rows) != 3 || strings.Contains(buf.String(), ",text") {
		t.Errorf("without excluded, without text: %d rows\n%s", len(rows), buf.String())
	}
}

func summaryIDs(list []annotate.ArticleSummary) []int64 {
	var out []int64
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}

func idStr(n int64) string { return strconv.FormatInt(n, 10) }

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}
