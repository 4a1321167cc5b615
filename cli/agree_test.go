package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

// reliabilityCodebook codes the same judgement four ways, once per level
// of measurement, so one run checks all four alphas.
var reliabilityCodebook = `name = "reliability example"
version = 1
` + scaleDim("nominal", "nominal", false) + scaleDim("ordinal", "ordinal", false) +
	scaleDim("interval", "interval", true) + scaleDim("ratio", "ratio", true)

var words = []string{"one", "two", "three", "four", "five"}

func scaleDim(key, level string, numeric bool) string {
	s := fmt.Sprintf("[[dimension]]\nkey = %q\nlabel = %q\nlevel = %q\n", key, key, level)
	for i, w := range words {
		k := w
		if numeric {
			k = fmt.Sprint(i + 1)
		}
		s += fmt.Sprintf("  [[dimension.value]]\n  key = %q\n  label = %q\n", k, w)
	}
	return s
}

// example2011 is Krippendorff's (2011) "Computing Krippendorff's
// alpha-reliability" example C: 4 coders × 12 units, 0 a missing value.
var example2011 = [4][12]int{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
	{0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0},
}

// twelveArticles are the units: twelve short texts unlike one another, so
// no two are versions of one story.
func twelveArticles() map[string]string {
	topics := []string{"harbour cranes", "wheat prices", "a river ferry", "school meals", "night trains",
		"a copper mine", "vaccine fridges", "a border bridge", "fishing quotas", "tram fares",
		"a flooded valley", "library hours"}
	files := map[string]string{}
	for i, topic := range topics {
		files[fmt.Sprintf("u%02d.txt", i+1)] = fmt.Sprintf("Title: Unit %02d\n\nA report about %s, number %d, written for the reliability test.", i+1, topic, i+1)
	}
	return files
}

