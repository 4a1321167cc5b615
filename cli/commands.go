package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"redline/ingest"
	"redline/storage"
	"redline/workspace"
)

func cmdImport(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("import")
	dbFlag := f.String("db", db, "database file")
	lim := limitFlags(f, true)
	columns := columnMap{}
	f.Var(columns, "map", "CSV column=field (repeatable; saved for the next file with the same header)")
	if err := f.Parse(args); err != nil {
		return err
	}
	defer lim.apply()()
	if len(f.Args()) == 0 {
		return usageError{"import needs at least one file or folder"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	autoBackup(ctx, ws.Store, stderr)
	sum, importErr := ws.ImportWith(ctx, f.Args(), workspace.ImportOptions{Columns: columns}, nil)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	e := bufio.NewWriter(stderr)
	defer e.Flush()
	for i, o := range sum.Files {
		switch {
		case importErr != nil && i == len(sum.Files)-1:
			fmt.Fprintf(e, "FAILED  %s: the database stopped while storing it (%d of its articles stored)\n", quoteName(o.Path), o.Imported+o.Duplicates)
		case o.Err != nil && o.Imported+o.Duplicates > 0:
			fmt.Fprintf(e, "FAILED  %s (the %d articles read before this are stored)\n", problemLine(*o.Err), o.Imported+o.Duplicates)
		case o.Err != nil:
			fmt.Fprintf(e, "FAILED  %s\n", problemLine(*o.Err))
		default:
			fmt.Fprintf(w, "ok      %s: %d new, %d already stored\n", quoteName(o.Path), o.Imported, o.Duplicates)
		}
		for _, p := range o.Warnings {
			fmt.Fprintf(e, "warning %s\n", problemLine(p))
		}
	}
	for _, c := range sum.UnusedColumns {
		fmt.Fprintf(e, "warning --map %s=%s: no CSV file imported has a column %q; check the spelling (the header row's names)\n", c, columns[c], c)
	}
	failed := len(sum.Failed())
	if importErr != nil {
		// the database failed (full disk, lock, damage): say what is kept
		// and what was not tried
		w.Flush()
		fmt.Fprintf(e, "redline: stopped: %s\n", oneLine(dbReason(importErr)))
		fmt.Fprintf(e, "Stored before it stopped: %d new articles.\n", sum.Imported())
		if rest := notTried(f.Args(), sum); len(rest) > 0 {
			fmt.Fprintf(e, "Not tried: %s.\n", strings.Join(rest, ", "))
		}
		fmt.Fprintln(e, "Fix the cause and import again: what is stored is recognised and not stored twice.")
		return errFailedSilently
	}
	if len(sum.Files) == 0 {
		fmt.Fprintf(e, "redline: nothing to import: no files Redline reads (%s) in %s\n", readable, strings.Join(quoteAll(f.Args()), ", "))
		return errFailedSilently
	}
	fmt.Fprintf(w, "Imported %d new articles from %d files (%d already stored, %d failed, %d skipped).\n",
		sum.Imported(), len(sum.Files)-failed, sum.Duplicates(), failed, sum.Skipped)
	if sum.Canceled {
		fmt.Fprintln(e, "Cancelled: files read before the cancel are stored.")
		return errFailedSilently
	}
	if sum.Imported()+sum.Duplicates() == 0 {
		fmt.Fprintf(e, "redline: nothing to import: no articles were found in %s; see the lines above\n", strings.Join(quoteAll(f.Args()), ", "))
		return errFailedSilently
	}
	if failed > 0 {
		fmt.Fprintf(e, "Fix the failed files and import them again; the others are stored.\n")
		return errFailedSilently
	}
	return nil
}

// readable lists the kinds of file import reads, for messages.
const readable = ".txt, .md, .html, .json, .jsonl, .csv"

// problemLine prints a problem on one line, its file name quoted when it
// holds a line break.
func problemLine(p ingest.Problem) string {
	p.Path = quoteName(p.Path)
	return oneLine(p.Error())
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = quoteName(n)
	}
	return out
}

// notTried lists the paths given to import that no outcome mentions: the
// files after the one where the database stopped. A folder is listed when
// none of its files has an outcome.
func notTried(args []string, sum workspace.Summary) []string {
	done := map[string]bool{}
	for _, o := range sum.Files {
		done[filepath.Clean(o.Path)] = true
	}
	var out []string
	for _, a := range args {
		a = filepath.Clean(a)
		seen := done[a]
		for p := range done {
			if strings.HasPrefix(p, a+string(filepath.Separator)) {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, quoteName(a))
		}
	}
	return out
}

type listRow struct {
	ID        int64  `json:"id"`
	FamilyID  int64  `json:"family_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published,omitempty"`
	Words     int    `json:"words"`
	Coded     bool   `json:"coded"`
	Excluded  bool   `json:"excluded"`
	// ExclusionReason is why the article was set aside, when it was.
	ExclusionReason string `json:"exclusion_reason,omitempty"`
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
		rows[i] = listRow{ID: it.ID, FamilyID: it.FamilyID, Title: it.Title, Outlet: it.Outlet, Words: it.Words, Coded: it.Coded,
			Excluded: it.Excluded, ExclusionReason: it.ExclusionReason}
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

func cmdExport(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("export")
	dbFlag := f.String("db", db, "database file")
	format := f.String("format", "csv", "csv or jsonl")
	form := f.String("form", "long", "long (one row per code), wide (one row per article and coder) or articles (one row per article)")
	out := f.String("out", "-", "output file, or - for standard output")
	withText := f.Bool("with-text", false, "articles form: add each article's text")
	filters := addFilterFlags(f) // cli/dataset.go
	dictDir := f.String("dictionary", "", "write the data dictionary into this folder")
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
	case "articles":
		csvForm = storage.FormArticles
	default:
		return usageError{fmt.Sprintf("--form %q: use long, wide or articles", *form)}
	}
	if *format != "csv" && *format != "jsonl" && *format != "origins" {
		return usageError{fmt.Sprintf("--format %q: use csv, jsonl or origins", *format)}
	}
	if *withText && csvForm != storage.FormArticles {
		return usageError{"--with-text goes with --form articles (the other forms hold codes, not texts)"}
	}
	if *format != "csv" && csvForm == storage.FormArticles {
		return usageError{"--form articles is a CSV form; leave out --format or use --format csv"}
	}
	filter, err := filters.filter()
	if err != nil {
		return err
	}
	if *format == "origins" && !filter.Empty() {
		return usageError{"--format origins lists every article; the filters go with csv and jsonl"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	// a blind project: a coder's export holds only their own codes, as
	// their window shows them (the analyst is the database's, the lead's
	// export holds everyone's)
	if who, err := ws.BlindCoder(ctx); err != nil {
		return err
	} else if who != "" {
		filter.Coders = []string{who}
		fmt.Fprintf(stderr, "note: this project is blind: the export holds only the codes of %s; the lead exports everyone's\n", who)
	}
	write := func(w io.Writer) error {
		if *format == "jsonl" {
			return ws.Store.ExportWebAnnotationsFiltered(ctx, w, filter)
		}
		if *format == "origins" { // where each article came from: export file, position, database id
			return ws.Store.ExportOrigins(ctx, w)
		}
		if csvForm == storage.FormArticles {
			return ws.Store.ExportArticles(ctx, w, filter, *withText)
		}
		return ws.Store.ExportCSVFiltered(ctx, w, csvForm, ws.Codebook, filter)
	}
	if *out == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	} else if err := writeTarget(*out, write); err != nil {
		return err
	}
	if *dictDir != "" && *format != "origins" {
		return writeDictionary(ctx, ws, *dictDir, *out, csvForm, *format, *withText, stderr) // cli/dataset.go
	}
	return nil
}

// cmdMerge brings in annotations exported from another Redline (a
// teammate's JSON Lines or long CSV): matched to articles by their text,
// the later change of each annotation wins; an annotation is never moved
// to another article or annotator.
func cmdMerge(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("merge")
	dbFlag := f.String("db", db, "database file")
	lim := limitFlags(f, false)
	if err := f.Parse(args); err != nil {
		return err
	}
	defer lim.apply()()
	if len(f.Args()) == 0 {
		return usageError{"merge needs at least one exported .jsonl or .csv file, or a teammate's Redline database"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	autoBackup(ctx, ws.Store, stderr)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	e := bufio.NewWriter(stderr)
	defer e.Flush()
	failed, problems, conflicts := false, false, 0
	for i, path := range f.Args() {
		name := quoteName(path)
		rep, err := ws.MergeFile(ctx, path)
		if err != nil && isDBFailure(err) {
			w.Flush()
			fmt.Fprintf(e, "FAILED  %s: %s\n", name, oneLine(dbReason(err)))
			fmt.Fprintf(e, "Stored from %s before it stopped: %d added, %d updated.\n", name, rep.Added, rep.Updated)
			if rest := f.Args()[i+1:]; len(rest) > 0 {
				fmt.Fprintf(e, "Not tried: %s.\n", strings.Join(quoteAll(rest), ", "))
			}
			fmt.Fprintln(e, "Fix the cause and merge again: what is stored is recognised and not stored twice.")
			return errFailedSilently
		}
		if err != nil {
			fmt.Fprintf(e, "FAILED  %s: %s\n", name, oneLine(err.Error()))
			failed = true
			continue
		}
		if rep.Articles+rep.Added+rep.Updated+rep.Unchanged+rep.Skipped == 0 {
			fmt.Fprintf(e, "FAILED  %s: nothing to import: the file holds no annotations\n", name)
			failed = true
			continue
		}
		arts := ""
		if rep.Articles > 0 {
			arts = fmt.Sprintf(" (and %d %s this database lacked)", rep.Articles, map[bool]string{true: "article", false: "articles"}[rep.Articles == 1])
		}
		fmt.Fprintf(w, "ok      %s: %d added, %d updated, %d unchanged, %d skipped%s\n", name, rep.Added, rep.Updated, rep.Unchanged, rep.Skipped, arts)
		for _, p := range rep.Problems {
			fmt.Fprintf(e, "warning %s: %s\n", name, oneLine(p))
		}
		if rep.Skipped > 0 {
			problems = true
		}
		conflicts += rep.Conflicts
	}
	if conflicts > 0 {
		fmt.Fprintf(e, "%d conflicts: lines that would move a stored code to another article or analyst were not applied; the stored codes are kept. Ask whoever made the file.\n", conflicts)
	}
	if problems {
		fmt.Fprintln(e, "Some annotations were not merged: each is named above with its line and reason. Fix those lines (or import their articles first, where that is the reason) and merge again.")
	}
	if failed || problems {
		return errFailedSilently
	}
	return nil
}

// isDBFailure reports whether err is the database failing (a full disk,
// a lock, damage) rather than the file being merged.
func isDBFailure(err error) bool {
	return errors.Is(err, storage.ErrCorrupt) || errors.Is(err, storage.ErrBusy) || errors.Is(err, storage.ErrReadOnly) ||
		errors.Is(err, syscall.ENOSPC) || storage.IsFull(err) || errors.Is(err, context.Canceled)
}

// dbReason words a database failure: a full disk plainly, others as they
// come.
func dbReason(err error) string {
	if storage.IsFull(err) || errors.Is(err, syscall.ENOSPC) {
		return "the disk is full: free some space"
	}
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return err.Error()
}
