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
	span   *Span                           // nil: document-level codes; else the codes of this span
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

// NewSpanState collects the live annotations of one span (the same start
// and end) among anns. Its Set, Toggle and SetText code that span; Base
// needs no span of its own.
func NewSpanState(cb *Codebook, anns []Annotation, span Span) *DocState {
	s := &DocState{cb: cb, span: &span, single: map[Field]Annotation{}, multi: map[Field]map[string]Annotation{}}
	s.Apply(anns)
	return s
}

// Span returns the span this state codes, or nil for document codes.
func (s *DocState) Span() *Span { return s.span }

func (s *DocState) mine(a Annotation) bool {
	if s.span == nil {
		return a.Span == nil
	}
	return a.Span != nil && a.Span.Start == s.span.Start && a.Span.End == s.span.End
}

// Live returns every live annotation in the state.
func (s *DocState) Live() []Annotation {
	var out []Annotation
	for _, a := range s.single {
		out = append(out, a)
	}
	for _, m := range s.multi {
		for _, a := range m {
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Apply folds annotations (stored or freshly written) into the state; a
// later UpdatedAt wins, and a tombstone removes what it names.
func (s *DocState) Apply(anns []Annotation) {
	for _, a := range anns {
		if !s.mine(a) {
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

func (s *DocState) fresh(b Base, dim, target, value string) Annotation {
	a := b.fresh(dim, target, value)
	if s.span != nil {
		sp := *s.span
		a.Span = &sp
		a.Source = s.source()
	}
	return a
}

// source is the source name the span's codes already carry, so a new code
// on the span names the same source.
func (s *DocState) source() string {
	for _, a := range s.Live() {
		if a.Source != "" {
			return a.Source
		}
	}
	return ""
}

// SetSource names the source of a span on every live code of the span. A
// span with no codes yet gets its name on a source code of value
// fallbackType, so the name is never lost.
func (s *DocState) SetSource(b Base, name, fallbackType string) ([]Annotation, error) {
	if s.span == nil {
		return nil, fmt.Errorf("a source name belongs to a span: %w", ErrInvalid)
	}
	var out []Annotation
	for _, a := range s.Live() {
		if a.Source != name {
			a = b.touch(a)
			a.Source = name
			out = append(out, a)
		}
	}
	if len(out) == 0 && s.Empty() && name != "" {
		a := s.fresh(b, "source", "", fallbackType)
		a.Source = name
		if err := a.Validate(b.Codebook); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	s.Apply(out)
	return out, nil
}

// SetLink links every live code of the span to the annotation id of the
// speaker's span ("" removes the link).
func (s *DocState) SetLink(b Base, to string) []Annotation {
	var out []Annotation
	for _, a := range s.Live() {
		if a.LinkedTo != to {
			a = b.touch(a)
			a.LinkedTo = to
			out = append(out, a)
		}
	}
	s.Apply(out)
	return out
}

// Remove tombstones every live code of the state (deleting a span).
func (s *DocState) Remove(b Base) []Annotation {
	var out []Annotation
	for _, a := range s.Live() {
		a = b.touch(a)
		a.Deleted = true
		out = append(out, a)
	}
	s.Apply(out)
	return out
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
		out = append(out, s.fresh(b, dim, target, value))
	}
	if value != "" {
		if err := out[0].Validate(b.Codebook); err != nil {
			return nil, err
		}
		if d.Within != "" && !s.Has(d.Within, value) {
			out = append(out, s.fresh(b, d.Within, "", value))
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
		a := s.fresh(b, dim, "", value)
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
		a := s.fresh(b, dim, "", "")
		a.Note = text
		out = append(out, a)
	}
	s.Apply(out)
	return out, nil
}
