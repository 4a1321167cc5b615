package storage

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// TestAdjudicatedCodesTravel: an adjudicated code keeps the ids of the
// codes it settles through the database, the long CSV (columns adjudicated
// and settles) and JSON Lines, both ways.
func TestAdjudicatedCodesTravel(t *testing.T) {
	ctx := context.Background()
	src := newTestStore(t)
	text := "The ministry said talks would resume."
	art := addArticle(t, src, text)
	t0 := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	code := func(id, who, value string) annotate.Annotation {
		return annotate.Annotation{ID: id, ArticleID: art, Annotator: who, Codebook: "test", CodebookVersion: 1,
			Dimension: "stance", Target: "Russia", Value: value, CreatedAt: t0, UpdatedAt: t0}
	}
	ana, bea := code("01A", "ana", "favourable"), code("01B", "bea", "neutral")
	final := code("01Z", "lead", "neutral")
	final.Settles = "01A 01B"
	if err := src.SaveAnnotations(ctx, []annotate.Annotation{ana, bea, final}); err != nil {
		t.Fatal(err)
	}
	got, err := src.Annotations(ctx, art)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got {
		if a.ID == "01Z" && (!a.Adjudicated() || strings.Join(a.SettledIDs(), ",") != "01A,01B") {
			t.Errorf("stored adjudicated code: %+v", a)
		}
		if a.ID != "01Z" && a.Adjudicated() {
			t.Errorf("%s became adjudicated", a.ID)
		}
	}

	var long bytes.Buffer
	if err := src.ExportCSV(ctx, &long, FormLong, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(long.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, rec := range recs[1:] {
		adj, settles := rec[col["adjudicated"]], rec[col["settles"]]
		switch rec[col["annotation_id"]] {
		case "01Z":
			if adj != "1" || settles != "01A 01B" {
				t.Errorf("adjudicated code exported as %q %q", adj, settles)
			}
		default:
			if adj != "0" || settles != "" {
				t.Errorf("coder's code exported as %q %q", adj, settles)
			}
		}
	}

	var jl bytes.Buffer
	if err := src.ExportWebAnnotations(ctx, &jl); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(jl.String(), `"settles":["01A","01B"]`) {
		t.Errorf("JSON Lines lacks the settled ids:\n%s", jl.String())
	}
	for name, load := range map[string]func(*Store) (ImportReport, error){
		"csv":   func(s *Store) (ImportReport, error) { return s.ImportCSV(ctx, bytes.NewReader(long.Bytes())) },
		"jsonl": func(s *Store) (ImportReport, error) { return s.ImportWebAnnotations(ctx, bytes.NewReader(jl.Bytes())) },
	} {
		t.Run(name, func(t *testing.T) {
			dst := newTestStore(t)
			id := addArticle(t, dst, text)
			rep, err := load(dst)
			if err != nil || rep.Added != 3 {
				t.Fatalf("import: %+v %v", rep, err)
			}
			got, err := dst.Annotations(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, a := range got {
				if a.Adjudicated() {
					n++
					if a.ID != "01Z" || a.Settles != "01A 01B" || a.Value != "neutral" {
						t.Errorf("imported adjudicated code: %+v", a)
					}
				}
			}
			if n != 1 {
				t.Errorf("got %d adjudicated codes, want 1", n)
			}
		})
	}
}

func TestAdjudicatedCodeRules(t *testing.T) {
	s := newTestStore(t)
	art := addArticle(t, s, "Text.")
	t0 := time.Now()
	self := annotate.Annotation{ID: "X1", ArticleID: art, Annotator: "lead", Dimension: "stance", Value: "neutral",
		Settles: "X0 X1", CreatedAt: t0, UpdatedAt: t0}
	if err := s.SaveAnnotations(context.Background(), []annotate.Annotation{self}); err == nil {
		t.Errorf("a code that settles itself was stored")
	}
	carried := self
	carried.Settles = "X0"
	carried.Carry = &annotate.Carry{From: "X9", Status: annotate.CarryExact}
	if err := s.SaveAnnotations(context.Background(), []annotate.Annotation{carried}); err == nil {
		t.Errorf("a carried adjudicated code was stored")
	}
	bad := "annotation_id,article_id,annotator,dimension,updated_at,adjudicated,settles\n" +
		"Y1," + strconv.FormatInt(art, 10) + ",lead,stance,2024-06-01T12:00:00Z,1,\n"
	rep := importCSV(t, s, []byte(bad))
	if rep.Skipped != 1 || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "settles names no code") {
		t.Errorf("adjudicated without settles: %+v", rep)
	}
}
