package agree

import (
	"fmt"
	"slices"
	"sort"

	"redline/annotate"
)

// GoldCoder is the name adjudicated codes go by when coders are scored
// against them (BuildOptions.Gold).
const GoldCoder = "(adjudicated)"

// Present and Absent are the two values of a per-frame variable.
const (
	Absent  = "absent"
	Present = "present"
)

// Data is every variable of a codebook built from coders' annotations,
// ready for the statistics.
type Data struct {
	// Tables are the variables in codebook order: each target of a
	// single-choice dimension, each value of a multiple-choice dimension as
	// present/absent, then span dimensions on matched spans.
	Tables []*Table
	spans  []*spanSet
	anns   []annotate.Annotation // what the units' refs point into
	gold   string                // the name adjudicated codes go by, if they entered
	// Coders are the coders whose own codes entered, sorted.
	Coders []string
	// Articles counts the articles that are units (one version per story).
	Articles int
	// Notes say what was left out and why, for the reader of a report.
	Notes []string
}

// BuildOptions choose what enters the statistics.
type BuildOptions struct {
	// Coders limits the statistics to these annotators; none means all.
	Coders []string
	// Families maps an article to its story (family); articles missing from
	// it are stories of their own.
	Families map[int64]int64
	// Gold, when set, lets adjudicated codes in as the codes of a coder of
	// that name (whoever adjudicated), so coders in training can be scored
	// against the adjudicated set; otherwise adjudicated codes are left out.
	Gold string
}

// Build turns stored annotations into the variables of the codebook.
//
// Only codes the coders made themselves count: annotations carried from
// another version are copies, so they are left out whatever their status
// (and an article a coder knows only through carried codes is not theirs);
// adjudicated codes are final values, not judgements, and are left out too.
// A coder coded an article when they have at least one live code of their
// own on it. Each story counts once: of the versions of a story, the one
// most coders coded is its unit (the earliest imported on a tie), and codes
// on other versions are left out.
//
// Per variable: a single-choice dimension gives one variable per target
// (values declared missing count as no value); a multiple-choice dimension
// (frames) gives one present/absent variable per value, absent for a coder
// who coded the article without ticking it and missing for one who did not
// code the article; a dimension coded on spans only gives one variable whose
// units are stretches of text that coders' marks share. Text dimensions have
// no values to compare and are left out.
func Build(cb *annotate.Codebook, anns []annotate.Annotation, opt BuildOptions) *Data {
	data := &Data{}
	keep := map[string]bool{}
	for _, c := range opt.Coders {
		keep[c] = true
	}
	// Live own codes, by article, then by coder.
	byArt := map[int64][]int32{}
	carried, adjudicated := 0, 0
	for i := range anns {
		a := &anns[i]
		gold := a.Adjudicated() && opt.Gold != ""
		if a.Deleted || (len(keep) > 0 && !keep[a.Annotator] && !gold) {
			continue
		}
		if a.Carry != nil {
			carried++
			continue
		}
		if a.Adjudicated() && !gold {
			adjudicated++
			continue
		}
		byArt[a.ArticleID] = append(byArt[a.ArticleID], int32(i))
	}
	if carried > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d codes carried over from other versions were left out: only codes the coders made themselves count", carried))
	}
	if adjudicated > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d adjudicated codes were left out: they settle disagreements, they are not a coder's own judgement", adjudicated))
	}
	arts := map[int64]*article{}
	for art, idx := range byArt {
		arts[art] = group(art, anns, idx, opt.Gold)
	}

	// One unit article per story: the version most coders coded.
	best := map[int64]*article{} // family -> unit article
	for art, a := range arts {
		fam, ok := opt.Families[art]
		if !ok || fam == 0 {
			fam = art
		}
		cur, ok := best[fam]
		if !ok || len(a.coders) > len(cur.coders) || len(a.coders) == len(cur.coders) && art < cur.id {
			best[fam] = a
		}
	}
	units := make([]*article, 0, len(best))
	for _, a := range best {
		units = append(units, a)
	}
	sort.Slice(units, func(i, j int) bool { return units[i].id < units[j].id })
	data.Articles = len(units)
	if dropped := len(arts) - len(units); dropped > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d other versions of stories already counted were left out: each story counts once", dropped))
	}
	coderIx := map[string]int{}
	for _, a := range units {
		for _, c := range a.coders {
			coderIx[c] = 0
		}
	}
	for c := range coderIx {
		data.Coders = append(data.Coders, c)
	}
	sort.Strings(data.Coders)
	for i, c := range data.Coders {
		coderIx[c] = i
	}

	data.anns, data.gold = anns, opt.Gold
	p := newPlan(cb, data.Coders, len(units))
	p.gold = opt.Gold
	if p.gold != "" {
		p.valueOf = map[string]string{}
		for i := range anns {
			if dp := p.dims[anns[i].Dimension]; dp != nil && dp.kind == docMulti {
				p.valueOf[anns[i].ID] = anns[i].Value
			}
		}
	}
	data.Tables, data.spans = p.tables, p.sets
	for _, a := range units {
		p.article(a, anns, coderIx)
	}
	for _, s := range p.sets {
		s.table(p.tables[s.tableIx], DefaultMinOverlap)
	}
	if p.unknown > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d codes name a value the codebook in force does not have; they were left out", p.unknown))
	}
	return data
}

