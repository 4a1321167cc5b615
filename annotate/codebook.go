package annotate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Level says where a dimension may be coded.
type Level string

// Choice says how many values a dimension takes.
type Choice string

const (
	LevelDocument Level = "document"
	LevelSpan     Level = "span"

	ChoiceSingle   Choice = "single"   // at most one value per target
	ChoiceMultiple Choice = "multiple" // any number of values
	ChoiceText     Choice = "text"     // free text, kept in the note
)

// Measure is a dimension's level of measurement, which the reliability
// statistics use to weigh disagreements: a nominal difference is all or
// nothing, an ordinal one grows with the values between, an interval or
// ratio one with the numeric distance.
type Measure string

const (
	MeasureNominal  Measure = "nominal"  // categories without order (the default)
	MeasureOrdinal  Measure = "ordinal"  // ranked in codebook order
	MeasureInterval Measure = "interval" // value keys are numbers
	MeasureRatio    Measure = "ratio"    // value keys are numbers of 0 or more, 0 meaning none
)

// Codebook is a versioned set of dimensions. It is stored whole with its
// version so that every annotation names the exact definition it was made
// under.
type Codebook struct {
	Name        string      `toml:"name" json:"name"`
	Version     int         `toml:"version" json:"version"`
	Description string      `toml:"description" json:"description,omitempty"`
	Dimensions  []Dimension `toml:"dimension" json:"dimension"`
}

// Dimension is one variable of the codebook, such as stance or frames.
type Dimension struct {
	Key         string   `toml:"key" json:"key"`
	Label       string   `toml:"label" json:"label"`
	Description string   `toml:"description" json:"description,omitempty"`
	Levels      []Level  `toml:"levels" json:"levels"`
	Choice      Choice   `toml:"choice" json:"choice"`
	Targets     []string `toml:"targets" json:"targets,omitempty"`
	// ValuesFrom names another dimension whose values this one shares, as the
	// primary frame shares the frames' values.
	ValuesFrom string `toml:"values_from" json:"values_from,omitempty"`
	// Within names a multiple-choice dimension whose chosen values this one
	// must be among (the primary frame must be one of the frames).
	Within string `toml:"within" json:"within,omitempty"`
	// Measure is the level of measurement (TOML and JSON key "level"),
	// nominal when the codebook does not say.
	Measure Measure `toml:"level,omitempty" json:"level,omitempty"`
	Values  []Value `toml:"value" json:"value,omitempty"`
}

// Value is one code a dimension can take.
type Value struct {
	Key         string `toml:"key" json:"key"`
	Label       string `toml:"label" json:"label"`
	Description string `toml:"description" json:"description,omitempty"`
	Color       string `toml:"color" json:"color,omitempty"`       // #rrggbb
	Shortcut    string `toml:"shortcut" json:"shortcut,omitempty"` // one key
	// Missing makes the value count as no value in the reliability
	// statistics ("not applicable" is not a point on the scale).
	Missing bool `toml:"missing,omitempty" json:"missing,omitempty"`
	// Replaces lists value keys of an earlier version of the codebook that
	// this value takes the place of (renamed or merged into it), so the
	// codes made with them can be recoded (PlanRecode).
	Replaces []string `toml:"replaces,omitempty" json:"replaces,omitempty"`
}

// CodebookError says where a codebook is wrong: a line for syntax errors, a
// field path (dimension[2].value[0].shortcut) for rule errors.
type CodebookError struct {
	Line   int    // 1-based; 0 when the error is about a field
	Field  string // empty for syntax errors
	Reason string
}

func (e *CodebookError) Error() string {
	switch {
	case e.Line > 0 && e.Field != "":
		return fmt.Sprintf("codebook line %d, %s: %s", e.Line, e.Field, e.Reason)
	case e.Line > 0:
		return fmt.Sprintf("codebook line %d: %s", e.Line, e.Reason)
	case e.Field != "":
		return fmt.Sprintf("codebook field %s: %s", e.Field, e.Reason)
	}
	return "codebook: " + e.Reason
}

