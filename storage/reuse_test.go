package storage

import (
	"context"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"redline/annotate"
)

// wordGrouper is a toy comparison method: a text's keys are its words; two
// texts are versions when their first words are equal, related when they
// share any other word (the passage is that word in each text).
type wordGrouper struct {
	exitOn string // the child process of TestGroupingDiesWithItsBatch dies comparing this text
}

type wordSketch struct {
	text string
	keys []uint32
}

func (s wordSketch) Keys() []uint32 { return s.keys }

func (wordGrouper) Sketch(text string) Sketch {
	var keys []uint32
	for _, w := range strings.Fields(text) {
		h := fnv.New32a()
		h.Write([]byte(w))
		keys = append(keys, h.Sum32())
	}
	slices.Sort(keys)
	return wordSketch{text, slices.Compact(keys)}
}

func (wordGrouper) Candidates() (int, int) { return 64, 1 }

func (g wordGrouper) Relate(older, newer Sketch) Link {
	a, b := older.(wordSketch).text, newer.(wordSketch).text
	if g.exitOn != "" && b == g.exitOn {
		os.Exit(3) // killed in the family step
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if wa[0] == wb[0] {
		return Link{Versions: true}
	}
	for _, w := range wa[1:] {
		if i := strings.Index(b, " "+w); i >= 0 && slices.Contains(wb[1:], w) {
			j := strings.Index(a, " "+w)
			return Link{Related: true, Words: 1, Passages: []Passage{{AStart: j + 1, AEnd: j + 1 + len(w), BStart: i + 1, BEnd: i + 1 + len(w), Words: 1}}}
		}
	}
	return Link{}
}

func TestAddArticlesGroupedPlacesInTheSameTransaction(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	arts := []annotate.Article{
		{Title: "a", Text: "storyA ferry rocks fog"},
		{Title: "b", Text: "storyB budget vote"},
		{Title: "a2", Text: "storyA ferry rocks fog rescue"},
		{Title: "c", Text: "storyC harbour rocks"},
	}
	res, err := s.AddArticlesGrouped(ctx, arts, wordGrouper{})
	if err != nil {
		t.Fatal(err)
	}
	fam := func(id int64) int64 {
		t.Helper()
		f, err := s.FamilyOf(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return f.ID
	}
	if fam(res[2].ID) != fam(res[0].ID) {
		t.Errorf("the second version is in family %d, the first in %d", fam(res[2].ID), fam(res[0].ID))
	}
	if fam(res[1].ID) == fam(res[0].ID) || fam(res[3].ID) == fam(res[0].ID) {
		t.Errorf("different stories grouped")
	}
	rels, err := s.Relations(ctx, []int64{res[3].ID})
	if err != nil {
		t.Fatal(err)
	}
	// c shares "rocks" with a and with a2
	if len(rels) != 2 || rels[0].A != res[0].ID || rels[0].B != res[3].ID || rels[1].A != res[2].ID {
		t.Fatalf("relations of c: %+v", rels)
	}
	p := rels[0].Passages[0]
	if got := arts[0].Text[p.AStart:p.AEnd]; got != "rocks" {
		t.Errorf("passage in a reads %q, want rocks", got)
	}
	// a later batch joins the stored story through the stored keys
	more, err := s.AddArticlesGrouped(ctx, []annotate.Article{{Title: "a3", Text: "storyA update"}}, wordGrouper{})
	if err != nil {
		t.Fatal(err)
	}
	if fam(more[0].ID) != fam(res[0].ID) {
		t.Errorf("a version imported later is in family %d, want %d", fam(more[0].ID), fam(res[0].ID))
	}
}

// TestGroupingDiesWithItsBatch kills an import in the middle of placing its
// articles (the child process exits while comparing): the batch was never
// committed, so no article is stored without its family.
func TestGroupingDiesWithItsBatch(t *testing.T) {
	if path := os.Getenv("REDLINE_GROUPING_CHILD"); path != "" {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.AddArticlesGrouped(context.Background(), []annotate.Article{
			{Text: "storyA second version"}, {Text: "storyA third version"},
		}, wordGrouper{exitOn: "storyA third version"})
		t.Fatal("the child should have died comparing")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kill.redline")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddArticlesGrouped(ctx, []annotate.Article{{Text: "storyA first version"}}, wordGrouper{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestGroupingDiesWithItsBatch$", "-test.count=1")
	cmd.Env = append(os.Environ(), "REDLINE_GROUPING_CHILD="+path)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("child ended with %v, want exit status 3; output:\n%s", err, out)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.CountArticles(ctx); err != nil || n != 1 {
		t.Errorf("%d articles stored after the kill (err %v), want only the first version", n, err)
	}
	var keys int
	if err := s.read.QueryRow("SELECT count(*) FROM article_key WHERE article_id > 1").Scan(&keys); err != nil || keys != 0 {
		t.Errorf("%d index keys of uncommitted articles (err %v)", keys, err)
	}
}

func TestRebuildKeysAndApplyGrouping(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	res, err := s.AddArticles(ctx, []annotate.Article{{Text: "one"}, {Text: "two"}, {Text: "three"}})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{res[0].ID, res[1].ID, res[2].ID}
	if v, _ := s.KeysVersion(ctx); v != "" {
		t.Fatalf("keys version %q before any were stored", v)
	}
	if err := s.RebuildKeys(ctx, "toy-1", ids, [][]uint32{{1, 2}, {2}, {3}}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.KeysVersion(ctx); v != "toy-1" {
		t.Errorf("keys version %q, want toy-1", v)
	}
	changed, err := s.ApplyGrouping(ctx, [][]int64{{ids[0], ids[1]}}, []Relation{{A: ids[1], B: ids[2], Words: 12,
		Passages: []Passage{{AStart: 0, AEnd: 3, BStart: 0, BEnd: 5, Words: 12}}}})
	if err != nil {
		t.Fatal(err)
	}
	if changed != 1 {
		t.Errorf("%d articles changed family, want 1", changed)
	}
	rels, err := s.Relations(ctx, nil)
	if err != nil || len(rels) != 1 || rels[0].Words != 12 || rels[0].Passages[0].BEnd != 5 {
		t.Errorf("relations %+v, %v", rels, err)
	}
	// applying the same again changes nothing and keeps one relation
	if changed, err := s.ApplyGrouping(ctx, [][]int64{{ids[0], ids[1]}}, rels); err != nil || changed != 0 {
		t.Errorf("second apply changed %d (err %v)", changed, err)
	}
	if rels, _ := s.Relations(ctx, []int64{ids[0]}); len(rels) != 0 {
		t.Errorf("article 1 has relations %+v, want none", rels)
	}
}
