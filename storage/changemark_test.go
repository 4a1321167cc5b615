package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"redline/annotate"
)

// TestChangeMark: the mark a window polls changes when anyone (another
// Store, as another coder's laptop; or this one) changes codes, articles,
// stories or assignments, and stays the same while nobody writes.
func TestChangeMark(t *testing.T) {
	ctx := context.Background()
	stores := openMany(t, newTestLocation(t), 2)
	mine, other := stores[0], stores[1]
	a := addArticle(t, other, "The first story, imported by the lead.")
	b := addArticle(t, other, "The second story, a version of the first.")
	now := time.Now().UTC()
	code := func(id, value string) annotate.Annotation {
		return annotate.Annotation{ID: id, ArticleID: a, Annotator: "ana", Dimension: "note", Value: value,
			CreatedAt: now, UpdatedAt: now}
	}
	mark := func() string {
		t.Helper()
		m, err := mine.ChangeMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	steps := []struct {
		name    string
		do      func() error
		changes bool
	}{
		{"nothing", func() error { return nil }, false},
		{"another coder reads", func() error {
			if _, err := other.Annotations(ctx, a); err != nil {
				return err
			}
			_, err := other.Families(ctx, 1)
			return err
		}, false},
		{"another coder codes", func() error {
			return other.SaveChange(ctx, "ben", "note", []annotate.Annotation{code("m1", "ben's")})
		}, true},
		{"nothing again", func() error { return nil }, false},
		{"this window codes", func() error {
			return mine.SaveChange(ctx, "ana", "note", []annotate.Annotation{code("m2", "ana's")})
		}, true},
		{"another coder undoes", func() error {
			_, err := other.Undo(ctx, "ben", time.Now())
			return err
		}, true},
		{"the lead merges two stories", func() error { return other.MergeFamilies(ctx, a, b) }, true},
		{"the lead imports", func() error {
			_, err := other.AddArticles(ctx, []annotate.Article{{Title: "t", Text: "A third story."}})
			return err
		}, true},
		{"the lead assigns", func() error {
			return other.SaveAssignments(ctx, []Assignment{{ArticleID: a, Coder: "ana"}}, time.Now())
		}, true},
		{"a setting", func() error { return other.SetSetting(ctx, "some.key", "v") }, false},
	}
	last := mark()
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		got := mark()
		if st.changes && got == last {
			t.Errorf("%s: the mark stayed %q, want it to change", st.name, got)
		}
		if !st.changes && got != last && !(testServer == "" && st.name == "a setting") {
			t.Errorf("%s: the mark went from %q to %q, want no change", st.name, last, got)
		}
		last = got
	}
}

// TestChangeMarkCountsCommits: on a server the mark is the number of
// committed transactions that changed something a window shows: one per
// transaction however many rows it writes, none for one rolled back, and
// the same number after old log rows are folded away.
func TestChangeMarkCountsCommits(t *testing.T) {
	if testServer == "" {
		t.Skip("PostgreSQL only: a file's mark is SQLite's data_version")
	}
	old := changeLogFold
	changeLogFold = 3
	defer func() { changeLogFold = old }()
	ctx := context.Background()
	s := newTestStore(t)
	art := addArticle(t, s, "Counted.")
	mark := func() int64 {
		t.Helper()
		m, err := s.ChangeMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		if _, err := fmt.Sscan(m, &n); err != nil {
			t.Fatalf("mark %q: %v", m, err)
		}
		return n
	}
	now := time.Now().UTC()
	for i := range 5 {
		before := mark()
		var anns []annotate.Annotation
		for j := range 4 {
			anns = append(anns, annotate.Annotation{ID: fmt.Sprintf("c%d-%d", i, j), ArticleID: art, Annotator: "ana",
				Dimension: "note", Value: "v", CreatedAt: now, UpdatedAt: now})
		}
		if err := s.SaveChange(ctx, "ana", "notes", anns); err != nil {
			t.Fatal(err)
		}
		if got := mark(); got != before+1 {
			t.Errorf("save %d: mark %d, want %d (one per transaction)", i, got, before+1)
		}
	}
	var logged int
	if err := s.read.QueryRowContext(ctx, "SELECT count(*) FROM change_log").Scan(&logged); err != nil {
		t.Fatal(err)
	}
	if int64(logged) > changeLogFold+1 {
		t.Errorf("change_log holds %d rows, want them folded past %d", logged, changeLogFold)
	}
	before := mark()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE annotation SET note = 'rolled back'"); err != nil {
		t.Fatal(err)
	}
	if got := mark(); got != before {
		t.Errorf("an uncommitted change moved the mark from %d to %d", before, got)
	}
	tx.Rollback()
	if got := mark(); got != before {
		t.Errorf("a rolled-back change moved the mark from %d to %d", before, got)
	}
}
