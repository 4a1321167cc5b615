package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/internal/dbtest"
)

// openFile opens (creating) a Redline file in a temporary folder, closed
// when the test ends.
func openFile(tb testing.TB, name string) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// openServer opens a new, empty database on the test server.
func openServer(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(newTestDatabase(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// copyFixture puts every kind of row Redline keeps into s: articles
// grouped into stories with their index keys and a relation, where they
// came from, two codebook versions, codes (document, span, linked,
// carried with a score, a tombstone, an adjudicated one), history with a
// change undone, rejected suggestions, sources, a CSV mapping, watched
// pages, captures with and without an article, stories seen, assignments,
// an exclusion and settings.
func copyFixture(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.RecordVersion(ctx, "v1.2.3-test"))
	arts := []annotate.Article{
		{Title: "Ferry «aground»", Outlet: "Wire", URL: "https://wire.example/ferry", Byline: "A. Ortiz",
			PublishedAt: time.Date(2024, 3, 1, 10, 49, 0, 0, time.UTC),
			Text:        "storyA ferry rocks fog near Zürich, said the captain.",
			Origin: annotate.Origin{Database: "Factiva", DocID: "WIRE0001", File: "export.html", Position: 1,
				Section: "World", Length: "9 words", LoadDate: time.Date(2024, 3, 25, 0, 0, 0, 0, time.UTC)}},
		{Title: "Budget", Outlet: "Daily", Text: "storyB budget vote «passes»"},
		{Title: "Ferry, updated", Outlet: "Wire", URL: "https://wire.example/ferry",
			PublishedAt: time.Date(2024, 3, 1, 14, 39, 0, 0, time.UTC), RetrievedAt: time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC),
			Text: "storyA ferry rocks fog rescue: all 40 safe"},
		{Title: "Harbour", Outlet: "Courier", Text: "storyC harbour rocks"},
	}
	for i := range arts {
		arts[i].Fill()
	}
	res, err := s.AddArticlesGrouped(ctx, arts, wordGrouper{})
	must(err)
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.ID
	}

	cb1, err := annotate.ParseCodebook(testCodebook)
	must(err)
	must(s.SaveCodebook(ctx, cb1, testCodebook))
	src2 := bytes.Replace(testCodebook, []byte("version = 1"), []byte("version = 2"), 1)
	src2 = bytes.Replace(src2, []byte(`label = "Security"`), []byte(`label = "Security and defence"`), 1)
	cb2, err := annotate.ParseCodebook(src2)
	must(err)
	must(s.SaveCodebook(ctx, cb2, src2))

	at := time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC)
	mk := func(who string, article int64, dim, target, value, note string) annotate.Annotation {
		at = at.Add(time.Second)
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: article, Annotator: who, Codebook: cb2.Name,
			CodebookVersion: cb2.Version, Dimension: dim, Target: target, Value: value, Note: note,
			CreatedAt: at, UpdatedAt: at}
	}
	span, err := annotate.NewSpan(arts[0].Text, 0, 6)
	must(err)
	speaker := mk("ana", ids[0], "source", "", "official", "line one\nline two, «quoted» \"twice\"")
	speaker.Span, speaker.Source = span, "The captain"
	linked := mk("ana", ids[0], "source", "", "official", "")
	linked.Span, linked.LinkedTo = span, speaker.ID
	carried := mk("ana", ids[2], "stance", "Russia", "neutral", "")
	carried.Carry = &annotate.Carry{From: speaker.ID, Status: annotate.CarryFuzzy, Score: 0.7512345678901234}
	must(s.SaveChange(ctx, "ana", "code the ferry", []annotate.Annotation{speaker, linked, carried}))
	gone := mk("ana", ids[1], "frames", "", "security", "")
	must(s.SaveChange(ctx, "ana", "frames: security", []annotate.Annotation{gone}))
	gone.Deleted, gone.UpdatedAt = true, at.Add(time.Minute)
	must(s.SaveChange(ctx, "ana", "untick security", []annotate.Annotation{gone}))
	must(s.SaveChange(ctx, "bo", "stance", []annotate.Annotation{mk("bo", ids[0], "stance", "Russia", "favourable", "")}))
	settle := mk("lead", ids[0], "stance", "Russia", "neutral", "settled in the meeting")
	settle.Settles = carried.ID + " " + speaker.ID
	must(s.SaveAnnotations(ctx, []annotate.Annotation{settle}))
	must(s.SaveEdit(ctx, "bo", "reject a suggestion", Edit{Rejections: []Rejection{
		{Annotator: "bo", ArticleID: ids[0], Start: 7, End: 12, Quote: "ferry", Rejected: true}}}))
	if _, err := s.Undo(ctx, "bo", at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}

	must(s.AddSource(ctx, "Yuri Ushakov", "Ushakov"))
	must(s.SaveColumnMapping(ctx, []string{"Headline", "Body"}, map[string]string{"Headline": "title", "Body": "text"}))
	if _, err := s.AddWatch(ctx, "https://port.example/quay", "page", ""); err != nil {
		t.Fatal(err)
	}
	must(s.SetWatchChecked(ctx, "https://port.example/quay", `"etag-1"`, "Mon, 02 Mar 2026 09:00:00 GMT", at))
	c0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	caps, err := s.AddCaptures(ctx, []Capture{
		capture("port.example/quay", c0, "The quay wall gave way on Monday night."),
		{Key: "port.example/quay", URL: "https://port.example/quay", CapturedAt: c0.Add(time.Hour), Source: "test.warc", Note: "the page was empty"},
	})
	must(err)
	fam, err := s.FamilyOf(ctx, caps[0].ArticleID)
	must(err)
	must(s.MarkStorySeen(ctx, "ana", fam.ID, at))
	must(s.SaveAssignments(ctx, []Assignment{{ArticleID: ids[0], Coder: "ana", Overlap: true}, {ArticleID: ids[1], Coder: "bo"}}, at))
	if _, err := s.Exclude(ctx, []int64{ids[3]}, "not about the ferry"); err != nil {
		t.Fatal(err)
	}
	must(s.SetSetting(ctx, "project.blind", "on"))
}

