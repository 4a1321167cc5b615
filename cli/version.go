package cli

import (
	"context"
	"fmt"
	"io"

	"redline/version"
	"redline/workspace"
)

// cmdVersion prints this Redline's version, commit and build date; with
// --db it also says which Redline created that database and which last
// wrote it.
func cmdVersion(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("version")
	dbFlag := f.String("db", db, "database file")
	if err := f.Parse(args); err != nil {
		return err
	}
	db = *dbFlag
	if len(f.Args()) > 0 {
		return usageError{"version takes no arguments"}
	}
	if db == "" {
		fmt.Fprint(stdout, version.Get().Long())
		return nil
	}
	a, err := workspace.AboutDatabase(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, a.String())
	return nil
}
