package workspace

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"redline/annotate"
	"redline/internal/dbtest"
	"redline/storage"
)

// teamServer sets up a team on a new database of the test server, as the
// lead would (ServerInit, applied by the database's owner), and opens it
// as each member.
func teamServer(t *testing.T) (lead, ana, ben *Workspace, pt *dbtest.Team) {
	t.Helper()
	ctx := context.Background()
	pt = dbtest.NewTeam(t)
	roles := map[string]string{"lead": pt.Role("lead"), "ana": pt.Role("ana"), "ben": pt.Role("ben")}
	res, err := ServerInit(ctx, pt.URL(""), storage.Team{
		Leads:  []storage.Member{{Role: roles["lead"], Analyst: "Lea"}},
		Coders: []storage.Member{{Role: roles["ana"], Analyst: "Ana"}, {Role: roles["ben"], Analyst: "Ben"}},
	}, true)
	if err != nil || !res.Applied {
		t.Fatalf("server init: %v", err)
	}
	open := func(role string) *Workspace {
		ws, err := Open(ctx, pt.URL(role), false)
		if err != nil {
			t.Fatalf("open as %s: %v", role, err)
		}
		t.Cleanup(func() { ws.Close() })
		return ws
	}
	return open(roles["lead"]), open(roles["ana"]), open(roles["ben"]), pt
}

func importDemo(t *testing.T, ws *Workspace, name string) error {
	t.Helper()
	sum, err := ws.Import(context.Background(), []string{filepath.Join("..", "assets", "demo", name)}, nil)
	if err != nil {
		return err
	}
	for _, f := range sum.Files {
		if f.Err != nil {
			return errors.New(f.Err.Error())
		}
	}
	if sum.Imported() != 1 {
		return fmt.Errorf("imported %d articles from %s, want 1", sum.Imported(), name)
	}
	return nil
}

// TestTeamServerAnalyst: on a team server the analyst is the login's
// mapped name, for the window (Analyst, SetAnalyst) and the command line
// (As) alike; another name is refused.
func TestTeamServerAnalyst(t *testing.T) {
	ctx := context.Background()
	lead, ana, _, pt := teamServer(t)
	if name, err := ana.Analyst(ctx); name != "Ana" || err != nil || !ana.AnalystFixed() || ana.Lead() {
		t.Errorf("Ana's login: %q, %v, fixed=%v lead=%v", name, err, ana.AnalystFixed(), ana.Lead())
	}
	if name, err := lead.Analyst(ctx); name != "Lea" || err != nil || !lead.Lead() {
		t.Errorf("the lead's login: %q, %v, lead=%v", name, err, lead.Lead())
	}
	for _, given := range []string{"", "Ana", " Ana "} {
		if got, err := ana.As(ctx, given); got != "Ana" || err != nil {
			t.Errorf("As(%q): %q, %v", given, got, err)
		}
	}
	_, err := ana.As(ctx, "Ben")
	var nv *NotYouError
	if !errors.As(err, &nv) || !strings.Contains(err.Error(), `you code as "Ana"`) || !strings.Contains(err.Error(), "leave out --as") {
		t.Errorf("As(Ben) for Ana's login: %v", err)
	}
	if err := ana.SetAnalyst(ctx, "Ben"); !errors.As(err, &nv) {
		t.Errorf("Ana renames herself Ben: %v", err)
	}
	if err := ana.SetAnalyst(ctx, "Ana"); err != nil {
		t.Errorf("Ana keeps her name: %v", err)
	}
	// a login of the coders' group the lead gave no name
	who := pt.Role("nameless")
	if _, err := ServerInit(ctx, pt.URL(""), storage.Team{Coders: []storage.Member{{Role: who}}}, true); err != nil {
		t.Fatal(err)
	}
	// as the window opens it: the demo corpus is not loaded into a team's database
	ws, err := Open(ctx, pt.URL(who), true)
	if err != nil {
		t.Fatalf("a nameless login opens the database (to read it): %v", err)
	}
	defer ws.Close()
	if n, err := ws.Store.CountArticles(ctx); n != 0 || err != nil {
		t.Errorf("the window's open put %d demo articles in the team's database (%v)", n, err)
	}
	if _, err := ws.Analyst(ctx); !errors.Is(err, storage.ErrNoAnalyst) || !strings.Contains(err.Error(), "--coder "+who+"=YOUR_NAME") {
		t.Errorf("nameless login: %v", err)
	}
	if _, err := ws.As(ctx, "Ana"); !errors.Is(err, storage.ErrNoAnalyst) {
		t.Errorf("nameless login codes as Ana: %v", err)
	}
}

