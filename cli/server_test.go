package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/internal/dbtest"
	"redline/storage"
	"redline/workspace"
)

// TestServerInitAndRoles: server init prints the SQL and changes nothing,
// --apply sets the team up; then a coder's login codes as its analyst
// name and no other, and cannot import or merge, which the lead can.
func TestServerInitAndRoles(t *testing.T) {
	pt := dbtest.NewTeam(t)
	lead, ana := pt.Role("lead"), pt.Role("ana")
	owner := pt.URL("")
	team := []string{"--lead", lead + "=Lea", "--coder", ana + "=Ana"}

	code, out, errs := runCLI(t, append([]string{"server", "init", "--db", owner}, team...)...)
	if code != ExitOK || !strings.Contains(out, "CREATE ROLE "+`"`+ana+`" LOGIN`) || !strings.Contains(out, "Nothing was changed") {
		t.Fatalf("server init (print): %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "list", "--db", pt.URL(ana)); code != ExitFail || !strings.Contains(errs, ana) {
		t.Fatalf("before --apply the coder's login should not exist: %d %s", code, errs)
	}
	code, out, errs = runCLI(t, append([]string{"server", "init", "--db", owner, "--apply"}, team...)...)
	if code != ExitOK || !strings.Contains(out, "Set up the team") || !strings.Contains(out, "\\password ROLE") {
		t.Fatalf("server init --apply: %d\n%s\n%s", code, out, errs)
	}
	// again: harmless
	if code, _, errs := runCLI(t, append([]string{"server", "init", "--db", owner, "--apply"}, team...)...); code != ExitOK {
		t.Fatalf("server init --apply again: %d %s", code, errs)
	}

	if code, out, errs := runCLI(t, "server", "status", "--db", pt.URL(ana)); code != ExitOK || !strings.Contains(out, "you code as Ana, a coder") {
		t.Errorf("status as the coder: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, "server", "status", "--db", pt.URL(lead)); code != ExitOK || !strings.Contains(out, "you code as Lea, the lead") || !strings.Contains(out, ana) {
		t.Errorf("status as the lead: %d %q", code, out)
	}

	story := filepath.Join("..", "assets", "demo", "01-harbour-strike.txt")
	code, _, errs = runCLI(t, "import", "--db", pt.URL(ana), story)
	if code != ExitFail || !strings.Contains(errs, "by the project lead") || !strings.Contains(errs, "nothing of it was saved") {
		t.Errorf("a coder imports: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "import", "--db", pt.URL(lead), story); code != ExitOK {
		t.Fatalf("the lead imports: %d %q", code, errs)
	}

	// --as is the login's analyst name, or left out
	if code, _, errs := runCLI(t, "undo", "--db", pt.URL(ana), "--as", "Lea"); code != ExitFail || !strings.Contains(errs, `you code as "Ana"`) {
		t.Errorf("the coder undoes as the lead: %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "undo", "--db", pt.URL(ana)); code != ExitOK || !strings.Contains(out, "Ana has no change") {
		t.Errorf("the coder undoes without --as: %d %q %q", code, out, errs)
	}

	// a teammate's laptop file, coded by Ben: bringing in his codes is the lead's
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "ben.db")
	ws, err := workspace.Open(ctx, file, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Import(ctx, []string{story}, nil); err != nil {
		t.Fatal(err)
	}
	list, err := ws.Store.Articles(ctx, storage.Query{})
	if err != nil || len(list) != 1 {
		t.Fatalf("teammate's file: %v %v", list, err)
	}
	now := time.Now().UTC()
	code1 := annotate.Annotation{ID: annotate.NewID(), ArticleID: list[0].ID, Annotator: "Ben", Codebook: ws.Codebook.Name,
		CodebookVersion: ws.Codebook.Version, Dimension: "stance", Target: "Russia", Value: "neutral", CreatedAt: now, UpdatedAt: now}
	if err := ws.SaveChange(ctx, "Ben", "code", []annotate.Annotation{code1}); err != nil {
		t.Fatal(err)
	}
	ws.Close()
	if code, _, errs := runCLI(t, "merge", "--db", pt.URL(ana), file); code != ExitFail || !strings.Contains(errs, "the server refused it") {
		t.Errorf("a coder merges a teammate's codes: %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "merge", "--db", pt.URL(lead), file); code != ExitOK {
		t.Errorf("the lead merges a teammate's codes: %d %q %q", code, out, errs)
	}
}

// TestServerInitByTheOwner: the README's way: the lead owns the database
// (createdb -O), is no superuser, and sets the team up with --apply.
func TestServerInitByTheOwner(t *testing.T) {
	pt := dbtest.NewTeam(t)
	lea, ana := pt.Role("owner"), pt.Role("coder")
	pt.Own(t, lea)
	code, out, errs := runCLI(t, "server", "init", "--db", pt.URL(lea), "--lead", lea+"=Lea", "--coder", ana+"=Ana", "--apply")
	if code != ExitOK {
		t.Fatalf("server init --apply as the owner: %d\n%s\n%s", code, out, errs)
	}
	story := filepath.Join("..", "assets", "demo", "01-harbour-strike.txt")
	if code, _, errs := runCLI(t, "import", "--db", pt.URL(ana), story); code != ExitFail || !strings.Contains(errs, "by the project lead") {
		t.Errorf("the coder imports: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "import", "--db", pt.URL(lea), story); code != ExitOK {
		t.Fatalf("the owner imports: %d %q", code, errs)
	}
	if code, out, errs := runCLI(t, "list", "--db", pt.URL(ana)); code != ExitOK || !strings.Contains(out, "dockworkers") {
		t.Errorf("the coder lists: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, "server", "status", "--db", pt.URL(ana)); code != ExitOK || !strings.Contains(out, "you code as Ana") {
		t.Errorf("status: %d %q", code, out)
	}
}
