package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/storage"
	"redline/workspace"
)

// datasetDB imports three articles of two outlets on three days and codes
// the first two with the default codebook's stance (ana both, bo the
// first); the third stays uncoded. It returns the database and the ids
// in publication order.
func datasetDB(t *testing.T) (string, []int64) {
	t.Helper()
	dir := writeFiles(t, map[string]string{
		"a.txt": "Title: Harbour cranes idle\nOutlet: Caldera Courier\nDate: 2024-05-01T09:00:00Z\n\nCranes stood idle at the harbour on Monday.",
		"b.txt": "Title: Cereal ceiling\nOutlet: Bellmar Times\nDate: 2024-05-02T09:00:00Z\n\nThe regulator capped the price of wheat.",
		"c.txt": "Title: Ferry resumes\nOutlet: Caldera Courier\nDate: 2024-05-03T09:00:00Z\n\nThe river ferry runs again after the flood.",
	})
	db := testDB(t, "r.db")
	if code, _, errs := runCLI(t, "import", "--db", db, dir); code != ExitOK {
		t.Fatalf("import: %s", errs)
	}
	ctx := context.Background()
	ws, err := workspace.Open(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	items, err := ws.Store.Articles(ctx, storage.Query{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	if len(ids) != 3 || items[0].Title != "Harbour cranes idle" || items[0].PublishedAt.IsZero() {
		t.Fatalf("fixture articles: %+v", items)
	}
	cb := ws.Codebook
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
	stance := cb.Dimension("stance")
	if stance == nil || len(stance.Targets) == 0 {
		t.Fatalf("the default codebook has no stance with targets")
	}
	mk := func(art int64, who string) annotate.Annotation {
		return annotate.Annotation{ID: annotate.NewID(), ArticleID: art, Annotator: who, Codebook: cb.Name,
			CodebookVersion: cb.Version, Dimension: "stance", Target: stance.Targets[0],
			Value: stance.Values[0].Key, CreatedAt: at, UpdatedAt: at}
	}
	if err := ws.Store.SaveAnnotations(ctx, []annotate.Annotation{mk(ids[0], "ana"), mk(ids[0], "bo"), mk(ids[1], "ana")}); err != nil {
		t.Fatal(err)
	}
	return db, ids
}

func readCSV(t *testing.T, data string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, data)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func column(rows []map[string]string, name string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[name])
	}
	return out
}

func TestExcludeIncludeCommands(t *testing.T) {
	db, ids := datasetDB(t)
	first := fmt.Sprint(ids[0])

	for _, tt := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no reason", []string{"exclude", "--db", db, first}, ExitUsage, "--reason"},
		{"no id", []string{"exclude", "--db", db, "--reason", "x"}, ExitUsage, "article id"},
		{"bad id", []string{"exclude", "--db", db, "--reason", "x", "seven"}, ExitUsage, `"seven" is not an article id`},
		{"unknown id", []string{"exclude", "--db", db, "--reason", "x", first, "999"}, ExitFail, "article 999: not found; nothing was excluded"},
		{"include unknown", []string{"include", "--db", db, "999"}, ExitFail, "article 999"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.err)
			}
		})
	}

	code, out, errs := runCLI(t, "exclude", "--db", db, "--reason", "opinion piece, not news", first)
	if code != ExitOK || !strings.Contains(out, "Excluded 1 articles") {
		t.Fatalf("exclude: exit %d\n%s%s", code, out, errs)
	}

	_, out, _ = runCLI(t, "list", "--db", db, "--json")
	var rows []listRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Excluded != (r.ID == ids[0]) || (r.Excluded && r.ExclusionReason != "opinion piece, not news") {
			t.Errorf("list row %+v", r)
		}
	}
	if !strings.Contains(out, `"excluded": false`) {
		t.Errorf("list --json does not show excluded: false for included articles:\n%s", out)
	}

	_, out, _ = runCLI(t, "export", "--db", db)
	long := readCSV(t, out)
	if got := column(long, "excluded"); !slices.Equal(got, []string{"1", "1", "0"}) {
		t.Errorf("long excluded column = %v", got)
	}
	_, out, _ = runCLI(t, "export", "--db", db, "--exclude-excluded")
	if got := column(readCSV(t, out), "article_id"); !slices.Equal(got, []string{fmt.Sprint(ids[1])}) {
		t.Errorf("--exclude-excluded kept articles %v", got)
	}
	_, out, _ = runCLI(t, "export", "--db", db, "--form", "wide", "--exclude-excluded")
	if got := column(readCSV(t, out), "annotator"); !slices.Equal(got, []string{"ana"}) {
		t.Errorf("wide --exclude-excluded kept %v", got)
	}
	_, out, _ = runCLI(t, "export", "--db", db, "--format", "jsonl")
	if strings.Count(out, `"excluded":true`) != 2 {
		t.Errorf("jsonl does not flag the 2 codes of the excluded article:\n%s", out)
	}

	code, out, _ = runCLI(t, "include", "--db", db, first, fmt.Sprint(ids[1]))
	if code != ExitOK || !strings.Contains(out, "Included 1 articles again (1 were not excluded)") {
		t.Errorf("include: exit %d\n%s", code, out)
	}
	_, out, _ = runCLI(t, "export", "--db", db, "--exclude-excluded")
	if n := len(readCSV(t, out)); n != 3 {
		t.Errorf("after include, %d rows, want 3", n)
	}
}

