package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSuggestJSONGivesFormConfidenceAndFragments(t *testing.T) {
	db := testDB(t, "r.db")
	text := "Title: Call\n\nU.S. President Donald Trump said on Wednesday he had a \"pretty long call\" with Vladimir Putin that \"didn't make any progress\".\n\n“We will keep talking,” said Yuri Ushakov, a Kremlin aide."
	dir := writeFiles(t, map[string]string{"a.txt": text})
	if code, _, _ := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatal("import failed")
	}
	code, out, _ := runCLI(t, "suggest", "--db", db, "--json", "1")
	if code != ExitOK {
		t.Fatalf("suggest exited %d", code)
	}
	type span struct {
		Start int    `json:"start_rune"`
		End   int    `json:"end_rune"`
		Text  string `json:"text"`
	}
	var rows []struct {
		Quote      span    `json:"quote"`
		Speaker    string  `json:"speaker"`
		Kind       string  `json:"attribution"`
		Form       string  `json:"form"`
		Fragments  []span  `json:"fragments"`
		Confidence float64 `json:"confidence"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d suggestions, want 2:\n%s", len(rows), out)
	}
	m := rows[0]
	if m.Form != "mixed" || m.Kind != "indirect" || m.Speaker != "Donald Trump" || m.Confidence <= 0 || m.Confidence > 1 {
		t.Errorf("mixed quote: %+v", m)
	}
	if len(m.Fragments) != 2 || m.Fragments[0].Text != "pretty long call" || m.Fragments[1].Text != "didn't make any progress" {
		t.Fatalf("fragments %+v", m.Fragments)
	}
	for _, f := range append(m.Fragments, m.Quote) {
		if f.Start < m.Quote.Start || f.End > m.Quote.End || f.End-f.Start != len([]rune(f.Text)) {
			t.Errorf("span %+v does not lie in the quote %+v or does not count runes", f, m.Quote)
		}
	}
	if d := rows[1]; d.Form != "direct" || d.Speaker != "Yuri Ushakov" || d.Fragments != nil {
		t.Errorf("direct quote: %+v", d)
	}
	code, out, _ = runCLI(t, "suggest", "--db", db, "1")
	if code != ExitOK || strings.Count(out, "\n") != 3 || !strings.Contains(out, "Donald Trump") || !strings.Contains(out, "2 suggested quotes") {
		t.Errorf("text output, exit %d:\n%s", code, out)
	}
}
