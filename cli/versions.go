package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"redline/annotate"
	"redline/diff"
)

func cmdVersions(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("versions")
	dbFlag := f.String("db", db, "database file")
	threshold := f.Float64("threshold", 0, "Jaccard similarity (0-1) at which two articles are versions of one story; stored as the database's setting")
	containment := f.Float64("containment", 0, "containment (0-1) at which a shortened copy joins its story; stored as the setting")
	asJSON := f.Bool("json", false, "print JSON")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"versions takes no arguments"}
	}
	if *threshold < 0 || *threshold > 1 || *containment < 0 || *containment > 1 {
		return usageError{"--threshold and --containment take a number from 0 to 1"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *threshold > 0 || *containment > 0 {
		if err := ws.SetThresholds(ctx, *threshold, *containment); err != nil {
			return err
		}
	}
	fams, changed, err := ws.Regroup(ctx)
	if err != nil {
		return err
	}
	opt, err := ws.GroupOptions(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		type version struct {
			ID        int64  `json:"id"`
			Title     string `json:"title"`
			Outlet    string `json:"outlet"`
			Published string `json:"published,omitempty"`
			Pinned    bool   `json:"pinned,omitempty"`
		}
		type family struct {
			ID       int64     `json:"family_id"`
			Versions []version `json:"versions"`
		}
		out := struct {
			Jaccard     float64  `json:"jaccard"`
			Containment float64  `json:"containment"`
			Changed     int      `json:"changed"`
			Families    []family `json:"families"`
		}{Jaccard: opt.Jaccard, Containment: opt.Containment, Changed: changed, Families: []family{}}
		for _, fm := range fams {
			jf := family{ID: fm.ID}
			for _, v := range fm.Versions {
				jf.Versions = append(jf.Versions, version{ID: v.ID, Title: v.Title, Outlet: v.Outlet, Published: rfc3339(v.PublishedAt), Pinned: v.Pinned})
			}
			out.Families = append(out.Families, jf)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	for _, fm := range fams {
		fmt.Fprintf(w, "family %d: %d versions\n", fm.ID, len(fm.Versions))
		for _, v := range fm.Versions {
			when := "unknown time"
			if !v.PublishedAt.IsZero() {
				when = v.PublishedAt.UTC().Format("2006-01-02 15:04")
			}
			pin := ""
			if v.Pinned {
				pin = "  (placed by hand)"
			}
			fmt.Fprintf(w, "  %6d  %s  %s  %s%s\n", v.ID, when, cut(v.Outlet, 28), cut(v.Title, 70), pin)
		}
	}
	fmt.Fprintf(w, "%d families of two or more versions (Jaccard ≥ %.2f or containment ≥ %.2f); %d articles changed family.\n",
		len(fams), opt.Jaccard, opt.Containment, changed)
	return nil
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func cmdDiff(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("diff")
	dbFlag := f.String("db", db, "database file")
	asJSON := f.Bool("json", false, "print JSON")
	changes := f.Bool("changes", false, "show only changed sentences")
	ignoreCase := f.Bool("ignore-case", false, "letter case does not count as a change")
	ignoreQuotes := f.Bool("ignore-quotes", false, "quote and dash styles do not count as a change")
	ignoreSpace := f.Bool("ignore-space", false, "whitespace does not count as a change")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 2 {
		return usageError{"diff takes two article ids (see 'redline list' or 'redline versions')"}
	}
	var ids [2]int64
	for i, s := range f.Args() {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("%q is not an article id", s)}
		}
		ids[i] = id
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	var arts [2]annotate.Article
	for i, id := range ids {
		if arts[i], err = ws.Store.Article(ctx, id); err != nil {
			return err
		}
	}
	opt := diff.Options{IgnoreCase: *ignoreCase, IgnoreQuotes: *ignoreQuotes, IgnoreWhitespace: *ignoreSpace}
	cmp := diff.Compare(arts[0].Text, arts[1].Text, opt)
	title := diff.CompareTitles(arts[0].Title, arts[1].Title, opt)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(diffJSON(arts, cmp, title, *changes))
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	writeDiffText(w, arts, cmp, title, *changes)
	return nil
}

// Markers of the text diff, one per sentence, so the output reads without
// colour: '=' unchanged, '+' added, '-' deleted, '~' edited, '>' moved.
// Inside edited sentences, [-removed-] and {+inserted+}.
var pairMark = map[diff.PairKind]string{
	diff.Unchanged: "=", diff.Added: "+", diff.Deleted: "-", diff.Edited: "~", diff.Moved: ">",
}

func describe(a annotate.Article) string {
	when := ""
	if !a.PublishedAt.IsZero() {
		when = " · " + a.PublishedAt.UTC().Format("2006-01-02 15:04")
	}
	return fmt.Sprintf("#%d %q · %s%s", a.ID, a.Title, a.Outlet, when)
}

func writeDiffText(w io.Writer, arts [2]annotate.Article, cmp *diff.Comparison, title diff.TitleChange, changesOnly bool) {
	fmt.Fprintf(w, "A: %s\nB: %s\n", describe(arts[0]), describe(arts[1]))
	if title.Changed {
		fmt.Fprintf(w, "Headline changed: %s\n", inlineOps(title.Words))
	} else {
		fmt.Fprintln(w, "Headline unchanged.")
	}
	fmt.Fprintln(w, "Key: = unchanged  + added  - deleted  ~ edited ([-removed-] {+inserted+})  > moved")
	fmt.Fprintln(w)
	for _, p := range cmp.Pairs {
		if changesOnly && p.Kind == diff.Unchanged {
			continue
		}
		var text string
		switch {
		case len(p.Words) > 0:
			text = inlineOps(p.Words)
		case p.B != nil:
			text = p.B.Text
		default:
			text = p.A.Text
		}
		if p.Kind == diff.Moved {
			text += fmt.Sprintf("   (moved from paragraph %d)", p.A.Para+1)
		}
		fmt.Fprintf(w, "%s %s\n", pairMark[p.Kind], oneLine(text))
	}
	s := cmp.Summary
	fmt.Fprintf(w, "\n%d added, %d deleted, %d edited, %d moved, %d unchanged sentences; %.0f%% of words changed.\n",
		s.Added, s.Deleted, s.Edited, s.Moved, s.Unchanged, 100*s.ShareChanged)
}

func inlineOps(ops []diff.Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Kind {
		case diff.Equal:
			b.WriteString(op.Text)
		case diff.Delete:
			b.WriteString("[-" + op.Text + "-]")
		case diff.Insert:
			b.WriteString("{+" + op.Text + "+}")
		}
	}
	return b.String()
}

type jsonSentence struct {
	Start int    `json:"start_rune"`
	End   int    `json:"end_rune"`
	Para  int    `json:"paragraph"`
	Text  string `json:"text"`
}

type jsonOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

type jsonPair struct {
	Kind       string        `json:"kind"`
	A          *jsonSentence `json:"a,omitempty"`
	B          *jsonSentence `json:"b,omitempty"`
	Similarity float64       `json:"similarity"`
	Words      []jsonOp      `json:"words,omitempty"`
}

func sentenceJSON(s *diff.Sentence) *jsonSentence {
	if s == nil {
		return nil
	}
	return &jsonSentence{Start: s.Start, End: s.End, Para: s.Para, Text: s.Text}
}

func opsJSON(ops []diff.Op) []jsonOp {
	out := make([]jsonOp, len(ops))
	for i, op := range ops {
		out[i] = jsonOp{Op: op.Kind.String(), Text: op.Text}
	}
	return out
}

func diffJSON(arts [2]annotate.Article, cmp *diff.Comparison, title diff.TitleChange, changesOnly bool) any {
	type side struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		Outlet    string `json:"outlet"`
		Published string `json:"published,omitempty"`
	}
	pairs := []jsonPair{}
	for _, p := range cmp.Pairs {
		if changesOnly && p.Kind == diff.Unchanged {
			continue
		}
		pairs = append(pairs, jsonPair{Kind: strings.ToLower(p.Kind.String()), A: sentenceJSON(p.A), B: sentenceJSON(p.B), Similarity: p.Similarity, Words: opsJSON(p.Words)})
	}
	return struct {
		A        side         `json:"a"`
		B        side         `json:"b"`
		Headline any          `json:"headline"`
		Summary  diff.Summary `json:"summary"`
		Pairs    []jsonPair   `json:"pairs"`
	}{
		A: side{arts[0].ID, arts[0].Title, arts[0].Outlet, rfc3339(arts[0].PublishedAt)},
		B: side{arts[1].ID, arts[1].Title, arts[1].Outlet, rfc3339(arts[1].PublishedAt)},
		Headline: struct {
			Changed bool     `json:"changed"`
			Words   []jsonOp `json:"words,omitempty"`
		}{title.Changed, opsJSON(title.Words)},
		Summary: cmp.Summary,
		Pairs:   pairs,
	}
}