func TestExportFilterFlags(t *testing.T) {
	db, ids := datasetDB(t)
	tests := []struct {
		name string
		args []string
		want []int64 // articles of the long rows
	}{
		{"from", []string{"--from", "2024-05-02"}, []int64{ids[1]}},
		{"to", []string{"--to", "2024-05-01"}, []int64{ids[0], ids[0]}},
		{"outlet", []string{"--outlet", "caldera courier"}, []int64{ids[0], ids[0]}},
		{"outlets", []string{"--outlet", "Caldera Courier", "--outlet", "Bellmar Times"}, []int64{ids[0], ids[0], ids[1]}},
		{"story", []string{"--story", fmt.Sprint(ids[1])}, []int64{ids[1]}},
		{"coder", []string{"--coder", "bo"}, []int64{ids[0]}},
		{"coders", []string{"--coder", "bo,ana"}, []int64{ids[0], ids[0], ids[1]}},
		{"combined", []string{"--coder", "ana", "--outlet", "Caldera Courier", "--from", "2024-05-01", "--to", "2024-05-01"}, []int64{ids[0]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, append([]string{"export", "--db", db}, tt.args...)...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got []int64
			for _, id := range column(readCSV(t, out), "article_id") {
				var n int64
				fmt.Sscan(id, &n)
				got = append(got, n)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("articles %v, want %v", got, tt.want)
			}
			// the same filter on JSON Lines writes as many lines
			_, out, _ = runCLI(t, append([]string{"export", "--db", db, "--format", "jsonl"}, tt.args...)...)
			if n := strings.Count(out, "\n"); n != len(tt.want) {
				t.Errorf("jsonl: %d lines, want %d", n, len(tt.want))
			}
		})
	}

	for _, tt := range []struct {
		name string
		args []string
		err  string
	}{
		{"bad day", []string{"--from", "1 May 2024"}, "write the day as YYYY-MM-DD"},
		{"impossible day", []string{"--to", "2024-02-30"}, "YYYY-MM-DD"},
		{"reversed", []string{"--from", "2024-05-03", "--to", "2024-05-01"}, "after --to"},
		{"bad story", []string{"--story", "first"}, "not a story id"},
		{"text with codes", []string{"--with-text"}, "--form articles"},
		{"articles as jsonl", []string{"--form", "articles", "--format", "jsonl"}, "CSV form"},
		{"origins filtered", []string{"--format", "origins", "--coder", "ana"}, "every article"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append([]string{"export", "--db", db}, tt.args...)...)
			if code != ExitUsage || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, ExitUsage, tt.err)
			}
		})
	}
}

