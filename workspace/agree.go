package workspace

import (
	"context"
	"fmt"
	"strings"

	"redline/agree"
)

// Agreement works out how well the coders agree under the codebook in
// force: α with its interval per variable, κ per pair of coders, span F1.
// coders limits it to those annotators (none: everyone); dimension to one
// dimension of the codebook (empty: all). A dimension the codebook lacks is
// an error naming the ones it has.
func (ws *Workspace) Agreement(ctx context.Context, coders []string, dimension string, opt agree.Options) (*agree.Report, error) {
	if dimension != "" && ws.Codebook.Dimension(dimension) == nil {
		var keys []string
		for _, d := range ws.Codebook.Dimensions {
			keys = append(keys, d.Key)
		}
		return nil, fmt.Errorf("the codebook in force (%s v%d) has no dimension %q; use one of: %s",
			ws.Codebook.Name, ws.Codebook.Version, dimension, strings.Join(keys, ", "))
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
	data := agree.Build(ws.Codebook, anns, agree.BuildOptions{Coders: coders, Families: fams})
	known := map[string]bool{}
	for _, c := range data.Coders {
		known[c] = true
	}
	for _, c := range coders {
		if !known[c] {
			data.Notes = append(data.Notes, fmt.Sprintf("coder %q has no codes of their own in this database (check the name, or merge their export first)", c))
		}
	}
	return agree.Compute(data, dimension, opt), nil
}
