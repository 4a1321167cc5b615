package annotate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestCodebookChanges(t *testing.T) {
	old, err := ParseCodebook([]byte(`name = "study"
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
  key = "unclear"
  label = "Unclear"
  [[dimension.value]]
  key = "hostile"
  label = "Hostile"

[[dimension]]
key = "topic"
label = "Topic"
choice = "text"
`))
	if err != nil {
		t.Fatal(err)
	}
	cb, err := ParseCodebook([]byte(`name = "study"
version = 2

[[dimension]]
key = "tone"
label = "Tone of the article"
level = "ordinal"
description = "How the article speaks of its subject."
  [[dimension.value]]
  key = "negative"
  label = "Negative"
  replaces = ["hostile"]
  [[dimension.value]]
  key = "positive"
  label = "Favourable"
  [[dimension.value]]
  key = "na"
  label = "Not applicable"
  missing = true

[[dimension]]
key = "genre"
label = "Genre"
  [[dimension.value]]
  key = "news"
  label = "News"
`))
	if err != nil {
		t.Fatal(err)
	}
	got := cb.Changes(old)
	want := []string{
		"removed the dimension Topic (`topic`)",
		`renamed the dimension ` + "`tone`" + ` from "Tone" to "Tone of the article"`,
		"Tone of the article (`tone`): level of measurement now ordinal (was nominal)",
		"Tone of the article (`tone`): definition reworded",
		"Tone of the article (`tone`): removed the value Unclear (`unclear`)",
		"Tone of the article (`tone`): the value Hostile (`hostile`) is now coded as Negative (`negative`)",
		"Tone of the article (`tone`): relabelled the value `positive` from \"Positive\" to \"Favourable\"",
		"Tone of the article (`tone`): added the value Not applicable (`na`)",
		"added the dimension Genre (`genre`)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%q\nwant\n%q", got, want)
	}
	if c := cb.Changes(cb); len(c) != 0 {
		t.Errorf("a codebook compared with itself: %q", c)
	}
}

func TestReplacesIsChecked(t *testing.T) {
	base := `name = "s"
version = 2
[[dimension]]
key = "tone"
label = "Tone"
  [[dimension.value]]
  key = "negative"
  label = "Negative"
  replaces = [%s]
  [[dimension.value]]
  key = "positive"
  label = "Positive"
  replaces = [%s]
`
	for _, tt := range []struct {
		a, b, err string
	}{
		{`"hostile"`, `"warm"`, ""},
		{`"positive"`, ``, "still a value of tone"},
		{`"hostile"`, `"hostile"`, "replaced by two values"},
	} {
		_, err := ParseCodebook([]byte(fmt.Sprintf(base, tt.a, tt.b)))
		if (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("replaces %s / %s: %v, want %q", tt.a, tt.b, err, tt.err)
		}
	}
}