// TestTeamServerCarriedCodesKeepTheirCoder: codes carried to a version
// the lead imports later stay their coder's, and she may confirm them;
// a coder cannot import, merge stories or make the project blind.
func TestTeamServerCarriedCodesKeepTheirCoder(t *testing.T) {
	ctx := context.Background()
	lead, ana, ben, _ := teamServer(t)
	if err := importDemo(t, ana, "04-ceasefire-v1.txt"); !errors.Is(err, storage.ErrNotAllowed) || !strings.Contains(err.Error(), "imported and grouped into stories by the project lead") {
		t.Fatalf("a coder imports: %v", err)
	}
	if err := importDemo(t, lead, "04-ceasefire-v1.txt"); err != nil {
		t.Fatalf("the lead imports: %v", err)
	}
	list, err := lead.Store.Articles(ctx, storage.Query{})
	if err != nil || len(list) != 1 {
		t.Fatalf("articles: %v, %v", list, err)
	}
	v1 := list[0].ID
	quote := "We have agreed to silence the guns"
	mine := spanCode(t, ana, "Ana", v1, quote, "government")
	if err := ana.SaveChange(ctx, "Ana", "source type", []annotate.Annotation{mine}); err != nil {
		t.Fatalf("Ana codes: %v", err)
	}
	// the lead brings the story's next version: Ana's code goes with it, hers
	if err := importDemo(t, lead, "04-ceasefire-v2.txt"); err != nil {
		t.Fatalf("the lead imports a new version: %v", err)
	}
	fam, err := lead.Store.FamilyOf(ctx, v1)
	if err != nil || len(fam.Versions) != 2 {
		t.Fatalf("the new version did not join the story: %+v, %v", fam, err)
	}
	v2 := fam.Versions[1].ID
	if v2 == v1 {
		v2 = fam.Versions[0].ID
	}
	copies := codesOf(t, lead, v2)
	if len(copies) != 1 || copies[0].Annotator != "Ana" || copies[0].Carry == nil || copies[0].Carry.From != mine.ID || !copies[0].Pending() {
		t.Fatalf("the carried copy: %+v; want Ana's pending copy of %s", copies, mine.ID)
	}
	// Ana confirms her copy; Ben cannot
	c := copies[0]
	c.Carry.Status = annotate.CarryConfirmed
	if err := ben.SaveChange(ctx, "Ben", "confirm", []annotate.Annotation{c}); !errors.Is(err, storage.ErrNotAllowed) {
		t.Errorf("Ben confirms Ana's copy: %v", err)
	}
	if err := ana.SaveChange(ctx, "Ana", "confirm", []annotate.Annotation{c}); err != nil {
		t.Fatalf("Ana confirms her copy: %v", err)
	}
	// Ben's own code goes to the other version as his
	his := spanCode(t, ben, "Ben", v1, quote, "military")
	if err := ben.SaveChange(ctx, "Ben", "source type", []annotate.Annotation{his}); err != nil {
		t.Fatalf("Ben codes: %v", err)
	}
	owners := map[string]string{}
	for _, a := range codesOf(t, lead, v2) {
		owners[a.Carry.From] = a.Annotator
	}
	if owners[mine.ID] != "Ana" || owners[his.ID] != "Ben" {
		t.Errorf("copies on the new version by origin: %v", owners)
	}

	// stories and the project are the lead's
	if err := importDemo(t, lead, "01-harbour-strike.txt"); err != nil {
		t.Fatal(err)
	}
	other, err := lead.Store.Articles(ctx, storage.Query{Search: "harbour"})
	if err != nil || len(other) != 1 {
		t.Fatalf("harbour story: %v, %v", other, err)
	}
	ofam, err := lead.Store.FamilyOf(ctx, other[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := ana.MergeInto(ctx, v1, ofam.ID); !errors.Is(err, storage.ErrNotAllowed) {
		t.Errorf("a coder merges stories: %v", err)
	}
	if err := ana.SetProject(ctx, Project{Blind: true, Lead: "Lea"}); !errors.Is(err, storage.ErrNotAllowed) {
		t.Errorf("a coder makes the project blind: %v", err)
	}
	if err := lead.SetProject(ctx, Project{Blind: true, Lead: "Someone"}); err != nil {
		t.Fatalf("the lead makes the project blind: %v", err)
	}
	// the lead's login sees every code whatever lead the setting names
	if p, err := lead.Project(ctx); err != nil || !p.Blind || !p.SeesAll("Lea") {
		t.Errorf("the lead's project: %+v, %v", p, err)
	}
	if p, err := ana.Project(ctx); err != nil || !p.Blind || p.SeesAll("Ana") {
		t.Errorf("Ana's project: %+v, %v", p, err)
	}
	if who, err := ana.BlindCoder(ctx); who != "Ana" || err != nil {
		t.Errorf("blind: Ana's export is limited to %q, %v", who, err)
	}
	if who, err := lead.BlindCoder(ctx); who != "" || err != nil {
		t.Errorf("blind: the lead's export is limited to %q, %v", who, err)
	}
	for _, a := range codesOf(t, ana, v2) {
		if a.Annotator != "Ana" {
			t.Errorf("blind: Ana sees %s's code on the server", a.Annotator)
		}
	}
	if err := lead.MergeInto(ctx, v1, ofam.ID); err != nil {
		t.Errorf("the lead merges stories: %v", err)
	}
}
