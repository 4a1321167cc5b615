package annotate_test

import (
	"errors"
	"strings"
	"testing"

	"redline/annotate"
	"redline/assets"
)

func TestDefaultCodebookParses(t *testing.T) {
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cb.Dimension("frames").Values); got != 15 {
		t.Errorf("frames: got %d values, want 15", got)
	}
	if got := len(cb.Dimension("primary_frame").Values); got != 15 {
		t.Errorf("primary_frame shares frames: got %d values, want 15", got)
	}
	if got := cb.Dimension("stance").Targets; len(got) != 3 {
		t.Errorf("stance targets: got %v", got)
	}
	if v := cb.Dimension("stance").ValueByShortcut("3"); v == nil || v.Key != "unfavourable" {
		t.Errorf("shortcut 3: got %v, want unfavourable", v)
	}
}

func TestParseCodebookErrors(t *testing.T) {
	base := `name = "t"
version = 1
[[dimension]]
key = "stance"
label = "Stance"
choice = "single"
  [[dimension.value]]
  key = "pro"
  label = "Pro"
  shortcut = "1"
`
	tests := []struct {
		name, text string
		line       int
		field      string
	}{
		{"syntax", "name = \"t\"\nversion = = 1\n", 2, ""},
		{"unknown field", base + "  colour = \"#ffffff\"\n", 0, "dimension.value.colour"},
		{"bad choice", strings.Replace(base, `choice = "single"`, `choice = "one"`, 1), 0, "dimension[0].choice"},
		{"duplicate key", base + "  [[dimension.value]]\n  key = \"pro\"\n  label = \"Again\"\n", 0, "dimension[0].value[1].key"},
		{"bad colour", base + "  color = \"red\"\n", 0, "dimension[0].value[0].color"},
		{"no version", strings.Replace(base, "version = 1", "version = 0", 1), 0, "version"},
		{"json type", `{"name": "t", "version": "one"}`, 1, "version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := annotate.ParseCodebook([]byte(tt.text))
			var ce *annotate.CodebookError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a CodebookError", err)
			}
			if !errors.Is(err, annotate.ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
			if ce.Line != tt.line || ce.Field != tt.field {
				t.Errorf("got line %d field %q (%v), want line %d field %q", ce.Line, ce.Field, err, tt.line, tt.field)
			}
		})
	}
}

func TestCodebookRoundTripTOML(t *testing.T) {
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		t.Fatal(err)
	}
	data, err := cb.MarshalTOML()
	if err != nil {
		t.Fatal(err)
	}
	again, err := annotate.ParseCodebook(data)
	if err != nil {
		t.Fatalf("re-reading written codebook: %v\n%s", err, data)
	}
	if len(again.Dimensions) != len(cb.Dimensions) || again.Dimension("primary_frame").Values[14].Key != "other" {
		t.Errorf("round trip lost dimensions or shared values")
	}
}

func TestManualAndGuideGiveTheDefinitions(t *testing.T) {
	cb, err := annotate.ParseCodebook([]byte(`name = "t"
version = 3
[[dimension]]
key = "stance"
label = "Stance"
description = "The article's overall evaluation."
levels = ["document"]
choice = "single"
targets = ["Russia"]
  [[dimension.value]]
  key = "favourable"
  label = "Favourable"
  description = "Presents the target positively."
  shortcut = "1"
  [[dimension.value]]
  key = "neutral"
  label = "Neutral"
  shortcut = "2"
`))
	if err != nil {
		t.Fatal(err)
	}
	m := cb.Manual()
	for _, want := range []string{"# t — version 3", "## Stance (`stance`)", "for each target: Russia", "**Favourable** (`favourable`) — key **1**: Presents the target positively."} {
		if !strings.Contains(m, want) {
			t.Errorf("manual lacks %q:\n%s", want, m)
		}
	}
	g := cb.Dimension("stance").Guide("neutral")
	if !strings.Contains(g, "  1  Favourable — Presents the target positively.") || !strings.Contains(g, "▸ 2  Neutral") {
		t.Errorf("guide:\n%s", g)
	}
}

