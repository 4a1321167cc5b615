package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestImportMapAndOrigins(t *testing.T) {
	db := testDB(t, "r.db")
	dir := writeFiles(t, map[string]string{
		"de.csv": "Schlagzeile;Zeitung;Volltext;Nr\nStreik im Hafen;Hafenblatt;Die Arbeiter stimmten am Montag ab.;A-17\n",
		"mc.csv": "stories_id,publish_date,title,url,media_name\n2213450981,2024-03-18,Harbour strike,https://ledger.example/strike,The Northern Ledger\n",
	})
	code, _, errs := runCLI(t, "import", "--db", db, "--map", "Volltext=novel", filepath.Join(dir, "de.csv"))
	if code != ExitUsage || !strings.Contains(errs, `"novel"`) {
		t.Errorf("unknown field: exit %d, %s", code, errs)
	}
	// ok lines on stdout, warnings on stderr
	code, out, errs := runCLI(t, "import", "--db", db, "--map", "Schlagzeile=title,Zeitung=outlet", "--map", "Volltext=text", "--map", "Nr=source_id", dir)
	if code != ExitOK || !strings.Contains(out, "Imported 2 new articles from 2 files") || !strings.Contains(errs, "1 row has no text: stored as a stub") {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errs)
	}
	code, _, errs = runCLI(t, "import", "--db", db, "--map", "Volltxt=text", filepath.Join(dir, "mc.csv"))
	if code != ExitOK || !strings.Contains(errs, `warning --map Volltxt=text: no CSV file imported has a column "Volltxt"`) {
		t.Errorf("misspelt column: exit %d\n%s", code, errs)
	}
	code, out, _ = runCLI(t, "list", "--db", db)
	if code != ExitOK || !strings.Contains(out, "Streik im Hafen") || !strings.Contains(out, "Hafenblatt") {
		t.Errorf("list:\n%s", out)
	}
	code, out, _ = runCLI(t, "export", "--db", db, "--format", "origins")
	if code != ExitOK || !strings.Contains(out, "article_id,text_missing,source_db,doc_id,file,position") ||
		!strings.Contains(out, ",1,Media Cloud,2213450981,") || !strings.Contains(out, ",0,,A-17,") {
		t.Errorf("export origins: exit %d\n%s", code, out)
	}
}