// article is one article's own codes, grouped by coder (coders sorted).
type article struct {
	id     int64
	coders []string
	codes  [][]int32 // indices into the annotations, per coder
}

func group(id int64, anns []annotate.Annotation, idx []int32, gold string) *article {
	a := &article{id: id}
	for _, i := range idx {
		who := anns[i].Annotator
		if gold != "" && anns[i].Adjudicated() {
			who = gold
		}
		k := slices.Index(a.coders, who)
		if k < 0 {
			k = len(a.coders)
			a.coders = append(a.coders, who)
			a.codes = append(a.codes, nil)
		}
		a.codes[k] = append(a.codes[k], i)
	}
	// coders in name order, their codes with them
	order := make([]int, len(a.coders))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return a.coders[order[i]] < a.coders[order[j]] })
	coders, codes := make([]string, len(order)), make([][]int32, len(order))
	for i, o := range order {
		coders[i], codes[i] = a.coders[o], a.codes[o]
	}
	a.coders, a.codes = coders, codes
	return a
}

// plan says which table each code goes to.
type plan struct {
	dims    map[string]*dimPlan
	tables  []*Table
	multi   []int // tables of per-value (present/absent) variables
	sets    []*spanSet
	unknown int
	// per coder and article: the latest code of each single-choice table
	latest []int32
	gold   string // the name adjudicated codes go by, if they enter
	// valueOf gives the value of a code by id, for an adjudicated absence
	// (a final code without a value) to name the value it withdraws
	valueOf map[string]string
}

type dimPlan struct {
	d      *annotate.Dimension
	kind   int            // docSingle, docMulti or spanSingle
	tables map[string]int // by target (single) or by value (multiple)
	sets   map[string]*spanSet
}

const (
	docSingle = iota
	docMulti
	spanSingle
)

func newPlan(cb *annotate.Codebook, coders []string, units int) *plan {
	p := &plan{dims: map[string]*dimPlan{}}
	add := func(tb *Table) int {
		for _, c := range coders {
			tb.CoderIndex(c)
		}
		tb.Units = make([]Unit, 0, units)
		tb.unitIx = make(map[string]int, units)
		p.tables = append(p.tables, tb)
		return len(p.tables) - 1
	}
	for i := range cb.Dimensions {
		d := &cb.Dimensions[i]
		dp := &dimPlan{d: d, tables: map[string]int{}}
		targets := d.Targets
		if len(targets) == 0 {
			targets = []string{""}
		}
		switch {
		case d.Choice == annotate.ChoiceText:
			continue
		case !d.HasLevel(annotate.LevelDocument):
			if !d.HasLevel(annotate.LevelSpan) || d.Choice != annotate.ChoiceSingle {
				continue
			}
			dp.kind, dp.sets = spanSingle, map[string]*spanSet{}
			for _, target := range targets {
				t := add(NewTable(d.Key, target, d.Level(), scaleOf(d)))
				dp.tables[target] = t
				set := &spanSet{dimension: p.tables[t].Name(), tableIx: t, marks: map[int64]map[string][]Mark{}, coded: map[int64][]string{}}
				dp.sets[target] = set
				p.sets = append(p.sets, set)
			}
		case d.Choice == annotate.ChoiceMultiple:
			dp.kind = docMulti
			for _, v := range d.Values {
				t := add(NewTable(d.Key, v.Key, annotate.MeasureNominal, []Category{{Key: Absent}, {Key: Present}}))
				p.tables[t].presence = true
				dp.tables[v.Key] = t
				p.multi = append(p.multi, t)
			}
		default:
			dp.kind = docSingle
			for _, target := range targets {
				dp.tables[target] = add(NewTable(d.Key, target, d.Level(), scaleOf(d)))
			}
		}
		p.dims[d.Key] = dp
	}
	p.latest = make([]int32, len(p.tables))
	return p
}

