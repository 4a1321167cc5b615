package agree

import "redline/annotate"

// Difference is a unit where coders gave different values: what an
// Agreement view lists and a lead adjudicates.
type Difference struct {
	Dimension, Target string
	Article           int64
	// Start and End are the stretch of a span unit (runes; End 0 for a
	// code on the whole article).
	Start, End int
	Codes      []CoderCode // one per coder with a value, in coder order
}

// CoderCode is one coder's value on a unit and where it comes from.
type CoderCode struct {
	Coder string
	// Value is the value key as coded ("not_applicable" included), or
	// Absent/Present for a frame (a value of a multiple-choice dimension).
	Value string
	// AnnotationID is the code behind the value, the one an adjudication
	// settles; "" for a frame the coder did not tick.
	AnnotationID string
	Note         string

	ref int32 // index of the code in Data's annotations, or -1
}

// Differences lists the units of a variable where coders gave different
// values, in unit order. Values declared missing for the statistics count
// here: "not applicable" against "favourable" is a disagreement to settle.
func (r *Report) Differences(dimension, target string) []Difference {
	if r.data == nil {
		return nil
	}
	for _, t := range r.data.Tables {
		if t.Dimension == dimension && t.Target == target {
			return t.differences(r.data.anns)
		}
	}
	return nil
}

func (t *Table) differences(anns []annotate.Annotation) []Difference {
	var out []Difference
	for _, u := range t.Units {
		codes := t.unitCodes(u, anns)
		if len(codes) < 2 || same(codes) {
			continue
		}
		out = append(out, Difference{Dimension: t.Dimension, Target: t.Target, Article: u.article,
			Start: u.start, End: u.end, Codes: codes})
	}
	return out
}

// unitCodes lists the values coders gave a unit, in coder order.
func (t *Table) unitCodes(u Unit, anns []annotate.Annotation) []CoderCode {
	var codes []CoderCode
	for c := range t.Coders {
		cc := CoderCode{Coder: t.Coders[c], ref: -1}
		ref := int32(-1)
		if c < len(u.refs) {
			ref = u.refs[c]
		}
		val := Missing
		if c < len(u.Values) {
			val = u.Values[c]
		}
		switch {
		case ref >= 0 && int(ref) < len(anns):
			a := &anns[ref]
			cc.AnnotationID, cc.Note, cc.Value, cc.ref = a.ID, a.Note, a.Value, ref
			if t.presence && val != Missing {
				cc.Value = t.Categories[val].Key
			}
		case val != Missing:
			cc.Value = t.Categories[val].Key
		default:
			continue
		}
		codes = append(codes, cc)
	}
	return codes
}

// same reports whether every code has the same value.
func same(codes []CoderCode) bool {
	for _, cc := range codes[1:] {
		if cc.Value != codes[0].Value {
			return false
		}
	}
	return true
}
