package workspace

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"redline/storage"
)

// TestDemoFamilies imports the demo corpus and checks that revisions,
// republished copies and the page carrying its article twice each form one
// family, while independently written reports of one event do not.
func TestDemoFamilies(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	fams, err := ws.Store.Families(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	familyOf := map[string]int64{} // source file name -> family
	sizes := map[int64]int{}
	for _, f := range fams {
		for _, v := range f.Versions {
			a, err := ws.Store.Article(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			familyOf[filepath.Base(a.SourcePath)] = f.ID
			sizes[f.ID]++
		}
	}
	same := func(a, b string) {
		t.Helper()
		if familyOf[a] == 0 || familyOf[a] != familyOf[b] {
			t.Errorf("%s (family %d) and %s (family %d) should be versions of one story", a, familyOf[a], b, familyOf[b])
		}
	}
	same("04-ceasefire-v1.txt", "04-ceasefire-v2.txt")
	same("04-ceasefire-v2.txt", "04-ceasefire-v3.txt")
	same("05-grain-agency.txt", "05-grain-herald.txt")
	same("09-forum-repost.txt", "09-forum-repost.txt (second copy on the page)")
	if familyOf["06-flood-gazette.txt"] == familyOf["06-flood-national.txt"] {
		t.Errorf("independently written flood reports were grouped as versions")
	}
	if sizes[familyOf["04-ceasefire-v1.txt"]] != 3 {
		t.Errorf("ceasefire family has %d versions, want 3", sizes[familyOf["04-ceasefire-v1.txt"]])
	}

	// regrouping from scratch agrees with the families made at import, and a
	// second run changes nothing
	before, err := ws.Store.Memberships(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, changed, err := ws.Regroup(ctx); err != nil || changed != 0 {
		t.Errorf("regroup after import changed %d articles (err %v), want 0", changed, err)
	}
	after, _ := ws.Store.Memberships(ctx)
	if len(before) != len(after) {
		t.Fatalf("membership count changed")
	}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("regroup moved %+v to %+v", before[i], after[i])
		}
	}
}

func TestRepeatedPageStoredAsTwoVersions(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	items, err := ws.Store.Articles(ctx, storage.Query{Search: "Telegram"})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("the promotional line should be in exactly one stored copy, found in %d", len(items))
	}
	second, err := ws.Store.Article(ctx, items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(second.SourcePath, "(second copy on the page)") {
		t.Errorf("the copy with the promotion is %q, want the second copy", second.SourcePath)
	}
	if strings.Contains(second.Text, "Uploaded files:") || strings.Contains(second.Text, "Meta description") {
		t.Errorf("page furniture kept in the second copy")
	}
}

// TestSecondCopyIsNoHeadlineChange: the two copies of a page keep one
// headline, so comparing them shows no headline change.
func TestSecondCopyIsNoHeadlineChange(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "r.db"), true)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	items, err := ws.Store.Articles(ctx, storage.Query{Search: "Telegram"})
	if err != nil || len(items) != 1 {
		t.Fatalf("%v %d", err, len(items))
	}
	fam, err := ws.Store.FamilyOf(ctx, items[0].ID)
	if err != nil || len(fam.Versions) != 2 {
		t.Fatalf("the page's copies: %v, %d versions", err, len(fam.Versions))
	}
	if fam.Versions[0].Title != fam.Versions[1].Title || strings.Contains(fam.Versions[1].Title, "second copy") {
		t.Errorf("titles %q and %q", fam.Versions[0].Title, fam.Versions[1].Title)
	}
}
