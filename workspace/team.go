package workspace

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"redline/storage"
)

// Who codes. On a file, and on a server nobody has set up for a team, the
// analyst names themselves (the window asks, the command line takes --as)
// and the name is kept in the database's settings. On a team server the
// lead has mapped each login to an analyst name (redline server init):
// that name is the analyst's, and no other; the window and the command
// line both ask here, so they cannot disagree.

// settingAnalyst is the settings key of the analyst's name on a file.
const settingAnalyst = "annotator"

// serverIdentity is what the server says about the connected login.
type serverIdentity struct {
	name string // the mapped analyst name; "" when none is in force
	lead bool   // a member of the lead group (or the owner, or a superuser)
	err  error  // a login the lead has not given a name
}

// learnAnalyst asks the server who the connected login codes as.
func (ws *Workspace) learnAnalyst(ctx context.Context) error {
	if !ws.Store.IsServer() {
		return nil
	}
	name, lead, err := ws.Store.ServerAnalyst(ctx)
	if err != nil && !errors.Is(err, storage.ErrNoAnalyst) {
		return err
	}
	ws.server = &serverIdentity{name: name, lead: lead, err: err}
	return nil
}

// mapped reports whether the server names the analyst (a team server).
func (ws *Workspace) mapped() bool {
	return ws.server != nil && (ws.server.name != "" || ws.server.err != nil)
}

// Analyst is who codes in this workspace: on a team server the analyst
// name the lead gave the login (an error naming what the lead must run
// when there is none); elsewhere the name the analyst gave, or "".
func (ws *Workspace) Analyst(ctx context.Context) (string, error) {
	if ws.mapped() {
		return ws.server.name, ws.server.err
	}
	return ws.Store.Setting(ctx, settingAnalyst)
}

// AnalystFixed reports whether the analyst's name comes from the server's
// mapping, so the analyst cannot change it here.
func (ws *Workspace) AnalystFixed() bool { return ws.mapped() }

// SetAnalyst keeps the analyst's name. On a team server the name is the
// lead's mapping: the same name is accepted, another refused.
func (ws *Workspace) SetAnalyst(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if ws.mapped() {
		_, err := ws.As(ctx, name)
		return err
	}
	return ws.Store.SetSetting(ctx, settingAnalyst, name)
}

// As is the analyst a command works as, given --as NAME (or ""). On a
// team server it is the login's mapped name: "" or that name give it,
// another name is refused. Elsewhere it is given, and "" means none.
func (ws *Workspace) As(ctx context.Context, given string) (string, error) {
	given = strings.TrimSpace(given)
	if !ws.mapped() {
		return given, nil
	}
	if ws.server.err != nil {
		return "", ws.server.err
	}
	if given != "" && given != ws.server.name {
		return "", &NotYouError{Given: given, Name: ws.server.name, Database: ws.Store.Path()}
	}
	return ws.server.name, nil
}

// Lead reports whether the login is the project's lead on a team server
// (it sees every code, imports, merges stories, assigns, adjudicates).
// On a file it is false: there the project's lead is named by SetProject.
func (ws *Workspace) Lead() bool { return ws.mapped() && ws.server.lead }

// NotYouError: a command asked to work under a name that is not the
// login's on a team server.
type NotYouError struct {
	Given, Name, Database string
}

func (e *NotYouError) Error() string {
	return fmt.Sprintf("%s: on this server you code as %q (the lead gave your login that name), not as %q; leave out --as, or ask the lead to change the name (redline server init --coder ROLE=NAME --apply)",
		e.Database, e.Name, e.Given)
}

// TeamResult is what ServerInit made: the SQL and whether it was run.
type TeamResult struct {
	SQL      string
	Applied  bool
	Database string // the database as it may be shown
	Name     string // the database's name on its server
}

// ServerInit writes the SQL that sets up a team on the PostgreSQL
// database loc: the lead and coder group roles, a login per member,
// their privileges and the analyst name of each login. With apply it
// also opens the database (creating Redline's tables, as their owner, on
// a new one) and runs the SQL there, all or nothing.
func ServerInit(ctx context.Context, loc string, team storage.Team, apply bool) (TeamResult, error) {
	if !IsServer(loc) {
		return TeamResult{}, fmt.Errorf("%q is not a PostgreSQL database: a team shares a server; give --db postgres://USER@HOST/DATABASE", loc)
	}
	cfg, err := pgx.ParseConfig(loc)
	if err != nil || cfg.Database == "" {
		return TeamResult{}, fmt.Errorf("%s: name the database in the address, e.g. postgres://lead@db.example.org/coding", storage.ServerName(loc))
	}
	team.Database = cfg.Database
	script, err := storage.TeamSQL(team)
	if err != nil {
		return TeamResult{}, err
	}
	res := TeamResult{SQL: script, Database: storage.ServerName(loc), Name: cfg.Database}
	if !apply {
		return res, nil
	}
	ws, err := Open(ctx, loc, false)
	if err != nil {
		return res, err
	}
	defer ws.Close()
	if err := ws.Store.ApplyTeam(ctx, script); err != nil {
		return res, err
	}
	res.Applied = true
	return res, nil
}
