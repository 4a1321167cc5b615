package annotate_test

import (
	"testing"

	"redline/annotate"
)

func TestResolveSource(t *testing.T) {
	known := []annotate.Source{
		{Name: "Yuri Ushakov"},
		{Name: "Anika Varelo", Aliases: []string{"the deputy foreign minister"}},
		{Name: "Pavel Drozhin"},
		{Name: "Ilona Brask"},
		{Name: "Marta Brask"},
	}
	tests := []struct {
		typed, want string
		known       bool
	}{
		{"Ushakov", "Yuri Ushakov", true},
		{"yuri  USHAKOV", "Yuri Ushakov", true},
		{"Mr Yuri Ushakov", "Yuri Ushakov", true},
		{"the deputy foreign minister", "Anika Varelo", true},
		{"Brask", "Brask", false}, // two people named Brask: ask, do not guess
		{"Hanne Mollberg", "Hanne Mollberg", false},
		{"  ", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got, ok := annotate.ResolveSource(tt.typed, known)
			if got != tt.want || ok != tt.known {
				t.Errorf("ResolveSource(%q) = %q, %v; want %q, %v", tt.typed, got, ok, tt.want, tt.known)
			}
		})
	}
	if got := annotate.CompleteSource("us", known, 5); len(got) != 1 || got[0] != "Yuri Ushakov" {
		t.Errorf("completing \"us\": %v", got)
	}
	if got := annotate.CompleteSource("bra", known, 5); len(got) != 2 {
		t.Errorf("completing \"bra\": %v", got)
	}
}

func TestSpanStateCodesOneSpan(t *testing.T) {
	cb := defaultCodebook(t)
	text := "The minister said the talks would resume on Monday."
	sp, _ := annotate.NewSpan(text, 4, 12)
	other, _ := annotate.NewSpan(text, 18, 27)
	b := annotate.Base{ArticleID: 3, Annotator: "ana", Codebook: cb}
	st := annotate.NewSpanState(cb, nil, *sp)
	src, err := st.Set(b, "source", "", "government")
	if err != nil || len(src) != 1 || src[0].Span == nil || src[0].Span.Quote != "minister" {
		t.Fatalf("source code: %+v %v", src, err)
	}
	named, err := st.SetSource(b, "Anika Varelo", "other")
	if err != nil || len(named) != 1 || named[0].Source != "Anika Varelo" {
		t.Fatalf("naming: %+v %v", named, err)
	}
	att, _ := st.Set(b, "attribution", "", "direct")
	if att[0].Source != "Anika Varelo" {
		t.Errorf("a new code on a named span lacks the name: %+v", att[0])
	}
	if _, err := st.Set(b, "primary_frame", "", "economic"); err == nil {
		t.Errorf("a document-only dimension was coded on a span")
	}
	// the other span's state does not see these codes
	all := append(append(src, named...), att...)
	if o := annotate.NewSpanState(cb, all, *other); !o.Empty() {
		t.Errorf("codes leaked to another span")
	}
	if d := annotate.NewDocState(cb, all); !d.Empty() {
		t.Errorf("span codes leaked to document codes")
	}
	again := annotate.NewSpanState(cb, all, *sp)
	gone := again.Remove(b)
	if len(gone) != 2 || !gone[0].Deleted || !again.Empty() {
		t.Errorf("removing the span: %+v", gone)
	}
}
