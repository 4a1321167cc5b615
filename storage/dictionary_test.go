package storage

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
)

// scaleCodebook has an ordinal dimension with a missing value, an interval
// one with numeric keys, a multiple choice and a text dimension.
var scaleCodebook = []byte(`name = "scales"
version = 4

[[dimension]]
key = "tone"
label = "Tone"
level = "ordinal"
  [[dimension.value]]
  key = "hostile"
  label = "Hostile"
  [[dimension.value]]
  key = "cool"
  label = "Cool"
  [[dimension.value]]
  key = "warm"
  label = "Warm, 'friendly'"
  [[dimension.value]]
  key = "na"
  label = "Not applicable"
  missing = true

[[dimension]]
key = "threat"
label = "Threat"
level = "interval"
  [[dimension.value]]
  key = "1"
  label = "none"
  [[dimension.value]]
  key = "2"
  label = "some"

[[dimension]]
key = "actors"
label = "Actors"
choice = "multiple"
  [[dimension.value]]
  key = "army"
  label = "Army"

[[dimension]]
key = "memo"
label = "Memo"
choice = "text"
`)

func names(vars []Variable) string {
	var out []string
	for _, v := range vars {
		out = append(out, v.Name)
	}
	return strings.Join(out, ",")
}

// TestDictionaryColumnsAreTheExportsColumns: the dictionary of each form
// names exactly the columns its export writes, in order.
func TestDictionaryColumnsAreTheExportsColumns(t *testing.T) {
	s, cb, _ := datasetFixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		vars []Variable
		form Form
		text bool
	}{
		{"long", LongVariables(cb), FormLong, false},
		{"wide", WideVariables(cb), FormWide, false},
		{"articles", ArticleVariables(false), FormArticles, false},
		{"articles with text", ArticleVariables(true), FormArticles, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			var err error
			if tt.form == FormArticles {
				err = s.ExportArticles(ctx, &buf, ExportFilter{}, tt.text)
			} else {
				err = s.ExportCSV(ctx, &buf, tt.form, cb)
			}
			if err != nil {
				t.Fatal(err)
			}
			header := strings.SplitN(buf.String(), "\n", 2)[0]
			if got := names(tt.vars); got != header {
				t.Errorf("dictionary variables\n%s\nexport header\n%s", got, header)
			}
			for _, v := range tt.vars {
				if v.Label == "" || v.Type == "" {
					t.Errorf("variable %s has no label or type: %+v", v.Name, v)
				}
			}
		})
	}
}

func TestDictionaryCSVSPSSAndR(t *testing.T) {
	cb, err := annotate.ParseCodebook(scaleCodebook)
	if err != nil {
		t.Fatal(err)
	}
	vars := WideVariables(cb)

	var buf bytes.Buffer
	if err := WriteDictionaryCSV(&buf, vars); err != nil {
		t.Fatal(err)
	}
	rows := parseBoth(t, buf.Bytes())
	var tone []string
	for _, r := range rows {
		if r["variable"] == "tone" && r["value"] != "" {
			tone = append(tone, r["value"]+"="+r["value_label"]+"/"+r["missing"])
		}
		if r["variable"] == "tone" && r["value"] == "" && (r["measure"] != "ordinal" || r["type"] != "code" || r["label"] != "Tone") {
			t.Errorf("tone's variable row: %v", r)
		}
	}
	if got := strings.Join(tone, " "); got != "hostile=Hostile/0 cool=Cool/0 warm=Warm, 'friendly'/0 na=Not applicable/1" {
		t.Errorf("tone's values in the dictionary: %s", got)
	}

	buf.Reset()
	if err := WriteSPSS(&buf, cb, vars, "data/wide it's.csv"); err != nil {
		t.Fatal(err)
	}
	sps := buf.String()
	for _, want := range []string{
		"/FILE='data/wide it''s.csv'",
		"    tone A64\n", "    threat F10.2\n", "    actors_army F1.0\n", "    memo A4000\n", "    exclusion_reason A1000",
		"RECODE tone ('hostile'=1) ('cool'=2) ('warm'=3) ('na'=4) (ELSE=SYSMIS) INTO tone_n.",
		"VALUE LABELS tone_n 1 'Hostile' 2 'Cool' 3 'Warm, ''friendly''' 4 'Not applicable'.",
		"MISSING VALUES tone_n (4).",
		"VARIABLE LEVEL tone_n (ORDINAL).",
		"VALUE LABELS threat 1 'none' 2 'some'.",
		"VARIABLE LEVEL threat (SCALE).",
		"VALUE LABELS actors_army 0 'absent' 1 'present'.",
		"VALUE LABELS excluded 0 'no' 1 'yes'.",
		"VARIABLE LABELS\n  article_id 'Article id'\n /",
		"EXECUTE.",
	} {
		if !strings.Contains(sps, want) {
			t.Errorf("SPSS syntax lacks %q:\n%s", want, sps)
		}
	}
	if strings.Contains(sps, "RECODE threat") || strings.Contains(sps, "RECODE memo") {
		t.Errorf("a numeric or text column is recoded:\n%s", sps)
	}

	buf.Reset()
	if err := WriteR(&buf, cb, vars, `C:\data\"wide".csv`); err != nil {
		t.Fatal(err)
	}
	r := buf.String()
	for _, want := range []string{
		`path <- "C:\\data\\\"wide\".csv"`,
		`d <- read.csv(path, encoding = "UTF-8", colClasses = "character",`,
		// ordinal: codebook order, the missing value left off the scale
		"d[[\"tone\"]] <- factor(d[[\"tone\"]],\n  levels = c(\"hostile\", \"cool\", \"warm\"),\n  labels = c(\"Hostile\", \"Cool\", \"Warm, 'friendly'\"),\n  ordered = TRUE)",
		`d[["threat"]] <- as.numeric(d[["threat"]])`,
		`d[["actors_army"]] <- as.integer(d[["actors_army"]])`,
		`d[["excluded"]] <- as.integer(d[["excluded"]])`,
		`attr(d[["memo"]], "label") <- "Memo"`,
	} {
		if !strings.Contains(r, want) {
			t.Errorf("R script lacks %q:\n%s", want, r)
		}
	}
}