// codeCoder opens db, installs the example codebook and stores coder c's
// values of the example as that coder's own codes.
func codeCoder(t *testing.T, db string, c int) {
	t.Helper()
	ctx := context.Background()
	ws, err := workspace.Open(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	cb, err := ws.InstallCodebook(ctx, []byte(reliabilityCodebook))
	if err != nil {
		t.Fatal(err)
	}
	items, err := ws.Store.Articles(ctx, storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]int64{}
	for _, it := range items {
		byTitle[it.Title] = it.ID
	}
	coder := fmt.Sprintf("coder%c", 'A'+c)
	t0 := time.Date(2025, 2, 3, 9, 0, 0, 0, time.UTC)
	var anns []annotate.Annotation
	for u, v := range example2011[c] {
		if v == 0 {
			continue
		}
		art := byTitle[fmt.Sprintf("Unit %02d", u+1)]
		if art == 0 {
			t.Fatalf("unit %d not imported", u+1)
		}
		for _, dim := range []string{"nominal", "ordinal", "interval", "ratio"} {
			value := words[v-1]
			if dim == "interval" || dim == "ratio" {
				value = fmt.Sprint(v)
			}
			a := annotate.Annotation{ID: annotate.NewID(), ArticleID: art, Annotator: coder, Codebook: cb.Name,
				CodebookVersion: cb.Version, Dimension: dim, Value: value, CreatedAt: t0, UpdatedAt: t0}
			if err := a.Validate(cb); err != nil {
				t.Fatal(err)
			}
			anns = append(anns, a)
		}
	}
	if err := ws.Store.SaveAnnotations(ctx, anns); err != nil {
		t.Fatal(err)
	}
}

// TestAgreeAfterMergingThreeCoders: coder A codes in the lead's database;
// coders B, C and D code on their own machines and send exports (JSON
// Lines and long CSV); after `redline merge`, `redline agree` finds the
// alphas Krippendorff (2011) gives for the example.
func TestAgreeAfterMergingThreeCoders(t *testing.T) {
	dir := writeFiles(t, twelveArticles())
	tmp := t.TempDir()
	lead := filepath.Join(tmp, "lead.db")
	var exports []string
	for c := 0; c < 4; c++ {
		db := lead
		if c > 0 {
			db = filepath.Join(tmp, fmt.Sprintf("coder%c.db", 'A'+c))
		}
		if code, _, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
			t.Fatalf("import: %d %s", code, errs)
		}
		codeCoder(t, db, c)
		if c == 0 {
			continue
		}
		format, ext := "csv", ".csv"
		if c == 1 {
			format, ext = "jsonl", ".jsonl"
		}
		out := filepath.Join(tmp, fmt.Sprintf("coder%c%s", 'A'+c, ext))
		if code, _, errs := runCLI(t, "export", "--db", db, "--format", format, "--out", out); code != ExitOK {
			t.Fatalf("export: %d %s", code, errs)
		}
		exports = append(exports, out)
	}
	code, out, errs := runCLI(t, append([]string{"merge", "--db", lead}, exports...)...)
	if code != ExitOK {
		t.Fatalf("merge: exit %d\n%s%s", code, out, errs)
	}

	code, out, errs = runCLI(t, "agree", "--db", lead, "--json")
	if code != ExitOK {
		t.Fatalf("agree --json: exit %d: %s", code, errs)
	}
	var got agreeJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	// The keys are a contract: check them by name, not through our struct.
	var raw map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"dimension", "target", "level", "alpha", "ci_low", "ci_high", "units", "coders", "pairable", "percent_agreement"} {
		if _, ok := raw["variables"][0][k]; !ok {
			t.Errorf("variables[0] lacks %q: %v", k, raw["variables"][0])
		}
	}
	want := map[string]float64{"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}
	if len(got.Variables) != 4 {
		t.Fatalf("got %d variables, want 4:\n%s", len(got.Variables), out)
	}
	for _, v := range got.Variables {
		if v.Alpha == nil {
			t.Errorf("%s: alpha null (%s)", v.Dimension, v.Reason)
			continue
		}
		if r := math.Round(*v.Alpha*1000) / 1000; r != want[v.Dimension] || v.Level != v.Dimension {
			t.Errorf("%s (%s): alpha %.4f, want %.3f", v.Dimension, v.Level, *v.Alpha, want[v.Dimension])
		}
		if v.Units != 11 || v.Coders != 4 || v.Pairable != 40 || v.CILow == nil || *v.CILow > *v.Alpha || *v.CIHigh < *v.Alpha-0.1 {
			t.Errorf("%s: %+v", v.Dimension, v)
		}
	}
	if len(got.Pairs) != 4*6 {
		t.Errorf("got %d pairs, want 24 (6 coder pairs on 4 variables)", len(got.Pairs))
	}

	code, out, _ = runCLI(t, "agree", "--db", lead, "--dimension", "interval", "--coders", "coderA,coderB")
	if code != ExitOK || !strings.Contains(out, "interval") || strings.Contains(out, "nominal") ||
		!strings.Contains(out, "coderA + coderB") || !strings.Contains(out, "Reading:") {
		t.Errorf("agree table for one dimension and two coders: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "agree", "--db", lead)
	for _, w := range []string{"0.743", "0.815", "0.849", "0.797", "tentative", "reliable"} {
		if !strings.Contains(out, w) {
			t.Errorf("agree table lacks %q:\n%s", w, out)
		}
	}
	if code, _, errs := runCLI(t, "agree", "--db", lead, "--dimension", "tone"); code != ExitFail || !strings.Contains(errs, "use one of: nominal") {
		t.Errorf("unknown dimension: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "agree", "--db", lead, "--gold", "--coders", "coderB"); code != ExitOK || !strings.Contains(errs, "no adjudicated codes") {
		t.Errorf("--gold before any adjudication: exit %d, stderr %q", code, errs)
	}

	// The lead lists the differences and settles unit 2 (2, 2, 3, 2).
	code, out, _ = runCLI(t, "agree", "--db", lead, "--dimension", "nominal", "--differences")
	if code != ExitOK || !strings.Contains(out, "nominal: coders differ on 3 units") || !strings.Contains(out, "redline adjudicate") {
		t.Errorf("agree --differences: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "agree", "--db", lead, "--dimension", "nominal", "--differences", "--json")
	var withDiffs agreeJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &withDiffs) != nil || len(withDiffs.Differences) != 3 {
		t.Fatalf("agree --differences --json: exit %d\n%s", code, out)
	}
	unit2 := withDiffs.Differences[0]
	var ids []string
	for _, c := range unit2.Codes {
		ids = append(ids, c.AnnotationID)
	}
	if len(ids) != 4 || unit2.Codes[2].Value != "three" {
		t.Fatalf("first difference is not unit 2: %+v", unit2)
	}
	code, out, errs = runCLI(t, "adjudicate", "--db", lead, "--as", "lea", "--settles", strings.Join(ids, ","), "--note", "the lede says so", "two")
	if code != ExitOK || !strings.Contains(out, "Settled nominal on article") {
		t.Fatalf("adjudicate: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "adjudicate", "--db", lead, "--as", "lea", "--settles", ids[0], "seven"); code != ExitFail || !strings.Contains(errs, "seven") {
		t.Errorf("adjudicate with a value off the codebook: exit %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "adjudicate", "--db", lead, "--settles", ids[0], "two"); code != ExitUsage {
		t.Errorf("adjudicate without --as: exit %d", code)
	}
	// the adjudicated code leaves the coders' alpha alone ...
	code, out, _ = runCLI(t, "agree", "--db", lead, "--dimension", "nominal", "--json")
	var after agreeJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &after) != nil || math.Round(*after.Variables[0].Alpha*1000)/1000 != 0.743 {
		t.Errorf("alpha after adjudication: exit %d\n%s", code, out)
	}
	// ... and goes into the adjudicated dataset ...
	finalCSV := filepath.Join(tmp, "final.csv")
	if code, _, errs := runCLI(t, "final", "--db", lead, "--out", finalCSV); code != ExitOK {
		t.Fatalf("final: exit %d %s", code, errs)
	}
	data, err := os.ReadFile(finalCSV)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byUnit := map[string][]string{}
	for _, rec := range recs[1:] {
		if rec[3] == "nominal" {
			byUnit[rec[1]] = rec
		}
	}
	for unit, want := range map[string]string{
		"Unit 02": "two adjudicated 1 4",
		"Unit 01": "one agreed 0 3",
		"Unit 06": " unsettled 0 4",
		"Unit 12": "three single 0 1",
	} {
		rec := byUnit[unit]
		if rec == nil {
			t.Errorf("final dataset lacks %s:\n%s", unit, data)
			continue
		}
		if got := strings.Join([]string{rec[7], rec[8], rec[9], rec[11]}, " "); got != want {
			t.Errorf("%s: got %q, want %q", unit, got, want)
		}
	}
	if got := byUnit["Unit 02"][10]; got != strings.Join(ids, " ") {
		t.Errorf("Unit 02 settles %q, want %q", got, strings.Join(ids, " "))
	}

	// ... and is the gold set coderC is scored against: one unit, differing.
	code, out, _ = runCLI(t, "agree", "--db", lead, "--dimension", "nominal", "--gold", "--coders", "coderC", "--differences", "--json")
	var gold agreeJSON
	if code != ExitOK || json.Unmarshal([]byte(out), &gold) != nil || gold.Variables[0].Units != 1 || len(gold.Differences) != 1 ||
		gold.Differences[0].Codes[0].Coder != "(adjudicated)" || gold.Differences[0].Codes[0].Note != "the lede says so" {
		t.Errorf("coderC against the gold set: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "agree", "--db", lead, "extra"); code != ExitUsage {
		t.Errorf("a stray argument: exit %d, want %d", code, ExitUsage)
	}
}

func TestAgreeWithNoCodes(t *testing.T) {
	db := testDB(t, "empty.db")
	code, out, _ := runCLI(t, "agree", "--db", db)
	if code != ExitOK || !strings.Contains(out, "redline merge") {
		t.Errorf("no codes: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "agree", "--db", db, "--json")
	var got map[string][]any
	if code != ExitOK || json.Unmarshal([]byte(out), &got) != nil || got["variables"] == nil || len(got["pairs"]) != 0 {
		t.Errorf("no codes, JSON: exit %d\n%s", code, out)
	}
}
