package storage

import (
	"context"
	"testing"
	"time"

	"redline/annotate"
)

func capture(key string, at time.Time, text string) Capture {
	a := &annotate.Article{Title: "Quay wall", Text: text}
	a.Fill()
	return Capture{Key: key, URL: "https://" + key, CapturedAt: at, Source: "test.warc", Article: a}
}

func TestAddCapturesVersionsOfOneURL(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	const a, b = "The quay wall gave way on Monday night.", "The quay wall gave way on Monday night, the harbour master said."
	key := "port.example/quay"
	// out of order on purpose: an archive need not be sorted
	res, err := s.AddCaptures(ctx, []Capture{
		capture(key, h(0), a),
		capture(key, h(2), b),
		capture(key, h(1), a),
		capture(key, h(3), a), // a revert: a new version
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []CaptureOutcome{CaptureNewVersion, CaptureNewVersion, CaptureSameVersion, CaptureNewVersion}
	for i, r := range res {
		if r.Outcome != want[i] {
			t.Errorf("capture %d: outcome %d, want %d", i, r.Outcome, want[i])
		}
	}
	if res[2].ArticleID != res[0].ArticleID {
		t.Errorf("identical consecutive captures are versions %d and %d, want one", res[0].ArticleID, res[2].ArticleID)
	}
	if res[3].ArticleID == res[0].ArticleID {
		t.Error("the revert was folded into the first version")
	}
	fam, err := s.FamilyOf(ctx, res[0].ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, v := range fam.Versions {
		got = append(got, v.ID)
		if !v.Pinned {
			t.Errorf("version %d is not pinned to its URL's story", v.ID)
		}
	}
	wantIDs := []int64{res[0].ArticleID, res[1].ArticleID, res[3].ArticleID}
	if len(got) != 3 || got[0] != wantIDs[0] || got[1] != wantIDs[1] || got[2] != wantIDs[2] {
		t.Fatalf("versions %v, want %v in capture order", got, wantIDs)
	}
	first := fam.Versions[0]
	if !first.PublishedAt.Equal(h(0)) || !first.RetrievedAt.Equal(h(1)) {
		t.Errorf("first version spans %v to %v, want %v to %v", first.PublishedAt, first.RetrievedAt, h(0), h(1))
	}

	// regrouping by similarity (nothing matches) leaves the story whole
	if _, err := s.Regroup(ctx, nil); err != nil {
		t.Fatal(err)
	}
	fam2, _ := s.FamilyOf(ctx, res[1].ArticleID)
	if len(fam2.Versions) != 3 {
		t.Errorf("after regrouping the story has %d versions, want 3", len(fam2.Versions))
	}

	// the same archive again changes nothing
	again, err := s.AddCaptures(ctx, []Capture{capture(key, h(0), a), capture(key, h(3), a)})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range again {
		if r.Outcome != CaptureKnown {
			t.Errorf("re-import %d: outcome %d, want known", i, r.Outcome)
		}
	}
	n, _ := s.CountArticles(ctx)
	if n != 3 {
		t.Errorf("%d articles stored, want 3", n)
	}
	times, err := s.CaptureTimes(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if len(times) != 4 || !times[h(2)] {
		t.Errorf("capture times %v, want the 4 captures", times)
	}
}

func TestAddCapturesWithoutArticleAndOtherURL(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	res, err := s.AddCaptures(ctx, []Capture{
		{Key: "a.example/x", CapturedAt: at, Note: "no article text"},
		capture("a.example/y", at, "One text of its own."),
		capture("a.example/z", at, "Another text of its own."),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != CaptureNoArticle || res[0].ArticleID != 0 {
		t.Errorf("capture without article: %+v", res[0])
	}
	if res[1].ArticleID == res[2].ArticleID {
		t.Fatal("two URLs share an article")
	}
	f1, _ := s.FamilyOf(ctx, res[1].ArticleID)
	f2, _ := s.FamilyOf(ctx, res[2].ArticleID)
	if f1.ID == f2.ID {
		t.Error("two URLs are one story")
	}
	caps, err := s.Captures(ctx, "a.example/x")
	if err != nil || len(caps) != 1 || caps[0].Note != "no article text" {
		t.Errorf("captures of x: %+v, %v", caps, err)
	}
}

func TestSameTextAtTwoURLsIsTwoStories(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	const text = "The wire story that two sites carried word for word."
	res, err := s.AddCaptures(ctx, []Capture{capture("one.example/a", at, text), capture("two.example/b", at, text)})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].ArticleID == res[1].ArticleID || res[1].Outcome != CaptureNewVersion {
		t.Fatalf("results %+v: want two articles", res)
	}
	f1, _ := s.FamilyOf(ctx, res[0].ArticleID)
	f2, _ := s.FamilyOf(ctx, res[1].ArticleID)
	if f1.ID == f2.ID || len(f1.Versions) != 1 {
		t.Errorf("families %d and %d (%d versions): want two stories", f1.ID, f2.ID, len(f1.Versions))
	}

	// a text first imported from a file (no address) and then captured at
	// an address is two publications: the capture is an article of its own
	// (the workspace then puts the two in one story, as versions)
	id := addArticle(t, s, "A text first imported from a file, later found in an archive.")
	res, err = s.AddCaptures(ctx, []Capture{capture("three.example/c", at, "A text first imported from a file, later found in an archive.")})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].ArticleID == id || res[0].Outcome != CaptureNewVersion {
		t.Errorf("capture of a text stored without an address: %+v, want a new publication beside %d", res[0], id)
	}
}

func TestLateCaptureSplitsAVersion(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	const a, b = "The first text of the page, as it stood in the morning.", "A second text that stood for one hour in between."
	key := "port.example/late"
	// A at 0 and 2 look like one version until B at 1 arrives (a second file)
	res, err := s.AddCaptures(ctx, []Capture{capture(key, h(0), a), capture(key, h(2), a)})
	if err != nil {
		t.Fatal(err)
	}
	if res[1].ArticleID != res[0].ArticleID {
		t.Fatal("identical captures are two versions")
	}
	late, err := s.AddCaptures(ctx, []Capture{capture(key, h(1), b)})
	if err != nil {
		t.Fatal(err)
	}
	if late[0].Outcome != CaptureNewVersion || late[0].SplitOff == 0 {
		t.Fatalf("late capture: %+v, want a new version and a split", late[0])
	}
	fam, _ := s.FamilyOf(ctx, res[0].ArticleID)
	if len(fam.Versions) != 3 {
		t.Fatalf("%d versions, want A, B, A", len(fam.Versions))
	}
	ids := []int64{fam.Versions[0].ID, fam.Versions[1].ID, fam.Versions[2].ID}
	if ids[0] != res[0].ArticleID || ids[1] != late[0].ArticleID || ids[2] != late[0].SplitOff {
		t.Errorf("versions %v, want %d, %d, %d", ids, res[0].ArticleID, late[0].ArticleID, late[0].SplitOff)
	}
	first := fam.Versions[0]
	if !first.RetrievedAt.Equal(h(0)) || !fam.Versions[2].PublishedAt.Equal(h(2)) {
		t.Errorf("spans: first version last seen %v, revert first seen %v", first.RetrievedAt, fam.Versions[2].PublishedAt)
	}
	caps, _ := s.Captures(ctx, key)
	if caps[2].ArticleID != late[0].SplitOff {
		t.Errorf("the capture at 2 points to %d, want the split-off version", caps[2].ArticleID)
	}
}
