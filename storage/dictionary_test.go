package storage

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
		"    tone A64\n", "    threat F10.2\n", "    actors_army F1.0\n", "    memo A4000\n", "    exclusion_reason A1000.\n",
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
