package cli

import (
	"context"
	"fmt"
	"io"

	"redline/storage"
	"redline/workspace"
)

// dbPath is the database file a command names, or the default one. The
// commands that use it work on the file itself (check, recover, restore):
// a PostgreSQL database is refused, naming the server's own tools.
func dbPath(db string) (string, error) {
	db, err := locate(db)
	if err != nil {
		return "", err
	}
	if workspace.IsServer(db) {
		return "", fmt.Errorf("%s is a PostgreSQL database, and this command works on a database file; the server checks and backs up its own data (pg_amcheck, pg_dump), and 'redline copy --from %s --to FILE.db' makes a Redline file of it",
			workspace.DisplayName(db), workspace.DisplayName(db))
	}
	return db, nil
}

// cmdCheck runs the full integrity check on the database without writing
// to it.
func cmdCheck(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("check")
	dbFlag := f.String("db", db, "database file")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"check takes no arguments; name the database with --db"}
	}
	path, err := dbPath(*dbFlag)
	if err != nil {
		return err
	}
	rep, err := storage.Check(ctx, path)
	if err != nil {
		return err
	}
	if len(rep.Problems) == 0 {
		fmt.Fprintf(stdout, "ok      %s is sound: %d articles, %d annotations\n", quoteName(path), rep.Articles, rep.Annotations)
		return nil
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(stderr, "damage  %s\n", oneLine(p))
	}
	fmt.Fprintf(stderr, "redline: %s is damaged (%d problems above); Redline will not write to it. "+
		"Restore a backup ('redline restore FILE'), or copy what can still be read into a new file ('redline recover --to NEW.db').\n",
		quoteName(path), len(rep.Problems))
	return errFailedSilently
}

// cmdRecover copies what can be read of a damaged database into a new
// file.
func cmdRecover(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("recover")
	dbFlag := f.String("db", db, "database file to recover from")
	to := f.String("to", "", "new database file to copy into")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 || *to == "" {
		return usageError{"recover needs --to NEW.db, a new file to copy what can be read into"}
	}
	path, err := dbPath(*dbFlag)
	if err != nil {
		return err
	}
	counts, err := storage.Recover(ctx, path, *to)
	if err != nil {
		return err
	}
	lost := 0
	for _, c := range counts {
		fmt.Fprintf(stdout, "%-12s %d copied", c.Table, c.Copied)
		if c.Unreadable > 0 {
			fmt.Fprintf(stdout, ", %d unreadable", c.Unreadable)
			lost += c.Unreadable
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "Recovered into %s. Check it with 'redline --db %s list', then use it in place of the damaged file.\n",
		quoteName(*to), quoteName(*to))
	if lost > 0 {
		fmt.Fprintf(stderr, "%d rows could not be read; a backup may still hold them ('redline restore FILE').\n", lost)
	}
	return nil
}
