package storage

// Who may do what on a team server. Each coder logs in as their own
// PostgreSQL role; the table coder (pgmigrations/0003_roles.sql) maps it to
// the analyst name their codes carry. The server enforces the rules
// (row-level security and table privileges); this file reads who the
// connection is, words the server's refusals for an analyst, and writes
// the SQL that sets up the roles.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The group roles of a team server: the lead's (imports, merges stories,
// assigns, adjudicates, sees every code) and the coders'.
const (
	LeadGroup  = "redline_lead"
	CoderGroup = "redline_coder"
)

// ErrNotAllowed: the server refused a change the connected role may not
// make. Nothing of that change was saved.
var ErrNotAllowed = errors.New("not allowed for this login")

// ErrNoAnalyst: the connected role has no analyst name on a team server.
var ErrNoAnalyst = errors.New("login has no analyst name")

// NoAnalystError says which login lacks an analyst name, and what the
// lead must run to give it one.
type NoAnalystError struct {
	Role     string // the PostgreSQL role connected
	Database string // the database as it may be shown
}

func (e *NoAnalystError) Error() string {
	// the lead runs it logged in as themselves
	db := e.Database
	if i := strings.Index(db, "@"); i >= 0 && strings.HasPrefix(db, "postgres://") {
		db = "postgres://LEAD" + db[i:]
	}
	return fmt.Sprintf("%s: your login %q has no analyst name on this server, so Redline cannot tell whose codes are yours; ask the project lead to run: redline server init --db %s --coder %s=YOUR_NAME --apply",
		e.Database, e.Role, db, e.Role)
}

func (e *NoAnalystError) Unwrap() error { return ErrNoAnalyst }

// ServerAnalyst returns the analyst name the lead mapped the connected
// role to, and whether the role is the project's lead. On a file, and on
// a server where no coder is mapped yet or for a superuser without a
// mapping, name is "" and err nil: the analyst names themselves there, as
// on a file. A role with no mapping on a server that maps others gets a
// *NoAnalystError.
func (s *Store) ServerAnalyst(ctx context.Context) (name string, lead bool, err error) {
	if !s.pg {
		return "", false, nil
	}
	var role string
	var analyst sql.NullString
	var super, owner bool
	var mapped int
	err = s.read.QueryRowContext(ctx, `SELECT current_user, redline_analyst(), redline_is_lead(),
			coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),
			coalesce((SELECT tableowner = current_user FROM pg_tables
			          WHERE schemaname = current_schema() AND tablename = 'annotation'), false),
			(SELECT count(*) FROM coder)`).Scan(&role, &analyst, &lead, &super, &owner, &mapped)
	if err != nil {
		return "", false, fmt.Errorf("%s: read who this login codes as: %w", s.path, err)
	}
	// the owner and superusers are not bound by row-level security: they
	// see every code, as the lead does
	lead = lead || super || owner
	if analyst.Valid {
		return analyst.String, lead, nil
	}
	if mapped == 0 || super || owner {
		return "", lead, nil
	}
	return "", lead, &NoAnalystError{Role: role, Database: s.path}
}

// tableRE finds the table a PostgreSQL refusal names.
var tableRE = regexp.MustCompile(`table "?([A-Za-z_][A-Za-z0-9_]*)"?`)

// leadWork says, per table, what only the lead may change.
var leadWork = map[string]string{
	"article":           "articles are imported, edited and excluded by the project lead",
	"article_origin":    "articles are imported by the project lead",
	"article_key":       "articles are imported and grouped into stories by the project lead",
	"article_exclusion": "articles are excluded from the analysis by the project lead",
	"relation":          "articles are imported and compared by the project lead",
	"capture":           "web pages are captured by the project lead",
	"watch":             "watched pages and feeds are kept by the project lead",
	"csv_mapping":       "CSV imports are the project lead's",
	"family":            "stories are merged and split by the project lead",
	"assignment":        "articles are assigned to coders by the project lead",
	"codebook":          "the codebook is changed by the project lead",
	"source":            "the list of sources is kept by the project lead",
	"coder":             "the coders' analyst names are kept by the project lead",
	"schema_migrations": "the database's schema is updated by its owner",
}

