package cli

import (
	"context"
	"fmt"
	"io"
)

// cmdProject shows or sets how the project shares codes.
func cmdProject(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("project")
	dbFlag := f.String("db", db, "database file")
	blind := f.String("blind", "", "on: coders see only their own codes; off: everyone sees every code")
	lead := f.String("lead", "", "the analyst who sees every code, agreement and disagreements")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"project takes no arguments: use --blind on|off and --lead NAME"}
	}
	if *blind != "" && *blind != "on" && *blind != "off" {
		return usageError{fmt.Sprintf("--blind %q: use on or off", *blind)}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	p, err := ws.Project(ctx)
	if err != nil {
		return err
	}
	if *blind != "" || *lead != "" {
		if *blind != "" {
			p.Blind = *blind == "on"
		}
		if *lead != "" {
			p.Lead = *lead
		}
		if err := ws.SetProject(ctx, p); err != nil {
			return err
		}
	}
	if p.Blind {
		fmt.Fprintf(stdout, "Blind: each coder sees only their own codes; %s (the lead) sees everything.\n", p.Lead)
	} else {
		fmt.Fprintln(stdout, "Open: every coder sees every code.")
	}
	return nil
}
