package storage

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"redline/annotate"
)

func TestUndoRedoSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := addTexts(t, s, "The minister said the plan would work.")[0]
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveChange(ctx, "ana", "stance: neutral", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	b := a
	b.Value, b.UpdatedAt = "unfavourable", t0.Add(time.Minute)
	if err := s.SaveChange(ctx, "ana", "stance: unfavourable", []annotate.Annotation{b}); err != nil {
		t.Fatal(err)
	}
	// another analyst's history is separate
	other := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "bea", Dimension: "stance", Target: "Russia", Value: "mixed", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveChange(ctx, "bea", "stance: mixed", []annotate.Annotation{other}); err != nil {
		t.Fatal(err)
	}

	// reopen: the history is on disk
	path := s.Path()
	s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	value := func() (string, bool) {
		anns, err := s.Annotations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range anns {
			if x.ID == a.ID {
				return x.Value, x.Deleted
			}
		}
		return "", true
	}
	c, err := s.Undo(ctx, "ana", t0.Add(time.Hour))
	if err != nil || c.Label != "stance: unfavourable" {
		t.Fatalf("undo: %+v %v", c, err)
	}
	if v, del := value(); v != "neutral" || del {
		t.Errorf("after one undo: %q deleted=%v, want neutral", v, del)
	}
	if _, err := s.Undo(ctx, "ana", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, del := value(); !del {
		t.Errorf("undoing the first change did not delete the annotation")
	}
	if c, _ := s.Undo(ctx, "ana", t0.Add(3*time.Hour)); c.Seq != 0 {
		t.Errorf("undo with nothing left returned %+v", c)
	}
	if _, err := s.Redo(ctx, "ana", t0.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if v, del := value(); v != "neutral" || del {
		t.Errorf("after redo: %q deleted=%v", v, del)
	}
	// a new change drops what could be redone
	c2 := b
	c2.Value, c2.UpdatedAt = "mixed", t0.Add(5*time.Hour)
	if err := s.SaveChange(ctx, "ana", "stance: mixed", []annotate.Annotation{c2}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Redo(ctx, "ana", t0.Add(6*time.Hour)); c.Seq != 0 {
		t.Errorf("redo after a new change returned %+v", c)
	}
	// bea's change was untouched by ana's undos
	anns, _ := s.Annotations(ctx, id)
	for _, x := range anns {
		if x.ID == other.ID && (x.Deleted || x.Value != "mixed") {
			t.Errorf("bea's annotation changed: %+v", x)
		}
	}
}

// TestRejectionIsOneUndoableStep: rejecting a suggestion is undone by the
// next undo, which says so; the codes made before are untouched.
func TestRejectionIsOneUndoableStep(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := addTexts(t, s, "“We will not move,” the minister said on Tuesday.")[0]
	t0 := time.Now().UTC()
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveChange(ctx, "ana", "stance: neutral", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	r := Rejection{Annotator: "ana", ArticleID: id, Start: 1, End: 18, Quote: "We will not move,", Rejected: true}
	if err := s.SaveEdit(ctx, "ana", "rejected suggested quote", Edit{Rejections: []Rejection{r}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Rejections(ctx, "ana", id)
	if err != nil || len(got) != 1 || got[0].Start != 1 || got[0].End != 18 {
		t.Fatalf("rejections %+v %v", got, err)
	}
	if other, _ := s.Rejections(ctx, "bea", id); len(other) != 0 {
		t.Errorf("another analyst sees ana's rejection: %+v", other)
	}
	c, err := s.Undo(ctx, "ana", time.Now())
	if err != nil || c.Label != "rejected suggested quote" || c.ArticleID() != id {
		t.Fatalf("undo gave %q on %d, %v", c.Label, c.ArticleID(), err)
	}
	if got, _ := s.Rejections(ctx, "ana", id); len(got) != 0 {
		t.Errorf("the rejection stayed after its undo: %+v", got)
	}
	anns, _ := s.Annotations(ctx, id)
	if len(anns) != 1 || anns[0].Deleted || anns[0].Value != "neutral" {
		t.Errorf("undoing the rejection touched the code: %+v", anns)
	}
	if c, err := s.Redo(ctx, "ana", time.Now()); err != nil || c.Label != "rejected suggested quote" {
		t.Fatalf("redo: %q %v", c.Label, err)
	}
	if got, _ := s.Rejections(ctx, "ana", id); len(got) != 1 {
		t.Errorf("redo did not reject again: %+v", got)
	}
}

// TestLegacyHistoryStillUndoes: an entry written in the first history
// format (Go field names, no version) is undone as written.
func TestLegacyHistoryStillUndoes(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	id := addTexts(t, s, "The minister said the plan would work.")[0]
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	a := annotate.Annotation{ID: "01LEGACY0000000000000000AA", ArticleID: id, Annotator: "ana", Dimension: "stance", Target: "Russia", Value: "mixed", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	before := `[{"ID":"01LEGACY0000000000000000AA","ArticleID":` + itoa(id) + `,"Annotator":"ana","Codebook":"","CodebookVersion":0,"Dimension":"stance","Target":"Russia","Value":"neutral","Note":"","Span":null,"Source":"","LinkedTo":"","Carry":null,"CreatedAt":"2026-03-01T09:00:00Z","UpdatedAt":"2026-03-01T09:00:00Z","Deleted":false}]`
	after := strings.Replace(before, `"neutral"`, `"mixed"`, 1)
	if _, err := s.write.ExecContext(ctx, "INSERT INTO history (annotator, label, before, after, created_at) VALUES ('ana', 'stance: mixed', ?, ?, ?)", before, after, stamp(t0)); err != nil {
		t.Fatal(err)
	}
	c, err := s.Undo(ctx, "ana", time.Now())
	if err != nil || c.Label != "stance: mixed" {
		t.Fatalf("undo of a legacy entry: %q %v", c.Label, err)
	}
	anns, _ := s.Annotations(ctx, id)
	if len(anns) != 1 || anns[0].Value != "neutral" || anns[0].Target != "Russia" {
		t.Errorf("after undo: %+v", anns)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRejectionsMoveOutOfSettings: a database made before rejections had a
// table keeps them after the upgrade.
func TestRejectionsMoveOutOfSettings(t *testing.T) {
	ctx := context.Background()
	old := fstest.MapFS{}
	for _, n := range []string{"0001_init.sql", "0002_families.sql", "0003_spans.sql"} {
		data, err := migrationFiles.ReadFile("migrations/" + n)
		if err != nil {
			t.Fatal(err)
		}
		old["migrations/"+n] = &fstest.MapFile{Data: data}
	}
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := open(ctx, path, old)
	if err != nil {
		t.Fatal(err)
	}
	// an article as that schema stored it (today's AddArticles writes tables it lacks)
	res, err := s.write.ExecContext(ctx, "INSERT INTO article (title, text_sha256, imported_at, text) VALUES ('A', 'x', '2026-01-01T00:00:00Z', '“No,” she said. “Never,” he said.')")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	if err := s.SetSetting(ctx, "suggestions.rejected."+itoa(id)+".ana lópez", "[[1,4],[15,21]]"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "suggestions.rejected.999.bea", "[[1,2]]"); err != nil { // article gone
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Rejections(ctx, "ana lópez", id)
	if err != nil || len(got) != 2 || got[0].Start != 1 || got[0].End != 4 || got[1].Start != 15 {
		t.Fatalf("rejections after upgrade %+v %v", got, err)
	}
	if v, _ := s.Setting(ctx, "suggestions.rejected."+itoa(id)+".ana lópez"); v != "" {
		t.Errorf("the old setting stayed: %q", v)
	}
}
