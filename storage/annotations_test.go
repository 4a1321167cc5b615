package storage

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"redline/annotate"
)

// testCodebook is small but has every kind of dimension the wide export
// lays out.
var testCodebook = []byte(`name = "test"
version = 1

[[dimension]]
key = "stance"
label = "Stance"
levels = ["document", "span"]
targets = ["Russia", "United States"]
  [[dimension.value]]
  key = "favourable"
  label = "Favourable"
  [[dimension.value]]
  key = "neutral"
  label = "Neutral"

[[dimension]]
key = "frames"
label = "Frames"
choice = "multiple"
  [[dimension.value]]
  key = "economic"
  label = "Economic"
  [[dimension.value]]
  key = "security"
  label = "Security"

[[dimension]]
key = "primary_frame"
label = "Primary frame"
values_from = "frames"
within = "frames"

[[dimension]]
key = "note"
label = "Note"
choice = "text"

[[dimension]]
key = "source"
label = "Source"
levels = ["span"]
  [[dimension.value]]
  key = "official"
  label = "Official"
`)

func addArticle(t testing.TB, s *Store, text string) int64 {
	t.Helper()
	res, err := s.AddArticles(context.Background(), []annotate.Article{{Title: "t", Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	return res[0].ID
}

func sameAnnotation(got, want annotate.Annotation) bool {
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		return false
	}
	if (got.Span == nil) != (want.Span == nil) || (got.Span != nil && *got.Span != *want.Span) {
		return false
	}
	got.CreatedAt, got.UpdatedAt, got.Span = want.CreatedAt, want.UpdatedAt, want.Span
	return got == want
}

func TestSaveAnnotationsUpsertAndTombstones(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	text := "Вчера министр сказал: «переговоры идут». Officials agreed."
	id := addArticle(t, s, text)
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	span, err := annotate.NewSpan(text, 22, 39)
	if err != nil {
		t.Fatal(err)
	}
	doc := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Codebook: "test",
		CodebookVersion: 1, Dimension: "stance", Target: "Russia", Value: "neutral",
		CreatedAt: t0, UpdatedAt: t0}
	spanned := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "ana", Codebook: "test",
		CodebookVersion: 1, Dimension: "source", Value: "official", Note: "the minister",
		Span: span, CreatedAt: t0.Add(time.Second), UpdatedAt: t0.Add(time.Second)}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{spanned, doc}); err != nil {
		t.Fatal(err)
	}

	// Change the stance, then withdraw the source: same ids.
	doc2 := doc
	doc2.Value, doc2.UpdatedAt = "favourable", t0.Add(time.Minute)
	gone := spanned
	gone.Deleted, gone.UpdatedAt = true, t0.Add(2*time.Minute)
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{doc2}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{gone}); err != nil {
		t.Fatal(err)
	}

	got, err := s.Annotations(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []annotate.Annotation{doc2, gone}
	if len(got) != len(want) {
		t.Fatalf("got %d annotations, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !sameAnnotation(got[i], want[i]) {
			t.Errorf("annotation %d = %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if got[1].Span == nil || got[1].Span.Quote != "«переговоры идут»" {
		t.Errorf("span quote = %+v", got[1].Span)
	}
	list, err := s.Articles(ctx, Query{Coded: CodedYes})
	if err != nil || len(list) != 1 {
		t.Errorf("coded articles = %v, %v; want the one with a live stance", list, err)
	}
}

func TestSaveAnnotationsErrors(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	id := addArticle(t, s, "some text")
	now := time.Now()
	ok := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "a", Dimension: "note", CreatedAt: now, UpdatedAt: now}
	tests := []struct {
		name string
		mod  func(a *annotate.Annotation)
		want error
	}{
		{"no id", func(a *annotate.Annotation) { a.ID = "" }, annotate.ErrInvalid},
		{"no article", func(a *annotate.Annotation) { a.ArticleID = 0 }, annotate.ErrInvalid},
		{"unknown article", func(a *annotate.Annotation) { a.ArticleID = 404 }, ErrNotFound},
		{"reversed span", func(a *annotate.Annotation) { a.Span = &annotate.Span{Start: 5, End: 2} }, annotate.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := ok
			bad.ID = annotate.NewID()
			tt.mod(&bad)
			err := s.SaveAnnotations(ctx, []annotate.Annotation{ok, bad})
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			got, err := s.Annotations(ctx, id)
			if err != nil || len(got) != 0 {
				t.Errorf("after a failed save: %d annotations, %v; want none (one transaction)", len(got), err)
			}
		})
	}
}

