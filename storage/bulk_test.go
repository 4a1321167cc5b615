package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"redline/annotate"
)

// pathOf sends every batch down the bulk path, or (false) down the
// one-statement-per-article path, as before bulk import existed, until
// the returned function is called.
func pathOf(bulk bool) (restore func()) {
	old := bulkMin
	bulkMin = 1 << 30
	if bulk {
		bulkMin = 2
	}
	return func() { bulkMin = old }
}

// bulkBatch is a batch with every case AddResult tells apart: new
// articles, the same text twice from one outlet and URL, a text stored
// before, the same text at another outlet and at another URL, stubs (one
// twice), an article placed in a stored family, one with a file origin.
func bulkBatch(family int64) []annotate.Article {
	var arts []annotate.Article
	for i := range 20 {
		arts = append(arts, annotate.Article{Title: fmt.Sprintf("New %d", i), Outlet: "Wire",
			Text: fmt.Sprintf("story%d a new report number %d about the harbour", i, i), SourcePath: fmt.Sprintf("new%d.txt", i)})
	}
	pub := time.Date(2026, 3, 14, 10, 49, 0, 0, time.UTC)
	arts[3].PublishedAt, arts[3].RetrievedAt, arts[3].Byline, arts[3].URL = pub, pub.Add(time.Hour), "A. Writer", "https://example.org/3"
	arts[4].Words = 99 // given, kept
	arts = append(arts,
		annotate.Article{Title: "Again", Outlet: "Wire", Text: arts[2].Text, SourcePath: "again.txt"},                    // within the batch
		annotate.Article{Title: "Stored", Outlet: "Wire", Text: "stored1 the text stored before", SourcePath: "old.txt"}, // stored before
		annotate.Article{Title: "Elsewhere", Outlet: "Courier", Text: arts[2].Text, SourcePath: "courier.txt"},           // another outlet: new
		annotate.Article{Title: "Other URL", Outlet: "Wire", URL: "https://example.org/other", Text: arts[2].Text},       // another URL: new
		annotate.Article{Title: "Stub", Outlet: "Daily", URL: "https://example.org/stub", TextMissing: true},
		annotate.Article{Title: "Stub again", Outlet: "Daily", URL: "https://example.org/stub", TextMissing: true},
		annotate.Article{Title: "Placed", Outlet: "Herald", Text: "placed the analyst put it in a story", FamilyID: family},
		annotate.Article{Title: "From a file", Outlet: "Herald", Text: "filed from an export file",
			Origin: annotate.Origin{File: "export.docx", Position: 7, Section: "News", Length: "120 words"}},
		annotate.Article{Title: "Stored again", Outlet: "Wire", Text: "stored1 the text stored before"},
	)
	return arts
}

// addBoth stores the same seed and batch in a fresh store, row by row
// or in bulk, and returns the batch's results.
func addBoth(t *testing.T, bulk bool) (*Store, []AddResult, []annotate.Article) {
	t.Helper()
	defer pathOf(bulk)()
	ctx := context.Background()
	s := newTestStore(t)
	seed, err := s.AddArticles(ctx, []annotate.Article{
		{Title: "Stored", Outlet: "Wire", Text: "stored1 the text stored before"},
		{Title: "Family", Outlet: "Herald", Text: "family an older story"},
	})
	if err != nil {
		t.Fatal(err)
	}
	arts := bulkBatch(seed[1].ID)
	res, err := s.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	return s, res, arts
}