// ownWork says, per table under row-level security, what a coder may
// change there.
var ownWork = map[string]string{
	"annotation":           "you may save and change only codes under your own analyst name, and only the project lead adjudicates; a code of another coder is theirs to change",
	"history":              "you may change only your own undo history",
	"suggestion_rejection": "you may change only your own rejected suggestions",
	"story_seen":           "you may mark only your own seen stories",
	"setting":              "the project's settings (blind coding, its lead) are changed by the project lead",
}

// deniedError is the server's refusal of a change, worded for an analyst.
type deniedError struct {
	role string
	pe   *pgconn.PgError
}

func (e *deniedError) Error() string {
	table := ""
	if m := tableRE.FindStringSubmatch(e.pe.Message); m != nil {
		table = m[1]
	}
	why := leadWork[table]
	if strings.Contains(e.pe.Message, "row-level security") {
		if w, ok := ownWork[table]; ok {
			why = w
		}
	}
	if why == "" {
		why = "this change is the project lead's to make (" + e.pe.Message + ")"
	}
	return fmt.Sprintf("the server refused it, nothing of it was saved: %s (you are logged in as %q). Ask the project lead to do it, or to make you a lead (redline server init --lead %s=YOUR_NAME --apply)",
		why, e.role, e.role)
}

func (e *deniedError) Unwrap() []error { return []error{ErrNotAllowed, e.pe} }

// denied words a refusal by the server (insufficient privilege, a row a
// policy does not allow) for an analyst; other errors pass unchanged.
func denied(role string, err error) error {
	var pe *pgconn.PgError
	if err == nil || !errors.As(err, &pe) || pe.Code != "42501" {
		return err
	}
	var de *deniedError
	if errors.As(err, &de) {
		return err
	}
	return &deniedError{role: role, pe: pe}
}

// Member is one login of a team: a PostgreSQL role and the analyst name
// its codes carry ("" for a lead who does not code).
type Member struct {
	Role, Analyst string
}

// Team is what `redline server init` sets up on one database.
type Team struct {
	Database string   // the database the logins may connect to
	Leads    []Member // members of LeadGroup
	Coders   []Member // members of CoderGroup
}

// tables a coder writes, each row under row-level security
var coderWrites = []string{"annotation", "history", "suggestion_rejection", "story_seen", "setting"}

// Check reports the first problem with the team: a role named twice with
// different names, an analyst name given to two roles, a name too long.
func (t Team) Check() error {
	if t.Database == "" {
		return errors.New("the team needs a database: give --db postgres://USER@HOST/DATABASE")
	}
	roles := map[string]string{}
	names := map[string]string{}
	for _, m := range slices.Concat(t.Leads, t.Coders) {
		if m.Role == "" || len(m.Role) > 63 {
			return fmt.Errorf("%q: a role name has 1 to 63 characters", m.Role)
		}
		if m.Role == LeadGroup || m.Role == CoderGroup {
			return fmt.Errorf("%q is the name of a group role Redline makes; give each person a login of their own", m.Role)
		}
		if len([]rune(m.Analyst)) > 80 {
			return fmt.Errorf("%q: an analyst name has at most 80 characters", m.Analyst)
		}
		if prev, ok := roles[m.Role]; ok && prev != m.Analyst && prev != "" && m.Analyst != "" {
			return fmt.Errorf("the role %s is given two analyst names, %q and %q; give it one", m.Role, prev, m.Analyst)
		}
		if m.Analyst != "" {
			roles[m.Role] = m.Analyst
			if other, ok := names[m.Analyst]; ok && other != m.Role {
				return fmt.Errorf("the analyst name %q is given to two roles, %s and %s; each coder codes under a name of their own", m.Analyst, other, m.Role)
			}
			names[m.Analyst] = m.Role
		} else if _, ok := roles[m.Role]; !ok {
			roles[m.Role] = ""
		}
	}
	if len(roles) == 0 {
		return errors.New("name the lead and the coders: --lead ROLE=NAME --coder ROLE=NAME ...")
	}
	return nil
}

func ident(s string) string { return pgx.Identifier{s}.Sanitize() }

