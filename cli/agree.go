package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"redline/agree"
	"redline/workspace"
)

// agreeJSON is the shape of `redline agree --json`, a contract scripts
// read: null where a figure does not exist, with the reason beside it.
type agreeJSON struct {
	Variables   []agreeVariable   `json:"variables"`
	Pairs       []agreePair       `json:"pairs"`
	Spans       []agreeSpan       `json:"spans"`
	Differences []agreeDifference `json:"differences,omitempty"` // with --differences only
}

type agreeDifference struct {
	Dimension string      `json:"dimension"`
	Target    string      `json:"target"`
	ArticleID int64       `json:"article_id"`
	SpanStart *int        `json:"span_start_rune,omitempty"`
	SpanEnd   *int        `json:"span_end_rune,omitempty"`
	Codes     []agreeCode `json:"codes"`
}

type agreeCode struct {
	Coder        string `json:"coder"`
	Value        string `json:"value"`
	AnnotationID string `json:"annotation_id,omitempty"`
	Note         string `json:"note,omitempty"`
}

type agreeVariable struct {
	Dimension        string   `json:"dimension"`
	Target           string   `json:"target"`
	Level            string   `json:"level"`
	Alpha            *float64 `json:"alpha"`
	CILow            *float64 `json:"ci_low"`
	CIHigh           *float64 `json:"ci_high"`
	Units            int      `json:"units"`
	Coders           int      `json:"coders"`
	Pairable         int      `json:"pairable"`
	PercentAgreement *float64 `json:"percent_agreement"`
	Reason           string   `json:"reason,omitempty"`
}

type agreePair struct {
	CoderA    string   `json:"coder_a"`
	CoderB    string   `json:"coder_b"`
	Dimension string   `json:"dimension"`
	Target    string   `json:"target"`
	Kappa     *float64 `json:"kappa"`
	Reason    string   `json:"reason,omitempty"`
}

type agreeSpan struct {
	Dimension string   `json:"dimension"`
	CoderA    string   `json:"coder_a"`
	CoderB    string   `json:"coder_b"`
	F1        *float64 `json:"f1"`
}

func num(x float64, ok bool) *float64 {
	if !ok || math.IsNaN(x) {
		return nil
	}
	return &x
}

// cmdAgree reports intercoder reliability on the codebook in force.
func cmdAgree(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	f := newFlags("agree")
	dbFlag := f.String("db", db, "database file")
	asJSON := f.Bool("json", false, "print JSON")
	codersFlag := f.String("coders", "", "comma-separated coders (default: everyone)")
	dimension := f.String("dimension", "", "one dimension of the codebook")
	gold := f.Bool("gold", false, "score the coders against the adjudicated codes")
	differences := f.Bool("differences", false, "list the units where coders differ, with the ids of their codes")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"agree takes no arguments (did you mean --coders A,B?)"}
	}
	var coders []string
	for _, c := range strings.Split(*codersFlag, ",") {
		if c = strings.TrimSpace(c); c != "" {
			coders = append(coders, c)
		}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	r, err := ws.Agreement(ctx, workspace.AgreementQuery{Coders: coders, Dimension: *dimension, Gold: *gold, Stats: agree.DefaultOptions})
	if err != nil {
		return err
	}
	for _, n := range r.Notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	if *asJSON {
		return writeAgreeJSON(stdout, r, *differences)
	}
	if err := writeAgreeTable(stdout, r); err != nil {
		return err
	}
	if *differences {
		return writeDifferences(stdout, r)
	}
	return nil
}

