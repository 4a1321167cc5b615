package cli

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"redline/annotate"
	"redline/diff"
	"redline/storage"
	"redline/workspace"
)

func cmdVersions(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("versions")
	dbFlag := f.String("db", db, "database file")
	threshold := f.Float64("threshold", 0, "no longer used: versions are found by shared passages (see the README)")
	containment := f.Float64("containment", 0, "no longer used: versions are found by shared passages (see the README)")
	asJSON := f.Bool("json", false, "print JSON")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"versions takes no arguments"}
	}
	if *threshold != 0 || *containment != 0 {
		return usageError{"--threshold and --containment are gone: versions are now found by the passages articles share, " +
			"with fixed measured thresholds (see \"Versions of a story\" in the README); run 'redline versions' without them"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	fams, changed, err := ws.Regroup(ctx)
	if err != nil {
		return err
	}
	related, err := ws.RelatedByFamily(ctx)
	if err != nil {
		return err
	}
	// stories with versions, and single articles with related stories
	if len(related) > 0 {
		have := map[int64]bool{}
		for _, fm := range fams {
			have[fm.ID] = true
		}
		for id := range related {
			if have[id] {
				continue
			}
			fm, err := ws.Store.FamilyOf(ctx, id)
			if err != nil {
				return err
			}
			fams = append(fams, fm)
		}
		slices.SortFunc(fams, func(a, b storage.Family) int { return cmp.Compare(a.ID, b.ID) })
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(versionsJSON(fams, related, changed))
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	nRelated := 0
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
		for _, rs := range related[fm.ID] {
			nRelated++
			for _, l := range rs.Links {
				how := fmt.Sprintf("%d shared words in %d passages", l.Words, len(l.Passages))
				if len(l.Passages) == 1 {
					how = fmt.Sprintf("%d shared words in one passage", l.Words)
				}
				if len(l.Passages) == 0 {
					how = fmt.Sprintf("reworded: %.0f%% of content words in the same order", 100*l.Reworded)
				}
				fmt.Fprintf(w, "  related: family %d (article %d ~ %d): %s\n", rs.FamilyID, l.From, l.To, how)
			}
		}
	}
	fmt.Fprintf(w, "%d families of two or more versions; %d related stories (each pair counted from both sides); %d articles changed family.\n",
		countVersions(fams), nRelated, changed)
	return nil
}

func countVersions(fams []storage.Family) int {
	n := 0
	for _, f := range fams {
		if len(f.Versions) > 1 {
			n++
		}
	}
	return n
}

func versionsJSON(fams []storage.Family, related map[int64][]workspace.RelatedStory, changed int) any {
	type version struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		Outlet    string `json:"outlet"`
		Published string `json:"published,omitempty"`
		Pinned    bool   `json:"pinned,omitempty"`
	}
	type passage struct {
		FromStart int    `json:"from_start_rune"`
		FromEnd   int    `json:"from_end_rune"`
		ToStart   int    `json:"to_start_rune"`
		ToEnd     int    `json:"to_end_rune"`
		Words     int    `json:"words"`
		Text      string `json:"text"`
	}
	type link struct {
		From     int64     `json:"from"`
		To       int64     `json:"to"`
		Words    int       `json:"words"`
		Reworded float64   `json:"reworded,omitempty"`
		Passages []passage `json:"passages"`
	}
	type relatedStory struct {
		FamilyID int64  `json:"family_id"`
		Links    []link `json:"links"`
	}
	type family struct {
		ID       int64          `json:"family_id"`
		Versions []version      `json:"versions"`
		Related  []relatedStory `json:"related"`
	}
	out := struct {
		Method   string   `json:"method"`
		Changed  int      `json:"changed"`
		Families []family `json:"families"`
	}{Method: "shared passages (see README, Versions of a story)", Changed: changed, Families: []family{}}
	for _, fm := range fams {
		jf := family{ID: fm.ID, Related: []relatedStory{}}
		for _, v := range fm.Versions {
			jf.Versions = append(jf.Versions, version{ID: v.ID, Title: v.Title, Outlet: v.Outlet, Published: rfc3339(v.PublishedAt), Pinned: v.Pinned})
		}
		for _, rs := range related[fm.ID] {
			jr := relatedStory{FamilyID: rs.FamilyID}
			for _, l := range rs.Links {
				jl := link{From: l.From, To: l.To, Words: l.Words, Reworded: l.Reworded, Passages: []passage{}}
				for _, p := range l.Passages {
					jl.Passages = append(jl.Passages, passage{p.FromStart, p.FromEnd, p.ToStart, p.ToEnd, p.Words, p.Text})
				}
				jr.Links = append(jr.Links, jl)
			}
			jf.Related = append(jf.Related, jr)
		}
		out.Families = append(out.Families, jf)
	}
	return out
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