func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// TeamSQL is the SQL that sets up the team on its database: the group
// roles, a login per member (made without a password when missing), their
// privileges, and the coder table that maps each login to an analyst
// name. It is run by the database's owner (the role that first opened it
// with Redline), or a superuser where logins must be made; running it
// again is harmless and grants on tables a newer Redline added.
func TeamSQL(t Team) (string, error) {
	if err := t.Check(); err != nil {
		return "", err
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("-- Redline team server: roles and privileges for the database %s.", ident(t.Database))
	w("-- Run as the database's owner (or a superuser, where logins are made).")
	w("-- Running it again is harmless. Give each new login a password in psql:")
	w("-- \\password ROLE")
	w("")
	w("-- the group roles: the lead's and the coders'")
	for _, g := range []string{LeadGroup, CoderGroup} {
		w("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s NOLOGIN; END IF; END $$;", literal(g), ident(g))
	}
	w("")
	w("-- a login per person, in its group; only they connect to this database")
	w("REVOKE CONNECT ON DATABASE %s FROM PUBLIC;", ident(t.Database))
	done := map[string]bool{}
	member := func(m Member, group string) {
		key := m.Role + "\x00" + group
		if done[key] {
			return
		}
		done[key] = true
		w("DO $$ BEGIN")
		w("\tIF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s LOGIN; END IF;", literal(m.Role), ident(m.Role))
		w("\tIF NOT pg_has_role(%s, %s, 'MEMBER') THEN GRANT %s TO %s; END IF;", literal(m.Role), literal(group), ident(group), ident(m.Role))
		w("END $$;")
		w("GRANT CONNECT ON DATABASE %s TO %s;", ident(t.Database), ident(m.Role))
	}
	for _, m := range t.Leads {
		member(m, LeadGroup)
	}
	for _, m := range t.Coders {
		member(m, CoderGroup)
	}
	w("")
	w("-- what each group may do; row-level security (Redline's schema) narrows")
	w("-- a coder's writes to rows under their own analyst name")
	w("GRANT USAGE ON SCHEMA public TO %s, %s;", LeadGroup, CoderGroup)
	w("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s;", LeadGroup)
	w("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %s, %s;", LeadGroup, CoderGroup)
	w("GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s;", CoderGroup)
	w("GRANT INSERT, UPDATE, DELETE ON %s TO %s;", strings.Join(coderWrites, ", "), CoderGroup)
	w("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %s;", LeadGroup)
	w("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO %s;", CoderGroup)
	w("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %s, %s;", LeadGroup, CoderGroup)
	w("")
	w("-- who codes as whom: the analyst name each login's codes carry")
	mapped := map[string]bool{}
	for _, m := range slices.Concat(t.Leads, t.Coders) {
		if m.Analyst == "" || mapped[m.Role] {
			continue
		}
		mapped[m.Role] = true
		// the name moves to this login if another had it
		w("DELETE FROM coder WHERE analyst = %s AND role <> %s;", literal(m.Analyst), literal(m.Role))
		w("INSERT INTO coder (role, analyst) VALUES (%s, %s) ON CONFLICT (role) DO UPDATE SET analyst = excluded.analyst;", literal(m.Role), literal(m.Analyst))
	}
	return b.String(), nil
}

// ApplyTeam runs TeamSQL's statements in one transaction: all of it is
// set up, or none.
func (s *Store) ApplyTeam(ctx context.Context, script string) error {
	if !s.pg {
		return fmt.Errorf("%s is a file: roles and their rights are a PostgreSQL server's; give --db postgres://USER@HOST/DATABASE", s.path)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return serverError(s.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, rawSQL+script); err != nil {
		if pgCode(err) == "42501" {
			var pe *pgconn.PgError
			errors.As(err, &pe)
			return fmt.Errorf("%s: the server refused to set up the team (%s), nothing was changed: run it as the database's owner, or where logins must be made as a superuser or a role with CREATEROLE (print the SQL without --apply and run it with psql -f): %w",
				s.path, pe.Message, ErrNotAllowed)
		}
		return fmt.Errorf("%s: set up the team: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: set up the team: %w", s.path, err)
	}
	return nil
}

// Coders lists the logins the lead has mapped to analyst names.
func (s *Store) Coders(ctx context.Context) ([]Member, error) {
	if !s.pg {
		return nil, nil
	}
	rows, err := s.read.QueryContext(ctx, "SELECT role, analyst FROM coder ORDER BY analyst")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.Role, &m.Analyst); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