// TestBulkAddMatchesRows: a batch stored in bulk gives the AddResults and
// the stored rows the row-by-row path gives.
func TestBulkAddMatchesRows(t *testing.T) {
	ctx := context.Background()
	type stored struct {
		dup                     bool
		sameAs                  int // the first result in the batch with the same ID
		title, outlet, url, src string
		byline, text, hash      string
		words                   int
		pub, ret                time.Time
		ownFamily, missing      bool
		origins                 int
	}
	describe := func(s *Store, res []AddResult, arts []annotate.Article) []stored {
		t.Helper()
		var out []stored
		var last int64
		for i, r := range res {
			a, err := s.Article(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.Provenance(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			first := slices.IndexFunc(res, func(o AddResult) bool { return o.ID == r.ID })
			if !r.Duplicate {
				if r.ID <= last {
					t.Errorf("article %d: new id %d after %d: ids must grow in batch order", i, r.ID, last)
				}
				last = r.ID
			}
			out = append(out, stored{dup: r.Duplicate, sameAs: first, title: a.Title, outlet: a.Outlet, url: a.URL, src: a.SourcePath,
				byline: a.Byline, text: a.Text, hash: a.TextSHA256, words: a.Words, pub: a.PublishedAt, ret: a.RetrievedAt,
				ownFamily: a.FamilyID == a.ID, missing: p.TextMissing, origins: len(p.Origins)})
			if arts[i].FamilyID != 0 && !r.Duplicate && a.FamilyID != arts[i].FamilyID {
				t.Errorf("article %d: family %d, want %d", i, a.FamilyID, arts[i].FamilyID)
			}
		}
		return out
	}
	rs, rres, arts := addBoth(t, false)
	rows := describe(rs, rres, arts)
	bs, bres, _ := addBoth(t, true)
	bulk := describe(bs, bres, arts)
	for i := range rows {
		if rows[i] != bulk[i] {
			t.Errorf("article %d (%s):\nrow by row %+v\nbulk       %+v", i, arts[i].Title, rows[i], bulk[i])
		}
	}
	// the cases the batch is made of, said plainly
	for i, want := range map[int]bool{2: false, 20: true, 21: true, 22: false, 23: false, 24: false, 25: true, 26: false, 27: false, 28: true} {
		if bres[i].Duplicate != want {
			t.Errorf("bulk: %s: duplicate %v, want %v", arts[i].Title, bres[i].Duplicate, want)
		}
	}
	if bres[20].ID != bres[2].ID || bres[25].ID != bres[24].ID || bres[21].ID != bres[28].ID {
		t.Errorf("bulk: a duplicate does not point at the article it repeats: %+v", bres)
	}
	if n, _ := bs.CountArticles(ctx); n != 2+len(arts)-4 {
		t.Errorf("bulk: %d articles stored, want %d", n, 2+len(arts)-4)
	}
}

// TestBulkAddUnknownFamily: naming a family that does not exist fails the
// batch, as row by row, with ErrNotFound, and stores nothing.
func TestBulkAddUnknownFamily(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	arts := bulkBatch(0)
	arts[5].FamilyID = 424242
	_, err := s.AddArticles(ctx, arts)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	if n, _ := s.CountArticles(ctx); n != 0 {
		t.Errorf("%d articles stored after the failed batch", n)
	}
}

// limitGrouper is wordGrouper with a stricter candidate rule, so the
// per-key limit and the shared-key minimum are exercised.
type limitGrouper struct {
	wordGrouper
	perKey, minShared int
}

func (g limitGrouper) Candidates() (int, int) { return g.perKey, g.minShared }

// TestBulkGroupingMatchesRows: a batch placed in bulk (keys first, one
// candidates query) gives the families and related pairs that placing one
// article at a time gives, with the candidate limits in force.
func TestBulkGroupingMatchesRows(t *testing.T) {
	ctx := context.Background()
	var arts []annotate.Article
	// stories whose versions share a first word; shared words relate the
	// rest; "harbour" and "ferry" are common keys that the per-key limit
	// cuts short
	for i := range 60 {
		arts = append(arts, annotate.Article{Title: fmt.Sprint(i), Outlet: "Wire",
			Text: fmt.Sprintf("story%d harbour ferry w%d w%d w%d", i%7, i%11, i%13, i)})
	}
	for _, g := range []Grouper{wordGrouper{}, limitGrouper{perKey: 3, minShared: 2}, limitGrouper{perKey: 64, minShared: 3}} {
		t.Run(fmt.Sprintf("%+v", g), func(t *testing.T) {
			shape := func(bulk bool) (fams []int, rels []string) {
				t.Helper()
				defer pathOf(bulk)()
				s := newTestStore(t)
				// one batch stored first, so candidates come from both the
				// database and the batch
				first, err := s.AddArticlesGrouped(ctx, arts[:20], g)
				if err != nil {
					t.Fatal(err)
				}
				rest, err := s.AddArticlesGrouped(ctx, arts[20:], g)
				if err != nil {
					t.Fatal(err)
				}
				res := append(first, rest...)
				at := map[int64]int{}
				for i, r := range res {
					at[r.ID] = i
				}
				for _, r := range res {
					f, err := s.FamilyOf(ctx, r.ID)
					if err != nil {
						t.Fatal(err)
					}
					i, ok := at[f.ID]
					if !ok {
						i = -1
					}
					fams = append(fams, i)
				}
				all, err := s.Relations(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range all {
					rels = append(rels, fmt.Sprintf("%d-%d:%d:%v", at[r.A], at[r.B], r.Words, r.Passages))
				}
				slices.Sort(rels)
				return fams, rels
			}
			rowFams, rowRels := shape(false)
			bulkFams, bulkRels := shape(true)
			if !slices.Equal(rowFams, bulkFams) {
				t.Errorf("families differ:\nrow by row %v\nbulk       %v", rowFams, bulkFams)
			}
			if !slices.Equal(rowRels, bulkRels) {
				t.Errorf("related pairs differ:\nrow by row %v\nbulk       %v", rowRels, bulkRels)
			}
			joined := 0
			for i, f := range rowFams {
				if f != i {
					joined++
				}
			}
			if len(rowRels) == 0 || joined == 0 {
				t.Errorf("the fixture proves little: %d related pairs, %d articles joined a story", len(rowRels), joined)
			}
		})
	}
}

// TestBulkAddLosesRaceToAnotherWriter: on PostgreSQL another coder's import
// may store one of the batch's articles after the bulk path looked and
// before it copies: that article is a duplicate of theirs, the rest are
// stored, and no empty story is left behind.
func TestBulkAddLosesRaceToAnotherWriter(t *testing.T) {
	if testServer == "" {
		t.Skip("PostgreSQL only: the COPY path; set REDLINE_TEST_POSTGRES")
	}
	ctx := context.Background()
	s := newTestStore(t)
	arts := bulkBatch(0)[:20]
	var theirs int64
	pgCopyBetween = func() {
		pgCopyBetween = nil
		// a plain insert on another connection, committed at once
		if err := s.write.QueryRowContext(ctx, `INSERT INTO article (title, outlet, url, text_sha256, imported_at, text)
			VALUES ('Theirs', ?, ?, ?, ?, ?) RETURNING id`, arts[7].Outlet, arts[7].URL, annotate.TextHash(arts[7].Text),
			stamp(time.Now()), arts[7].Text).Scan(&theirs); err != nil {
			t.Error(err)
		}
	}
	defer func() { pgCopyBetween = nil }()
	res, err := s.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	if theirs == 0 {
		t.Fatal("the other writer stored nothing")
	}
	for i, r := range res {
		if dup := i == 7; r.Duplicate != dup || (dup && r.ID != theirs) {
			t.Errorf("article %d: %+v, want duplicate %v (theirs is %d)", i, r, dup, theirs)
		}
	}
	var n, empty int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM article").Scan(&n); err != nil || n != 20 {
		t.Errorf("%d articles stored (%v), want 20", n, err)
	}
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM family f WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.family_id = f.id)").Scan(&empty); err != nil || empty != 0 {
		t.Errorf("%d empty stories left (%v)", empty, err)
	}
}