func TestExportArticlesForm(t *testing.T) {
	db, ids := datasetDB(t)
	if code, _, errs := runCLI(t, "exclude", "--db", db, "--reason", "wire copy", fmt.Sprint(ids[2])); code != ExitOK {
		t.Fatal(errs)
	}
	outFile := filepath.Join(t.TempDir(), "sample.csv")
	if code, _, errs := runCLI(t, "export", "--db", db, "--form", "articles", "--with-text", "--out", outFile); code != ExitOK {
		t.Fatal(errs)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, string(data))
	if len(rows) != 3 {
		t.Fatalf("%d rows, want every article (3)", len(rows))
	}
	if got := strings.Join(column(rows, "coded"), ""); got != "110" {
		t.Errorf("coded = %s, want 110", got)
	}
	if got := strings.Join(column(rows, "coders"), ""); got != "210" {
		t.Errorf("coders = %s, want 210", got)
	}
	if rows[2]["excluded"] != "1" || rows[2]["exclusion_reason"] != "wire copy" || rows[2]["text"] != "The river ferry runs again after the flood." {
		t.Errorf("third row: %v", rows[2])
	}
	_, out, _ := runCLI(t, "export", "--db", db, "--form", "articles", "--coder", "bo", "--exclude-excluded")
	rows = readCSV(t, out)
	if got := strings.Join(column(rows, "coded"), ""); got != "10" || rows[0]["text"] != "" {
		t.Errorf("bo's article form without the excluded one: coded %s\n%s", got, out)
	}
	if strings.Contains(strings.SplitN(out, "\n", 2)[0], "text") {
		t.Errorf("texts written without --with-text: %s", strings.SplitN(out, "\n", 2)[0])
	}
}

func TestEditCommand(t *testing.T) {
	db, ids := datasetDB(t)
	id := fmt.Sprint(ids[1])
	for _, tt := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"bad date", []string{"--date", "02/05/2024"}, ExitUsage, `date "02/05/2024" is not a date Redline reads: write YYYY-MM-DD`},
		{"impossible date", []string{"--date", "2024-13-01"}, ExitUsage, "YYYY-MM-DD"},
		{"nothing", nil, ExitUsage, "nothing to change"},
		{"empty title", []string{"--title", "  "}, ExitFail, "a title cannot be empty"},
		{"bad url", []string{"--url", "the paper's site"}, ExitFail, "not a web address"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append([]string{"edit", "--db", db, id}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.err)
			}
		})
	}
	if code, _, errs := runCLI(t, "edit", "--db", db, "999", "--title", "x"); code != ExitFail || !strings.Contains(errs, "article 999") {
		t.Errorf("edit of an unknown article: exit %d %q", code, errs)
	}

	if _, out, _ := runCLI(t, "list", "--db", db, "--json", "--search", "cereal ceiling"); !strings.Contains(out, "Cereal ceiling") {
		t.Fatalf("the title is not searchable before the edit: %s", out)
	}
	code, out, errs := runCLI(t, "edit", "--db", db, id, "--title", "Grain price capped", "--outlet", "Bellmar Evening Times",
		"--date", "2024-05-04T18:30", "--url", "https://bellmar.example/grain")
	if code != ExitOK || !strings.Contains(out, "published: 2024-05-04T18:30:00Z") {
		t.Fatalf("edit: exit %d\n%s%s", code, out, errs)
	}
	// the search index follows the title
	_, out, _ = runCLI(t, "list", "--db", db, "--json", "--search", "grain capped")
	var rows []listRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].ID != ids[1] || rows[0].Outlet != "Bellmar Evening Times" || rows[0].Published != "2024-05-04T18:30:00Z" {
		t.Errorf("search for the new title: %+v", rows)
	}
	_, out, _ = runCLI(t, "list", "--db", db, "--json", "--search", "cereal ceiling")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("the old title (in no text) still finds the article: %s", out)
	}
	// the exports and the date filter see the new metadata
	_, out, _ = runCLI(t, "export", "--db", db, "--from", "2024-05-04")
	rows2 := readCSV(t, out)
	if len(rows2) != 1 || rows2[0]["title"] != "Grain price capped" || rows2[0]["url"] != "https://bellmar.example/grain" {
		t.Errorf("export after edit: %v", rows2)
	}
	// an empty date makes it unknown
	if code, out, _ := runCLI(t, "edit", "--db", db, id, "--date", ""); code != ExitOK || !strings.Contains(out, "published: unknown") {
		t.Errorf("clearing the date: exit %d\n%s", code, out)
	}
}