// tableRows reads every row of every table a copy moves, as the driver
// gives them, in primary-key order.
func tableRows(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	tables, err := copySchema(ctx, s.read, s.pg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, tb := range tables {
		rows, err := s.read.QueryContext(ctx, selectOrdered(tb, s.pg))
		if err != nil {
			t.Fatal(err)
		}
		vals, ptrs := scanTargets(len(tb.cols))
		out[tb.name] = []string{}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, v := range vals {
				fmt.Fprintf(&b, "%T(%v) ", v, v)
			}
			out[tb.name] = append(out[tb.name], b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// sameRows reports, table by table, where two databases' rows differ.
func sameRows(t *testing.T, got, want map[string][]string) {
	t.Helper()
	for table, w := range want {
		g, ok := got[table]
		if !ok {
			t.Errorf("table %s missing from the copy", table)
			continue
		}
		if len(g) != len(w) {
			t.Errorf("%s: %d rows, want %d", table, len(g), len(w))
			continue
		}
		for i := range w {
			if g[i] != w[i] {
				t.Errorf("%s row %d:\n got %s\nwant %s", table, i, g[i], w[i])
				break
			}
		}
	}
	for table := range got {
		if _, ok := want[table]; !ok {
			t.Errorf("table %s only in the copy", table)
		}
	}
}

// copyAll copies from into to, checking what the report and progress say.
func copyAll(t *testing.T, from, to *Store) CopyReport {
	t.Helper()
	last := map[string]int64{}
	var order []string
	rep, err := Copy(context.Background(), from, to, func(table string, n int64) {
		if _, seen := last[table]; !seen {
			order = append(order, table)
		}
		if n < last[table] {
			t.Errorf("progress of %s went back from %d to %d", table, last[table], n)
		}
		last[table] = n
	})
	if err != nil {
		t.Fatalf("copy %s to %s: %v", from.Path(), to.Path(), err)
	}
	var names []string
	for _, tb := range rep.Tables {
		names = append(names, tb.Table)
		if !tb.Match() || tb.SourceHash == "" {
			t.Errorf("%s: %d rows hashed %s, copy %d hashed %s", tb.Table, tb.Rows, tb.SourceHash, tb.Copied, tb.TargetHash)
		}
		if last[tb.Table] != tb.Rows {
			t.Errorf("progress of %s ended at %d, the table has %d rows", tb.Table, last[tb.Table], tb.Rows)
		}
	}
	if !slices.Equal(order, names) {
		t.Errorf("progress named tables %v, the report %v", order, names)
	}
	return rep
}

func TestCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	first := openFile(t, "first.redline")
	copyFixture(t, first)
	want := tableRows(t, first)
	for table, rows := range want {
		if len(rows) == 0 {
			t.Errorf("the fixture leaves %s empty: a copy of it proves nothing for that table", table)
		}
	}
	middle := openFile(t, "middle.redline")
	if testServer != "" {
		middle = openServer(t) // SQLite → PostgreSQL → SQLite
	}
	rep := copyAll(t, first, middle)
	// parents before children
	pos := map[string]int{}
	for i, tb := range rep.Tables {
		pos[tb.Table] = i
	}
	for _, pair := range [][2]string{{"family", "article"}, {"article", "annotation"}, {"article", "capture"}, {"article", "relation"}} {
		if pos[pair[0]] > pos[pair[1]] {
			t.Errorf("%s copied after %s, which refers to it", pair[0], pair[1])
		}
	}
	if rep.Rows() == 0 || len(rep.Tables) != len(want) {
		t.Errorf("report: %d tables, %d rows; want %d tables", len(rep.Tables), rep.Rows(), len(want))
	}
	last := openFile(t, "last.redline")
	back := copyAll(t, middle, last)
	for i := range rep.Tables {
		if rep.Tables[i].SourceHash != back.Tables[i].SourceHash {
			t.Errorf("%s hashes %s on %s but %s on the copy", rep.Tables[i].Table, rep.Tables[i].SourceHash, first.Path(), back.Tables[i].SourceHash)
		}
	}
	sameRows(t, tableRows(t, last), want)

	// the copies work: search finds through their own index, and new rows
	// get ids after the copied ones
	for _, s := range []*Store{middle, last} {
		got, err := s.Articles(ctx, Query{Search: "zurich"})
		if err != nil || len(got) != 1 || got[0].Title != "Ferry «aground»" {
			t.Errorf("%s: search for zurich = %+v, %v", s.Path(), got, err)
		}
		res, err := s.AddArticles(ctx, []annotate.Article{{Title: "After", Text: "A text stored after the copy."}})
		if err != nil {
			t.Fatalf("%s: add an article after the copy: %v", s.Path(), err)
		}
		if res[0].ID <= int64(len(want["article"])) {
			t.Errorf("%s: new article got id %d, one of the copied ones", s.Path(), res[0].ID)
		}
		ann := annotate.Annotation{ID: annotate.NewID(), ArticleID: res[0].ID, Annotator: "cy", Dimension: "stance",
			Target: "Russia", Value: "neutral", CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := s.SaveChange(ctx, "cy", "stance", []annotate.Annotation{ann}); err != nil {
			t.Errorf("%s: a change after the copy: %v", s.Path(), err)
		}
		ch, err := s.Undo(ctx, "ana", time.Now())
		if err != nil || ch.Label != "untick security" {
			t.Errorf("%s: ana's undo after the copy = %q, %v; want her last change", s.Path(), ch.Label, err)
		}
	}
}

func TestCopyRefusesTargetWithData(t *testing.T) {
	ctx := context.Background()
	from := openFile(t, "from.redline")
	copyFixture(t, from)
	to := newTestStore(t)
	if _, err := to.AddArticles(ctx, []annotate.Article{{Title: "Mine", Text: "Already here."}}); err != nil {
		t.Fatal(err)
	}
	if err := to.SetSetting(ctx, "project.lead", "ana"); err != nil {
		t.Fatal(err)
	}
	before := tableRows(t, to)
	_, err := Copy(ctx, from, to, nil)
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("copy into a database with an article: %v, want ErrNotEmpty", err)
	}
	for _, want := range []string{"article: 1 row", "setting: 1 row", "new"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	sameRows(t, tableRows(t, to), before)
}

func TestCopyIntoDatabaseThatOnlyNamesItsRedline(t *testing.T) {
	ctx := context.Background()
	from := openFile(t, "from.redline")
	copyFixture(t, from)
	to := newTestStore(t)
	if err := to.RecordVersion(ctx, "v9.9.9-other"); err != nil {
		t.Fatal(err)
	}
	copyAll(t, from, to)
	tv, err := to.ToolVersions(ctx)
	if err != nil || tv.CreatedBy != "v1.2.3-test" {
		t.Errorf("copy says it was made by %+v, %v; want the source's creator", tv, err)
	}
}

func TestCopyRefusesItself(t *testing.T) {
	s := openFile(t, "self.redline")
	if _, err := Copy(context.Background(), s, s, nil); err == nil || !strings.Contains(err.Error(), "itself") {
		t.Errorf("copy into itself: %v", err)
	}
}

// A target that changes what it is given (here a trigger) is caught by
// reading it back, and keeps nothing.
func TestCopyMismatchKeepsNothing(t *testing.T) {
	ctx := context.Background()
	from := openFile(t, "from.redline")
	copyFixture(t, from)
	to := newTestStore(t)
	mangle := `CREATE TRIGGER mangle AFTER INSERT ON source BEGIN
		UPDATE source SET aliases = aliases || '!' WHERE name = new.name; END`
	if to.pg {
		mangle = rawSQL + `CREATE FUNCTION mangle() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN UPDATE source SET aliases = aliases || '!' WHERE name = NEW.name; RETURN NULL; END $$;
		CREATE TRIGGER mangle AFTER INSERT ON source FOR EACH ROW EXECUTE FUNCTION mangle()`
	}
	if _, err := to.write.Exec(mangle); err != nil {
		t.Fatal(err)
	}
	rep, err := Copy(ctx, from, to, nil)
	if !errors.Is(err, ErrCopyMismatch) || !strings.Contains(err.Error(), "source") {
		t.Fatalf("copy into a mangling target: %v, want a mismatch in source", err)
	}
	for _, tb := range rep.Tables {
		if tb.Match() == (tb.Table == "source") {
			t.Errorf("%s: match %v (rows %d/%d)", tb.Table, tb.Match(), tb.Rows, tb.Copied)
		}
	}
	if n, _ := to.CountArticles(ctx); n != 0 {
		t.Errorf("%d articles kept after a failed copy", n)
	}
}

func TestCopyRefusesNULOnServer(t *testing.T) {
	if testServer == "" {
		t.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
	}
	ctx := context.Background()
	from := openFile(t, "from.redline")
	copyFixture(t, from)
	if _, err := from.write.Exec("UPDATE article SET byline = 'A.' || char(0) || 'Ortiz' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	to := openServer(t)
	_, err := Copy(ctx, from, to, nil)
	if err == nil || !strings.Contains(err.Error(), "article id=1, column byline") || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("copy of a NUL byte to PostgreSQL: %v", err)
	}
	if n, _ := to.CountArticles(ctx); n != 0 {
		t.Errorf("%d articles kept after a failed copy", n)
	}
}

func TestOpenExistingCreatesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.redline")
	empty := filepath.Join(dir, "empty.redline")
	text := filepath.Join(dir, "notes.txt")
	foreign := filepath.Join(dir, "other.sqlite")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(text, []byte("not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, foreign)
	if _, err := db.Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, tc := range []struct {
		path, says string
		notOurs    bool
	}{
		{missing, "does not exist", false},
		{empty, "empty file", true},
		{text, "not a Redline database", true},
		{foreign, "not a Redline database", true},
		{dir, "folder", true},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			s, err := OpenExisting(ctx, tc.path)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tc.says) || errors.Is(err, ErrNotRedline) != tc.notOurs {
				t.Errorf("error %q; want it to say %q (not Redline's: %v)", err, tc.says, tc.notOurs)
			}
		})
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("opening a missing source created it: %v", err)
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Errorf("opening an empty source wrote %d bytes into it", fi.Size())
	}
	if testServer != "" {
		admin := adminDB(t)
		name := dbtest.Name("redline_bare")
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
		_, err := OpenExisting(ctx, serverAt(t, name))
		if !errors.Is(err, ErrNotRedline) || !strings.Contains(err.Error(), "no Redline database") {
			t.Errorf("an empty server database as a source: %v", err)
		}
		bare, err := sql.Open("pgx", serverAt(t, name))
		if err != nil {
			t.Fatal(err)
		}
		defer bare.Close()
		var tables int
		if err := bare.QueryRow("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").Scan(&tables); err != nil || tables != 0 {
			t.Errorf("refusing the empty server database left %d tables in it (%v)", tables, err)
		}
		if _, err := bare.Exec("CREATE TABLE invoices (id int)"); err != nil {
			t.Fatal(err)
		}
		_, err = OpenExisting(ctx, serverAt(t, name))
		if !errors.Is(err, ErrNotRedline) || !strings.Contains(err.Error(), "not Redline's") {
			t.Errorf("a server database of someone else's tables as a source: %v", err)
		}
		s, err := OpenExisting(ctx, newTestDatabase(t))
		if err != nil {
			t.Errorf("a Redline database on the server: %v", err)
		} else {
			s.Close()
		}
	}
}

func TestCheckEmpty(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := CheckEmpty(ctx, filepath.Join(dir, "new.redline")); err != nil {
		t.Errorf("a missing file: %v", err)
	}
	fresh := openFile(t, "fresh.redline")
	if err := fresh.RecordVersion(ctx, "v1"); err != nil {
		t.Fatal(err)
	}
	if err := CheckEmpty(ctx, fresh.Path()); err != nil {
		t.Errorf("a file that only names its Redline: %v", err)
	}
	if _, err := fresh.AddArticles(ctx, []annotate.Article{{Title: "x", Text: "y"}}); err != nil {
		t.Fatal(err)
	}
	if err := CheckEmpty(ctx, fresh.Path()); !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "article: 1 row") {
		t.Errorf("a file with an article: %v", err)
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckEmpty(ctx, text); !errors.Is(err, ErrNotRedline) {
		t.Errorf("a text file: %v", err)
	}
}

// The hash tells kinds apart and reads a value the same from either
// driver's Go types.
func TestRowHashIsTypeStable(t *testing.T) {
	tb := copyTable{name: "t", cols: []copyColumn{{"i", 'i'}, {"f", 'f'}, {"s", 's'}}, pk: []string{"i"}}
	hashOf := func(vals ...any) string {
		t.Helper()
		if err := normalize(tb, vals, false); err != nil {
			t.Fatal(err)
		}
		h := newRowHash()
		h.add(vals)
		return h.sum()
	}
	base := hashOf(int64(1), 0.5, "1")
	if got := hashOf(int32(1), float64(0.5), []byte("1")); got != base {
		t.Error("int32 and []byte hash unlike int64 and string")
	}
	if hashOf(int64(1), 1.0, "1") != hashOf(int64(1), int64(1), "1") {
		t.Error("a whole number in a real column hashes unlike the real")
	}
	for name, vals := range map[string][]any{
		"null text":  {int64(1), 0.5, nil},
		"empty text": {int64(1), 0.5, ""},
		"other real": {int64(1), 0.25, "1"},
		"null real":  {int64(1), nil, "1"},
		"other int":  {int64(2), 0.5, "1"},
	} {
		if hashOf(vals...) == base {
			t.Errorf("%s hashes like the base row", name)
		}
	}
	// a split between values is not a split between rows
	h1, h2 := newRowHash(), newRowHash()
	h1.add([]any{"ab", "c"})
	h2.add([]any{"a", "bc"})
	if h1.sum() == h2.sum() {
		t.Error(`("ab","c") hashes like ("a","bc")`)
	}
	if err := normalize(tb, []any{"x", 0.5, "1"}, false); err == nil || !strings.Contains(err.Error(), "column i") {
		t.Errorf("text in an integer column: %v", err)
	}
}

func TestCopyServerToServer(t *testing.T) {
	if testServer == "" {
		t.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
	}
	first := openFile(t, "first.redline")
	copyFixture(t, first)
	a, b := openServer(t), openServer(t)
	copyAll(t, first, a)
	copyAll(t, a, b)
	sameRows(t, tableRows(t, b), tableRows(t, a))
}

// Most servers sort text by a language's rules (en_US.UTF-8), not byte by
// byte as SQLite does; the copy's key order, and so its hashes, must not
// depend on that.
func TestCopyToServerWithLinguisticOrder(t *testing.T) {
	if testServer == "" {
		t.Skip("needs REDLINE_TEST_POSTGRES (tools/pgtest run)")
	}
	ctx := context.Background()
	admin := adminDB(t)
	name := dbtest.Name("redline_icu")
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"); err != nil {
		t.Skipf("the server cannot make a database with ICU's en-US order: %v", err)
	}
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	to, err := Open(serverAt(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close()
	var before bool
	if err := to.write.QueryRow("SELECT 'Zeta' < 'alpha'").Scan(&before); err != nil || before {
		t.Fatalf("the database sorts 'Zeta' before 'alpha' (%v, %v): not a linguistic order", before, err)
	}
	from := openFile(t, "from.redline")
	copyFixture(t, from)
	for _, n := range []string{"alpha", "Zeta", "Ägypten", "_under"} {
		if err := from.AddSource(ctx, n, ""); err != nil {
			t.Fatal(err)
		}
	}
	copyAll(t, from, to)
	back := openFile(t, "back.redline")
	copyAll(t, to, back)
	sameRows(t, tableRows(t, back), tableRows(t, from))
}
