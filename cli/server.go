package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"redline/storage"
	"redline/workspace"
)

// members is the repeatable --lead/--coder ROLE=NAME flag of server init.
type members struct {
	list     *[]storage.Member
	needName bool // a coder must have an analyst name; a lead may code or not
}

func (m members) String() string {
	if m.list == nil {
		return ""
	}
	var parts []string
	for _, x := range *m.list {
		parts = append(parts, x.Role+"="+x.Analyst)
	}
	return strings.Join(parts, ",")
}

// Set takes ROLE=NAME (or ROLE alone for a lead who does not code).
func (m members) Set(s string) error {
	role, name, _ := strings.Cut(s, "=")
	role, name = strings.TrimSpace(role), strings.TrimSpace(name)
	if role == "" || (m.needName && name == "") {
		return fmt.Errorf("%q: write ROLE=NAME, the coder's PostgreSQL login and the analyst name their codes carry, e.g. --coder ana=Ana", s)
	}
	*m.list = append(*m.list, storage.Member{Role: role, Analyst: name})
	return nil
}

// cmdServer sets up a team on a PostgreSQL database (init) or says who
// the login codes as (status).
func cmdServer(ctx context.Context, db string, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"server needs init or status: redline server init --db postgres://LEAD@HOST/DATABASE --lead ROLE=NAME --coder ROLE=NAME..."}
	}
	switch args[0] {
	case "init":
		return cmdServerInit(ctx, db, args[1:], stdout)
	case "status":
		return cmdServerStatus(ctx, db, args[1:], stdout)
	}
	return usageError{fmt.Sprintf("server %s: use server init or server status", args[0])}
}

func cmdServerInit(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("server init")
	dbFlag := f.String("db", db, "the team's PostgreSQL database")
	var team storage.Team
	f.Var(members{list: &team.Leads}, "lead", "ROLE[=NAME]: the lead's login and the analyst name they code and adjudicate as (repeatable)")
	f.Var(members{list: &team.Coders, needName: true}, "coder", "ROLE=NAME: a coder's login and the analyst name their codes carry (repeatable)")
	apply := f.Bool("apply", false, "run the SQL on the database (as its owner) instead of printing it")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"server init takes no arguments: give --lead ROLE=NAME and --coder ROLE=NAME for each coder"}
	}
	if len(team.Leads)+len(team.Coders) == 0 {
		return usageError{"server init needs the team: --lead ROLE=NAME and --coder ROLE=NAME for each coder"}
	}
	loc, err := locate(*dbFlag)
	if err != nil {
		return err
	}
	res, err := workspace.ServerInit(ctx, loc, team, *apply)
	if err != nil {
		return err
	}
	if !res.Applied {
		fmt.Fprint(stdout, res.SQL)
		fmt.Fprintf(stdout, "\n-- Nothing was changed. Run this as the database's owner (psql -f FILE), or run\n-- redline server init again with --apply. Redline's own tables are made when the\n-- owner first opens the database with Redline (--apply does that too).\n")
		return nil
	}
	fmt.Fprintf(stdout, "Set up the team on %s: %d lead(s) and %d coder(s), each login in its group, with the analyst name its codes carry:\n",
		res.Database, len(team.Leads), len(team.Coders))
	for _, m := range append(append([]storage.Member{}, team.Leads...), team.Coders...) {
		name := m.Analyst
		if name == "" {
			name = "(no analyst name: does not code)"
		}
		fmt.Fprintf(stdout, "  %-20s %s\n", m.Role, name)
	}
	fmt.Fprintf(stdout, "Next: give each new login a password (psql: \\password ROLE), then each opens Redline with\n  --db postgres://ROLE@HOST/%s  (the password from PGPASSWORD or ~/.pgpass)\nRunning server init again adds logins or changes names; nothing else is touched.\n", res.Name)
	return nil
}

func cmdServerStatus(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("server status")
	dbFlag := f.String("db", db, "the team's PostgreSQL database")
	if err := f.Parse(args); err != nil {
		return err
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	if !ws.Store.IsServer() {
		return fmt.Errorf("%s is a file: it has no logins; a team shares a PostgreSQL database (redline server init)", ws.Store.Path())
	}
	if !ws.AnalystFixed() {
		fmt.Fprintf(stdout, "%s: no coder has an analyst name here yet: each names themselves, as on a file. The lead sets the team up with redline server init.\n", ws.Store.Path())
		return nil
	}
	name, err := ws.Analyst(ctx)
	if err != nil {
		return err
	}
	role := "a coder: you change only your own codes"
	if ws.Lead() {
		role = "the lead: you import, merge stories, assign and adjudicate"
	}
	fmt.Fprintf(stdout, "%s: you code as %s, %s.\n", ws.Store.Path(), name, role)
	if ws.Lead() {
		team, err := ws.Store.Coders(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, "Logins and their analyst names:")
		for _, m := range team {
			fmt.Fprintf(stdout, "  %-20s %s\n", m.Role, m.Analyst)
		}
	}
	return nil
}

// onServer reports whether db (or the default database) is a PostgreSQL
// server, where the login's analyst name may stand in for --as.
func onServer(db string) bool {
	db, _ = locate(db)
	return workspace.IsServer(db)
}
