package workspace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"redline/agree"
	"redline/annotate"
)

// ErrNotSettleable marks codes that cannot be settled together.
var ErrNotSettleable = errors.New("cannot be settled together")

// Adjudicate settles a disagreement: it stores value (a value key of the
// codes' dimension) as the final code, made by lead and linked to the
// codes it settles, and records it in lead's undo history, so Undo takes
// it back. The settled codes must be live codes of one article, dimension
// and target, none of them adjudicated itself; a span code's final code
// lies on the first settled code's span. A frame (a value of a
// multiple-choice dimension) is settled with value "present" or "absent";
// an absence is stored as a final code without a value. When a live
// adjudicated code
// already settles any of them, it is changed (and settles all of them)
// rather than a second one made.
func (ws *Workspace) Adjudicate(ctx context.Context, lead string, settled []string, value, note string, now time.Time) (annotate.Annotation, error) {
	var zero annotate.Annotation
	if strings.TrimSpace(lead) == "" {
		return zero, fmt.Errorf("adjudicate: say who adjudicates (the lead's name): %w", annotate.ErrInvalid)
	}
	if len(settled) == 0 {
		return zero, fmt.Errorf("adjudicate: choose the codes to settle: %w", ErrNotSettleable)
	}
	codes, err := ws.Store.AnnotationsByID(ctx, settled)
	if err != nil {
		return zero, fmt.Errorf("adjudicate: %w", err)
	}
	first := codes[0]
	for _, c := range codes {
		switch {
		case c.Deleted:
			return zero, fmt.Errorf("adjudicate: code %s was deleted: %w", c.ID, ErrNotSettleable)
		case c.Adjudicated():
			return zero, fmt.Errorf("adjudicate: code %s is itself adjudicated; change it instead: %w", c.ID, ErrNotSettleable)
		case c.ArticleID != first.ArticleID || c.Dimension != first.Dimension || c.Target != first.Target:
			return zero, fmt.Errorf("adjudicate: codes %s and %s are not about the same article, dimension and target: %w", first.ID, c.ID, ErrNotSettleable)
		case (c.Span == nil) != (first.Span == nil):
			return zero, fmt.Errorf("adjudicate: code %s is on a span and %s on the whole article: %w", first.ID, c.ID, ErrNotSettleable)
		}
	}
	ids := make([]string, 0, len(codes))
	for _, c := range codes {
		if !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	// A value of a multiple-choice dimension (a frame) is settled as
	// present (the final code ticks it) or absent (the final code has no
	// value: it withdraws the ticks it settles).
	shown := value
	if d := ws.Codebook.Dimension(first.Dimension); d != nil && d.Choice == annotate.ChoiceMultiple {
		for _, c := range codes {
			if c.Value != first.Value {
				return zero, fmt.Errorf("adjudicate: codes %s and %s tick different values (%s, %s); settle each value on its own: %w",
					first.ID, c.ID, first.Value, c.Value, ErrNotSettleable)
			}
		}
		switch value {
		case agree.Present, first.Value:
			value, shown = first.Value, first.Value+" present"
		case agree.Absent:
			value, shown = "", first.Value+" absent"
		default:
			return zero, fmt.Errorf("adjudicate: %s %s is settled as present or absent, not %q: %w",
				first.Dimension, first.Value, value, annotate.ErrInvalid)
		}
	}

	// Change an adjudication of these codes if there is one.
	stored, err := ws.Store.Annotations(ctx, first.ArticleID)
	if err != nil {
		return zero, fmt.Errorf("adjudicate: %w", err)
	}
	a := annotate.Annotation{ID: annotate.NewID(), ArticleID: first.ArticleID, Dimension: first.Dimension,
		Target: first.Target, CreatedAt: now}
	if first.Span != nil {
		sp := *first.Span
		a.Span = &sp
	}
	for _, s := range stored {
		if s.Deleted || !s.Adjudicated() || s.Dimension != a.Dimension || s.Target != a.Target {
			continue
		}
		prior := s.SettledIDs()
		if slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(prior, id) }) {
			a = s
			for _, id := range prior {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
			break
		}
	}
	a.Annotator, a.Value, a.Note = lead, value, note
	a.Settles = strings.Join(ids, " ")
	a.UpdatedAt = now
	a.Codebook, a.CodebookVersion = ws.Codebook.Name, ws.Codebook.Version
	check := a
	if check.Value == "" {
		check.Value = first.Value // an absence is checked as the value it withdraws
	}
	if err := check.Validate(ws.Codebook); err != nil {
		return zero, fmt.Errorf("adjudicate: %w", err)
	}
	label := "adjudicate " + a.Dimension
	if a.Target != "" {
		label += " · " + a.Target
	}
	label += ": " + shown
	if err := ws.Store.SaveChange(ctx, lead, label, []annotate.Annotation{a}); err != nil {
		return zero, fmt.Errorf("adjudicate: %w", err)
	}
	return a, nil
}
