package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"redline/storage"
	"redline/workspace"
)

// articleIDs reads the article ids given as arguments.
func articleIDs(cmd string, args []string) ([]int64, error) {
	if len(args) == 0 {
		return nil, usageError{fmt.Sprintf("%s needs at least one article id (see 'redline list')", cmd)}
	}
	ids := make([]int64, 0, len(args))
	for _, s := range args {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, usageError{fmt.Sprintf("%q is not an article id (see 'redline list')", s)}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// cmdExclude sets articles aside from the analysis with a reason.
func cmdExclude(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("exclude")
	dbFlag := f.String("db", db, "database file")
	reason := f.String("reason", "", "why the articles are set aside (required)")
	if err := f.Parse(args); err != nil {
		return err
	}
	ids, err := articleIDs("exclude", f.Args())
	if err != nil {
		return err
	}
	if strings.TrimSpace(*reason) == "" {
		return usageError{"exclude needs --reason TEXT: say why the articles are set aside (it goes into the exports)"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	n, err := ws.Exclude(ctx, ids, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Excluded %d articles (%d were already excluded; their reason is now this one). They keep their codes; 'redline include ID...' takes them back.\n",
		len(ids), len(ids)-n)
	return nil
}

// cmdInclude takes excluded articles back into the analysis.
func cmdInclude(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("include")
	dbFlag := f.String("db", db, "database file")
	if err := f.Parse(args); err != nil {
		return err
	}
	ids, err := articleIDs("include", f.Args())
	if err != nil {
		return err
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	n, err := ws.Include(ctx, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Included %d articles again (%d were not excluded).\n", n, len(ids)-n)
	return nil
}

// optString is a string flag that knows whether it was given.
type optString struct{ v *string }

func (o *optString) String() string {
	if o == nil || o.v == nil {
		return ""
	}
	return *o.v
}

func (o *optString) Set(s string) error {
	o.v = &s
	return nil
}

// cmdEdit corrects an article's title, outlet, date or address.
func cmdEdit(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("edit")
	dbFlag := f.String("db", db, "database file")
	var title, outlet, date, link optString
	f.Var(&title, "title", "the headline")
	f.Var(&outlet, "outlet", "the outlet")
	f.Var(&date, "date", "publication date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC); \"\" for unknown")
	f.Var(&link, "url", "the article's web address; \"\" for none")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 1 {
		return usageError{"edit takes one article id (see 'redline list') and the fields to change"}
	}
	ids, err := articleIDs("edit", f.Args())
	if err != nil {
		return err
	}
	if title.v == nil && outlet.v == nil && date.v == nil && link.v == nil {
		return usageError{"edit: nothing to change; give --title, --outlet, --date or --url"}
	}
	if date.v != nil {
		if _, err := workspace.ParseDate(*date.v); err != nil {
			return usageError{"--date: " + err.Error()}
		}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	a, err := ws.EditArticle(ctx, ids[0], workspace.ArticleFields{Title: title.v, Outlet: outlet.v, URL: link.v, Date: date.v})
	if err != nil {
		return err
	}
	pub := "unknown"
	if !a.PublishedAt.IsZero() {
		pub = a.PublishedAt.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(stdout, "Article %d now reads:\n  title:     %s\n  outlet:    %s\n  published: %s\n  url:       %s\n",
		a.ID, a.Title, a.Outlet, pub, a.URL)
	return nil
}

// repeated is a flag that may be given several times; split, when set,
// also splits each value at commas.
type repeated struct {
	vals  []string
	split bool
}

func (r *repeated) String() string { return strings.Join(r.vals, ",") }

func (r *repeated) Set(s string) error {
	parts := []string{s}
	if r.split {
		parts = strings.Split(s, ",")
	}
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			r.vals = append(r.vals, p)
		}
	}
	return nil
}

// filterFlags are export's row filters.
type filterFlags struct {
	from, to        *string
	outlets         repeated
	stories, coders repeated
	excludeExcluded *bool
}

func addFilterFlags(f *flags) *filterFlags {
	ff := &filterFlags{stories: repeated{split: true}, coders: repeated{split: true}}
	ff.from = f.String("from", "", "first publication day, YYYY-MM-DD (UTC)")
	ff.to = f.String("to", "", "last publication day, YYYY-MM-DD (UTC)")
	f.Var(&ff.outlets, "outlet", "only this outlet (repeatable)")
	f.Var(&ff.stories, "story", "only this story's articles, by family id (repeatable)")
	f.Var(&ff.coders, "coder", "only this analyst's codes (repeatable)")
	ff.excludeExcluded = f.Bool("exclude-excluded", false, "leave out the articles set aside with 'redline exclude'")
	return ff
}

// filter reads the flags into the storage filter, or a usage error.
func (ff *filterFlags) filter() (storage.ExportFilter, error) {
	var out storage.ExportFilter
	day := func(name, s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		if err != nil {
			return t, usageError{fmt.Sprintf("--%s %q: write the day as YYYY-MM-DD, e.g. 2024-05-01", name, s)}
		}
		return t, nil
	}
	var err error
	if out.From, err = day("from", *ff.from); err != nil {
		return out, err
	}
	if out.To, err = day("to", *ff.to); err != nil {
		return out, err
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		return out, usageError{fmt.Sprintf("--from %s is after --to %s: no day is in between", *ff.from, *ff.to)}
	}
	out.Outlets = ff.outlets.vals
	for _, s := range ff.stories.vals {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return out, usageError{fmt.Sprintf("--story %q is not a story id (see 'redline versions' or the family column of 'redline list')", s)}
		}
		out.Stories = append(out.Stories, id)
	}
	out.Coders = ff.coders.vals
	out.ExcludeExcluded = *ff.excludeExcluded
	return out, nil
}

// writeDictionary writes the data dictionary of an export into dir, named
// after the export file (redline-export when it went to standard output),
// and says where on stderr (standard output may hold the export).
func writeDictionary(ctx context.Context, ws *workspace.Workspace, dir, out string, form storage.Form, format string, withText bool, stderr io.Writer) error {
	stem := "redline-export"
	if out != "-" {
		stem = strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	}
	wide := ""
	if form == storage.FormWide && format == "csv" && out != "-" {
		wide = out
		if absOut, err := filepath.Abs(out); err == nil {
			wide = absOut
			if absDir, err := filepath.Abs(dir); err == nil {
				if rel, err := filepath.Rel(absDir, absOut); err == nil {
					wide = filepath.ToSlash(rel)
				}
			}
		}
	}
	if format == "jsonl" {
		form = storage.FormLong // the JSON Lines fields are the long form's
	}
	files, err := ws.WriteDictionary(ctx, dir, stem, form, withText, wide)
	if err != nil {
		return fmt.Errorf("the export is written, but not its data dictionary: %w", err)
	}
	fmt.Fprintf(stderr, "Data dictionary: %s (variables and value labels), %s (SPSS), %s (R), %s (methods appendix)\n",
		quoteName(files.CSV), quoteName(files.SPSS), quoteName(files.R), quoteName(files.Appendix))
	if wide == "" {
		fmt.Fprintln(stderr, "The SPSS and R files read the wide form: export it with --form wide --out wide.csv beside them.")
	}
	return nil
}

// cmdCodebook prints the codebook in force as a methods appendix.
func cmdCodebook(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("codebook")
	dbFlag := f.String("db", db, "database file")
	appendix := f.Bool("appendix", false, "the codebook as a methods appendix in Markdown, with its version history")
	out := f.String("out", "-", "output file, or - for standard output")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"codebook takes no arguments; name the file with --out"}
	}
	if !*appendix {
		return usageError{"codebook needs --appendix (the methods appendix is what it writes)"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	text, err := ws.MethodsAppendix(ctx)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	}
	if *out == "-" {
		return write(stdout)
	}
	return writeTarget(*out, write)
}

// valueMap is recode's repeatable --map DIMENSION.OLD=NEW flag.
type valueMap map[string]map[string]string

func (m valueMap) String() string { return fmt.Sprint(map[string]map[string]string(m)) }

func (m valueMap) Set(s string) error {
	for _, pair := range strings.Split(s, ",") {
		left, to, ok := strings.Cut(pair, "=")
		dim, from, ok2 := strings.Cut(strings.TrimSpace(left), ".")
		to = strings.TrimSpace(to)
		if !ok || !ok2 || dim == "" || from == "" || to == "" {
			return fmt.Errorf("%q: write DIMENSION.OLD=NEW, for example --map tone.unclear=mixed", pair)
		}
		if m[dim] == nil {
			m[dim] = map[string]string{}
		}
		m[dim][from] = to
	}
	return nil
}

// cmdRecode rewrites codes of one codebook version as values of another.
func cmdRecode(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("recode")
	dbFlag := f.String("db", db, "database file")
	from := f.Int("from", 0, "the codebook version the codes were made under")
	to := f.Int("to", 0, "the version to recode them to (default: the one in force)")
	as := f.String("as", "", "who recodes: the step goes into this analyst's undo history")
	dry := f.Bool("dry-run", false, "say what would change; change nothing")
	m := valueMap{}
	f.Var(m, "map", "DIMENSION.OLD=NEW: where an old value goes (repeatable)")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"recode takes no arguments; give --from VERSION"}
	}
	if *from <= 0 {
		return usageError{"recode needs --from VERSION: the codebook version the codes were made under ('redline codebook --appendix' lists the versions)"}
	}
	if !*dry && strings.TrimSpace(*as) == "" && !onServer(*dbFlag) {
		return usageError{"recode needs --as NAME (whose undo history keeps the step), or --dry-run to see what would change"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	// on a team server the login's analyst name; elsewhere --as
	if *as, err = ws.As(ctx, *as); err != nil && !*dry {
		return err
	}
	if !*dry && *as == "" {
		return usageError{"recode needs --as NAME (whose undo history keeps the step), or --dry-run to see what would change"}
	}
	rep, err := ws.Recode(ctx, workspace.RecodeOptions{From: *from, To: *to, Map: m, As: strings.TrimSpace(*as), DryRun: *dry})
	if err != nil {
		return err
	}
	verb := "Recoded"
	if rep.DryRun {
		verb = "Would recode"
	}
	fmt.Fprintf(stdout, "%s %d of the %d codes made under %s version %d to version %d.\n", verb, rep.Changed, rep.UnderFromCode, rep.Codebook, rep.From, rep.To)
	for _, mv := range rep.Moves {
		merged := ""
		if mv.Merged > 0 {
			merged = fmt.Sprintf(" (%d removed: the coder already had %s there)", mv.Merged, mv.To)
		}
		fmt.Fprintf(stdout, "  %s: %s -> %s  %d codes%s  [%s]\n", mv.Dimension, mv.From, mv.To, mv.Codes, merged, mv.Why)
	}
	for _, u := range rep.Unmapped {
		fmt.Fprintf(stdout, "  no mapping: %s: %s  %d codes keep this value, which version %d does not have; map it with --map %s.%s=VALUE\n",
			u.Dimension, u.Value, u.Codes, rep.To, u.Dimension, u.Value)
	}
	dims := make([]string, 0, len(rep.DroppedCodes))
	for d := range rep.DroppedCodes {
		dims = append(dims, d)
	}
	slices.Sort(dims)
	for _, d := range dims {
		fmt.Fprintf(stdout, "  no mapping: the dimension %s is not in version %d; its %d codes are kept as they are\n", d, rep.To, rep.DroppedCodes[d])
	}
	if !rep.DryRun && rep.Changed > 0 {
		fmt.Fprintf(stdout, "One step in %s's history: 'redline undo --as %s' takes it back.\n", *as, *as)
	}
	return nil
}

// cmdUndo takes back an analyst's latest change (a recoding, or a change
// made in the window).
func cmdUndo(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("undo")
	dbFlag := f.String("db", db, "database file")
	as := f.String("as", "", "whose latest change to take back")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 || strings.TrimSpace(*as) == "" && !onServer(*dbFlag) {
		return usageError{"undo needs --as NAME: the analyst whose latest change to take back"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	// on a team server the login's analyst name; elsewhere --as
	if *as, err = ws.As(ctx, *as); err != nil {
		return err
	} else if *as == "" {
		return usageError{"undo needs --as NAME: the analyst whose latest change to take back"}
	}
	c, err := ws.Undo(ctx, *as, time.Now())
	if err != nil {
		return err
	}
	if c.Seq == 0 {
		fmt.Fprintf(stdout, "Nothing to undo: %s has no change left in the history.\n", *as)
		return nil
	}
	fmt.Fprintf(stdout, "Undone: %s (%d codes back as they were).\n", c.Label, len(c.Before.Annotations))
	return nil
}
