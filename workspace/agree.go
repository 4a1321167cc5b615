package workspace

import (
	"context"
	"fmt"
	"strings"

	"redline/agree"
)

// AgreementQuery chooses what Agreement compares.
type AgreementQuery struct {
	// Coders limits it to those annotators (none: everyone).
	Coders []string
	// Dimension limits it to one dimension of the codebook (empty: all).
	Dimension string
	// Gold scores the coders against the adjudicated codes, which then
	// count as the codes of coder agree.GoldCoder (coders in training).
	Gold bool
	// Stats sets the bootstrap.
	Stats agree.Options
}

// Agreement works out how well the coders agree under the codebook in
// force: α with its interval per variable, κ per pair of coders, span F1,
// and the units where they differ. A dimension the codebook lacks is an
// error naming the ones it has.
func (ws *Workspace) Agreement(ctx context.Context, q AgreementQuery) (*agree.Report, error) {
	if q.Dimension != "" && ws.Codebook.Dimension(q.Dimension) == nil {
		var keys []string
		for _, d := range ws.Codebook.Dimensions {
			keys = append(keys, d.Key)
		}
		return nil, fmt.Errorf("the codebook in force (%s v%d) has no dimension %q; use one of: %s",
			ws.Codebook.Name, ws.Codebook.Version, q.Dimension, strings.Join(keys, ", "))
	}
	anns, err := ws.Store.LiveAnnotations(ctx)
	if err != nil {
		return nil, err
	}
	members, err := ws.Store.Memberships(ctx)
	if err != nil {
		return nil, err
	}
	fams := make(map[int64]int64, len(members))
	for _, m := range members {
		fams[m.ID] = m.FamilyID
	}
	opt := agree.BuildOptions{Coders: q.Coders, Families: fams}
	if q.Gold {
		opt.Gold = agree.GoldCoder
	}
	data := agree.Build(ws.Codebook, anns, opt)
	known := map[string]bool{}
	for _, c := range data.Coders {
		known[c] = true
	}
	for _, c := range q.Coders {
		if !known[c] {
			data.Notes = append(data.Notes, fmt.Sprintf("coder %q has no codes of their own in this database (check the name, or merge their export first)", c))
		}
	}
	if q.Gold && !known[agree.GoldCoder] {
		data.Notes = append(data.Notes, "there are no adjudicated codes to score against yet")
	}
	return agree.Compute(data, q.Dimension, q.Stats), nil
}

// FinalDataset is the adjudicated dataset under the codebook in force: per
// variable and unit, the adjudicated value, else the value the coders
// agree on, else none (unsettled). coders limits the coders whose own codes
// count (none: everyone); adjudicated codes count whoever made them.
func (ws *Workspace) FinalDataset(ctx context.Context, coders []string) ([]agree.FinalCode, error) {
	anns, err := ws.Store.LiveAnnotations(ctx)
	if err != nil {
		return nil, err
	}
	members, err := ws.Store.Memberships(ctx)
	if err != nil {
		return nil, err
	}
	fams := make(map[int64]int64, len(members))
	for _, m := range members {
		fams[m.ID] = m.FamilyID
	}
	return agree.Final(agree.Build(ws.Codebook, anns, agree.BuildOptions{Coders: coders, Families: fams, Gold: agree.GoldCoder})), nil
}
