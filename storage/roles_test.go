package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/internal/dbtest"

	"github.com/jackc/pgx/v5"
)

// team is a database on the test server set up by TeamSQL as its owner
// (the test's superuser), with a lead and two coders logged in.
type team struct {
	owner, lead, ana, ben *Store
	roles                 map[string]string // lead, ana, ben -> role
	pt                    *dbtest.Team
}

func newTeam(t testing.TB) *team {
	t.Helper()
	pt := dbtest.NewTeam(t)
	tm := &team{pt: pt, roles: map[string]string{
		"lead": pt.Role("lead"), "ana": pt.Role("ana"), "ben": pt.Role("ben"),
	}}
	tm.owner = openAs(t, pt.URL(""))
	script, err := TeamSQL(Team{Database: pt.DB,
		Leads:  []Member{{Role: tm.roles["lead"], Analyst: "Lea"}},
		Coders: []Member{{Role: tm.roles["ana"], Analyst: "Ana"}, {Role: tm.roles["ben"], Analyst: "Ben"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.owner.ApplyTeam(context.Background(), script); err != nil {
		t.Fatalf("apply the team SQL: %v\n%s", err, script)
	}
	tm.lead = openAs(t, pt.URL(tm.roles["lead"]))
	tm.ana = openAs(t, pt.URL(tm.roles["ana"]))
	tm.ben = openAs(t, pt.URL(tm.roles["ben"]))
	return tm
}

func openAs(t testing.TB, url string) *Store {
	t.Helper()
	s, err := Open(url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func docCode(article int64, annotator, value string) annotate.Annotation {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return annotate.Annotation{ID: annotate.NewID(), ArticleID: article, Annotator: annotator,
		Dimension: "stance", Target: "Russia", Value: value, CreatedAt: now, UpdatedAt: now}
}

func refused(t *testing.T, what string, err error, words string) {
	t.Helper()
	if !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("%s: got %v, want the server's refusal", what, err)
	}
	msg := err.Error()
	if !strings.Contains(msg, words) || !strings.Contains(msg, "nothing of it was saved") {
		t.Errorf("%s: message %q does not say %q and that nothing was saved", what, msg, words)
	}
}

func TestServerAnalyst(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	for _, c := range []struct {
		s        *Store
		name     string
		wantLead bool
	}{{tm.lead, "Lea", true}, {tm.ana, "Ana", false}, {tm.ben, "Ben", false}, {tm.owner, "", true}} {
		name, lead, err := c.s.ServerAnalyst(ctx)
		if err != nil || name != c.name || lead != c.wantLead {
			t.Errorf("%s: got %q lead=%v err=%v, want %q lead=%v", c.s.path, name, lead, err, c.name, c.wantLead)
		}
	}
	// a login the lead never set up cannot open the database; one in the
	// coders' group without an analyst name opens it but cannot code
	stranger := tm.pt.Role("stranger")
	tm.pt.Login(t, stranger)
	_, err := Open(tm.pt.URL(stranger))
	unmapped(t, err, stranger)
	script, err := TeamSQL(Team{Database: tm.pt.DB, Coders: []Member{{Role: stranger}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.owner.ApplyTeam(ctx, script); err != nil {
		t.Fatal(err)
	}
	s := openAs(t, tm.pt.URL(stranger))
	_, _, err = s.ServerAnalyst(ctx)
	unmapped(t, err, stranger)
	// a file has no mapping: its analyst names themselves
	f := newFileStore(t)
	if name, _, err := f.ServerAnalyst(ctx); name != "" || err != nil {
		t.Errorf("file: got %q, %v", name, err)
	}
}

func unmapped(t *testing.T, err error, role string) {
	t.Helper()
	var na *NoAnalystError
	if !errors.As(err, &na) || na.Role != role {
		t.Fatalf("unmapped login: got %v, want a NoAnalystError", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "redline server init") || !strings.Contains(msg, "--coder "+role+"=YOUR_NAME") {
		t.Errorf("unmapped login: %q does not say what the lead must run", msg)
	}
}

func newFileStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir() + "/redline.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestCoderChangesOnlyOwnCodes(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	id := addArticle(t, tm.lead, "The minister spoke on Tuesday.")
	mine := docCode(id, "Ana", "favourable")
	if err := tm.ana.SaveChange(ctx, "Ana", "code stance", []annotate.Annotation{mine}); err != nil {
		t.Fatalf("a coder saves her own code: %v", err)
	}
	// Ben cannot change Ana's code, nor save one under her name
	changed := mine
	changed.Value, changed.UpdatedAt = "neutral", mine.UpdatedAt.Add(time.Minute)
	refused(t, "Ben changes Ana's code", tm.ben.SaveChange(ctx, "Ben", "code stance", []annotate.Annotation{changed}), "only codes under your own analyst name")
	refused(t, "Ben codes as Ana", tm.ben.SaveChange(ctx, "Ana", "code stance", []annotate.Annotation{docCode(id, "Ana", "neutral")}), "your own analyst name")
	stolen := mine
	stolen.Annotator, stolen.UpdatedAt = "Ben", mine.UpdatedAt.Add(time.Minute)
	refused(t, "Ben takes Ana's code", tm.ben.SaveChange(ctx, "Ben", "code stance", []annotate.Annotation{stolen}), "your own analyst name")
	// nor settle a disagreement: adjudication is the lead's
	settle := docCode(id, "Ben", "neutral")
	settle.Settles = mine.ID
	refused(t, "Ben adjudicates", tm.ben.SaveAnnotations(ctx, []annotate.Annotation{settle}), "only the project lead adjudicates")
	anns, err := tm.owner.Annotations(ctx, id)
	if err != nil || len(anns) != 1 || anns[0].Value != "favourable" || anns[0].Annotator != "Ana" {
		t.Fatalf("after Ben's attempts: %+v, %v; want Ana's code alone, unchanged", anns, err)
	}
	// Ana's undo history is hers: Ben's undo does not reach it
	if c, err := tm.ben.Undo(ctx, "Ana", time.Now()); err == nil && c.Seq != 0 {
		t.Errorf("Ben undid Ana's change %d", c.Seq)
	}
	// rejected suggestions and seen stories are each coder's own too
	rej := Rejection{Annotator: "Ana", ArticleID: id, Start: 0, End: 3, Quote: "The", Rejected: true}
	refused(t, "Ben rejects a suggestion for Ana", tm.ben.SaveEdit(ctx, "Ben", "reject", Edit{Rejections: []Rejection{rej}}), "your own rejected suggestions")
	if err := tm.ana.SaveEdit(ctx, "Ana", "reject", Edit{Rejections: []Rejection{rej}}); err != nil {
		t.Errorf("Ana rejects a suggestion: %v", err)
	}
	res, err := tm.lead.AddCaptures(ctx, []Capture{capture("port.example/quay", time.Now().UTC(), "The quay wall gave way on Monday night.")})
	if err != nil || res[0].ArticleID == 0 {
		t.Fatalf("the lead adds a captured page: %+v, %v", res, err)
	}
	fam := familyIDs(t, tm.lead)[res[0].ArticleID]
	refused(t, "Ben marks a story seen for Ana", tm.ben.MarkStorySeen(ctx, "Ana", fam, time.Now()), "your own seen stories")
	if err := tm.ana.MarkStorySeen(ctx, "Ana", fam, time.Now()); err != nil {
		t.Errorf("Ana marks a story seen: %v", err)
	}
	// Ana changes her own; the lead settles
	if err := tm.ana.SaveChange(ctx, "Ana", "code stance", []annotate.Annotation{changed}); err != nil {
		t.Fatalf("Ana changes her own code: %v", err)
	}
	lead := docCode(id, "Lea", "neutral")
	lead.Settles = mine.ID
	if err := tm.lead.SaveChange(ctx, "Lea", "adjudicate", []annotate.Annotation{lead}); err != nil {
		t.Fatalf("the lead adjudicates: %v", err)
	}
}

func TestOnlyTheLeadImportsMergesAssigns(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	_, err := tm.ana.AddArticles(ctx, []annotate.Article{{Title: "t", Text: "A text a coder tries to import."}})
	refused(t, "a coder imports", err, "imported")
	ids := addTexts(t, tm.lead, "One story about the port.", "Another story about the dam.")
	fams := familyIDs(t, tm.lead)
	refused(t, "a coder merges stories", tm.ana.MergeFamilies(ctx, fams[ids[0]], fams[ids[1]]), "stories are merged and split by the project lead")
	refused(t, "a coder assigns", tm.ana.SaveAssignments(ctx, []Assignment{{ArticleID: ids[0], Coder: "Ana"}}, time.Now()), "assigned to coders by the project lead")
	refused(t, "a coder makes the project blind", tm.ana.SetSetting(ctx, "project.blind", "0"), "project lead")
	if err := tm.lead.MergeFamilies(ctx, fams[ids[0]], fams[ids[1]]); err != nil {
		t.Fatalf("the lead merges stories: %v", err)
	}
	if err := tm.lead.SaveAssignments(ctx, []Assignment{{ArticleID: ids[0], Coder: "Ana"}}, time.Now()); err != nil {
		t.Fatalf("the lead assigns: %v", err)
	}
	if f := familyIDs(t, tm.ana); f[ids[0]] != f[ids[1]] {
		t.Errorf("a coder does not see the lead's merge: %v", f)
	}
	// a coder may still note which Redline wrote the database last
	if err := tm.ana.RecordVersion(ctx, "test"); err != nil {
		t.Errorf("a coder opens the database: %v", err)
	}
}

func TestBlindHidesOthersCodesOnServer(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	id := addArticle(t, tm.lead, "The council met on Monday.")
	for _, c := range []struct {
		s    *Store
		name string
	}{{tm.ana, "Ana"}, {tm.ben, "Ben"}} {
		if err := c.s.SaveChange(ctx, c.name, "code", []annotate.Annotation{docCode(id, c.name, "neutral")}); err != nil {
			t.Fatal(err)
		}
	}
	coders := func(s *Store) string {
		anns, err := s.Annotations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, a := range anns {
			names = append(names, a.Annotator)
		}
		slices.Sort(names)
		return strings.Join(names, ",")
	}
	if got := coders(tm.ana); got != "Ana,Ben" {
		t.Errorf("open project, Ana sees %q; want both", got)
	}
	if err := tm.lead.SetSetting(ctx, "project.blind", "1"); err != nil {
		t.Fatalf("the lead makes the project blind: %v", err)
	}
	for _, c := range []struct {
		s    *Store
		want string
	}{{tm.ana, "Ana"}, {tm.ben, "Ben"}, {tm.lead, "Ana,Ben"}} {
		if got := coders(c.s); got != c.want {
			t.Errorf("blind: %s sees %q, want %q", c.s.path, got, c.want)
		}
	}
	// a code Ben cannot see he cannot overwrite either
	anns, err := tm.owner.Annotations(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range anns {
		if a.Annotator == "Ana" {
			a.Annotator, a.Value, a.UpdatedAt = "Ben", "favourable", a.UpdatedAt.Add(time.Hour)
			refused(t, "Ben overwrites Ana's hidden code", tm.ben.SaveAnnotations(ctx, []annotate.Annotation{a}), "your own analyst name")
		}
	}
	// the export too is cut by the server
	rows, err := tm.ana.Codes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Annotator != "Ana" {
			t.Errorf("blind: Ana's code list holds %s's code", r.Annotator)
		}
	}
}

func TestTeamSQLChecks(t *testing.T) {
	for _, c := range []struct {
		name string
		team Team
		want string
	}{
		{"no database", Team{Coders: []Member{{"ana", "Ana"}}}, "needs a database"},
		{"nobody", Team{Database: "d"}, "name the lead and the coders"},
		{"one name twice", Team{Database: "d", Coders: []Member{{"ana", "Ana"}, {"ana2", "Ana"}}}, "given to two roles"},
		{"group as login", Team{Database: "d", Coders: []Member{{CoderGroup, "Ana"}}}, "group role"},
		{"two names", Team{Database: "d", Leads: []Member{{"lea", "Lea"}}, Coders: []Member{{"lea", "Leah"}}}, "two analyst names"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := TeamSQL(c.team)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
	sql, err := TeamSQL(Team{Database: "coding", Leads: []Member{{"lea", "Lea"}}, Coders: []Member{{"o'neil", "Pat O'Neil"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`GRANT CONNECT ON DATABASE "coding" TO "o'neil"`, `VALUES ('o''neil', 'Pat O''Neil')`, `CREATE ROLE "redline_lead" NOLOGIN`} {
		if !strings.Contains(sql, want) {
			t.Errorf("the SQL lacks %s:\n%s", want, sql)
		}
	}
}

// TestCopyNeedsTheLeadsLogin: a coder's login sees only what the project
// lets it see, so a copy made with it would miss others' codes: refused,
// nothing written; the lead's login copies every coder's codes.
func TestCopyNeedsTheLeadsLogin(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	arts, err := tm.lead.AddArticles(ctx, []annotate.Article{{Title: "Ferry", Outlet: "Harbour Gazette", Text: "The ferry sailed late."}})
	if err != nil {
		t.Fatal(err)
	}
	id := arts[0].ID
	if err := tm.ana.SaveAnnotations(ctx, []annotate.Annotation{docCode(id, "Ana", "neutral")}); err != nil {
		t.Fatal(err)
	}
	if err := tm.ben.SaveAnnotations(ctx, []annotate.Annotation{docCode(id, "Ben", "favourable")}); err != nil {
		t.Fatal(err)
	}
	if err := tm.owner.SetSetting(ctx, "project.blind", "1"); err != nil {
		t.Fatal(err)
	}
	to := newFileStore(t)
	if _, err := Copy(ctx, tm.ana, to, nil); !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "lead's login") {
		t.Fatalf("copy with a coder's login: %v, want it refused", err)
	}
	if n, _ := to.CountArticles(ctx); n != 0 {
		t.Errorf("the refused copy wrote %d articles", n)
	}
	if _, err := Copy(ctx, tm.lead, to, nil); err != nil {
		t.Fatalf("copy with the lead's login: %v", err)
	}
	got, err := to.Annotations(ctx, id)
	if err != nil || len(got) != 2 {
		t.Errorf("the lead's copy holds %d codes (%v), want Ana's and Ben's", len(got), err)
	}
}

// TestCodersPollKeepsTheChangeLogSmall: a coder may not delete from the
// change log, yet her window's poll folds it (through the function the
// schema's owner made), and the mark stays the same while nothing changes.
func TestCodersPollKeepsTheChangeLogSmall(t *testing.T) {
	old := changeLogFold
	changeLogFold = 2
	defer func() { changeLogFold = old }()
	tm := newTeam(t)
	ctx := context.Background()
	for i := range 5 {
		if _, err := tm.lead.AddArticles(ctx, []annotate.Article{{Title: "Ferry", Outlet: "Harbour Gazette", Text: fmt.Sprintf("The ferry sailed %d hours late.", i+1)}}); err != nil {
			t.Fatal(err)
		}
	}
	m1, err := tm.ana.ChangeMark(ctx)
	if err != nil {
		t.Fatalf("a coder's poll: %v", err)
	}
	m2, err := tm.ana.ChangeMark(ctx)
	if err != nil || m1 != m2 {
		t.Errorf("no change between two polls, yet the mark moved: %q then %q (%v)", m1, m2, err)
	}
	var n int
	if err := tm.owner.read.QueryRowContext(ctx, "SELECT count(*) FROM change_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n > 2 {
		t.Errorf("change_log holds %d rows after a coder's poll, want it folded to at most 2", n)
	}
}

// TestLoginWithoutConnectIsToldWhatToAsk: once the lead has set up the
// team, a login the lead did not add may not connect; it is told so,
// with the command the lead runs, and not that the server is down.
func TestLoginWithoutConnectIsToldWhatToAsk(t *testing.T) {
	tm := newTeam(t)
	carl := tm.pt.Role("carl")
	if _, err := tm.owner.write.Exec("CREATE ROLE " + pgx.Identifier{carl}.Sanitize() + " LOGIN"); err != nil {
		t.Fatal(err)
	}
	_, err := Open(tm.pt.URL(carl))
	if !errors.Is(err, ErrNotAllowed) || IsOffline(err) {
		t.Fatalf("a login without CONNECT: %v, want not allowed (and not offline)", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "redline server init") || !strings.Contains(msg, "--coder "+carl+"=YOUR_NAME") {
		t.Errorf("message %q does not say what the lead must run", msg)
	}
}
