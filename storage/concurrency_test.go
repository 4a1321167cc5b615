package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"redline/annotate"
)

// Several coders at once: each test opens one database through several
// Stores, as the coders' laptops would (on SQLite, several programs on
// one file), and writes through all of them at the same moment.

// newTestLocation is a fresh, empty database for several Stores to open:
// a file, or a database on the test server.
func newTestLocation(tb testing.TB) string {
	tb.Helper()
	if testServer != "" {
		return newTestDatabase(tb)
	}
	return filepath.Join(tb.TempDir(), "shared.redline")
}

// openAt opens loc, closed when the test ends.
func openAt(tb testing.TB, loc string) *Store {
	tb.Helper()
	s, err := Open(loc)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// openMany opens loc n times.
func openMany(tb testing.TB, loc string, n int) []*Store {
	tb.Helper()
	out := make([]*Store, n)
	for i := range out {
		out[i] = openAt(tb, loc)
	}
	return out
}

// together runs fn(0) … fn(n-1) at once and returns every error.
func together(n int, fn func(i int) error) []error {
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// TestManyCodersAtOnce: eight coders save a thousand codes each at the
// same moment, one save per code as the window makes them, on one
// article. Every code is kept, none twice, every save is in its coder's
// history, and no save fails.
func TestManyCodersAtOnce(t *testing.T) {
	writers, codes := 8, 1000
	if testServer == "" {
		// each save waits for the disk; the point on a file is that eight
		// programs queue for it and none fails
		codes = 250
	}
	if testing.Short() {
		codes = 20
	}
	ctx := context.Background()
	stores := openMany(t, newTestLocation(t), writers)
	art := addArticle(t, stores[0], "The one article every coder codes at once.")
	retried := pgRetries.Load()
	now := time.Now().UTC()

	errs := together(writers, func(w int) error {
		coder := fmt.Sprintf("coder%d", w)
		for i := range codes {
			a := annotate.Annotation{ID: fmt.Sprintf("%s-%04d", coder, i), ArticleID: art, Annotator: coder,
				Dimension: "stance", Target: fmt.Sprintf("target %d", i), Value: "neutral", CreatedAt: now, UpdatedAt: now}
			if err := stores[w].SaveChange(ctx, coder, "stance", []annotate.Annotation{a}); err != nil {
				return fmt.Errorf("%s, code %d: %w", coder, i, err)
			}
		}
		return nil
	})
	for _, err := range errs {
		t.Error(err)
	}

	anns, err := stores[0].Annotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	if len(anns) != writers*codes {
		t.Errorf("%d codes stored, want %d", len(anns), writers*codes)
	}
	seen := map[string]bool{}
	for _, a := range anns {
		if seen[a.ID] {
			t.Errorf("code %s stored twice", a.ID)
		}
		seen[a.ID] = true
	}
	for w := range writers {
		for i := range codes {
			if id := fmt.Sprintf("coder%d-%04d", w, i); !seen[id] {
				t.Errorf("code %s lost", id)
			}
		}
	}
	for _, table := range []string{"annotation", "history"} {
		rows, err := stores[0].read.QueryContext(ctx, "SELECT annotator, count(*) FROM "+table+" GROUP BY annotator ORDER BY annotator")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var who string
			var count int
			if err := rows.Scan(&who, &count); err != nil {
				t.Fatal(err)
			}
			if count != codes {
				t.Errorf("%s: %d rows of %s, want %d", table, count, who, codes)
			}
			n++
		}
		rows.Close()
		if n != writers {
			t.Errorf("%s: rows of %d coders, want %d", table, n, writers)
		}
	}
	t.Logf("%d saves by %d coders at once; %d ran again after a collision", writers*codes, writers, pgRetries.Load()-retried)
}

// TestTwoEditsOfTheSameCodesStayWhole: two coders' windows save the same
// three codes at once, again and again, in opposite orders (on a server
// that is a deadlock waiting to happen). Every save succeeds; in the end
// the three codes are all one window's last save, never a mix; and the
// undo history is a chain: every change's "before" is exactly what the
// change before it left (a lost update would record a state that was
// already overwritten).
func TestTwoEditsOfTheSameCodesStayWhole(t *testing.T) {
	rounds := 100
	if testServer == "" || testing.Short() {
		rounds = 40
	}
	ctx := context.Background()
	stores := openMany(t, newTestLocation(t), 2)
	art := addArticle(t, stores[0], "Both windows code this article.")
	ids := []string{"code-a", "code-b", "code-c"}
	now := time.Now().UTC()

	errs := together(2, func(w int) error {
		for r := range rounds {
			var anns []annotate.Annotation
			for _, id := range ids {
				v := fmt.Sprintf("window %d, round %d", w, r)
				anns = append(anns, annotate.Annotation{ID: id, ArticleID: art, Annotator: "ana", Dimension: "note",
					Value: v, Note: v, CreatedAt: now, UpdatedAt: now.Add(time.Duration(r) * time.Millisecond)})
			}
			if w == 1 {
				anns[0], anns[2] = anns[2], anns[0]
			}
			if err := stores[w].SaveChange(ctx, fmt.Sprintf("window%d", w), "note", anns); err != nil {
				return fmt.Errorf("window %d, round %d: %w", w, r, err)
			}
		}
		return nil
	})
	for _, err := range errs {
		t.Error(err)
	}

	stored, err := stores[0].Annotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	final := map[string]string{}
	for _, a := range stored {
		if a.Value != a.Note {
			t.Errorf("%s: value %q, note %q: one code mixes two saves", a.ID, a.Value, a.Note)
		}
		final[a.ID] = a.Value
	}
	if final["code-a"] != final["code-b"] || final["code-b"] != final["code-c"] {
		t.Errorf("the three codes are %q, %q, %q: a mix of two saves", final["code-a"], final["code-b"], final["code-c"])
	}

	rows, err := stores[0].read.QueryContext(ctx, "SELECT seq, before, after FROM history ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	last := map[string]string{}
	entries := 0
	for rows.Next() {
		var seq int64
		var bj, aj string
		if err := rows.Scan(&seq, &bj, &aj); err != nil {
			t.Fatal(err)
		}
		before, err := decodeEdit([]byte(bj))
		if err != nil {
			t.Fatal(err)
		}
		after, err := decodeEdit([]byte(aj))
		if err != nil {
			t.Fatal(err)
		}
		entries++
		for i, a := range after.Annotations {
			b := before.Annotations[i]
			want, ok := last[a.ID]
			switch {
			case !ok && !b.Deleted:
				t.Errorf("history %d: %s existed before its first save (%q)", seq, a.ID, b.Value)
			case ok && (b.Deleted || b.Value != want):
				t.Errorf("history %d: %s was %q before, but the change before it left %q: a lost update", seq, a.ID, b.Value, want)
			}
			last[a.ID] = a.Value
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if entries != 2*rounds {
		t.Errorf("%d history entries, want %d", entries, 2*rounds)
	}
	for id, v := range final {
		if last[id] != v {
			t.Errorf("%s is %q, but the history's last change left %q", id, v, last[id])
		}
	}
}

// TestTwoUndosAtOnceUndoTwoChanges: the same analyst presses Undo in two
// windows at the same moment: two different changes are undone, not one
// twice.
func TestTwoUndosAtOnceUndoTwoChanges(t *testing.T) {
	const changes, undos = 60, 25
	ctx := context.Background()
	stores := openMany(t, newTestLocation(t), 2)
	art := addArticle(t, stores[0], "Coded, then undone from two windows.")
	now := time.Now().UTC()
	for i := range changes {
		a := annotate.Annotation{ID: fmt.Sprintf("u%02d", i), ArticleID: art, Annotator: "ana", Dimension: "note",
			Value: "v", CreatedAt: now, UpdatedAt: now}
		if err := stores[0].SaveChange(ctx, "ana", "note", []annotate.Annotation{a}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var seqs []int64
	errs := together(2, func(w int) error {
		for range undos {
			c, err := stores[w].Undo(ctx, "ana", time.Now())
			if err != nil {
				return err
			}
			mu.Lock()
			seqs = append(seqs, c.Seq)
			mu.Unlock()
		}
		return nil
	})
	for _, err := range errs {
		t.Error(err)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	for i := 1; i < len(seqs); i++ {
		if seqs[i] == seqs[i-1] {
			t.Errorf("change %d undone twice (undone: %v)", seqs[i], seqs)
		}
	}
	anns, err := stores[0].Annotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	deleted := 0
	for _, a := range anns {
		if a.Deleted {
			deleted++
		}
	}
	if deleted != 2*undos {
		t.Errorf("%d codes undone, want %d", deleted, 2*undos)
	}
}

// TestTwoStoryMergesAtOnce: two leads merge stories at the same moment,
// one A with B, the other B with C. The result is what one merge after
// the other gives (in either order), never a bit of each.
func TestTwoStoryMergesAtOnce(t *testing.T) {
	rounds := 15
	if testing.Short() {
		rounds = 3
	}
	ctx := context.Background()
	stores := openMany(t, newTestLocation(t), 2)
	for r := range rounds {
		res, err := stores[0].AddArticles(ctx, []annotate.Article{
			{Title: "a", Text: fmt.Sprintf("Round %d, the first story.", r)},
			{Title: "b", Text: fmt.Sprintf("Round %d, the second story.", r)},
			{Title: "c", Text: fmt.Sprintf("Round %d, the third story.", r)},
		})
		if err != nil {
			t.Fatal(err)
		}
		a, b, c := res[0].ID, res[1].ID, res[2].ID
		errs := together(2, func(w int) error {
			if w == 0 {
				return stores[0].MergeFamilies(ctx, a, b)
			}
			return stores[1].MergeFamilies(ctx, b, c)
		})
		for _, err := range errs {
			t.Error(err)
		}
		ms, err := stores[0].Memberships(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fam := map[int64]int64{}
		for _, m := range ms {
			fam[m.ID] = m.FamilyID
		}
		got := [3]int64{fam[a], fam[b], fam[c]}
		// a+b first: {a b} {c}; b+c first: {b c}, then a+b takes all three
		if got != [3]int64{a, a, c} && got != [3]int64{a, a, a} {
			t.Errorf("round %d: stories of %d, %d, %d are %v; want [%d %d %d] or [%d %d %d]",
				r, a, b, c, got, a, a, c, a, a, a)
		}
	}
}

// TestMergeWhileCodingKeepsTheNewer: a lead merges a coder's exported
// file while the coder, on another laptop, saves a newer version of one
// of the codes in it. The merge read the code before the coder saved it
// and writes its batch after: it must not put the file's older version
// over the coder's newer one. (It may give up on that batch instead,
// saying to merge again; merging again is safe.)
func TestMergeWhileCodingKeepsTheNewer(t *testing.T) {
	ctx := context.Background()
	const text = "The article both the file and the coder code."
	src := newTestStore(t)
	art := addArticle(t, src, text)
	old := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	filed, newer := old.AddDate(0, 6, 0), old.AddDate(1, 0, 0)
	code := func(at time.Time, value string) annotate.Annotation {
		return annotate.Annotation{ID: "A-contested", ArticleID: art, Annotator: "ana", Dimension: "note",
			Value: value, CreatedAt: old, UpdatedAt: at}
	}
	anns := []annotate.Annotation{code(filed, "the file's")}
	long := strings.Repeat("a long note to fill the file. ", 70)
	for i := range 100 {
		anns = append(anns, annotate.Annotation{ID: fmt.Sprintf("B%03d", i), ArticleID: art, Annotator: "ana",
			Dimension: "note", Note: long, CreatedAt: old, UpdatedAt: old})
	}
	if err := src.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
	var contested string
	var rest []string
	for _, l := range strings.Split(strings.TrimSpace(string(exportWeb(t, src))), "\n") {
		if strings.Contains(l, "A-contested") {
			contested = l
		} else {
			rest = append(rest, l)
		}
	}
	if contested == "" || len(rest) != 100 {
		t.Fatalf("export: contested line %t, %d others", contested != "", len(rest))
	}

	loc := newTestLocation(t)
	lead, coder := openAt(t, loc), openAt(t, loc)
	if id := addArticle(t, lead, text); id != art {
		t.Fatalf("article %d, want %d", id, art)
	}
	if err := coder.SaveAnnotations(ctx, []annotate.Annotation{code(old, "the coder's first")}); err != nil {
		t.Fatal(err)
	}

	pr, pw := io.Pipe()
	merged := make(chan error, 1)
	go func() {
		_, err := lead.ImportWebAnnotations(ctx, pr)
		pr.CloseWithError(err)
		merged <- err
	}()
	// The contested line, then more than the merge's 64 KiB read buffer
	// twice over: once the pipe has taken it all, the merge has read the
	// contested line and looked up the stored code, and its batch (500
	// lines) is not written yet.
	if _, err := io.WriteString(pw, contested+"\n"+strings.Join(rest, "\n")+"\n"); err != nil {
		t.Fatal(err)
	}
	saved := make(chan error, 1)
	go func() { saved <- coder.SaveAnnotations(ctx, []annotate.Annotation{code(newer, "the coder's newer")}) }()
	if testServer != "" {
		// on a file the save waits for the merge's write lock instead
		if err := <-saved; err != nil {
			t.Fatal(err)
		}
	}
	pw.Close()
	mergeErr := <-merged
	if testServer == "" {
		if err := <-saved; err != nil {
			t.Fatal(err)
		}
	}
	if mergeErr != nil {
		t.Logf("the merge said: %v", mergeErr)
		if !strings.Contains(mergeErr.Error(), "merge the file again") {
			t.Errorf("the merge failed with %q, which does not say to merge again", mergeErr)
		}
		if _, err := lead.ImportWebAnnotations(ctx, strings.NewReader(contested+"\n"+strings.Join(rest, "\n")+"\n")); err != nil {
			t.Fatalf("merging again: %v", err)
		}
	}
	got, err := lead.Annotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 101 {
		t.Errorf("%d codes after the merge, want 101", len(got))
	}
	for _, a := range got {
		if a.ID == "A-contested" && (a.Value != "the coder's newer" || !a.UpdatedAt.Equal(newer)) {
			t.Errorf("the contested code is %q of %s, want the coder's newer save of %s (merge error: %v)",
				a.Value, a.UpdatedAt.Format(time.RFC3339), newer.Format(time.RFC3339), mergeErr)
		}
	}
}

// TestRemoveImportWaitsForACodeBeingSaved: on a server, the lead removes
// an import while a coder's save of a code on one of its articles is under
// way (not yet committed). The removal waits for the save and then refuses
// (ErrHasCodes), as it does for a code saved before: the code is never
// lost, and the lead gets the message that says why. (Without the lock
// RemoveImport takes first, the foreign key kept this code but the lead
// got the server's complaint about it; a code committed a moment earlier,
// between the count and the delete, went with the article.)
func TestRemoveImportWaitsForACodeBeingSaved(t *testing.T) {
	if testServer == "" {
		t.Skip("PostgreSQL only: on a file the save and the removal take turns at the one write lock")
	}
	ctx := context.Background()
	s := newTestStore(t)
	at := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	res, err := s.AddArticles(ctx, []annotate.Article{{Title: "a", Text: "Imported, then coded.", ImportedAt: at}})
	if err != nil {
		t.Fatal(err)
	}
	// the coder's transaction, held open after writing its code
	coder, err := s.write.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	if err != nil {
		t.Fatal(err)
	}
	defer coder.Rollback()
	now := time.Now()
	if err := saveAnnotations(ctx, coder, []annotate.Annotation{{ID: "being-saved", ArticleID: res[0].ID,
		Annotator: "ana", Dimension: "note", Note: "n", CreatedAt: now, UpdatedAt: now}}); err != nil {
		t.Fatal(err)
	}
	removed := make(chan error, 1)
	go func() {
		_, err := s.RemoveImport(ctx, at)
		removed <- err
	}()
	// wait until the removal waits for the coder's lock
	for {
		var waiting int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE NOT l.granted AND a.datname = current_database()`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case err := <-removed:
			t.Fatalf("the removal did not wait for the code being saved: %v", err)
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := coder.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-removed; !errors.Is(err, ErrHasCodes) {
		t.Errorf("RemoveImport while a code was being saved: %v, want it refused for the code (ErrHasCodes)", err)
	}
	anns, err := s.Annotations(ctx, res[0].ID)
	if err != nil || len(anns) != 1 {
		t.Errorf("the code: %+v, %v; want it kept", anns, err)
	}
}
