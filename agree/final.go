package agree

// Statuses of a final value.
const (
	StatusAdjudicated = "adjudicated" // a lead settled it
	StatusAgreed      = "agreed"      // two or more coders gave it, none another
	StatusSingle      = "single"      // one coder gave it
	StatusUnsettled   = "unsettled"   // coders differ and nobody settled it: no value
)

// FinalCode is one value of the adjudicated dataset: a variable on a unit
// (an article, or a stretch of it for span codes).
type FinalCode struct {
	Dimension, Target string
	Article           int64
	Start, End        int // the stretch of a span unit; End 0 for the article
	// Value is the final value key (Present/Absent for a frame); "" when
	// Status is StatusUnsettled.
	Value  string
	Status string
	// Settles lists the codes an adjudicated value settles.
	Settles []string
	// Codes are the coders' own values, the adjudicated one left out.
	Codes []CoderCode
}

// Final is the adjudicated dataset: for every unit of every variable, the
// adjudicated value where a lead settled it, else the value the coders
// agree on, else no value (unsettled). d must be built with
// BuildOptions.Gold set, so the adjudicated codes are in it.
func Final(d *Data) []FinalCode {
	var out []FinalCode
	for _, t := range d.Tables {
		for _, u := range t.Units {
			codes := t.unitCodes(u, d.anns)
			f := FinalCode{Dimension: t.Dimension, Target: t.Target, Article: u.article, Start: u.start, End: u.end}
			var gold *CoderCode
			for i := range codes {
				if d.gold != "" && codes[i].Coder == d.gold {
					gold = &codes[i]
					continue
				}
				f.Codes = append(f.Codes, codes[i])
			}
			switch {
			case gold != nil:
				f.Value, f.Status = gold.Value, StatusAdjudicated
				if gold.ref >= 0 {
					f.Settles = d.anns[gold.ref].SettledIDs()
				}
			case len(f.Codes) == 0:
				continue
			case !same(f.Codes):
				f.Status = StatusUnsettled
			case len(f.Codes) == 1:
				f.Value, f.Status = f.Codes[0].Value, StatusSingle
			default:
				f.Value, f.Status = f.Codes[0].Value, StatusAgreed
			}
			out = append(out, f)
		}
	}
	return out
}
