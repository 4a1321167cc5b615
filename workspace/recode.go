package workspace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"redline/annotate"
	"redline/storage"
)

// RecodeOptions says which codebook versions a recoding goes between and
// who does it.
type RecodeOptions struct {
	From, To int // versions of the codebook in force; To 0 = the version in force
	// Map is extra mappings an analyst gives: dimension -> old value -> new value.
	Map map[string]map[string]string
	// As is the analyst whose undo history records the recoding.
	As     string
	DryRun bool
}

// RecodeMove is how many codes one mapping changed (or would change).
type RecodeMove struct {
	annotate.ValueMapping
	Codes  int
	Merged int // codes removed because the coder already had the new value there
}

// RecodeUnmapped is an old value with codes the new version has no place
// for: its codes keep their old value.
type RecodeUnmapped struct {
	Dimension, Value string
	Codes            int
}

// RecodeReport is what a recoding did (or, dry, would do).
type RecodeReport struct {
	Codebook      string
	From, To      int
	Moves         []RecodeMove
	Unmapped      []RecodeUnmapped
	DroppedCodes  map[string]int // codes of dimensions the new version dropped, by dimension
	Changed       int            // codes rewritten or removed
	Label         string         // the undo history's label
	DryRun        bool
	UnderFromCode int // live codes made under From
}

// Recode rewrites the codes made under version From of the codebook in
// force whose values version To renames, merges or drops, as one step in
// opts.As's undo history (old and new values both kept there; Undo takes
// it back). Values map by opts.Map, then the new version's replaces lists,
// then an unchanged label (annotate.PlanRecode). A recoded code names
// version To. A code whose new value its coder already has on the same
// article and target (two values merged in a multiple choice) is removed
// instead, as a tombstone. Codes with no mapping keep their value and are
// listed. With DryRun nothing is written.
func (ws *Workspace) Recode(ctx context.Context, opts RecodeOptions) (RecodeReport, error) {
	if ws.Codebook == nil {
		return RecodeReport{}, errors.New("no codebook is in force; install one first")
	}
	name := ws.Codebook.Name
	if opts.To == 0 {
		opts.To = ws.Codebook.Version
	}
	rep := RecodeReport{Codebook: name, From: opts.From, To: opts.To, DryRun: opts.DryRun, DroppedCodes: map[string]int{}}
	if opts.From == opts.To {
		return rep, fmt.Errorf("--from and --to are both version %d: name two versions of %s ('redline codebook --appendix' lists them)", opts.From, name)
	}
	if !opts.DryRun && opts.As == "" {
		return rep, errors.New("say who recodes (--as NAME): the recoding goes into that analyst's undo history")
	}
	versions, err := ws.Store.CodebookVersions(ctx)
	if err != nil {
		return rep, err
	}
	var old, cb *annotate.Codebook
	var have []int
	for _, v := range versions {
		if v.Name != name || v.Codebook == nil {
			continue
		}
		have = append(have, v.Version)
		switch v.Version {
		case opts.From:
			old = v.Codebook
		case opts.To:
			cb = v.Codebook
		}
	}
	if old == nil || cb == nil {
		missing := opts.From
		if old != nil {
			missing = opts.To
		}
		return rep, fmt.Errorf("codebook %s has no version %d stored (it has %v)", name, missing, have)
	}
	plan, err := cb.PlanRecode(old, opts.Map)
	if err != nil {
		return rep, err
	}
	codes, err := ws.Store.CodebookAnnotations(ctx, name)
	if err != nil {
		return rep, err
	}
	// what each coder already has, for merges: article, coder, dimension,
	// target, value of live document codes
	type key struct {
		article          int64
		who, dim, target string
		value            string
	}
	has := map[key]bool{}
	for _, a := range codes {
		if a.Span == nil {
			has[key{a.ArticleID, a.Annotator, a.Dimension, a.Target, a.Value}] = true
		}
	}
	moves := map[[2]string]*RecodeMove{}
	for _, m := range plan.SortedMoves() {
		mv := &RecodeMove{ValueMapping: m}
		moves[[2]string{m.Dimension, m.From}] = mv
	}
	unmapped := map[[2]string]int{}
	now := time.Now().UTC()
	var changed []annotate.Annotation
	for _, a := range codes {
		if a.CodebookVersion != opts.From {
			continue
		}
		rep.UnderFromCode++
		d := cb.Dimension(a.Dimension)
		if d == nil {
			rep.DroppedCodes[a.Dimension]++
			continue
		}
		mv, ok := moves[[2]string{a.Dimension, a.Value}]
		if !ok {
			if a.Value != "" && d.Value(a.Value) == nil {
				unmapped[[2]string{a.Dimension, a.Value}]++
			}
			continue
		}
		b := a
		b.Value, b.CodebookVersion, b.UpdatedAt = mv.To, opts.To, now
		k := key{a.ArticleID, a.Annotator, a.Dimension, a.Target, mv.To}
		if a.Span == nil && d.Choice == annotate.ChoiceMultiple && has[k] {
			b.Deleted = true
			mv.Merged++
		} else if a.Span == nil {
			has[k] = true
		}
		mv.Codes++
		changed = append(changed, b)
	}
	for _, m := range plan.SortedMoves() {
		rep.Moves = append(rep.Moves, *moves[[2]string{m.Dimension, m.From}])
	}
	for k, n := range unmapped {
		rep.Unmapped = append(rep.Unmapped, RecodeUnmapped{k[0], k[1], n})
	}
	slices.SortFunc(rep.Unmapped, func(a, b RecodeUnmapped) int {
		return cmp.Or(cmp.Compare(a.Dimension, b.Dimension), cmp.Compare(a.Value, b.Value))
	})
	rep.Changed = len(changed)
	rep.Label = fmt.Sprintf("recode %s v%d → v%d: %d codes", name, opts.From, opts.To, len(changed))
	if opts.DryRun || len(changed) == 0 {
		return rep, nil
	}
	if err := ws.SaveEdit(ctx, opts.As, rep.Label, storage.Edit{Annotations: changed}); err != nil {
		return rep, fmt.Errorf("recode: nothing was changed: %w", err)
	}
	return rep, nil
}