func TestCodebookMeasure(t *testing.T) {
	head := "name = \"t\"\nversion = 1\n[[dimension]]\nkey = \"d\"\nlabel = \"D\"\n"
	val := func(key string, missing bool) string {
		s := "  [[dimension.value]]\n  key = \"" + key + "\"\n  label = \"" + key + "\"\n"
		if missing {
			s += "  missing = true\n"
		}
		return s
	}
	t.Run("old codebook is nominal", func(t *testing.T) {
		cb, err := annotate.ParseCodebook([]byte(head + val("pro", false)))
		if err != nil {
			t.Fatal(err)
		}
		if got := cb.Dimension("d").Level(); got != annotate.MeasureNominal {
			t.Errorf("got %q, want nominal", got)
		}
	})
	t.Run("ordinal ranks skip missing values", func(t *testing.T) {
		cb, err := annotate.ParseCodebook([]byte(head + "level = \"ordinal\"\n" +
			val("low", false) + val("na", true) + val("mid", false) + val("high", false)))
		if err != nil {
			t.Fatal(err)
		}
		d := cb.Dimension("d")
		for key, want := range map[string]int{"low": 0, "na": -1, "mid": 1, "high": 2, "nope": -1} {
			if got := d.Rank(key); got != want {
				t.Errorf("rank of %s: got %d, want %d", key, got, want)
			}
		}
		if !d.MissingValue("na") || d.MissingValue("low") {
			t.Errorf("missing flags wrong")
		}
	})
	t.Run("interval keys are numbers", func(t *testing.T) {
		cb, err := annotate.ParseCodebook([]byte(head + "level = \"interval\"\n" +
			val("-2", false) + val("0.5", false) + val("3", false) + val("n_a", true)))
		if err == nil {
			t.Fatalf("n_a accepted as a number: %+v", cb.Dimension("d"))
		}
		cb, err = annotate.ParseCodebook([]byte(head + "level = \"interval\"\n" +
			val("-2", false) + val("0.5", false) + val("3", false)))
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := cb.Dimension("d").Number("0.5"); !ok || n != 0.5 {
			t.Errorf("Number(0.5): got %v %v", n, ok)
		}
		if _, ok := cb.Dimension("d").Number("4"); ok {
			t.Errorf("Number of a key the dimension lacks succeeded")
		}
	})
	bad := []struct{ name, text, field string }{
		{"unknown level", head + "level = \"scale\"\n" + val("pro", false), "dimension[0].level"},
		{"non-numeric interval key", head + "level = \"interval\"\n" + val("1", false) + val("high", false), "dimension[0].value[1].key"},
		{"number written as exponent", head + "level = \"interval\"\n" + val("1e3", false), "dimension[0].value[0].key"},
		{"negative ratio", head + "level = \"ratio\"\n" + val("-1", false), "dimension[0].value[0].key"},
		{"ordinal multiple choice", head + "choice = \"multiple\"\nlevel = \"ordinal\"\n" + val("a", false), "dimension[0].level"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := annotate.ParseCodebook([]byte(tt.text))
			var ce *annotate.CodebookError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a CodebookError", err)
			}
			if ce.Field != tt.field {
				t.Errorf("got field %q (%v), want %q", ce.Field, err, tt.field)
			}
		})
	}
}

func TestDefaultCodebookMeasures(t *testing.T) {
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		t.Fatal(err)
	}
	st := cb.Dimension("stance")
	if st.Level() != annotate.MeasureNominal {
		t.Errorf("stance level: got %q, want nominal", st.Level())
	}
	if !st.MissingValue("not_applicable") || st.MissingValue("neutral") {
		t.Errorf("stance: not_applicable should be the only missing value")
	}
	data, err := cb.MarshalTOML()
	if err != nil {
		t.Fatal(err)
	}
	again, err := annotate.ParseCodebook(data)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Dimension("stance").MissingValue("not_applicable") {
		t.Errorf("missing flag lost in the TOML round trip:\n%s", data)
	}
}
