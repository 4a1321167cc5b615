package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportThroughLinkToFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": "Title: Harbour\n\nDockworkers stopped work on Monday."})
	link := filepath.Join(t.TempDir(), "corpus")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	db := testDB(t, "r.db")
	code, out, errs := runCLI(t, "import", "--db", db, link)
	if code != ExitOK || !strings.Contains(out, "Imported 1 new articles") {
		t.Errorf("import through a link to a folder: exit %d\n%s%s", code, out, errs)
	}
}

func TestImportRefusesFieldsOfTheWrongKind(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.jsonl": `{"title": "n", "text": 5}` + "\n" +
		`{"title": "b", "text": true}` + "\n" +
		`{"title": "p", "text": "A real text.", "published": {"a": 1}}` + "\n" +
		`{"title": "ok", "text": "The one good line."}` + "\n"})
	db := testDB(t, "r.db")
	code, out, errs := runCLI(t, "import", "--db", db, dir)
	if code != ExitOK || !strings.Contains(out, "1 new") {
		t.Errorf("exit %d, want the good line imported:\n%s%s", code, out, errs)
	}
	for _, want := range []string{`a.jsonl:1: field "text" is a number, not text`, `a.jsonl:2: field "text" is true or false, not text`,
		`a.jsonl:3: field "published" is an object, not a date`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestNothingToImport(t *testing.T) {
	db := testDB(t, "r.db")
	emptyDir := t.TempDir()
	files := writeFiles(t, map[string]string{"empty.jsonl": "", "empty.csv": "", "blank.jsonl": "\n\n"})
	for _, args := range [][]string{
		{"import", emptyDir},
		{"import", filepath.Join(files, "empty.jsonl")},
		{"import", filepath.Join(files, "empty.csv")},
		{"merge", filepath.Join(files, "empty.jsonl")},
		{"merge", filepath.Join(files, "blank.jsonl")},
		{"merge", filepath.Join(files, "empty.csv")},
	} {
		code, out, errs := runCLI(t, append(args, "--db", db)...)
		if code != ExitFail || !strings.Contains(errs, "nothing to import") {
			t.Errorf("%v: exit %d, want %d and 'nothing to import' on stderr\nstdout:\n%s\nstderr:\n%s", args, code, ExitFail, out, errs)
		}
	}
}

func TestFileNameWithNewlinePrintedQuoted(t *testing.T) {
	dir := writeFiles(t, map[string]string{"two\nlines.txt": "Title: T\n\nA text.", "bad\nname.json": "[{"})
	db := testDB(t, "r.db")
	_, out, errs := runCLI(t, "import", "--db", db, dir)
	for _, line := range strings.Split(strings.TrimSpace(out+errs), "\n") {
		if !strings.HasPrefix(line, "ok ") && !strings.HasPrefix(line, "FAILED ") && !strings.HasPrefix(line, "Imported ") &&
			!strings.HasPrefix(line, "Fix ") && !strings.HasPrefix(line, "warning ") {
			t.Errorf("a file name split the output; line %q\n%s%s", line, out, errs)
		}
	}
	if !strings.Contains(out, `"`+filepath.Join(dir, "two\\nlines.txt")+`"`) {
		t.Errorf("the name is not printed quoted:\n%s", out)
	}
}

func TestReadOnlyDatabaseMessage(t *testing.T) {
	db := exportFixtureFile(t)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "list", "--db", db)
	if code != ExitFail || !strings.Contains(errs, "read-only") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Errorf("exit %d, want one line saying the database is read-only:\n%s", code, errs)
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(db + ext); err == nil {
			t.Errorf("%s created beside a read-only database", ext)
		}
	}
}

