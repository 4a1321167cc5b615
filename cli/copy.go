package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"redline/storage"
	"redline/workspace"
)

// cmdCopy copies a whole database into a new one: a file into a
// PostgreSQL database and back, or between two of a kind. Both ends are
// named: neither defaults to the usual database, so a slip of the
// fingers cannot copy the wrong way.
func cmdCopy(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("copy")
	from := f.String("from", "", "the database to copy: a file, or postgres://user@host/database")
	to := f.String("to", "", "the new file, or empty PostgreSQL database, to copy into")
	dbFlag := f.String("db", db, "not used by copy")
	if err := f.Parse(args); err != nil {
		return err
	}
	switch {
	case len(f.Args()) > 0:
		return usageError{"copy takes no arguments; name the databases with --from and --to"}
	case *dbFlag != "":
		return usageError{"copy does not use --db; name the database to copy with --from and the one to copy into with --to"}
	case *from == "" || *to == "":
		return usageError{"copy needs both --from DB and --to DB (a file, or postgres://user@host/database); neither is taken from your usual database"}
	}
	progress, done := copyProgress(stderr)
	rep, err := workspace.Copy(ctx, *from, *to, progress)
	done()
	if len(rep.Tables) > 0 && (err == nil || errors.Is(err, storage.ErrCopyMismatch)) {
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TABLE\tROWS\tHASH")
		for _, t := range rep.Tables {
			state := "ok"
			if !t.Match() {
				state = fmt.Sprintf("DIFFERS (%d read back)", t.Copied)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\n", t.Table, t.Rows, state)
		}
		tw.Flush()
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("copy interrupted: nothing was kept in %s (a file the copy made is removed); run it again to copy", quoteName(workspace.DisplayName(*to)))
	}
	if err != nil {
		return err
	}
	open := "Open the copy with --db and the address you copied to."
	if !workspace.IsServer(*to) {
		open = fmt.Sprintf("Open the copy with 'redline --db %s'.", quoteName(*to))
	}
	fmt.Fprintf(stdout, "Copied %d rows in %d tables from %s to %s; every table's rows and content hash match. %s\n",
		rep.Rows(), len(rep.Tables), quoteName(workspace.DisplayName(*from)), quoteName(workspace.DisplayName(*to)), open)
	return nil
}

// copyProgress shows, on a terminal, which table a copy is at; elsewhere
// (a script, a log) it shows nothing and the table at the end says all.
// The line it writes is cleared by done.
func copyProgress(stderr io.Writer) (progress func(string, int64), done func()) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil, func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	progress = func(table string, rows int64) {
		fmt.Fprintf(f, "\rcopying %s: %d rows\x1b[K", table, rows)
	}
	return progress, func() { fmt.Fprint(f, "\r\x1b[K") }
}
