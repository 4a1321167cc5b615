package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"redline/workspace"
)

// cmdAssign splits the stories among coders with an overlap sample
// everyone codes, or (with --from) takes in the file a lead handed out.
func cmdAssign(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("assign")
	dbFlag := f.String("db", db, "database file")
	codersFlag := f.String("coders", "", "comma-separated coders")
	overlapFlag := f.String("overlap", "10%", "the sample every coder codes: a share (20%, 0.2) or a count (30)")
	seed := f.Uint64("seed", 1, "seed of the draw (the same seed gives the same assignments)")
	out := f.String("out", "", "also write the assignments to this file, to hand out")
	from := f.String("from", "", "take in an assignments file from the lead")
	replace := f.Bool("replace", false, "draw again, replacing the assignments there are")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"assign takes no arguments (did you mean --coders A,B?)"}
	}
	if *from != "" && *codersFlag != "" {
		return usageError{"assign takes either --coders (to draw) or --from FILE (to take in a file), not both"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	w := bufio.NewWriter(stdout)
	defer w.Flush()

	if *from != "" {
		file, err := os.Open(*from)
		if err != nil {
			return err
		}
		defer file.Close()
		n, problems, err := ws.Store.ImportAssignments(ctx, file, time.Now())
		if err != nil {
			return fmt.Errorf("%s: %w", *from, err)
		}
		for _, p := range problems {
			fmt.Fprintf(w, "warning %s: %s\n", *from, p)
		}
		fmt.Fprintf(w, "Took in %d assignments from %s.\n", n, *from)
		if len(problems) > 0 {
			fmt.Fprintln(w, "Some rows were not taken in: import the articles they name, then take the file in again.")
			return errFailedSilently
		}
		return nil
	}

	var coders []string
	for _, c := range strings.Split(*codersFlag, ",") {
		if c = strings.TrimSpace(c); c != "" {
			coders = append(coders, c)
		}
	}
	if len(coders) == 0 {
		return usageError{"assign needs --coders A,B,... (or --from FILE)"}
	}
	plan := workspace.AssignPlan{Coders: coders, Seed: *seed}
	if err := parseOverlap(*overlapFlag, &plan); err != nil {
		return err
	}
	as, err := ws.Assign(ctx, plan, *replace, time.Now())
	if errors.Is(err, workspace.ErrAssigned) {
		return errors.New("assignments were drawn here already; to draw again add --replace (the coders' codes stay)")
	}
	if err != nil {
		return err
	}
	per, overlap := map[string]int{}, map[int64]bool{}
	for _, a := range as {
		per[a.Coder]++
		if a.Overlap {
			overlap[a.ArticleID] = true
		}
	}
	fmt.Fprintf(w, "Assigned %d stories to %d coders (seed %d); %d are coded by everyone.\n",
		len(overlap)+len(as)-len(overlap)*len(coders), len(coders), *seed, len(overlap))
	for _, c := range slices.Sorted(maps.Keys(per)) {
		fmt.Fprintf(w, "  %s: %d\n", c, per[c])
	}
	if *out != "" {
		if err := writeTarget(*out, func(w io.Writer) error { return ws.Store.ExportAssignments(ctx, w) }); err != nil {
			return err
		}
		fmt.Fprintf(w, "Wrote %s: each coder takes it in with 'redline assign --from %s'.\n", *out, *out)
	}
	return nil
}

// parseOverlap reads "20%" or "0.2" as a share and "30" as a count.
func parseOverlap(s string, p *workspace.AssignPlan) error {
	s = strings.TrimSpace(s)
	bad := usageError{fmt.Sprintf("--overlap %q: give a share (20%% or 0.2) or a count of articles (30)", s)}
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		x, err := strconv.ParseFloat(strings.TrimSpace(pct), 64)
		if err != nil || x < 0 || x > 100 {
			return bad
		}
		p.Overlap = x / 100
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 {
			return bad
		}
		p.OverlapCount = n
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x < 0 || x > 1 {
		return bad
	}
	p.Overlap = x
	return nil
}

type assignedJSON struct {
	Coder        string  `json:"coder"`
	Coded        int     `json:"coded"`
	Total        int     `json:"total"`
	OverlapCoded int     `json:"overlap_coded"`
	OverlapTotal int     `json:"overlap_total"`
	Excluded     int     `json:"excluded"`
	Next         *int64  `json:"next"`
	Articles     []int64 `json:"articles"`
}

// cmdAssigned shows each coder's progress through their assignments.
func cmdAssigned(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("assigned")
	dbFlag := f.String("db", db, "database file")
	coder := f.String("coder", "", "one coder (default: everyone)")
	asJSON := f.Bool("json", false, "print JSON")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"assigned takes no arguments (did you mean --coder NAME?)"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	ps, err := ws.AssignedProgress(ctx, *coder)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []assignedJSON{}
		for _, p := range ps {
			j := assignedJSON{Coder: p.Coder, Coded: p.Coded, Total: p.Total, OverlapCoded: p.OverlapCoded, OverlapTotal: p.OverlapTotal, Excluded: p.Excluded}
			if p.Next != 0 {
				next := p.Next
				j.Next = &next
			}
			for _, a := range p.Articles {
				j.Articles = append(j.Articles, a.ArticleID)
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if len(ps) == 0 {
		who := "anyone"
		if *coder != "" {
			who = strconv.Quote(*coder)
		}
		fmt.Fprintf(w, "Nothing is assigned to %s here. The lead draws assignments with 'redline assign --coders A,B' and hands out the file; take it in with 'redline assign --from FILE'.\n", who)
		return nil
	}
	for _, p := range ps {
		fmt.Fprintf(w, "%s: %d of %d coded (overlap sample: %d of %d)", p.Coder, p.Coded, p.Total, p.OverlapCoded, p.OverlapTotal)
		if p.Excluded > 0 {
			fmt.Fprintf(w, " (%d excluded, not counted)", p.Excluded)
		}
		if p.Next != 0 {
			fmt.Fprintf(w, "; next: %d %s\n", p.Next, cut(p.NextTitle, 60))
		} else {
			fmt.Fprintln(w, "; all coded")
		}
	}
	return nil
}
