package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// cmdAdjudicate stores a lead's final value for codes that differ.
func cmdAdjudicate(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("adjudicate")
	dbFlag := f.String("db", db, "database file")
	lead := f.String("as", "", "your name, as the adjudicator")
	settles := f.String("settles", "", "comma-separated ids of the codes to settle (from 'redline agree --differences')")
	note := f.String("note", "", "why this value")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 1 {
		return usageError{"adjudicate takes the final value, e.g. adjudicate --as lea --settles ID,ID unfavourable"}
	}
	if strings.TrimSpace(*lead) == "" && !onServer(*dbFlag) {
		return usageError{"adjudicate needs --as YOUR_NAME"}
	}
	var ids []string
	for _, id := range strings.Split(*settles, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return usageError{"adjudicate needs --settles ID,ID (the codes 'redline agree --differences' lists)"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	// on a team server the login's analyst name; elsewhere --as
	if *lead, err = ws.As(ctx, *lead); err != nil {
		return err
	} else if *lead == "" {
		return usageError{"adjudicate needs --as YOUR_NAME"}
	}
	a, err := ws.Adjudicate(ctx, *lead, ids, f.Args()[0], *note, time.Now())
	if err != nil {
		return err
	}
	what := a.Dimension
	if a.Target != "" {
		what += "/" + a.Target
	}
	fmt.Fprintf(stdout, "Settled %s on article %d as %s (code %s, settling %s). Adjudicating again changes it; the window's Undo, working as %s, takes it back.\n",
		what, a.ArticleID, a.Value, a.ID, strings.Join(a.SettledIDs(), ", "), *lead)
	return nil
}
