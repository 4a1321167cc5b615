package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"redline/storage"
	"redline/workspace"
)

func cmdImport(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("import")
	dbFlag := f.String("db", db, "database file")
	columns := columnMap{}
	f.Var(columns, "map", "CSV column=field (repeatable; saved for the next file with the same header)")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) == 0 {
		return usageError{"import needs at least one file or folder"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	sum, err := ws.ImportWith(ctx, f.Args(), workspace.ImportOptions{Columns: columns}, nil)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	for _, o := range sum.Files {
		switch {
		case o.Err != nil:
			fmt.Fprintf(w, "FAILED  %s\n", o.Err.Error())
		default:
			fmt.Fprintf(w, "ok      %s: %d new, %d already stored\n", o.Path, o.Imported, o.Duplicates)
		}
		for _, p := range o.Warnings {
			fmt.Fprintf(w, "warning %s\n", p.Error())
		}
	}
	for _, c := range sum.UnusedColumns {
		fmt.Fprintf(w, "warning --map %s=%s: no CSV file imported has a column %q; check the spelling (the header row's names)\n", c, columns[c], c)
	}
	failed := len(sum.Failed())
	fmt.Fprintf(w, "Imported %d new articles from %d files (%d already stored, %d failed, %d skipped).\n",
		sum.Imported(), len(sum.Files)-failed, sum.Duplicates(), failed, sum.Skipped)
	if sum.Canceled {
		fmt.Fprintln(w, "Cancelled: files read before the cancel are stored.")
		return errFailedSilently
	}
	if failed > 0 {
		fmt.Fprintf(w, "Fix the failed files and import them again; the others are stored.\n")
		return errFailedSilently
	}
	return nil
}

type listRow struct {
	ID        int64  `json:"id"`
	FamilyID  int64  `json:"family_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published,omitempty"`
	Words     int    `json:"words"`
	Coded     bool   `json:"coded"`
}

func cmdList(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("list")
	dbFlag := f.String("db", db, "database file")
	asJSON := f.Bool("json", false, "print JSON")
	search := f.String("search", "", "full-text search")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"list takes no arguments"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	items, err := ws.Store.Articles(ctx, storage.Query{Search: *search})
	if err != nil {
		return err
	}
	rows := make([]listRow, len(items))
	for i, it := range items {
		rows[i] = listRow{ID: it.ID, FamilyID: it.FamilyID, Title: it.Title, Outlet: it.Outlet, Words: it.Words, Coded: it.Coded}
		if !it.PublishedAt.IsZero() {
			rows[i].Published = it.PublishedAt.UTC().Format(time.RFC3339)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFAMILY\tTITLE\tOUTLET\tWORDS")
	for _, r := range rows {
		fam := "-"
		if r.FamilyID != 0 {
			fam = fmt.Sprint(r.FamilyID)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\n", r.ID, fam, cut(r.Title, 70), cut(r.Outlet, 30), r.Words)
	}
	return tw.Flush()
}

func cut(s string, n int) string {
	s = strings.ReplaceAll(s, "\t", " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func cmdExport(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("export")
	dbFlag := f.String("db", db, "database file")
	format := f.String("format", "csv", "csv or jsonl")
	form := f.String("form", "long", "long (one row per code) or wide (one row per article and coder)")
	out := f.String("out", "-", "output file, or - for standard output")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"export takes no arguments; name the file with --out"}
	}
	var csvForm storage.Form
	switch *form {
	case "long":
		csvForm = storage.FormLong
	case "wide":
		csvForm = storage.FormWide
	default:
		return usageError{fmt.Sprintf("--form %q: use long or wide", *form)}
	}
	if *format != "csv" && *format != "jsonl" && *format != "origins" {
		return usageError{fmt.Sprintf("--format %q: use csv, jsonl or origins", *format)}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	write := func(w io.Writer) error {
		if *format == "jsonl" {
			return ws.Store.ExportWebAnnotations(ctx, w)
		}
		if *format == "origins" { // where each article came from: export file, position, database id
			return ws.Store.ExportOrigins(ctx, w)
		}
		return ws.Store.ExportCSV(ctx, w, csvForm, ws.Codebook)
	}
	if *out == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	// write beside the target and rename, so a failed export never leaves
	// half a file where the analyst expects a dataset
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".redline-export-*")
	if err != nil {
		return fmt.Errorf("cannot write in the folder of %s: %w", *out, err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("save %s: %w", *out, err)
	}
	return nil
}

// cmdMerge brings in annotations exported from another Redline (a
// teammate's JSON Lines or long CSV): matched to articles by their text,
// the later change of each annotation wins.
func cmdMerge(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("merge")
	dbFlag := f.String("db", db, "database file")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) == 0 {
		return usageError{"merge needs at least one exported .jsonl or .csv file"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	failed := false
	for _, path := range f.Args() {
		file, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(w, "FAILED  %s: %v\n", path, err)
			failed = true
			continue
		}
		var rep storage.ImportReport
		switch strings.ToLower(filepath.Ext(path)) {
		case ".jsonl", ".ndjson":
			rep, err = ws.Store.ImportWebAnnotations(ctx, file)
		case ".csv":
			rep, err = ws.Store.ImportCSV(ctx, file)
		default:
			err = fmt.Errorf("not a Redline export: use a .jsonl (export --format jsonl) or a long .csv")
		}
		file.Close()
		if err != nil {
			fmt.Fprintf(w, "FAILED  %s: %v\n", path, err)
			failed = true
			continue
		}
		fmt.Fprintf(w, "ok      %s: %d added, %d updated, %d unchanged, %d skipped\n", path, rep.Added, rep.Updated, rep.Unchanged, rep.Skipped)
		for _, p := range rep.Problems {
			fmt.Fprintf(w, "warning %s: %s\n", path, p)
		}
		if rep.Skipped > 0 {
			failed = true
		}
	}
	if failed {
		fmt.Fprintln(w, "Some annotations were not merged: see the lines above, fix them (import the missing articles first) and merge again.")
		return errFailedSilently
	}
	return nil
}
