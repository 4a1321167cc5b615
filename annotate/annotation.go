package annotate

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// Annotation is one code given by one analyst to one article, either to the
// whole document (Span nil) or to a span of its text.
//
// IDs are ULIDs, so annotations made on different machines never collide and
// merge cleanly. A deleted annotation stays as a tombstone (Deleted true) so a
// merge can tell "removed" from "never made".
type Annotation struct {
	ID              string
	ArticleID       int64
	Annotator       string
	Codebook        string
	CodebookVersion int
	Dimension       string
	Target          string // stance target; empty for dimensions without targets
	Value           string // value key; empty for text dimensions
	Note            string // free text; the text itself for text dimensions
	Span            *Span
	// Source is the canonical name of the source a source span names or
	// quotes ("Yuri Ushakov"), shared by every span about that source.
	Source string
	// LinkedTo is the id of the annotation on the speaker's span that a
	// quote span is linked to.
	LinkedTo  string
	Carry     *Carry // set when carried over from another version
	CreatedAt time.Time
	UpdatedAt time.Time
	Deleted   bool
	// Settles is set on an adjudicated code: the ids, separated by spaces,
	// of the coders' codes whose disagreement it settles. It is the final
	// value, not a coder's own judgement, so agreement leaves it out.
	// (A string, not a slice, so annotations stay comparable with ==.)
	Settles string
}

// CarryStatus says how a span carried from another version was placed.
type CarryStatus string

const (
	CarryExact     CarryStatus = "exact"     // same text, found by position
	CarryMoved     CarryStatus = "moved"     // same text, found elsewhere by its quote and context
	CarryFuzzy     CarryStatus = "fuzzy"     // similar text, found approximately
	CarryOrphaned  CarryStatus = "orphaned"  // not found: listed for the analyst, never dropped
	CarryConfirmed CarryStatus = "confirmed" // the analyst accepted the placement
	CarryRejected  CarryStatus = "rejected"  // the analyst rejected it: kept as a tombstone, never carried again
)

// Pending reports whether the annotation was carried from another version
// and the analyst has neither confirmed nor rejected it (a pending copy is
// deleted when its origin is, or when it can no longer be placed).
func (a Annotation) Pending() bool {
	return a.Carry != nil && a.Carry.Status != CarryConfirmed && a.Carry.Status != CarryRejected
}

// Confirmed reports whether the annotation is a live code the analyst
// stands behind: made here, or carried here and confirmed. It is the one
// rule behind "coded": an analyst has coded an article when they have at
// least one confirmed annotation on it. (storage's confirmedSQL is the same
// rule for queries.)
func (a Annotation) Confirmed() bool {
	return !a.Deleted && (a.Carry == nil || a.Carry.Status == CarryConfirmed)
}

// Coded reports whether annotator has coded the article these annotations
// belong to; an empty annotator means anyone.
func Coded(anns []Annotation, annotator string) bool {
	for _, a := range anns {
		if a.Confirmed() && (annotator == "" || a.Annotator == annotator) {
			return true
		}
	}
	return false
}

// Carry records where a carried annotation came from and how well it
// matched.
type Carry struct {
	From   string // id of the annotation on the other version
	Status CarryStatus
	Score  float64
}

// Span locates coded text inside an article. Start and End count runes
// (End exclusive). Quote, Prefix and Suffix let the span be found again when
// the text changes.
type Span struct {
	Start, End int
	Quote      string
	Prefix     string // up to ContextRunes runes before Start
	Suffix     string // up to ContextRunes runes after End
}

// ContextRunes is how much text is kept either side of a span.
const ContextRunes = 32

// Adjudicated reports whether the annotation is an adjudicated code.
func (a Annotation) Adjudicated() bool { return strings.TrimSpace(a.Settles) != "" }

// SettledIDs lists the ids of the codes an adjudicated code settles.
func (a Annotation) SettledIDs() []string { return strings.Fields(a.Settles) }

// NewID returns a new, time-ordered, globally unique annotation id.
func NewID() string {
	return ulid.MustNew(ulid.Now(), rand.Reader).String()
}

// ErrInvalid marks an annotation or codebook that breaks a rule.
var ErrInvalid = errors.New("invalid")

// NewSpan builds a span over text[start:end] (in runes) with its context.
func NewSpan(text string, start, end int) (*Span, error) {
	r := []rune(text)
	if start < 0 || end > len(r) || start >= end {
		return nil, fmt.Errorf("span %d-%d outside text of %d characters: %w", start, end, len(r), ErrInvalid)
	}
	ps := max(0, start-ContextRunes)
	se := min(len(r), end+ContextRunes)
	return &Span{Start: start, End: end, Quote: string(r[start:end]), Prefix: string(r[ps:start]), Suffix: string(r[end:se])}, nil
}

// ByteOffsets converts the span's rune offsets into UTF-8 byte offsets in text.
func (s Span) ByteOffsets(text string) (start, end int) {
	i := 0
	start, end = -1, -1
	for b := range text {
		if i == s.Start {
			start = b
		}
		if i == s.End {
			end = b
		}
		i++
	}
	if s.End == i {
		end = len(text)
	}
	if s.Start == i {
		start = len(text)
	}
	return start, end
}

// Validate checks the annotation against the codebook: the dimension exists,
// the value is one of its values, a target is one of its targets.
func (a Annotation) Validate(cb *Codebook) error {
	if strings.TrimSpace(a.Annotator) == "" {
		return fmt.Errorf("annotation has no annotator: %w", ErrInvalid)
	}
	if a.ArticleID <= 0 {
		return fmt.Errorf("annotation names no article: %w", ErrInvalid)
	}
	d := cb.Dimension(a.Dimension)
	if d == nil {
		return fmt.Errorf("dimension %q is not in codebook %q v%d: %w", a.Dimension, cb.Name, cb.Version, ErrInvalid)
	}
	if len(d.Targets) > 0 && !contains(d.Targets, a.Target) {
		return fmt.Errorf("target %q is not one of %s's targets: %w", a.Target, d.Key, ErrInvalid)
	}
	if len(d.Targets) == 0 && a.Target != "" {
		return fmt.Errorf("dimension %s takes no target: %w", d.Key, ErrInvalid)
	}
	switch d.Choice {
	case ChoiceText:
		if a.Value != "" {
			return fmt.Errorf("text dimension %s keeps its text in the note: %w", d.Key, ErrInvalid)
		}
	default:
		if d.Value(a.Value) == nil {
			return fmt.Errorf("value %q is not one of %s's values: %w", a.Value, d.Key, ErrInvalid)
		}
	}
	if a.Span == nil && !d.HasLevel(LevelDocument) {
		return fmt.Errorf("dimension %s is coded on spans only: %w", d.Key, ErrInvalid)
	}
	if a.Span != nil && !d.HasLevel(LevelSpan) {
		return fmt.Errorf("dimension %s is coded on whole documents only: %w", d.Key, ErrInvalid)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
