package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"redline/storage"
)

// cmdImports lists the imports, each a batch that can be removed again.
func cmdImports(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("imports")
	dbFlag := f.String("db", db, "database file")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"imports takes no arguments"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	batches, err := ws.Store.ImportBatches(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "IMPORTED\tARTICLES\tCODED\tFIRST FILE")
	for _, b := range batches {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", b.At.UTC().Format(time.RFC3339Nano), b.Articles, b.Coded, cut(quoteName(b.Example), 60))
	}
	return tw.Flush()
}

// cmdRemoveImport removes the articles of one import, refusing when any
// carries a code.
func cmdRemoveImport(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("remove-import")
	dbFlag := f.String("db", db, "database file")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 1 {
		return usageError{"remove-import needs the time of one import, as 'redline imports' prints it"}
	}
	at, err := time.Parse(time.RFC3339Nano, f.Args()[0])
	if err != nil {
		return usageError{fmt.Sprintf("%q is not an import time: copy it from 'redline imports'", f.Args()[0])}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	autoBackup(ctx, ws.Store, io.Discard)
	n, err := ws.Store.RemoveImport(ctx, at)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("no import started at %s; 'redline imports' lists them", f.Args()[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Removed the %d articles of the import of %s.\n", n, f.Args()[0])
	return nil
}