func TestCodebooks(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if _, _, err := s.LatestCodebook(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("empty store: got %v, want ErrNotFound", err)
	}
	cb, err := annotate.ParseCodebook(testCodebook)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCodebook(ctx, cb, testCodebook); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCodebook(ctx, cb, testCodebook); err != nil {
		t.Errorf("saving the same codebook again: %v", err)
	}
	changed := append([]byte("# edited\n"), testCodebook...)
	if err := s.SaveCodebook(ctx, cb, changed); !errors.Is(err, ErrCodebookChanged) {
		t.Errorf("same version, new source: got %v, want ErrCodebookChanged", err)
	}
	if err := s.SaveCodebook(ctx, cb, []byte("name = \"other\"\nversion = 1\n[[dimension]]\nkey = \"n\"\nlabel = \"N\"\nchoice = \"text\"\n")); !errors.Is(err, annotate.ErrInvalid) {
		t.Errorf("source of another codebook: got %v, want ErrInvalid", err)
	}
	if err := s.SaveCodebook(ctx, cb, []byte("not = [toml")); !errors.Is(err, annotate.ErrInvalid) {
		t.Errorf("unparsable source: got %v, want ErrInvalid", err)
	}
	got, src, err := s.LatestCodebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "test" || got.Version != 1 || string(src) != string(testCodebook) {
		t.Errorf("latest = %s v%d", got.Name, got.Version)
	}

	v2 := *cb
	v2.Version = 2
	if err := s.SaveCodebook(ctx, &v2, nil); err != nil { // stored as TOML
		t.Fatal(err)
	}
	got, _, err = s.LatestCodebook(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Dimension("primary_frame") == nil || len(got.Dimension("primary_frame").Values) != 2 {
		t.Errorf("latest after v2 = %+v", got)
	}
}

func TestSettings(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if got, err := s.Setting(ctx, "annotator"); got != "" || err != nil {
		t.Errorf("unset: got %q, %v", got, err)
	}
	for _, v := range []string{"ana", "bo", ""} {
		if err := s.SetSetting(ctx, "annotator", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "annotator"); got != v || err != nil {
			t.Errorf("got %q, %v; want %q", got, err, v)
		}
	}
}

// TestConcurrentUse writes from several goroutines and a second Store on
// the same file (the command line while the window is open) while lists
// run: nothing may fail with SQLITE_BUSY and every save must land.
func TestConcurrentUse(t *testing.T) {
	s := newTestStore(t)
	other, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	id := addArticle(t, s, "shared text")
	const writers, each = 4, 25
	errs := make(chan error, writers+2)
	var wg sync.WaitGroup
	for w := range writers {
		st := s
		if w%2 == 1 {
			st = other
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				now := time.Now()
				a := annotate.Annotation{ID: annotate.NewID(), ArticleID: id, Annotator: "w", Dimension: "note",
					CreatedAt: now, UpdatedAt: now}
				if err := st.SaveAnnotations(ctx, []annotate.Annotation{a}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, st := range []*Store{s, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if _, err := st.Articles(ctx, Query{Coded: CodedYes}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	anns, err := other.Annotations(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(anns), writers*each; got != want {
		t.Errorf("stored %d annotations, want %d", got, want)
	}
}