// TestWideNumbersStayNumbers: a negative value key of an interval
// dimension is a number the codebook defines, not a formula: the wide
// form writes it without the leading quote, so R and SPSS read -1.
func TestWideNumbersStayNumbers(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	src := []byte(`name = "n"
version = 1
[[dimension]]
key = "threat"
label = "Threat"
level = "interval"
  [[dimension.value]]
  key = "-1"
  label = "reassuring"
  [[dimension.value]]
  key = "1"
  label = "alarming"
[[dimension]]
key = "memo"
label = "Memo"
choice = "text"
`)
	cb, err := annotate.ParseCodebook(src)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.AddArticles(ctx, []annotate.Article{{Title: "T", Text: "A calm report on the dam."}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{
		{ID: annotate.NewID(), ArticleID: res[0].ID, Annotator: "ana", Codebook: "n", CodebookVersion: 1, Dimension: "threat", Value: "-1", CreatedAt: at, UpdatedAt: at},
		{ID: annotate.NewID(), ArticleID: res[0].ID, Annotator: "ana", Codebook: "n", CodebookVersion: 1, Dimension: "memo", Note: "-1 is what she said", CreatedAt: at, UpdatedAt: at},
	}); err != nil {
		t.Fatal(err)
	}
	rows := parseBoth(t, exportCSV(t, s, FormWide, cb))
	if len(rows) != 1 || rows[0]["threat"] != "-1" || rows[0]["memo"] != "'-1 is what she said" {
		t.Errorf("wide row: %v", rows)
	}
}

// TestRScriptReadsScales runs the R script (when Rscript is installed) on
// a wide export with an ordinal dimension, a missing value, numbers, 0/1
// columns and a note over two lines with quotes and a comma.
func TestRScriptReadsScales(t *testing.T) {
	rscript, err := exec.LookPath("Rscript")
	if err != nil {
		t.Skip("Rscript is not installed")
	}
	s := newTestStore(t)
	ctx := context.Background()
	cb, err := annotate.ParseCodebook(scaleCodebook)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.AddArticles(ctx, []annotate.Article{{Title: "T", Text: "A calm report on the dam."}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	mk := func(who, dim, value, note string) annotate.Annotation {
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: res[0].ID, Annotator: who, Codebook: cb.Name,
			CodebookVersion: cb.Version, Dimension: dim, Value: value, Note: note, CreatedAt: at, UpdatedAt: at}
	}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{
		mk("ana", "tone", "warm", ""), mk("ana", "threat", "2", ""), mk("ana", "actors", "army", ""),
		mk("ana", "memo", "", "line one, \"quoted\"\nline two"),
		mk("bo", "tone", "na", ""), mk("bo", "threat", "1", ""),
	}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var data, script bytes.Buffer
	if err := s.ExportCSV(ctx, &data, FormWide, cb); err != nil {
		t.Fatal(err)
	}
	if err := WriteR(&script, cb, WideVariables(cb), "wide.csv"); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"wide.csv": data.Bytes(), "wide.R": script.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(rscript, "-e", `source("wide.R")
cat(levels(d$tone), sep = "|"); cat("\n")
cat(is.ordered(d$tone), as.character(d$tone), "\n")
cat(d$threat, d$actors_army, class(d$threat), "\n")
cat(d$memo[1], "\n")`)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("Rscript: %v\n%s", err, out)
	}
	want := "Hostile|Cool|Warm, 'friendly'\nTRUE Warm, 'friendly' NA \n2 1 1 NA numeric \nline one, \"quoted\"\nline two \n"
	if string(out) != want {
		t.Errorf("R says\n%s\nwant\n%s", out, want)
	}
}
