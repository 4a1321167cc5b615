package agree

import (
	"fmt"
	"sort"

	"redline/annotate"
)

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
}

// Build turns stored annotations into the variables of the codebook.
//
// Only codes the coders made themselves count: annotations carried from
// another version are copies, so they are left out whatever their status
// (and an article a coder knows only through carried codes is not theirs).
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
	// Live own codes, by article and coder.
	own := map[ac][]annotate.Annotation{}
	carried := 0
	for _, a := range anns {
		if a.Deleted || (len(keep) > 0 && !keep[a.Annotator]) {
			continue
		}
		if a.Carry != nil {
			carried++
			continue
		}
		k := ac{a.ArticleID, a.Annotator}
		own[k] = append(own[k], a)
	}
	if carried > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d codes carried over from other versions were left out: only codes the coders made themselves count", carried))
	}

	// One unit article per story: the version most coders coded.
	codersOf := map[int64][]string{}
	for k := range own {
		codersOf[k.art] = append(codersOf[k.art], k.coder)
	}
	best := map[int64]int64{} // family -> unit article
	for art, cs := range codersOf {
		fam, ok := opt.Families[art]
		if !ok || fam == 0 {
			fam = art
		}
		cur, ok := best[fam]
		if !ok || len(cs) > len(codersOf[cur]) || len(cs) == len(codersOf[cur]) && art < cur {
			best[fam] = art
		}
	}
	units := make([]int64, 0, len(best))
	for _, art := range best {
		units = append(units, art)
	}
	sort.Slice(units, func(i, j int) bool { return units[i] < units[j] })
	data.Articles = len(units)
	if dropped := len(codersOf) - len(units); dropped > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d other versions of stories already counted were left out: each story counts once", dropped))
	}
	coderSet := map[string]bool{}
	for _, art := range units {
		sort.Strings(codersOf[art])
		for _, c := range codersOf[art] {
			coderSet[c] = true
		}
	}
	for c := range coderSet {
		data.Coders = append(data.Coders, c)
	}
	sort.Strings(data.Coders)

	unknown := 0
	for _, d := range cb.Dimensions {
		switch {
		case d.Choice == annotate.ChoiceText:
			continue
		case !d.HasLevel(annotate.LevelDocument):
			if d.HasLevel(annotate.LevelSpan) && d.Choice == annotate.ChoiceSingle {
				tbs, sets, n := spanTables(&d, units, codersOf, own)
				data.Tables = append(data.Tables, tbs...)
				data.spans = append(data.spans, sets...)
				unknown += n
			}
			continue
		case d.Choice == annotate.ChoiceMultiple:
			for _, v := range d.Values {
				tb := NewTable(d.Key, v.Key, annotate.MeasureNominal, []Category{{Key: Absent}, {Key: Present}})
				for _, art := range units {
					u := tb.UnitIndex(fmt.Sprint(art))
					for _, c := range codersOf[art] {
						val := 0
						if ticked(own[ac{art, c}], d.Key, v.Key) {
							val = 1
						}
						tb.SetIndex(u, tb.CoderIndex(c), val)
					}
				}
				data.Tables = append(data.Tables, tb)
			}
		default:
			targets := d.Targets
			if len(targets) == 0 {
				targets = []string{""}
			}
			for _, target := range targets {
				tb := NewTable(d.Key, target, d.Level(), scaleOf(&d))
				for _, art := range units {
					u := -1
					for _, c := range codersOf[art] {
						a, ok := latest(own[ac{art, c}], d.Key, target)
						if !ok {
							continue
						}
						cat, known := categoryOf(tb, &d, a.Value)
						if !known {
							unknown++
							continue
						}
						if u < 0 {
							u = tb.UnitIndex(fmt.Sprint(art))
						}
						tb.SetIndex(u, tb.CoderIndex(c), cat)
					}
				}
				data.Tables = append(data.Tables, tb)
			}
		}
	}
	if unknown > 0 {
		data.Notes = append(data.Notes, fmt.Sprintf("%d codes name a value the codebook in force does not have; they were left out", unknown))
	}
	return data
}

// ac names one coder's codes on one article.
type ac struct {
	art   int64
	coder string
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

// latest returns the coder's latest live document-level code of a field.
func latest(anns []annotate.Annotation, dim, target string) (annotate.Annotation, bool) {
	var out annotate.Annotation
	found := false
	for _, a := range anns {
		if a.Span != nil || a.Dimension != dim || a.Target != target {
			continue
		}
		if !found || a.UpdatedAt.After(out.UpdatedAt) || a.UpdatedAt.Equal(out.UpdatedAt) && a.ID > out.ID {
			out, found = a, true
		}
	}
	return out, found
}

// ticked reports whether the coder ticked value in a multiple-choice
// dimension on the whole document.
func ticked(anns []annotate.Annotation, dim, value string) bool {
	for _, a := range anns {
		if a.Span == nil && a.Dimension == dim && a.Value == value {
			return true
		}
	}
	return false
}

// spanTables builds the variables of a dimension coded on spans: one per
// target (one when it has none), its units the stretches coders' marks
// share; and the marks for span F1. It also returns how many codes named a
// value the codebook lacks.
func spanTables(d *annotate.Dimension, units []int64, codersOf map[int64][]string, own map[ac][]annotate.Annotation) ([]*Table, []*spanSet, int) {
	targets := d.Targets
	if len(targets) == 0 {
		targets = []string{""}
	}
	var (
		tables  []*Table
		sets    []*spanSet
		unknown int
	)
	for _, target := range targets {
		tb := NewTable(d.Key, target, d.Level(), scaleOf(d))
		set := &spanSet{dimension: tb.Name(), marks: map[int64]map[string][]Mark{}, coded: map[int64][]string{}}
		for _, art := range units {
			set.coded[art] = codersOf[art]
			for _, c := range codersOf[art] {
				// the latest code of each stretch the coder marked
				type stretch struct{ start, end int }
				last := map[stretch]annotate.Annotation{}
				for _, a := range own[ac{art, c}] {
					if a.Span == nil || a.Dimension != d.Key || a.Target != target {
						continue
					}
					k := stretch{a.Span.Start, a.Span.End}
					cur, ok := last[k]
					if !ok || a.UpdatedAt.After(cur.UpdatedAt) || a.UpdatedAt.Equal(cur.UpdatedAt) && a.ID > cur.ID {
						last[k] = a
					}
				}
				var marks []Mark
				for k, a := range last {
					cat, known := categoryOf(tb, d, a.Value)
					if !known {
						unknown++
						continue
					}
					marks = append(marks, Mark{Article: art, Coder: c, Start: k.start, End: k.end, Value: cat})
				}
				sort.Slice(marks, func(i, j int) bool {
					if marks[i].Start != marks[j].Start {
						return marks[i].Start < marks[j].Start
					}
					return marks[i].End < marks[j].End
				})
				if len(marks) > 0 {
					if set.marks[art] == nil {
						set.marks[art] = map[string][]Mark{}
					}
					set.marks[art][c] = marks
				}
			}
		}
		set.table(tb, DefaultMinOverlap)
		tables = append(tables, tb)
		sets = append(sets, set)
	}
	return tables, sets, unknown
}