func TestExportDictionaryAndAppendix(t *testing.T) {
	db, _ := datasetDB(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "export", "--db", db, "--form", "wide", "--out", filepath.Join(data, "stance.csv"), "--dictionary", filepath.Join(dir, "docs"))
	if code != ExitOK || !strings.Contains(errs, "Data dictionary:") || !strings.Contains(errs, "stance.sps") {
		t.Fatalf("export --dictionary: exit %d\n%s", code, errs)
	}
	wide, err := os.ReadFile(filepath.Join(data, "stance.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Split(strings.SplitN(string(wide), "\n", 2)[0], ",")
	dict, err := os.ReadFile(filepath.Join(dir, "docs", "stance.dictionary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var vars []string
	for _, r := range readCSV(t, string(dict)) {
		if r["value"] == "" {
			vars = append(vars, r["variable"])
		}
	}
	if !slices.Equal(vars, header) {
		t.Errorf("dictionary variables %v\nwide header %v", vars, header)
	}
	sps, err := os.ReadFile(filepath.Join(dir, "docs", "stance.sps"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := os.ReadFile(filepath.Join(dir, "docs", "stance.R"))
	if err != nil {
		t.Fatal(err)
	}
	// the scripts find the data from their own folder
	if !strings.Contains(string(sps), "/FILE='../data/stance.csv'") || !strings.Contains(string(r), `path <- "../data/stance.csv"`) {
		t.Errorf("scripts do not point at the export:\n%s", sps)
	}
	if _, err := os.Stat(filepath.Join(dir, "docs", "stance.appendix.md")); err != nil {
		t.Error(err)
	}

	// to standard output: the export stays clean, the dictionary is named for it
	code, out, errs := runCLI(t, "export", "--db", db, "--form", "articles", "--dictionary", filepath.Join(dir, "more"))
	if code != ExitOK || strings.Contains(out, "Data dictionary") || !strings.Contains(errs, "redline-export.dictionary.csv") ||
		!strings.Contains(errs, "--form wide --out wide.csv") {
		t.Errorf("export to stdout with --dictionary: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}

	code, out, errs = runCLI(t, "codebook", "--db", db, "--appendix")
	if code != ExitOK || !strings.Contains(out, "## Version and change history") || !strings.Contains(out, "### Version 1 — saved") {
		t.Errorf("codebook --appendix: exit %d\n%s%s", code, out, errs)
	}
	file := filepath.Join(dir, "appendix.md")
	if code, _, errs := runCLI(t, "codebook", "--db", db, "--appendix", "--out", file); code != ExitOK {
		t.Fatal(errs)
	}
	if got, _ := os.ReadFile(file); string(got) != out {
		t.Errorf("--out wrote something else than standard output")
	}
	if code, _, errs := runCLI(t, "codebook", "--db", db); code != ExitUsage || !strings.Contains(errs, "--appendix") {
		t.Errorf("codebook without --appendix: exit %d %s", code, errs)
	}
}

func TestRecodeAndUndoCommands(t *testing.T) {
	db, ids := datasetDB(t)
	ctx := context.Background()
	ws, err := workspace.Open(ctx, db, false)
	if err != nil {
		t.Fatal(err)
	}
	old := ws.Codebook
	stance := old.Dimension("stance")
	coded := stance.Values[0] // the fixture's codes have this value
	src, err := ws.CodebookSource(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// version 2 renames the coded value's key, keeping its label
	renamed := strings.Replace(string(src), fmt.Sprintf("key = %q", coded.Key), `key = "renamed_value"`, 1)
	if renamed == string(src) {
		t.Fatalf("could not find the key %q in the default codebook", coded.Key)
	}
	if _, err := ws.InstallCodebook(ctx, []byte(renamed)); err != nil {
		t.Fatal(err)
	}
	ws.Close()

	if code, _, errs := runCLI(t, "recode", "--db", db, "--from", "1"); code != ExitUsage || !strings.Contains(errs, "--as NAME") {
		t.Errorf("recode without --as: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "recode", "--db", db, "--from", "1", "--dry-run", "--map", "stance"); code != ExitUsage || !strings.Contains(errs, "DIMENSION.OLD=NEW") {
		t.Errorf("bad --map: exit %d %s", code, errs)
	}
	code, out, errs := runCLI(t, "recode", "--db", db, "--from", "1", "--dry-run")
	if code != ExitOK || !strings.Contains(out, "Would recode 3 of the 3 codes") ||
		!strings.Contains(out, fmt.Sprintf("stance: %s -> renamed_value  3 codes  [same label]", coded.Key)) {
		t.Errorf("dry run: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "recode", "--db", db, "--from", "1", "--as", "lead")
	if code != ExitOK || !strings.Contains(out, "Recoded 3 of the 3") || !strings.Contains(out, "redline undo --as lead") {
		t.Fatalf("recode: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = runCLI(t, "export", "--db", db, "--story", fmt.Sprint(ids[0]))
	if got := column(readCSV(t, out), "value"); !slices.Equal(got, []string{"renamed_value", "renamed_value"}) {
		t.Errorf("values after recode: %v", got)
	}
	code, out, _ = runCLI(t, "undo", "--db", db, "--as", "lead")
	if code != ExitOK || !strings.Contains(out, "Undone: recode") {
		t.Errorf("undo: exit %d\n%s", code, out)
	}
	_, out, _ = runCLI(t, "export", "--db", db, "--story", fmt.Sprint(ids[0]))
	if got := column(readCSV(t, out), "value"); !slices.Equal(got, []string{coded.Key, coded.Key}) {
		t.Errorf("values after undo: %v", got)
	}
	if _, out, _ := runCLI(t, "undo", "--db", db, "--as", "lead"); !strings.Contains(out, "Nothing to undo") {
		t.Errorf("second undo: %s", out)
	}
}

// TestDictionaryScriptsRun runs the R script and the SPSS syntax on a wide
// export, in R and GNU PSPP, when they are installed (skipped otherwise):
// the factor levels and the numeric copies come out in codebook order
// with their labels.
func TestDictionaryScriptsRun(t *testing.T) {
	rscript, errR := exec.LookPath("Rscript")
	pspp, errP := exec.LookPath("pspp")
	if errR != nil && errP != nil {
		t.Skip("neither Rscript nor pspp is installed")
	}
	db, _ := datasetDB(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCLI(t, "export", "--db", db, "--form", "wide", "--out", filepath.Join(dir, "data", "wide.csv"),
		"--dictionary", filepath.Join(dir, "docs")); code != ExitOK {
		t.Fatal(errs)
	}
	docs := filepath.Join(dir, "docs")
	if errR == nil {
		cmd := exec.Command(rscript, "-e", `source("wide.R", chdir = TRUE)
cat(nrow(d), "\n")
cat(levels(d$stance_russia), sep = "|"); cat("\n")
cat(as.character(d$stance_russia), sep = "|"); cat("\n")
cat(class(d$excluded), attr(d$stance_russia, "label"), "\n")`)
		cmd.Dir = docs
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("Rscript: %v\n%s", err, out)
		}
		want := "3 \nFavourable|Neutral|Unfavourable|Mixed|Not applicable\nFavourable|Favourable|Favourable\ninteger Stance: Russia \n"
		if string(out) != want {
			t.Errorf("R says\n%s\nwant\n%s", out, want)
		}
	}
	if errP == nil {
		sps, err := os.ReadFile(filepath.Join(docs, "wide.sps"))
		if err != nil {
			t.Fatal(err)
		}
		run := string(sps) + "\nLIST /VARIABLES=annotator stance_russia_n excluded.\nDISPLAY DICTIONARY /VARIABLES=stance_russia_n.\n"
		if err := os.WriteFile(filepath.Join(docs, "run.sps"), []byte(run), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(pspp, "run.sps")
		cmd.Dir = docs
		out, err := cmd.CombinedOutput()
		if err != nil || strings.Contains(string(out), "error:") || strings.Contains(string(out), "warning:") {
			t.Fatalf("pspp: %v\n%s", err, out)
		}
		for _, want := range []string{"|ana      |              1|       0|", "|bo       |              1|       0|",
			"|Stance: Russia 1   |Favourable", "5[a]|Not applicable", "User-missing value"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("PSPP output lacks %q:\n%s", want, out)
			}
		}
	}
}
