package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

const recodeV1 = `name = "study"
version = 1

[[dimension]]
key = "tone"
label = "Tone"
  [[dimension.value]]
  key = "positive"
  label = "Positive"
  [[dimension.value]]
  key = "negative"
  label = "Negative"
  [[dimension.value]]
  key = "hostile"
  label = "Hostile"
  [[dimension.value]]
  key = "unclear"
  label = "Unclear"

[[dimension]]
key = "topics"
label = "Topics"
choice = "multiple"
  [[dimension.value]]
  key = "economy"
  label = "Economy"
  [[dimension.value]]
  key = "money"
  label = "Money"
  [[dimension.value]]
  key = "crime"
  label = "Crime"

[[dimension]]
key = "main_topic"
label = "Main topic"
values_from = "topics"

[[dimension]]
key = "genre"
label = "Genre"
  [[dimension.value]]
  key = "news"
  label = "News"
`

// recodeV2 renames positive (same label), merges hostile into negative and
// money into economy (replaces), drops unclear and the genre dimension.
const recodeV2 = `name = "study"
version = 2

[[dimension]]
key = "tone"
label = "Tone"
  [[dimension.value]]
  key = "favourable"
  label = "positive"
  [[dimension.value]]
  key = "negative"
  label = "Negative"
  replaces = ["hostile"]

[[dimension]]
key = "topics"
label = "Topics"
choice = "multiple"
  [[dimension.value]]
  key = "economy"
  label = "Economy"
  replaces = ["money"]
  [[dimension.value]]
  key = "crime"
  label = "Crime"

[[dimension]]
key = "main_topic"
label = "Main topic"
values_from = "topics"
`

// recodeFixture stores two articles coded under version 1, then installs
// version 2. It returns the workspace and the codes by a short name.
func recodeFixture(t *testing.T) (*Workspace, map[string]annotate.Annotation) {
	t.Helper()
	ws := newWS(t)
	ctx := context.Background()
	v1, err := ws.InstallCodebook(ctx, []byte(recodeV1))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ws.Store.AddArticles(ctx, []annotate.Article{
		{Title: "One", Text: "The harbour board met on Monday."},
		{Title: "Two", Text: "Tram fares rise in the spring."},
	})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	codes := map[string]annotate.Annotation{}
	mk := func(name string, art int, who, dim, value string) {
		a := annotate.Annotation{ID: annotate.NewID(), ArticleID: res[art].ID, Annotator: who, Codebook: v1.Name,
			CodebookVersion: v1.Version, Dimension: dim, Value: value, CreatedAt: at, UpdatedAt: at}
		if err := a.Validate(v1); err != nil {
			t.Fatal(err)
		}
		codes[name] = a
	}
	mk("tone1", 0, "ana", "tone", "positive")
	mk("econ1", 0, "ana", "topics", "economy")
	mk("money1", 0, "ana", "topics", "money") // merges into economy, which ana has here
	mk("genre1", 0, "ana", "genre", "news")
	mk("tone2", 1, "ana", "tone", "hostile")
	mk("money2", 1, "ana", "topics", "money")
	mk("unclear2", 1, "bo", "tone", "unclear")
	mk("main2", 1, "ana", "main_topic", "money") // follows the topics it takes its values from
	var all []annotate.Annotation
	for _, a := range codes {
		all = append(all, a)
	}
	if err := ws.Store.SaveAnnotations(ctx, all); err != nil {
		t.Fatal(err)
	}
	if cb, err := ws.InstallCodebook(ctx, []byte(recodeV2)); err != nil || cb.Version != 2 {
		t.Fatalf("install version 2: %v, %v", cb, err)
	}
	return ws, codes
}