// TestBulkAddLargeBatch: a batch larger than one INSERT carries (SQLite
// splits it) keeps batch order, and a repeat far from its first copy is
// still a duplicate of it.
func TestBulkAddLargeBatch(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	repeats := func(i int) bool { return i >= 1_200 && i%700 == 699 } // 1399 and 2099
	var arts []annotate.Article
	for i := range 2_500 {
		text := fmt.Sprintf("story%d a report of its own", i)
		if repeats(i) {
			text = fmt.Sprintf("story%d a report of its own", i-1_200) // a repeat from an earlier part
		}
		arts = append(arts, annotate.Article{Title: fmt.Sprint(i), Outlet: "Wire", Text: text})
	}
	res, err := s.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	dups := 0
	for i, r := range res {
		if repeats(i) {
			dups++
			if !r.Duplicate || r.ID != res[i-1_200].ID {
				t.Errorf("article %d: %+v, want a duplicate of article %d (%+v)", i, r, i-1_200, res[i-1_200])
			}
			continue
		}
		if r.Duplicate || r.ID <= last {
			t.Errorf("article %d: %+v after id %d, want new and in order", i, r, last)
		}
		last = r.ID
		if f, err := s.FamilyOf(ctx, r.ID); err != nil || f.ID != r.ID {
			t.Errorf("article %d: family %+v (%v), want a story of its own", i, f, err)
		}
	}
	if n, _ := s.CountArticles(ctx); n != len(arts)-dups {
		t.Errorf("%d stored, want %d", n, len(arts)-dups)
	}
}