func (e *CodebookError) Unwrap() error { return ErrInvalid }

// ParseCodebook reads a codebook from TOML or JSON (told apart by the first
// non-blank character), fills shared values and validates it.
func ParseCodebook(data []byte) (*Codebook, error) {
	var cb Codebook
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cb); err != nil {
			return nil, jsonError(trimmed, err)
		}
	} else {
		md, err := toml.Decode(string(data), &cb)
		if err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, &CodebookError{Line: pe.Position.Line, Reason: pe.Message}
			}
			return nil, &CodebookError{Reason: err.Error()}
		}
		if und := md.Undecoded(); len(und) > 0 {
			return nil, &CodebookError{Field: und[0].String(), Reason: "unknown field (check its spelling)"}
		}
	}
	if err := cb.resolve(); err != nil {
		return nil, err
	}
	if err := cb.Validate(); err != nil {
		return nil, err
	}
	return &cb, nil
}

func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		return &CodebookError{Line: lineAt(data, off), Field: te.Field, Reason: fmt.Sprintf("expected %s, found a JSON %s", te.Type, te.Value)}
	}
	if off >= 0 {
		return &CodebookError{Line: lineAt(data, off), Reason: err.Error()}
	}
	return &CodebookError{Reason: err.Error()}
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// resolve copies shared values into dimensions that borrow them and fills
// defaults.
func (cb *Codebook) resolve() error {
	for i := range cb.Dimensions {
		d := &cb.Dimensions[i]
		if d.Choice == "" {
			d.Choice = ChoiceSingle
		}
		if len(d.Levels) == 0 {
			d.Levels = []Level{LevelDocument}
		}
		if d.Measure == "" {
			d.Measure = MeasureNominal
		}
		if d.ValuesFrom == "" {
			continue
		}
		src := cb.Dimension(d.ValuesFrom)
		if src == nil {
			return &CodebookError{Field: fmt.Sprintf("dimension[%d].values_from", i), Reason: fmt.Sprintf("no dimension has key %q", d.ValuesFrom)}
		}
		if len(d.Values) > 0 {
			return &CodebookError{Field: fmt.Sprintf("dimension[%d].value", i), Reason: "a dimension with values_from lists no values of its own"}
		}
		d.Values = append([]Value(nil), src.Values...)
	}
	return nil
}

