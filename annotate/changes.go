package annotate

import (
	"fmt"
	"slices"
	"strings"
)

// Changes says in sentences what changed from codebook old to codebook
// cb, dimension by dimension in cb's order: dimensions and values added,
// removed or relabelled, targets, choice and level of measurement, and
// reworded definitions. The methods appendix's change history is made of
// these sentences.
func (cb *Codebook) Changes(old *Codebook) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, d := range old.Dimensions {
		if cb.Dimension(d.Key) == nil {
			add("removed the dimension %s (`%s`)", d.Label, d.Key)
		}
	}
	for i := range cb.Dimensions {
		d := &cb.Dimensions[i]
		o := old.Dimension(d.Key)
		if o == nil {
			add("added the dimension %s (`%s`)", d.Label, d.Key)
			continue
		}
		name := fmt.Sprintf("%s (`%s`)", d.Label, d.Key)
		if o.Label != d.Label {
			add("renamed the dimension `%s` from %q to %q", d.Key, o.Label, d.Label)
		}
		if o.Choice != d.Choice {
			add("%s: now %s choice (was %s)", name, d.Choice, o.Choice)
		}
		if o.Level() != d.Level() {
			add("%s: level of measurement now %s (was %s)", name, d.Level(), o.Level())
		}
		if strings.TrimSpace(o.Description) != strings.TrimSpace(d.Description) {
			add("%s: definition reworded", name)
		}
		for _, t := range d.Targets {
			if !slices.Contains(o.Targets, t) {
				add("%s: added the target %s", name, t)
			}
		}
		for _, t := range o.Targets {
			if !slices.Contains(d.Targets, t) {
				add("%s: removed the target %s", name, t)
			}
		}
		for _, v := range o.Values {
			if d.Value(v.Key) != nil {
				continue
			}
			if by := replacedBy(d, v.Key); by != nil {
				add("%s: the value %s (`%s`) is now coded as %s (`%s`)", name, v.Label, v.Key, by.Label, by.Key)
				continue
			}
			add("%s: removed the value %s (`%s`)", name, v.Label, v.Key)
		}
		for _, v := range d.Values {
			ov := o.Value(v.Key)
			switch {
			case ov == nil:
				add("%s: added the value %s (`%s`)", name, v.Label, v.Key)
			case ov.Label != v.Label:
				add("%s: relabelled the value `%s` from %q to %q", name, v.Key, ov.Label, v.Label)
			case strings.TrimSpace(ov.Description) != strings.TrimSpace(v.Description):
				add("%s: the value %s (`%s`) redefined", name, v.Label, v.Key)
			}
			if ov != nil && ov.Missing != v.Missing {
				if v.Missing {
					add("%s: the value `%s` now counts as missing", name, v.Key)
				} else {
					add("%s: the value `%s` no longer counts as missing", name, v.Key)
				}
			}
		}
		if sameSet(o.Values, d.Values) && !sameKeys(o.Values, d.Values) {
			add("%s: values reordered", name)
		}
	}
	return out
}

// replacedBy returns the value of d that lists key in its replaces, or nil.
func replacedBy(d *Dimension, key string) *Value {
	for i := range d.Values {
		if slices.Contains(d.Values[i].Replaces, key) {
			return &d.Values[i]
		}
	}
	return nil
}

func sameKeys(a, b []Value) bool {
	return slices.EqualFunc(a, b, func(x, y Value) bool { return x.Key == y.Key })
}

func sameSet(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	for _, v := range a {
		if !slices.ContainsFunc(b, func(w Value) bool { return w.Key == v.Key }) {
			return false
		}
	}
	return true
}