func TestCheckAndRecoverCommands(t *testing.T) {
	db := exportFixtureFile(t)
	code, out, errs := runCLI(t, "check", "--db", db)
	if code != ExitOK || !strings.HasPrefix(out, "ok ") {
		t.Errorf("check of a sound file: exit %d\n%s%s", code, out, errs)
	}
	// damage the file: every page after the first garbled
	b, _ := os.ReadFile(db)
	for i := 4096; i < len(b); i += 5 {
		b[i] ^= 0x5a
	}
	os.WriteFile(db, b, 0o644)
	code, out, errs = runCLI(t, "check", "--db", db)
	if code != ExitFail || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "redline recover --to") {
		t.Errorf("check of a damaged file: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = runCLI(t, "import", "--db", db, writeFiles(t, map[string]string{"b.txt": "A text."}))
	if code != ExitFail || strings.Count(errs, "damaged") != 1 || !strings.Contains(errs, "redline recover") {
		t.Errorf("import into a damaged file: exit %d, want one message saying what to do:\n%s", code, errs)
	}
	to := filepath.Join(t.TempDir(), "new.db")
	code, out, errs = runCLI(t, "recover", "--db", db, "--to", to)
	if code != ExitOK || !strings.Contains(out, "Recovered into") {
		t.Errorf("recover: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "check", "--db", to); code != ExitOK {
		t.Errorf("check of the recovered file: exit %d\n%s%s", code, out, errs)
	}
}

func TestSizeLimitFlags(t *testing.T) {
	db := testDB(t, "r.db")
	big := strings.Repeat("A sentence of the long article. ", 100) // 3.2 KB
	dir := writeFiles(t, map[string]string{"long.txt": big + "The end.", "lines.jsonl": `{"text": "` + big + `"}` + "\n" + `{"text": "short"}` + "\n"})
	code, out, errs := runCLI(t, "import", "--db", db, "--max-article-bytes", "1KB", "--max-line-bytes", "2KB", dir)
	if code != ExitFail || !strings.Contains(errs, "--max-article-bytes") || !strings.Contains(errs, "--max-line-bytes") {
		t.Errorf("exit %d; want both limits applied and named:\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "1 new") {
		t.Errorf("the short line was not imported:\n%s", out)
	}
	code, out, errs = runCLI(t, "import", "--db", db, "--max-article-bytes", "1MB", dir)
	if code != ExitOK || !strings.Contains(out, "Imported 2 new") {
		t.Errorf("raised limits: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "import", "--db", db, "--max-line-bytes", "lots", dir); code != ExitUsage {
		t.Errorf("a bad size: exit %d, want %d\n%s", code, ExitUsage, errs)
	}

	// merge: a line over the limit is skipped with the flag named
	export := filepath.Join(t.TempDir(), "x.jsonl")
	note := `{"id":"urn:redline:annotation:N1","type":"Annotation","creator":{"name":"ana"},"created":"2024-01-01T00:00:00Z","target":"urn:redline:article:x","redline":{"dimension":"note","note":"` + big + `"}}`
	os.WriteFile(export, []byte(note+"\n"), 0o644)
	code, out, errs = runCLI(t, "merge", "--db", db, "--max-line-bytes", "1KB", export)
	if code != ExitFail || !strings.Contains(errs, "line 1: line is longer than the") || !strings.Contains(errs, "--max-line-bytes") {
		t.Errorf("merge over the line limit: exit %d\n%s%s", code, out, errs)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	db := exportFixtureFile(t) // one article
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "backups")); err != nil {
		t.Errorf("import made no automatic backup: %v", err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	code, out, errs := runCLI(t, "backup", "--db", db, "--to", copyPath)
	if code != ExitOK || !strings.Contains(out, "redline restore") {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errs)
	}
	runCLI(t, "import", "--db", db, writeFiles(t, map[string]string{"b.txt": "A second article."}))
	code, out, errs = runCLI(t, "restore", "--db", db, copyPath)
	if code != ExitOK || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = runCLI(t, "list", "--db", db)
	if strings.Count(out, "\n") != 2 {
		t.Errorf("after the restore, list shows:\n%s\nwant the one article of the backup", out)
	}
	code, out, _ = runCLI(t, "backup", "--db", db, "--keep", "3", "--every", "12h")
	if code != ExitOK || !strings.Contains(out, "keep 3") || !strings.Contains(out, "12h0m0s") {
		t.Errorf("backup settings: exit %d\n%s", code, out)
	}
}

func TestImportsAndRemoveImport(t *testing.T) {
	db := testDB(t, "r.db")
	runCLI(t, "import", "--db", db, writeFiles(t, map[string]string{"a.txt": "First text.", "b.txt": "Second text."}))
	runCLI(t, "import", "--db", db, writeFiles(t, map[string]string{"c.txt": "Third text."}))
	code, out, errs := runCLI(t, "imports", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != ExitOK || len(lines) != 3 {
		t.Fatalf("imports: exit %d\n%s%s", code, out, errs)
	}
	newest := strings.Fields(lines[1])
	if newest[1] != "1" {
		t.Fatalf("newest import has %s articles, want 1:\n%s", newest[1], out)
	}
	code, out, errs = runCLI(t, "remove-import", "--db", db, newest[0])
	if code != ExitOK || !strings.Contains(out, "Removed the 1 articles") {
		t.Errorf("remove-import: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = runCLI(t, "list", "--db", db)
	if strings.Count(out, "\n") != 3 || strings.Contains(out, "Third") {
		t.Errorf("after removing the import, list shows:\n%s", out)
	}
}

// TestFileCommandsRefuseAServer: check, recover and restore work on a
// database file; given a PostgreSQL address they say so and name the
// server's own tools, without connecting or creating anything.
func TestFileCommandsRefuseAServer(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{"check", "--db", "postgres://ana:secret@127.0.0.1:1/coding"},
		{"recover", "--db", "postgres://ana:secret@127.0.0.1:1/coding", "--to", "x.db"},
		{"restore", "--db", "host=127.0.0.1 port=1 dbname=coding user=ana", "backup.db"},
	} {
		code, out, errs := runCLI(t, args...)
		if code == ExitOK || !strings.Contains(errs, "is a PostgreSQL database") || !strings.Contains(errs, "pg_dump") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
		}
		if strings.Contains(errs, "secret") {
			t.Errorf("%v: the message shows the password: %s", args, errs)
		}
	}
	// the same when the server is the default database ($REDLINE_DB)
	t.Setenv("REDLINE_DB", "postgres://ana:secret@127.0.0.1:1/coding")
	if code, out, errs := runCLI(t, "check"); code == ExitOK || !strings.Contains(errs, "is a PostgreSQL database") {
		t.Errorf("check of a default database on a server: exit %d\n%s%s", code, out, errs)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("refused commands left %v behind", entries)
	}
}