// article adds one unit article's codes to the tables.
func (p *plan) article(a *article, anns []annotate.Annotation, coderIx map[string]int) {
	unit := make([]int, len(p.tables))
	for t := range unit {
		unit[t] = -1
	}
	id := fmt.Sprint(a.id)
	unitOf := func(t int) int {
		if unit[t] < 0 {
			unit[t] = p.tables[t].UnitIndex(id)
			p.tables[t].Units[unit[t]].article = a.id
		}
		return unit[t]
	}
	for _, s := range p.sets {
		s.coded[a.id] = a.coders
	}
	defer func() {
		// the gold set marks only the stretches an adjudication settled:
		// it takes part in span matching only where it has marks
		if p.gold == "" || !slices.Contains(a.coders, p.gold) {
			return
		}
		for _, s := range p.sets {
			if len(s.marks[a.id][p.gold]) == 0 {
				s.coded[a.id] = slices.DeleteFunc(slices.Clone(a.coders), func(c string) bool { return c == p.gold })
			}
		}
	}()
	for k, coder := range a.coders {
		c := coderIx[coder]
		// a coder who coded the article and did not tick a value: absent;
		// but an adjudication of some codes says nothing of the frames it
		// did not settle, so the gold set has no absences
		if coder != p.gold || p.gold == "" {
			for _, t := range p.multi {
				p.tables[t].SetIndex(unitOf(t), c, 0)
			}
		}
		for t := range p.latest {
			p.latest[t] = -1
		}
		spans := map[*spanSet]map[[2]int]int32{}
		for _, i := range a.codes[k] {
			x := &anns[i]
			dp := p.dims[x.Dimension]
			if dp == nil {
				continue
			}
			switch dp.kind {
			case docMulti:
				if x.Span != nil {
					continue
				}
				if x.Value == "" && x.Adjudicated() {
					// settled as absent: the value of the ticks it settles
					for _, id := range x.SettledIDs() {
						if t, ok := dp.tables[p.valueOf[id]]; ok {
							p.tables[t].SetIndex(unitOf(t), c, 0)
							p.tables[t].setRef(unitOf(t), c, i)
						}
					}
					continue
				}
				if t, ok := dp.tables[x.Value]; ok {
					p.tables[t].SetIndex(unitOf(t), c, 1)
					p.tables[t].setRef(unitOf(t), c, i)
				} else {
					p.unknown++
				}
			case docSingle:
				t, ok := dp.tables[x.Target]
				if x.Span != nil || !ok {
					continue
				}
				if cur := p.latest[t]; cur < 0 || newer(x, &anns[cur]) {
					p.latest[t] = i
				}
			case spanSingle:
				set := dp.sets[x.Target]
				if x.Span == nil || set == nil {
					continue
				}
				m := spans[set]
				if m == nil {
					m = map[[2]int]int32{}
					spans[set] = m
				}
				k := [2]int{x.Span.Start, x.Span.End}
				if cur, ok := m[k]; !ok || newer(x, &anns[cur]) {
					m[k] = i
				}
			}
		}
		for t, i := range p.latest {
			if i < 0 {
				continue
			}
			x := &anns[i]
			cat, known := categoryOf(p.tables[t], p.dims[x.Dimension].d, x.Value)
			if !known {
				p.unknown++
				continue
			}
			p.tables[t].SetIndex(unitOf(t), c, cat)
			p.tables[t].setRef(unitOf(t), c, i)
		}
		for set, m := range spans {
			tb := p.tables[set.tableIx]
			d := p.dims[tb.Dimension].d
			var marks []Mark
			for k, i := range m {
				cat, known := categoryOf(tb, d, anns[i].Value)
				if !known {
					p.unknown++
					continue
				}
				marks = append(marks, Mark{Article: a.id, Coder: coder, Start: k[0], End: k[1], Value: cat, ref: i})
			}
			sort.Slice(marks, func(i, j int) bool {
				if marks[i].Start != marks[j].Start {
					return marks[i].Start < marks[j].Start
				}
				return marks[i].End < marks[j].End
			})
			if len(marks) > 0 {
				if set.marks[a.id] == nil {
					set.marks[a.id] = map[string][]Mark{}
				}
				set.marks[a.id][coder] = marks
			}
		}
	}
}

// newer reports whether x was changed after y (the larger id on a tie).
func newer(x, y *annotate.Annotation) bool {
	return x.UpdatedAt.After(y.UpdatedAt) || x.UpdatedAt.Equal(y.UpdatedAt) && x.ID > y.ID
}

// scaleOf lists the values that count in the statistics, in codebook
// order, with their numbers on an interval or ratio scale.
func scaleOf(d *annotate.Dimension) []Category {
	var cats []Category
	for _, v := range d.Values {
		if v.Missing {
			continue
		}
		c := Category{Key: v.Key}
		if n, ok := d.Number(v.Key); ok {
			c.Number = n
		}
		cats = append(cats, c)
	}
	return cats
}

// categoryOf finds a value on the table's scale: Missing for a value
// declared missing, known false for a value the codebook lacks.
func categoryOf(tb *Table, d *annotate.Dimension, key string) (cat int, known bool) {
	if d.MissingValue(key) {
		return Missing, true
	}
	c, ok := tb.catIx[key]
	if !ok {
		return Missing, false
	}
	return c, true
}
