package workspace

import (
	"context"
	"strings"
)

// Settings of a blind project.
const (
	SettingBlind = "project.blind" // "1" while coders see only their own codes
	SettingLead  = "project.lead"  // the analyst who sees everything
)

// Project is how a project shares its codes.
type Project struct {
	Blind bool   // coders see only their own codes until the lead lifts it
	Lead  string // sees every code, agreement and the disagreements
}

// Project reads the project's settings.
func (ws *Workspace) Project(ctx context.Context) (Project, error) {
	b, err := ws.Store.Setting(ctx, SettingBlind)
	if err != nil {
		return Project{}, err
	}
	lead, err := ws.Store.Setting(ctx, SettingLead)
	if err != nil {
		return Project{}, err
	}
	p := Project{Blind: b == "1", Lead: lead}
	if ws.Lead() && ws.server.name != "" {
		// a team server: the lead's login sees every code (the server
		// shows it them), whatever name the setting holds
		p.Lead = ws.server.name
	}
	return p, nil
}

// SetProject stores the project's settings. A blind project needs a lead.
func (ws *Workspace) SetProject(ctx context.Context, p Project) error {
	p.Lead = strings.TrimSpace(p.Lead)
	if p.Blind && p.Lead == "" {
		return errNoLead
	}
	v := "0"
	if p.Blind {
		v = "1"
	}
	if err := ws.Store.SetSetting(ctx, SettingLead, p.Lead); err != nil {
		return err
	}
	return ws.Store.SetSetting(ctx, SettingBlind, v)
}

// BlindCoder is the analyst whose codes alone this database may show (a
// blind project and an analyst who is not its lead), or "". On a team
// server the analyst is the login's, and the lead's login sees all (the
// server itself hides the others' codes from a coder).
func (ws *Workspace) BlindCoder(ctx context.Context) (string, error) {
	p, err := ws.Project(ctx)
	if err != nil || !p.Blind || ws.Lead() {
		return "", err
	}
	who, err := ws.Analyst(ctx)
	if err != nil {
		return "", err
	}
	return p.OnlyOf(who), nil
}

// SeesAll reports whether analyst may see other coders' codes.
func (p Project) SeesAll(analyst string) bool { return !p.Blind || analyst == p.Lead }

// OnlyOf is the coder whose codes alone analyst may see: "" when they may
// see everyone's; a name no coder has when no analyst is named yet.
func (p Project) OnlyOf(analyst string) string {
	switch {
	case p.SeesAll(analyst):
		return ""
	case analyst == "":
		return "\x00nobody" // no analyst named: nobody's codes
	}
	return analyst
}

type leadError struct{}

func (leadError) Error() string {
	return "a blind project needs a lead who sees every code: name one (--lead NAME)"
}

var errNoLead error = leadError{}
