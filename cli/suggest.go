package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"redline/suggest"
)

// cmdSuggest prints an article's suggested quotes and speakers. They are
// proposals only: nothing is stored.
func cmdSuggest(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("suggest")
	dbFlag := f.String("db", db, "database file")
	asJSON := f.Bool("json", false, "print JSON")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 1 {
		return usageError{"suggest takes one article id (see 'redline list')"}
	}
	id, err := strconv.ParseInt(f.Args()[0], 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("%q is not an article id", f.Args()[0])}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	a, err := ws.Store.Article(ctx, id)
	if err != nil {
		return err
	}
	found := suggest.Suggest(a.Text)
	if *asJSON {
		type span struct {
			Start int    `json:"start_rune"`
			End   int    `json:"end_rune"`
			Text  string `json:"text"`
		}
		type row struct {
			Quote      span    `json:"quote"`
			Speaker    string  `json:"speaker"`
			Title      string  `json:"title,omitempty"`
			Mention    *span   `json:"speaker_mention,omitempty"`
			Kind       string  `json:"attribution"`
			Form       string  `json:"form"`
			Fragments  []span  `json:"fragments,omitempty"`
			Cue        string  `json:"cue,omitempty"`
			Confidence float64 `json:"confidence"`
		}
		rs := []rune(a.Text)
		sp := func(s, e int) (span, bool) {
			if s < 0 || s > e || e > len(rs) {
				return span{}, false
			}
			return span{s, e, string(rs[s:e])}, true
		}
		out := []row{}
		for _, s := range found {
			q, _ := sp(s.QuoteStart, s.QuoteEnd)
			r := row{Quote: q, Speaker: s.Speaker, Title: s.Title, Kind: string(s.Kind), Form: string(s.Form),
				Cue: s.Cue, Confidence: s.Confidence}
			if m, ok := sp(s.SpeakerStart, s.SpeakerEnd); ok && m.Start < m.End {
				r.Mention = &m
			}
			for _, f := range s.Fragments {
				if fs, ok := sp(f[0], f[1]); ok {
					r.Fragments = append(r.Fragments, fs)
				}
			}
			out = append(out, r)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	// One conversion of the text for all lines: per-suggestion work over the
	// whole text made long articles quadratic (issue 8).
	for _, line := range suggest.FormatAll(a.Text, found) {
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "%d suggested quotes in article %d. Nothing is stored: accept them in the window (j, Enter).\n", len(found), id)
	return nil
}