func byID(t *testing.T, ws *Workspace, a annotate.Annotation) annotate.Annotation {
	t.Helper()
	anns, err := ws.Annotations(context.Background(), a.ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range anns {
		if b.ID == a.ID {
			return b
		}
	}
	t.Fatalf("code %s is gone", a.ID)
	return annotate.Annotation{}
}

func TestRecodeRenamesMergesAndUndoes(t *testing.T) {
	ws, codes := recodeFixture(t)
	ctx := context.Background()

	dry, err := ws.Recode(ctx, RecodeOptions{From: 1, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	var moves []string
	for _, m := range dry.Moves {
		moves = append(moves, fmt.Sprintf("%s.%s=%s %d/%d %s", m.Dimension, m.From, m.To, m.Codes, m.Merged, m.Why))
	}
	want := []string{
		"main_topic.money=economy 1/0 declared in the codebook",
		"tone.hostile=negative 1/0 declared in the codebook",
		"tone.positive=favourable 1/0 same label",
		"topics.money=economy 2/1 declared in the codebook",
	}
	if !slices.Equal(moves, want) {
		t.Errorf("moves:\n%q\nwant\n%q", moves, want)
	}
	if len(dry.Unmapped) != 1 || dry.Unmapped[0] != (RecodeUnmapped{"tone", "unclear", 1}) || dry.DroppedCodes["genre"] != 1 {
		t.Errorf("unmapped %v, dropped %v", dry.Unmapped, dry.DroppedCodes)
	}
	if dry.Changed != 5 || dry.UnderFromCode != 8 {
		t.Errorf("changed %d of %d, want 5 of 8", dry.Changed, dry.UnderFromCode)
	}
	if got := byID(t, ws, codes["tone1"]); got.Value != "positive" {
		t.Errorf("a dry run changed a code: %+v", got)
	}
	if _, err := ws.Recode(ctx, RecodeOptions{From: 1}); err == nil || !strings.Contains(err.Error(), "--as") {
		t.Errorf("recode without an analyst: %v", err)
	}
	if _, err := ws.Recode(ctx, RecodeOptions{From: 7, As: "lead"}); err == nil || !strings.Contains(err.Error(), "no version 7") {
		t.Errorf("recode from a version not stored: %v", err)
	}
	if _, err := ws.Recode(ctx, RecodeOptions{From: 1, As: "lead", Map: map[string]map[string]string{"tone": {"unclear": "muddled"}}}); err == nil ||
		!strings.Contains(err.Error(), "favourable, negative") {
		t.Errorf("a mapping to a value version 2 lacks: %v", err)
	}

	rep, err := ws.Recode(ctx, RecodeOptions{From: 1, As: "lead"})
	if err != nil || rep.Changed != 5 {
		t.Fatalf("recode: %+v, %v", rep, err)
	}
	for name, want := range map[string]string{"tone1": "favourable", "tone2": "negative", "money2": "economy", "econ1": "economy", "unclear2": "unclear", "genre1": "news", "main2": "economy"} {
		got := byID(t, ws, codes[name])
		if got.Value != want || got.Deleted {
			t.Errorf("%s after recode: %q deleted %v, want %q", name, got.Value, got.Deleted, want)
		}
		wantVersion := 2
		if got.Value == codes[name].Value {
			wantVersion = 1
		}
		if got.CodebookVersion != wantVersion {
			t.Errorf("%s names version %d, want %d", name, got.CodebookVersion, wantVersion)
		}
	}
	if got := byID(t, ws, codes["money1"]); !got.Deleted {
		t.Errorf("ana's money code beside her economy code was not merged away: %+v", got)
	}

	// one undo takes it all back; the history kept old and new values
	c, err := ws.Undo(ctx, "lead", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Label, "recode study v1 → v2") || len(c.Before.Annotations) != 5 || len(c.After.Annotations) != 5 {
		t.Errorf("undone change: %q, %d before, %d after", c.Label, len(c.Before.Annotations), len(c.After.Annotations))
	}
	for name, a := range codes {
		got := byID(t, ws, a)
		if got.Value != a.Value || got.Deleted || got.CodebookVersion != 1 {
			t.Errorf("%s after undo: %q v%d deleted %v, want %q v1", name, got.Value, got.CodebookVersion, got.Deleted, a.Value)
		}
	}

	// a given mapping places the dropped value
	rep, err = ws.Recode(ctx, RecodeOptions{From: 1, As: "lead", Map: map[string]map[string]string{"tone": {"unclear": "negative"}}})
	if err != nil || rep.Changed != 6 || len(rep.Unmapped) != 0 {
		t.Fatalf("recode with --map: %+v, %v", rep, err)
	}
	if got := byID(t, ws, codes["unclear2"]); got.Value != "negative" {
		t.Errorf("the given mapping was not applied: %+v", got)
	}
}