func writeAgreeJSON(w io.Writer, r *agree.Report, differences bool) error {
	out := agreeJSON{Variables: []agreeVariable{}, Pairs: []agreePair{}, Spans: []agreeSpan{}}
	for _, v := range r.Variables {
		j := agreeVariable{Dimension: v.Dimension, Target: v.Target, Level: string(v.Level),
			Alpha: num(v.Alpha, v.Defined), Units: v.Units, Coders: v.Coders, Pairable: v.Pairable,
			PercentAgreement: num(v.PercentAgreement, true), Reason: v.Reason}
		if v.Defined && v.Bootstrapped {
			j.CILow, j.CIHigh = num(v.CILow, true), num(v.CIHigh, true)
		}
		out.Variables = append(out.Variables, j)
	}
	for _, p := range r.Pairs {
		out.Pairs = append(out.Pairs, agreePair{CoderA: p.CoderA, CoderB: p.CoderB, Dimension: p.Dimension,
			Target: p.Target, Kappa: num(p.Kappa.Kappa, p.Defined), Reason: p.Reason})
	}
	for _, s := range r.Spans {
		out.Spans = append(out.Spans, agreeSpan{Dimension: s.Dimension, CoderA: s.CoderA, CoderB: s.CoderB, F1: num(s.F1, s.Defined)})
	}
	if differences {
		for _, v := range r.Variables {
			for _, d := range r.Differences(v.Dimension, v.Target) {
				j := agreeDifference{Dimension: d.Dimension, Target: d.Target, ArticleID: d.Article}
				if d.End > 0 {
					j.SpanStart, j.SpanEnd = &d.Start, &d.End
				}
				for _, c := range d.Codes {
					j.Codes = append(j.Codes, agreeCode{Coder: c.Coder, Value: c.Value, AnnotationID: c.AnnotationID, Note: c.Note})
				}
				out.Differences = append(out.Differences, j)
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeDifferences lists, variable by variable, the units where coders
// differ, each coder's value with the id of the code behind it: the ids
// 'redline adjudicate --settles' takes.
func writeDifferences(w io.Writer, r *agree.Report) error {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	n := 0
	for _, v := range r.Variables {
		diffs := r.Differences(v.Dimension, v.Target)
		if len(diffs) == 0 {
			continue
		}
		name := v.Dimension
		if v.Target != "" {
			name += "/" + v.Target
		}
		units := "units"
		if len(diffs) == 1 {
			units = "unit"
		}
		fmt.Fprintf(bw, "\n%s: coders differ on %d %s\n", name, len(diffs), units)
		for _, d := range diffs {
			where := fmt.Sprintf("article %d", d.Article)
			if d.End > 0 {
				where += fmt.Sprintf(" characters %d-%d", d.Start, d.End)
			}
			fmt.Fprintf(bw, "  %s\n", where)
			for _, c := range d.Codes {
				id := c.AnnotationID
				if id == "" {
					id = "(not ticked)"
				}
				fmt.Fprintf(bw, "    %-14s %-16s %s", c.Coder, c.Value, id)
				if c.Note != "" {
					fmt.Fprintf(bw, "  %q", cut(c.Note, 60))
				}
				fmt.Fprintln(bw)
			}
			n++
		}
	}
	if n == 0 {
		fmt.Fprintln(bw, "\nThe coders gave the same values everywhere: nothing to settle.")
	} else {
		fmt.Fprintln(bw, "\nSettle one with: redline adjudicate --as YOUR_NAME --settles ID,ID VALUE")
		fmt.Fprintln(bw, "(a frame is settled present or absent, naming the ids of its ticks)")
	}
	return nil
}

func writeAgreeTable(w io.Writer, r *agree.Report) error {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	if len(r.Coders) == 0 {
		fmt.Fprintln(bw, "No coder has codes of their own here yet, so there is nothing to compare.")
		fmt.Fprintln(bw, "Bring in your teammates' exports with 'redline merge FILE...' and run 'redline agree' again.")
		return nil
	}
	fmt.Fprintf(bw, "Agreement of %d coders (%s) on %d articles, one version per story.\n\n",
		len(r.Coders), strings.Join(r.Coders, ", "), r.Articles)
	tw := tabwriter.NewWriter(bw, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VARIABLE\tLEVEL\tALPHA\t95% CI\tUNITS\tCODERS\tPAIRABLE\tAGREEMENT\tREADING")
	for _, v := range r.Variables {
		name := v.Dimension
		if v.Target != "" {
			name += "/" + v.Target
		}
		alpha, ci, reading := "-", "-", agree.Reading(v.Result)
		if v.Defined {
			alpha = fmt.Sprintf("%.3f", v.Alpha)
			if v.Bootstrapped {
				ci = fmt.Sprintf("%.3f to %.3f", v.CILow, v.CIHigh)
			}
		} else {
			reading = v.Reason
		}
		pct := "-"
		if !math.IsNaN(v.PercentAgreement) {
			pct = fmt.Sprintf("%.1f%%", 100*v.PercentAgreement)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", cut(name, 40), v.Level, alpha, ci, v.Units, v.Coders, v.Pairable, pct, reading)
	}
	tw.Flush()
	fmt.Fprintln(bw, "\nReading: alpha of .800 or more is reliable, .667 or more allows tentative conclusions, below that the variable is not reliable.")

	if len(r.Pairs) > 0 {
		fmt.Fprintln(bw, "\nCohen's kappa for each pair of coders:")
		tw = tabwriter.NewWriter(bw, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "VARIABLE\tCODERS\tUNITS\tKAPPA")
		for _, p := range r.Pairs {
			name := p.Dimension
			if p.Target != "" {
				name += "/" + p.Target
			}
			k := p.Reason
			if p.Defined {
				k = fmt.Sprintf("%.3f", p.Kappa.Kappa)
			}
			fmt.Fprintf(tw, "%s\t%s + %s\t%d\t%s\n", cut(name, 40), p.CoderA, p.CoderB, p.Units, k)
		}
		tw.Flush()
	}
	if len(r.Spans) > 0 {
		fmt.Fprintln(bw, "\nSame stretches marked (F1 of matched spans, on articles both coded):")
		tw = tabwriter.NewWriter(bw, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DIMENSION\tCODERS\tMATCHED\tMARKS\tF1")
		for _, s := range r.Spans {
			f1 := "- (neither marked any)"
			if s.Defined {
				f1 = fmt.Sprintf("%.3f", s.F1)
			}
			fmt.Fprintf(tw, "%s\t%s + %s\t%d\t%d + %d\t%s\n", s.Dimension, s.CoderA, s.CoderB, s.Matched, s.MarksA, s.MarksB, f1)
		}
		tw.Flush()
	}
	return nil
}
