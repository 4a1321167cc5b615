package workspace

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"redline/annotate"
	"redline/storage"
)

// AssignPlan says how to split articles among coders.
type AssignPlan struct {
	Coders []string
	// Overlap is the share (0 to 1) of the articles every coder codes, the
	// sample agreement is measured on; OverlapCount, when above 0, is
	// their number instead.
	Overlap      float64
	OverlapCount int
	// Seed makes the draw reproducible: the same articles, coders and seed
	// give the same assignments.
	Seed uint64
}

// Draw splits articles among coders: a sample drawn with the seed goes to
// every coder, and the rest are dealt out in turn, so no coder has more
// than one article more than another. The order of the articles and of the
// coders given does not matter.
func Draw(articles []int64, p AssignPlan) ([]storage.Assignment, error) {
	coders := slices.Clone(p.Coders)
	for i := range coders {
		coders[i] = strings.TrimSpace(coders[i])
		if coders[i] == "" {
			return nil, fmt.Errorf("assign: a coder's name is empty: %w", annotate.ErrInvalid)
		}
	}
	slices.Sort(coders)
	if len(coders) == 0 {
		return nil, fmt.Errorf("assign: name at least one coder: %w", annotate.ErrInvalid)
	}
	if len(slices.Compact(slices.Clone(coders))) != len(coders) {
		return nil, fmt.Errorf("assign: a coder is named twice: %w", annotate.ErrInvalid)
	}
	if p.Overlap < 0 || p.Overlap > 1 || math.IsNaN(p.Overlap) || p.OverlapCount < 0 {
		return nil, fmt.Errorf("assign: the overlap must be a share from 0 to 1 or a count of articles: %w", annotate.ErrInvalid)
	}
	arts := slices.Clone(articles)
	slices.Sort(arts)
	arts = slices.Compact(arts)
	overlap := int(math.Round(p.Overlap * float64(len(arts))))
	if p.OverlapCount > 0 {
		overlap = p.OverlapCount
	}
	if overlap > len(arts) {
		return nil, fmt.Errorf("assign: an overlap of %d is more than the %d articles: %w", overlap, len(arts), annotate.ErrInvalid)
	}
	rng := rand.New(rand.NewPCG(p.Seed, 0x5265646c696e65)) // "Redline"
	rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	var out []storage.Assignment
	for _, a := range arts[:overlap] {
		for _, c := range coders {
			out = append(out, storage.Assignment{ArticleID: a, Coder: c, Overlap: true})
		}
	}
	for i, a := range arts[overlap:] {
		out = append(out, storage.Assignment{ArticleID: a, Coder: coders[i%len(coders)]})
	}
	slices.SortFunc(out, func(x, y storage.Assignment) int {
		if c := strings.Compare(x.Coder, y.Coder); c != 0 {
			return c
		}
		return int(x.ArticleID - y.ArticleID)
	})
	return out, nil
}

// ErrAssigned means assignments were drawn already.
var ErrAssigned = errors.New("assignments were drawn already")

// Assign draws assignments over the stories in the database (each story
// once: its first version) and stores them. When assignments exist it
// fails with ErrAssigned unless replace is true; then the new draw
// replaces them (codes are never touched).
func (ws *Workspace) Assign(ctx context.Context, p AssignPlan, replace bool, now time.Time) ([]storage.Assignment, error) {
	old, err := ws.Store.Assigned(ctx, "")
	if err != nil {
		return nil, err
	}
	if len(old) > 0 && !replace {
		return nil, fmt.Errorf("%d articles are assigned already; to draw again, replace them (the coders' codes stay): %w", len(old), ErrAssigned)
	}
	fams, err := ws.Store.Families(ctx, 1)
	if err != nil {
		return nil, err
	}
	arts := make([]int64, 0, len(fams))
	for _, f := range fams {
		if len(f.Versions) > 0 {
			arts = append(arts, f.Versions[0].ID)
		}
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("assign: the database holds no articles yet; import them first")
	}
	as, err := Draw(arts, p)
	if err != nil {
		return nil, err
	}
	if err := ws.Store.ReplaceAssignments(ctx, as, now); err != nil {
		return nil, err
	}
	return as, nil
}

// CoderProgress is one coder's assignments: how many are coded, and the next
// one to code.
type CoderProgress struct {
	Coder        string
	Coded, Total int
	OverlapCoded int
	OverlapTotal int
	Next         int64 // the first uncoded assigned article, 0 when all are coded
	NextTitle    string
	// Excluded counts assigned articles set aside from the analysis; they
	// are in Articles but not in the counts above, and never Next.
	Excluded int
	Articles []storage.AssignedArticle
}

// AssignedProgress reports each coder's assignments (only coder's when not "").
// Coded means the coder has at least one confirmed code of their own on
// the article. Excluded articles leave the counts.
func (ws *Workspace) AssignedProgress(ctx context.Context, coder string) ([]CoderProgress, error) {
	as, err := ws.Store.Assigned(ctx, coder)
	if err != nil {
		return nil, err
	}
	var out []CoderProgress
	for _, a := range as {
		if len(out) == 0 || out[len(out)-1].Coder != a.Coder {
			out = append(out, CoderProgress{Coder: a.Coder})
		}
		p := &out[len(out)-1]
		p.Articles = append(p.Articles, a)
		if a.Excluded {
			p.Excluded++
			continue
		}
		p.Total++
		if a.Overlap {
			p.OverlapTotal++
		}
		if a.Coded {
			p.Coded++
			if a.Overlap {
				p.OverlapCoded++
			}
		} else if p.Next == 0 {
			p.Next, p.NextTitle = a.ArticleID, a.Title
		}
	}
	return out, nil
}