var (
	keyPattern   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// Validate checks every rule a codebook must keep and names the first field
// that breaks one.
func (cb *Codebook) Validate() error {
	if strings.TrimSpace(cb.Name) == "" {
		return &CodebookError{Field: "name", Reason: "a codebook needs a name"}
	}
	if cb.Version < 1 {
		return &CodebookError{Field: "version", Reason: "version must be a whole number of 1 or more"}
	}
	if len(cb.Dimensions) == 0 {
		return &CodebookError{Field: "dimension", Reason: "a codebook needs at least one dimension"}
	}
	seen := map[string]bool{}
	for i, d := range cb.Dimensions {
		f := fmt.Sprintf("dimension[%d]", i)
		if !keyPattern.MatchString(d.Key) {
			return &CodebookError{Field: f + ".key", Reason: fmt.Sprintf("%q must be lower-case letters, digits or _ and start with a letter", d.Key)}
		}
		if seen[d.Key] {
			return &CodebookError{Field: f + ".key", Reason: fmt.Sprintf("key %q is used twice", d.Key)}
		}
		seen[d.Key] = true
		if strings.TrimSpace(d.Label) == "" {
			return &CodebookError{Field: f + ".label", Reason: "a dimension needs a label"}
		}
		for _, l := range d.Levels {
			if l != LevelDocument && l != LevelSpan {
				return &CodebookError{Field: f + ".levels", Reason: fmt.Sprintf("%q is not a level (use \"document\" or \"span\")", l)}
			}
		}
		switch d.Choice {
		case ChoiceSingle, ChoiceMultiple:
			if len(d.Values) == 0 {
				return &CodebookError{Field: f + ".value", Reason: "a choice dimension needs at least one value"}
			}
		case ChoiceText:
			if len(d.Values) > 0 || len(d.Targets) > 0 {
				return &CodebookError{Field: f + ".value", Reason: "a text dimension takes no values or targets"}
			}
		default:
			return &CodebookError{Field: f + ".choice", Reason: fmt.Sprintf("%q is not a choice (use single, multiple or text)", d.Choice)}
		}
		switch d.Measure {
		case MeasureNominal, "":
		case MeasureOrdinal, MeasureInterval, MeasureRatio:
			if d.Choice != ChoiceSingle {
				return &CodebookError{Field: f + ".level", Reason: fmt.Sprintf("only a single-choice dimension can be %s (a %s dimension is nominal)", d.Measure, d.Choice)}
			}
		default:
			return &CodebookError{Field: f + ".level", Reason: fmt.Sprintf("%q is not a level of measurement (use nominal, ordinal, interval or ratio)", d.Measure)}
		}
		if d.Within != "" {
			w := cb.Dimension(d.Within)
			if w == nil || w.Choice != ChoiceMultiple {
				return &CodebookError{Field: f + ".within", Reason: fmt.Sprintf("%q must name a multiple-choice dimension", d.Within)}
			}
		}
		tseen := map[string]bool{}
		for j, t := range d.Targets {
			if strings.TrimSpace(t) == "" || tseen[t] {
				return &CodebookError{Field: fmt.Sprintf("%s.targets[%d]", f, j), Reason: "targets must be non-empty and distinct"}
			}
			tseen[t] = true
		}
		vseen, kseen := map[string]bool{}, map[string]bool{}
		for j, v := range d.Values {
			vf := fmt.Sprintf("%s.value[%d]", f, j)
			if d.Numeric() {
				n, ok := number(v.Key)
				switch {
				case !ok:
					return &CodebookError{Field: vf + ".key", Reason: fmt.Sprintf("%q must be a number such as 3 or -1.5 in a %s dimension", v.Key, d.Measure)}
				case d.Measure == MeasureRatio && n < 0:
					return &CodebookError{Field: vf + ".key", Reason: fmt.Sprintf("%q is below 0, which a ratio dimension cannot hold (use interval)", v.Key)}
				}
			} else if !keyPattern.MatchString(v.Key) {
				return &CodebookError{Field: vf + ".key", Reason: fmt.Sprintf("%q must be lower-case letters, digits or _ and start with a letter", v.Key)}
			}
			if vseen[v.Key] {
				return &CodebookError{Field: vf + ".key", Reason: fmt.Sprintf("value %q is used twice in %s", v.Key, d.Key)}
			}
			vseen[v.Key] = true
			if strings.TrimSpace(v.Label) == "" {
				return &CodebookError{Field: vf + ".label", Reason: "a value needs a label"}
			}
			if v.Color != "" && !colorPattern.MatchString(v.Color) {
				return &CodebookError{Field: vf + ".color", Reason: fmt.Sprintf("%q is not a colour like #1f77b4", v.Color)}
			}
			if v.Shortcut != "" {
				s := strings.ToLower(v.Shortcut)
				if len([]rune(s)) != 1 {
					return &CodebookError{Field: vf + ".shortcut", Reason: fmt.Sprintf("%q must be a single key", v.Shortcut)}
				}
				if kseen[s] {
					return &CodebookError{Field: vf + ".shortcut", Reason: fmt.Sprintf("key %q is already used in %s", v.Shortcut, d.Key)}
				}
				kseen[s] = true
			}
		}
		replaced := map[string]bool{}
		for j, v := range d.Values {
			for k, r := range v.Replaces {
				rf := fmt.Sprintf("%s.value[%d].replaces[%d]", f, j, k)
				switch {
				case d.Value(r) != nil:
					return &CodebookError{Field: rf, Reason: fmt.Sprintf("%q is still a value of %s; a value replaces only keys this version no longer has", r, d.Key)}
				case replaced[r]:
					return &CodebookError{Field: rf, Reason: fmt.Sprintf("%q is replaced by two values of %s; list it under one", r, d.Key)}
				}
				replaced[r] = true
			}
		}
	}
	return nil
}

// number reads a numeric value key; keys like "1e3", "NaN" or "Inf" are
// refused so the key reads the same in every statistics program.
func number(key string) (float64, bool) {
	if key == "" || strings.ContainsAny(key, "eExXpP_ ") {
		return 0, false
	}
	n, err := strconv.ParseFloat(key, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	return n, true
}

// Numeric reports whether the dimension's value keys are numbers (interval
// or ratio level).
func (d *Dimension) Numeric() bool {
	return d.Measure == MeasureInterval || d.Measure == MeasureRatio
}

// Level returns the level of measurement, nominal when none is declared.
func (d *Dimension) Level() Measure {
	if d.Measure == "" {
		return MeasureNominal
	}
	return d.Measure
}

// Number returns the numeric value of a value key of an interval or ratio
// dimension.
func (d *Dimension) Number(key string) (float64, bool) {
	if !d.Numeric() || d.Value(key) == nil {
		return 0, false
	}
	return number(key)
}

// Rank returns the position of a value among the dimension's values that
// are not missing, in codebook order (0 first), or -1.
func (d *Dimension) Rank(key string) int {
	r := 0
	for _, v := range d.Values {
		if v.Missing {
			if v.Key == key {
				return -1
			}
			continue
		}
		if v.Key == key {
			return r
		}
		r++
	}
	return -1
}

// MissingValue reports whether key is declared missing for statistics.
func (d *Dimension) MissingValue(key string) bool {
	v := d.Value(key)
	return v != nil && v.Missing
}

// Dimension returns the dimension with the given key, or nil.
func (cb *Codebook) Dimension(key string) *Dimension {
	for i := range cb.Dimensions {
		if cb.Dimensions[i].Key == key {
			return &cb.Dimensions[i]
		}
	}
	return nil
}

// DocumentDimensions returns the dimensions coded on whole articles, in order.
func (cb *Codebook) DocumentDimensions() []Dimension {
	var out []Dimension
	for _, d := range cb.Dimensions {
		if d.HasLevel(LevelDocument) {
			out = append(out, d)
		}
	}
	return out
}

// HasLevel reports whether the dimension may be coded at level l.
func (d *Dimension) HasLevel(l Level) bool {
	for _, x := range d.Levels {
		if x == l {
			return true
		}
	}
	return false
}

// Value returns the value with the given key, or nil.
func (d *Dimension) Value(key string) *Value {
	for i := range d.Values {
		if d.Values[i].Key == key {
			return &d.Values[i]
		}
	}
	return nil
}

// ValueByShortcut returns the value bound to key (case-insensitive), or nil.
func (d *Dimension) ValueByShortcut(key string) *Value {
	key = strings.ToLower(key)
	for i := range d.Values {
		if strings.ToLower(d.Values[i].Shortcut) == key && key != "" {
			return &d.Values[i]
		}
	}
	return nil
}

// MarshalTOML writes the codebook back as TOML, the form analysts edit.
func (cb *Codebook) MarshalTOML() ([]byte, error) {
	out := *cb
	out.Dimensions = make([]Dimension, len(cb.Dimensions))
	for i, d := range cb.Dimensions {
		if d.ValuesFrom != "" {
			d.Values = nil
		}
		out.Dimensions[i] = d
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(out); err != nil {
		return nil, fmt.Errorf("write codebook: %w", err)
	}
	return buf.Bytes(), nil
}
