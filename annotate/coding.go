package annotate

import (
	"fmt"
	"sort"
	"time"
)

// Field names one codable slot on a document: a dimension, and for
// dimensions with targets, one target.
type Field struct {
	Dimension string
	Target    string
}

// DocState is one analyst's live document-level codes for one article, built
// from stored annotations. Its methods turn a coding action into the exact
// annotations to write, so the window and the command line change codes by
// the same rules.
type DocState struct {
	cb     *Codebook
	single map[Field]Annotation            // single-choice and text fields
	multi  map[Field]map[string]Annotation // multiple-choice: value -> annotation
}

// NewDocState collects the live document-level annotations among anns,
// reading each dimension's choice from cb. Annotations of dimensions the
// codebook lacks are kept as single-choice fields so they are not lost.
func NewDocState(cb *Codebook, anns []Annotation) *DocState {
	s := &DocState{cb: cb, single: map[Field]Annotation{}, multi: map[Field]map[string]Annotation{}}
	s.Apply(anns)
	return s
}

// Apply folds annotations (stored or freshly written) into the state; a
// later UpdatedAt wins, and a tombstone removes what it names.
func (s *DocState) Apply(anns []Annotation) {
	for _, a := range anns {
		if a.Span != nil {
			continue
		}
		f := Field{a.Dimension, a.Target}
		if d := s.cb.Dimension(a.Dimension); d != nil && d.Choice == ChoiceMultiple {
			m := s.multi[f]
			if m == nil {
				m = map[string]Annotation{}
				s.multi[f] = m
			}
			cur, ok := m[a.Value]
			if ok && a.UpdatedAt.Before(cur.UpdatedAt) {
				continue
			}
			if a.Deleted {
				delete(m, a.Value)
			} else {
				m[a.Value] = a
			}
			continue
		}
		cur, ok := s.single[f]
		if ok && a.UpdatedAt.Before(cur.UpdatedAt) {
			continue
		}
		if a.Deleted {
			if ok && cur.ID == a.ID {
				delete(s.single, f)
			}
			continue
		}
		s.single[f] = a
	}
}

// Value is the chosen value of a single-choice field, or "".
func (s *DocState) Value(dim, target string) string {
	return s.single[Field{dim, target}].Value
}

// Text is the text of a text field, or "".
func (s *DocState) Text(dim string) string {
	return s.single[Field{dim, ""}].Note
}

// Has reports whether value is ticked in a multiple-choice field.
func (s *DocState) Has(dim, value string) bool {
	_, ok := s.multi[Field{dim, ""}][value]
	return ok
}

// Chosen lists the ticked values of a multiple-choice field, sorted.
func (s *DocState) Chosen(dim string) []string {
	var out []string
	for v := range s.multi[Field{dim, ""}] {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// Empty reports whether nothing is coded.
func (s *DocState) Empty() bool {
	if len(s.single) > 0 {
		return false
	}
	for _, m := range s.multi {
		if len(m) > 0 {
			return false
		}
	}
	return true
}

// Base is what every new annotation of an action shares.
type Base struct {
	ArticleID int64
	Annotator string
	Codebook  *Codebook
	Now       time.Time
}

func (b Base) fresh(dim, target, value string) Annotation {
	return Annotation{
		ID: NewID(), ArticleID: b.ArticleID, Annotator: b.Annotator,
		Codebook: b.Codebook.Name, CodebookVersion: b.Codebook.Version,
		Dimension: dim, Target: target, Value: value,
		CreatedAt: b.Now, UpdatedAt: b.Now,
	}
}

func (b Base) touch(a Annotation) Annotation {
	a.UpdatedAt = b.Now
	a.Codebook, a.CodebookVersion = b.Codebook.Name, b.Codebook.Version
	return a
}

// Set chooses value for a single-choice field; value "" clears it. It
// returns the annotations to write (none when nothing changes). Choosing a
// primary frame also ticks that frame, as the codebook's within rule says.
func (s *DocState) Set(b Base, dim, target, value string) ([]Annotation, error) {
	d := b.Codebook.Dimension(dim)
	if d == nil || d.Choice != ChoiceSingle {
		return nil, fmt.Errorf("%q is not a single-choice dimension: %w", dim, ErrInvalid)
	}
	f := Field{dim, target}
	cur, had := s.single[f]
	var out []Annotation
	switch {
	case value == "" && had:
		cur = b.touch(cur)
		cur.Deleted = true
		out = append(out, cur)
	case value == "":
		return nil, nil
	case had && cur.Value == value:
		return nil, nil
	case had:
		cur = b.touch(cur)
		cur.Value = value
		out = append(out, cur)
	default:
		out = append(out, b.fresh(dim, target, value))
	}
	if value != "" {
		if err := out[0].Validate(b.Codebook); err != nil {
			return nil, err
		}
		if d.Within != "" && !s.Has(d.Within, value) {
			out = append(out, b.fresh(d.Within, "", value))
		}
	}
	s.Apply(out)
	return out, nil
}

// Toggle ticks or unticks value in a multiple-choice field. Unticking the
// value a within-dimension has chosen (the primary frame) clears that too.
func (s *DocState) Toggle(b Base, dim, value string) ([]Annotation, error) {
	d := b.Codebook.Dimension(dim)
	if d == nil || d.Choice != ChoiceMultiple {
		return nil, fmt.Errorf("%q is not a multiple-choice dimension: %w", dim, ErrInvalid)
	}
	f := Field{dim, ""}
	var out []Annotation
	if cur, ok := s.multi[f][value]; ok {
		cur = b.touch(cur)
		cur.Deleted = true
		out = append(out, cur)
		for _, other := range b.Codebook.Dimensions {
			if other.Within == dim {
				if p, ok := s.single[Field{other.Key, ""}]; ok && p.Value == value {
					p = b.touch(p)
					p.Deleted = true
					out = append(out, p)
				}
			}
		}
	} else {
		a := b.fresh(dim, "", value)
		if err := a.Validate(b.Codebook); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	s.Apply(out)
	return out, nil
}

// SetText sets a text field (the free note); "" clears it.
func (s *DocState) SetText(b Base, dim, text string) ([]Annotation, error) {
	d := b.Codebook.Dimension(dim)
	if d == nil || d.Choice != ChoiceText {
		return nil, fmt.Errorf("%q is not a text dimension: %w", dim, ErrInvalid)
	}
	f := Field{dim, ""}
	cur, had := s.single[f]
	var out []Annotation
	switch {
	case had && cur.Note == text:
		return nil, nil
	case had && text == "":
		cur = b.touch(cur)
		cur.Deleted = true
		out = append(out, cur)
	case had:
		cur = b.touch(cur)
		cur.Note = text
		out = append(out, cur)
	case text == "":
		return nil, nil
	default:
		a := b.fresh(dim, "", "")
		a.Note = text
		out = append(out, a)
	}
	s.Apply(out)
	return out, nil
}
