package annotate_test

import (
	"testing"
	"time"

	"redline/annotate"
	"redline/assets"
)

func defaultCodebook(t *testing.T) *annotate.Codebook {
	t.Helper()
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func TestDocStateSetKeepsOneValuePerTarget(t *testing.T) {
	cb := defaultCodebook(t)
	s := annotate.NewDocState(cb, nil)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	b := annotate.Base{ArticleID: 7, Annotator: "ana", Codebook: cb, Now: now}

	first, err := s.Set(b, "stance", "Russia", "unfavourable")
	if err != nil || len(first) != 1 {
		t.Fatalf("first set: %v %v", first, err)
	}
	b.Now = now.Add(time.Minute)
	second, err := s.Set(b, "stance", "Russia", "neutral")
	if err != nil || len(second) != 1 {
		t.Fatalf("second set: %v %v", second, err)
	}
	if second[0].ID != first[0].ID {
		t.Errorf("recoding made a new annotation %s instead of updating %s", second[0].ID, first[0].ID)
	}
	if !second[0].CreatedAt.Equal(now) || !second[0].UpdatedAt.Equal(b.Now) {
		t.Errorf("times: created %v updated %v", second[0].CreatedAt, second[0].UpdatedAt)
	}
	if got := s.Value("stance", "Russia"); got != "neutral" {
		t.Errorf("value %q", got)
	}
	if same, _ := s.Set(b, "stance", "Russia", "neutral"); len(same) != 0 {
		t.Errorf("setting the same value wrote %v", same)
	}
	cleared, _ := s.Set(b, "stance", "Russia", "")
	if len(cleared) != 1 || !cleared[0].Deleted || cleared[0].ID != first[0].ID {
		t.Errorf("clearing: %+v", cleared)
	}
	if !s.Empty() {
		t.Errorf("state not empty after clearing")
	}
	if _, err := s.Set(b, "stance", "Atlantis", "neutral"); err == nil {
		t.Errorf("unknown target accepted")
	}
	if _, err := s.Set(b, "stance", "Russia", "hostile"); err == nil {
		t.Errorf("unknown value accepted")
	}
}

func TestDocStatePrimaryFrameStaysWithinFrames(t *testing.T) {
	cb := defaultCodebook(t)
	s := annotate.NewDocState(cb, nil)
	b := annotate.Base{ArticleID: 1, Annotator: "ana", Codebook: cb, Now: time.Now()}
	out, err := s.Set(b, "primary_frame", "", "economic")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[1].Dimension != "frames" || out[1].Value != "economic" {
		t.Fatalf("choosing a primary frame did not tick it: %+v", out)
	}
	out, _ = s.Toggle(b, "frames", "economic")
	if len(out) != 2 || !out[0].Deleted || !out[1].Deleted || out[1].Dimension != "primary_frame" {
		t.Fatalf("unticking the primary frame did not clear it: %+v", out)
	}
	if s.Value("primary_frame", "") != "" || s.Has("frames", "economic") {
		t.Errorf("state still holds the frame")
	}
}

func TestDocStateFromStoredAnnotations(t *testing.T) {
	cb := defaultCodebook(t)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	stored := []annotate.Annotation{
		{ID: "A", Dimension: "frames", Value: "economic", Annotator: "ana", UpdatedAt: t0},
		{ID: "B", Dimension: "frames", Value: "security", Annotator: "ana", UpdatedAt: t0},
		{ID: "A", Dimension: "frames", Value: "economic", Annotator: "ana", UpdatedAt: t0.Add(time.Hour), Deleted: true},
		{ID: "C", Dimension: "stance", Target: "Ukraine", Value: "mixed", UpdatedAt: t0},
		{ID: "D", Dimension: "note", Note: "check figures", UpdatedAt: t0},
		{ID: "E", Dimension: "stance", Target: "Russia", Value: "neutral", UpdatedAt: t0, Span: &annotate.Span{Start: 0, End: 4}},
	}
	s := annotate.NewDocState(cb, stored)
	if got := s.Chosen("frames"); len(got) != 1 || got[0] != "security" {
		t.Errorf("frames %v, want [security]", got)
	}
	if s.Value("stance", "Ukraine") != "mixed" || s.Text("note") != "check figures" {
		t.Errorf("stance or note lost")
	}
	if s.Value("stance", "Russia") != "" {
		t.Errorf("a span annotation leaked into document codes")
	}
}

func TestSpanOffsets(t *testing.T) {
	text := "Zürich — «Ja», sagte er."
	sp, err := annotate.NewSpan(text, 9, 13)
	if err != nil {
		t.Fatal(err)
	}
	if sp.Quote != "«Ja»" {
		t.Errorf("quote %q", sp.Quote)
	}
	bs, be := sp.ByteOffsets(text)
	if text[bs:be] != "«Ja»" {
		t.Errorf("byte offsets %d-%d give %q", bs, be, text[bs:be])
	}
	if _, err := annotate.NewSpan(text, 5, 99); err == nil {
		t.Errorf("span past the end accepted")
	}
}
