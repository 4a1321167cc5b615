package workspace

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
)

// demoStory opens a workspace with the demo corpus and returns the versions
// of its three-version story.
func demoStory(t *testing.T) (*Workspace, []storage.Version) {
	t.Helper()
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "c.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	fams, err := ws.Store.Families(ctx, 3)
	if err != nil || len(fams) == 0 {
		t.Fatalf("no three-version story in the demo: %v", err)
	}
	return ws, fams[0].Versions
}

// spanCode codes quote (which must be in the article) with source type value.
func spanCode(t *testing.T, ws *Workspace, who string, articleID int64, quote, value string) annotate.Annotation {
	t.Helper()
	a, err := ws.Store.Article(context.Background(), articleID)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(a.Text, quote)
	if i < 0 {
		t.Fatalf("%q not in article %d", quote, articleID)
	}
	start := len([]rune(a.Text[:i]))
	sp, err := annotate.NewSpan(a.Text, start, start+len([]rune(quote)))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	return annotate.Annotation{ID: annotate.NewID(), ArticleID: articleID, Annotator: who, Codebook: ws.Codebook.Name,
		CodebookVersion: ws.Codebook.Version, Dimension: "source_type", Value: value, Span: sp, CreatedAt: now, UpdatedAt: now}
}

func codesOf(t *testing.T, ws *Workspace, articleID int64) (live []annotate.Annotation) {
	t.Helper()
	anns, err := ws.Annotations(context.Background(), articleID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range anns {
		if !a.Deleted {
			live = append(live, a)
		}
	}
	return live
}

// TestCarryHappensWhereTheCodeIsMade: a span coded on version 1 is on
// versions 2 and 3 at once (pending), whatever was opened; the library's
// coded flag, the coded filter and the export agree; the copies follow
// the origin until confirmed; one undo takes back the code and its copies.
func TestCarryHappensWhereTheCodeIsMade(t *testing.T) {
	ctx := context.Background()
	ws, vs := demoStory(t)
	v1, v2, v3 := vs[0].ID, vs[1].ID, vs[2].ID
	quote := "We have agreed to silence the guns"
	a := spanCode(t, ws, "ana", v1, quote, "government")
	if err := ws.SaveChange(ctx, "ana", "source type: government", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []int64{v2, v3} {
		got := codesOf(t, ws, v)
		if len(got) != 1 || !got[0].Pending() || got[0].Carry.From != a.ID || got[0].Value != "government" {
			t.Fatalf("version %d has %+v, want one pending copy of %s", v, got, a.ID)
		}
		art, _ := ws.Store.Article(ctx, v)
		if q := string([]rune(art.Text)[got[0].Span.Start:got[0].Span.End]); q != quote {
			t.Errorf("copy on %d covers %q", v, q)
		}
	}

	// one definition of coded: v1 is coded, v2 and v3 are not (pending)
	items, err := ws.Store.Articles(ctx, storage.Query{Annotator: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		switch it.ID {
		case v1:
			if !it.Coded || it.Pending {
				t.Errorf("v1 coded=%v pending=%v, want coded", it.Coded, it.Pending)
			}
		case v2, v3:
			if it.Coded || !it.Pending {
				t.Errorf("version %d coded=%v pending=%v, want pending only", it.ID, it.Coded, it.Pending)
			}
		}
	}
	uncoded, err := ws.Store.Articles(ctx, storage.Query{Annotator: "ana", Coded: storage.CodedNo})
	if err != nil {
		t.Fatal(err)
	}
	found := map[int64]bool{}
	for _, it := range uncoded {
		found[it.ID] = true
	}
	if found[v1] || !found[v2] || !found[v3] {
		t.Errorf("uncoded filter: v1 %v v2 %v v3 %v", found[v1], found[v2], found[v3])
	}
	if anns, _ := ws.Annotations(ctx, v2); annotate.Coded(anns, "ana") {
		t.Error("annotate.Coded counts a pending copy")
	}

	// the export has all three rows, the copies marked with their status
	var buf bytes.Buffer
	if err := ws.Store.ExportCSV(ctx, &buf, storage.FormLong, ws.Codebook); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	statuses := map[string]int{}
	for _, r := range recs[1:] {
		statuses[r[col["carry_status"]]]++
	}
	if len(recs) != 4 || statuses[""] != 1 || statuses["exact"]+statuses["moved"]+statuses["fuzzy"] != 2 {
		t.Errorf("export rows by carry status %v (rows %d), want 1 own and 2 carried", statuses, len(recs)-1)
	}

	// confirm on v2; then change the origin: v3 follows, v2 stays
	c2 := codesOf(t, ws, v2)[0]
	c2.Carry.Status = annotate.CarryConfirmed
	if err := ws.SaveChange(ctx, "ana", "confirmed carried span", []annotate.Annotation{c2}); err != nil {
		t.Fatal(err)
	}
	a.Value = "military"
	a.UpdatedAt = time.Now().UTC()
	if err := ws.SaveChange(ctx, "ana", "source type: military", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	if got := codesOf(t, ws, v2)[0]; got.Value != "government" || got.Carry.Status != annotate.CarryConfirmed {
		t.Errorf("confirmed copy changed: %+v", got)
	}
	if got := codesOf(t, ws, v3)[0]; got.Value != "military" || !got.Pending() {
		t.Errorf("pending copy did not follow: %+v", got)
	}

	// undo the change: origin and v3 back to government, in one step
	c, err := ws.Undo(ctx, "ana", time.Now())
	if err != nil || c.Label != "source type: military" {
		t.Fatalf("undo: %v %q", err, c.Label)
	}
	if got := codesOf(t, ws, v3)[0]; got.Value != "government" {
		t.Errorf("after undo v3 has %q", got.Value)
	}
	if got := codesOf(t, ws, v1)[0]; got.Value != "government" {
		t.Errorf("after undo v1 has %q", got.Value)
	}
	// undo the confirmation, then the first code: every copy goes
	for range 2 {
		if _, err := ws.Undo(ctx, "ana", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []int64{v1, v2, v3} {
		if got := codesOf(t, ws, v); len(got) != 0 {
			t.Errorf("after undoing everything version %d has %+v", v, got)
		}
	}
}

// TestRemovingAnOriginRemovesPendingCopies keeps rejected copies rejected
// and removes pending ones with their origin.
func TestRemovingAnOriginRemovesPendingCopies(t *testing.T) {
	ctx := context.Background()
	ws, vs := demoStory(t)
	a := spanCode(t, ws, "ana", vs[0].ID, "We have agreed to silence the guns", "government")
	if err := ws.SaveChange(ctx, "ana", "code", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	rej := codesOf(t, ws, vs[1].ID)[0]
	rej.Deleted, rej.Carry.Status = true, annotate.CarryRejected
	if err := ws.SaveChange(ctx, "ana", "rejected carried span", []annotate.Annotation{rej}); err != nil {
		t.Fatal(err)
	}
	a.Deleted = true
	if err := ws.SaveChange(ctx, "ana", "removed", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	if got := codesOf(t, ws, vs[2].ID); len(got) != 0 {
		t.Errorf("pending copy outlived its origin: %+v", got)
	}
	// bring the origin back: the rejected copy stays rejected
	a.Deleted = false
	if err := ws.SaveChange(ctx, "ana", "again", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	if got := codesOf(t, ws, vs[1].ID); len(got) != 0 {
		t.Errorf("a rejected copy came back: %+v", got)
	}
	if got := codesOf(t, ws, vs[2].ID); len(got) != 1 {
		t.Errorf("the pending copy did not come back with its origin: %+v", got)
	}
}

// TestNewVersionGetsCodes: a version that joins a story by import gets the
// codes made on the others, and the orphans are listed.
func TestNewVersionGetsCodes(t *testing.T) {
	ctx := context.Background()
	ws, vs := demoStory(t)
	v1, err := ws.Store.Article(ctx, vs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	a := spanCode(t, ws, "ana", v1.ID, "We have agreed to silence the guns", "government")
	if err := ws.SaveChange(ctx, "ana", "code", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	// a fourth version: v1 with one more paragraph, from another file
	dir := t.TempDir()
	path := filepath.Join(dir, "v4.txt")
	text := v1.Title + "\n\n" + v1.Text + "\n\nA later paragraph was added to this fourth version of the story by the desk."
	if err := writeFile(path, text); err != nil {
		t.Fatal(err)
	}
	sum, err := ws.Import(ctx, []string{path}, nil)
	if err != nil || sum.Imported() != 1 {
		t.Fatalf("import: %v %+v", err, sum)
	}
	fam, err := ws.Store.FamilyOf(ctx, v1.ID)
	if err != nil || len(fam.Versions) != 4 {
		t.Fatalf("the new version did not join the story: %v %d", err, len(fam.Versions))
	}
	var v4 int64
	for _, v := range fam.Versions {
		if v.ID != vs[0].ID && v.ID != vs[1].ID && v.ID != vs[2].ID {
			v4 = v.ID
		}
	}
	got := codesOf(t, ws, v4)
	if len(got) != 1 || got[0].Carry == nil || got[0].Carry.From != a.ID || !got[0].Pending() {
		t.Fatalf("new version has %+v, want a pending copy", got)
	}
	// nothing is an orphan on v4; on a version without the quote it is
	if o, err := ws.Orphans(ctx, "ana", v4); err != nil || len(o) != 0 {
		t.Errorf("orphans on v4: %v %+v", err, o)
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }

// TestMovingAVersionOutTakesItsPendingCopies: pending copies that crossed
// between the moved version and the story go; confirmed ones stay.
func TestMovingAVersionOutTakesItsPendingCopies(t *testing.T) {
	ctx := context.Background()
	ws, vs := demoStory(t)
	a := spanCode(t, ws, "ana", vs[0].ID, "We have agreed to silence the guns", "government")
	if err := ws.SaveChange(ctx, "ana", "code", []annotate.Annotation{a}); err != nil {
		t.Fatal(err)
	}
	c := codesOf(t, ws, vs[1].ID)[0]
	c.Carry.Status = annotate.CarryConfirmed
	if err := ws.SaveChange(ctx, "ana", "confirm", []annotate.Annotation{c}); err != nil {
		t.Fatal(err)
	}
	if err := ws.MoveOut(ctx, vs[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := codesOf(t, ws, vs[2].ID); len(got) != 0 {
		t.Errorf("a pending copy stayed after its origin's version left the story: %+v", got)
	}
	if got := codesOf(t, ws, vs[1].ID); len(got) != 1 {
		t.Errorf("the confirmed copy went: %+v", got)
	}
	if got := codesOf(t, ws, vs[0].ID); len(got) != 1 {
		t.Errorf("the origin went: %+v", got)
	}
}
