package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAssignHandOutAndProgress(t *testing.T) {
	dir := writeFiles(t, twelveArticles())
	tmp := t.TempDir()
	lead, ana := filepath.Join(tmp, "lead.db"), filepath.Join(tmp, "ana.db")
	for _, db := range []string{lead, ana} {
		if code, _, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
			t.Fatalf("import: %d %s", code, errs)
		}
	}
	file := filepath.Join(tmp, "assignments.csv")
	code, out, errs := runCLI(t, "assign", "--db", lead, "--coders", "ana,bea", "--overlap", "25%", "--seed", "3", "--out", file)
	if code != ExitOK || !strings.Contains(out, "Assigned 12 stories to 2 coders (seed 3); 3 are coded by everyone.") ||
		!strings.Contains(out, "ana: 8") || !strings.Contains(out, "bea: 7") {
		t.Fatalf("assign: exit %d\n%s%s", code, out, errs)
	}
	again := filepath.Join(tmp, "again.csv")
	other := filepath.Join(tmp, "other.db")
	runCLI(t, "import", "--db", other, dir)
	runCLI(t, "assign", "--db", other, "--coders", "bea,ana", "--overlap", "3", "--seed", "3", "--out", again)
	a, _ := os.ReadFile(file)
	b, _ := os.ReadFile(again)
	if string(a) != string(b) {
		t.Errorf("the same seed on another machine drew differently:\n%s\n%s", a, b)
	}

	code, out, _ = runCLI(t, "assign", "--db", ana, "--from", file)
	if code != ExitOK || !strings.Contains(out, "Took in 15 assignments") {
		t.Errorf("assign --from: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "assigned", "--db", ana, "--coder", "ana")
	if code != ExitOK || !strings.HasPrefix(out, "ana: 0 of 8 coded (overlap sample: 0 of 3); next: ") {
		t.Errorf("assigned: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "assigned", "--db", ana, "--json")
	var got []assignedJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &got) != nil || len(got) != 2 || got[1].Coder != "bea" || got[1].Total != 7 || got[1].Next == nil {
		t.Errorf("assigned --json: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "assigned", "--db", ana, "--coder", "zed")
	if code != ExitOK || !strings.Contains(out, `Nothing is assigned to "zed"`) {
		t.Errorf("nobody's assignments: exit %d\n%s", code, out)
	}

	for _, args := range [][]string{
		{"assign", "--db", lead},
		{"assign", "--db", lead, "--coders", "ana", "--overlap", "lots"},
		{"assign", "--db", lead, "--coders", "ana", "--from", file},
	} {
		if code, _, _ := runCLI(t, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if code, _, errs := runCLI(t, "assign", "--db", lead, "--coders", "ana,bea"); code != ExitFail || !strings.Contains(errs, "--replace") {
		t.Errorf("drawing twice: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "assign", "--db", lead, "--coders", "ana", "--overlap", "13", "--replace"); code != ExitFail || !strings.Contains(errs, "more than the 12 articles") {
		t.Errorf("overlap beyond the articles: exit %d %s", code, errs)
	}
}
