package annotate

import (
	"fmt"
	"sort"
	"strings"
)

// ValueMapping says that codes of one dimension with value From, made
// under an earlier codebook version, take value To under a later one, and
// why.
type ValueMapping struct {
	Dimension, From, To string
	Why                 string // "declared in the codebook", "given", "same label"
}

// RecodePlan is how codes made under one codebook version become codes of
// another: the values that move, keyed by dimension and old value, and the
// old values and dimensions the new version has no place for.
type RecodePlan struct {
	Old, New *Codebook
	Moves    map[[2]string]ValueMapping
	// Unmapped lists, per dimension, the old values the new version lacks
	// and nothing maps; their codes keep their value.
	Unmapped map[string][]string
	// DroppedDimensions are dimensions of Old that New does not have.
	DroppedDimensions []string
}

// PlanRecode works out how values of old become values of cb. Mappings
// come from, in order of precedence: given (dimension -> old -> new, as an
// analyst types them), the replaces lists of cb's values, and a value
// whose key changed while its label stayed (compared without case). A
// dimension that takes its values from another (values_from) follows that
// dimension's mappings. A mapping to a value cb's dimension does not have
// is refused.
func (cb *Codebook) PlanRecode(old *Codebook, given map[string]map[string]string) (RecodePlan, error) {
	p := RecodePlan{Old: old, New: cb, Moves: map[[2]string]ValueMapping{}, Unmapped: map[string][]string{}}
	for dim, m := range given {
		d := cb.Dimension(dim)
		if d == nil {
			return p, fmt.Errorf("--map %s: the new codebook has no dimension %q", dim, dim)
		}
		for from, to := range m {
			if d.Value(to) == nil {
				return p, fmt.Errorf("--map %s.%s=%s: %q is not a value of %s in version %d (its values: %s)",
					dim, from, to, to, dim, cb.Version, valueKeys(d))
			}
		}
	}
	// the dimension whose values each dimension uses
	source := func(d *Dimension) string {
		if d.ValuesFrom != "" {
			return d.ValuesFrom
		}
		return d.Key
	}
	for _, od := range old.Dimensions {
		d := cb.Dimension(od.Key)
		if d == nil {
			p.DroppedDimensions = append(p.DroppedDimensions, od.Key)
			continue
		}
		src := cb.Dimension(source(d))
		oldSrc := old.Dimension(source(&od))
		if src == nil || oldSrc == nil {
			continue
		}
		for _, v := range od.Values {
			if d.Value(v.Key) != nil {
				if to, ok := given[d.Key][v.Key]; ok && to != v.Key {
					p.Moves[[2]string{d.Key, v.Key}] = ValueMapping{d.Key, v.Key, to, "given"}
				}
				continue
			}
			m, ok := mappingFor(src, oldSrc, v, given[d.Key], given[src.Key])
			if !ok {
				p.Unmapped[d.Key] = append(p.Unmapped[d.Key], v.Key)
				continue
			}
			m.Dimension = d.Key
			p.Moves[[2]string{d.Key, v.Key}] = m
		}
	}
	return p, nil
}

// mappingFor finds where old value v of a dimension goes in src (the new
// version of the dimension whose values it uses).
func mappingFor(src, oldSrc *Dimension, v Value, given, givenSrc map[string]string) (ValueMapping, bool) {
	if to, ok := given[v.Key]; ok {
		return ValueMapping{From: v.Key, To: to, Why: "given"}, true
	}
	if to, ok := givenSrc[v.Key]; ok {
		return ValueMapping{From: v.Key, To: to, Why: "given"}, true
	}
	for _, nv := range src.Values {
		for _, r := range nv.Replaces {
			if r == v.Key {
				return ValueMapping{From: v.Key, To: nv.Key, Why: "declared in the codebook"}, true
			}
		}
	}
	var same []string
	for _, nv := range src.Values {
		if oldSrc.Value(nv.Key) == nil && strings.EqualFold(strings.TrimSpace(nv.Label), strings.TrimSpace(v.Label)) {
			same = append(same, nv.Key)
		}
	}
	if len(same) == 1 {
		return ValueMapping{From: v.Key, To: same[0], Why: "same label"}, true
	}
	return ValueMapping{}, false
}

func valueKeys(d *Dimension) string {
	keys := make([]string, len(d.Values))
	for i, v := range d.Values {
		keys[i] = v.Key
	}
	return strings.Join(keys, ", ")
}

// SortedMoves returns the plan's mappings by dimension, then old value.
func (p RecodePlan) SortedMoves() []ValueMapping {
	out := make([]ValueMapping, 0, len(p.Moves))
	for _, m := range p.Moves {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Dimension != out[j].Dimension {
			return out[i].Dimension < out[j].Dimension
		}
		return out[i].From < out[j].From
	})
	return out
}
