package app

import (
	"context"
	"fmt"
	"strings"

	"redline/annotate"
	"redline/diff"
)

// orphan is a span coded on another version that could not be found in
// the open one: listed for the analyst, never dropped.
type orphan struct {
	from  annotate.Annotation
	label string // the version it was coded on
}

// carryOver brings the analyst's span codes from the other versions of
// the open article's story: re-anchored through the diff (by position, then
// by quote and context, then approximately), saved with their status and
// origin for the analyst to confirm or reject. Spans that cannot be placed
// are listed as orphans. It runs off the UI goroutine.
func (wb *Workbench) carryOver(articleID int64, text string) {
	name := wb.annotator
	if name == "" {
		return
	}
	wb.jobs.Go(func() func() {
		ctx := context.Background()
		fam, err := wb.store.FamilyOf(ctx, articleID)
		if err != nil || len(fam.Versions) < 2 {
			return nil
		}
		here, err := wb.store.Annotations(ctx, articleID)
		if err != nil {
			return nil
		}
		// what this version already has from elsewhere (accepted, rejected
		// or pending), and its own ids, so nothing is carried twice or back
		have := map[string]bool{}
		for _, a := range here {
			have[a.ID] = true
			if a.Carry != nil {
				have[a.Carry.From] = true
			}
		}
		var carried []annotate.Annotation
		var orphans []orphan
		for vi, v := range fam.Versions {
			if v.ID == articleID {
				continue
			}
			other, err := wb.store.Article(ctx, v.ID)
			if err != nil {
				continue
			}
			anns, err := wb.store.Annotations(ctx, v.ID)
			if err != nil {
				continue
			}
			var todo []annotate.Annotation
			for _, a := range anns {
				if a.Deleted || a.Span == nil || a.Annotator != name || have[a.ID] {
					continue
				}
				if a.Carry != nil && (have[a.Carry.From] || a.Carry.Status != annotate.CarryConfirmed) {
					continue // carried here from this version, or not yet confirmed there
				}
				todo = append(todo, a)
			}
			if len(todo) == 0 {
				continue
			}
			anchors := make([]diff.Anchor, len(todo))
			for i, a := range todo {
				anchors[i] = diff.Anchor{Start: a.Span.Start, End: a.Span.End, Quote: a.Span.Quote, Prefix: a.Span.Prefix, Suffix: a.Span.Suffix}
			}
			places := diff.Reanchor(other.Text, text, anchors)
			label := shortVersionLabel(vi, v)
			for i, p := range places {
				a := todo[i]
				if p.Status == diff.AnchorOrphaned {
					orphans = append(orphans, orphan{from: a, label: label})
					continue
				}
				sp, err := annotate.NewSpan(text, p.Start, p.End)
				if err != nil {
					orphans = append(orphans, orphan{from: a, label: label})
					continue
				}
				c := a
				c.ID = annotate.NewID()
				c.ArticleID = articleID
				c.Span = sp
				c.LinkedTo = "" // links point at spans of the other version
				c.Carry = &annotate.Carry{From: a.ID, Status: annotate.CarryStatus(p.Status), Score: p.Score}
				carried = append(carried, c)
			}
		}
		var saveErr error
		if len(carried) > 0 {
			saveErr = wb.store.SaveChange(ctx, name, fmt.Sprintf("carried %s from other versions", plural(len(carried), "span code")), carried)
		}
		return func() {
			if articleID != wb.current {
				return
			}
			wb.spans.orphans = orphans
			wb.updateCarryLine(len(carried), saveErr)
			if len(carried) > 0 {
				wb.reloadCodes(articleID)
			}
		}
	})
}

func (wb *Workbench) updateCarryLine(n int, err error) {
	var parts []string
	if err != nil {
		parts = append(parts, "Could not carry codes from the other versions: "+err.Error())
	} else if n > 0 {
		parts = append(parts, fmt.Sprintf("%s carried from other versions of this story (marked C): click one to confirm or reject it.", plural(n, "span code")))
	}
	if o := wb.spans.orphans; len(o) > 0 {
		lines := []string{fmt.Sprintf("%s from other versions not found in this one:", plural(len(o), "span code"))}
		for _, x := range o {
			lines = append(lines, fmt.Sprintf("• “%s” (%s, %s) from %s", cut(x.from.Span.Quote, 50), x.from.Dimension, x.from.Value, x.label))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	wb.coding.carryLine.SetText(strings.Join(parts, "\n"))
	if len(parts) == 0 {
		wb.coding.carryLine.Hide()
	} else {
		wb.coding.carryLine.Show()
	}
}

// carriedSelected is the carry-over state of the selected span's codes.
func (s *spanCoder) carried() []annotate.Annotation {
	var out []annotate.Annotation
	if s.panel.state == nil {
		return nil
	}
	for _, a := range s.panel.state.Live() {
		if a.Carry != nil && a.Carry.Status != annotate.CarryConfirmed {
			out = append(out, a)
		}
	}
	return out
}

// confirmCarry accepts the carried codes of the selected span where they
// were placed.
func (s *spanCoder) confirmCarry() {
	cs := s.carried()
	b, ok := s.panel.base()
	if len(cs) == 0 || !ok {
		return
	}
	for i := range cs {
		c := *cs[i].Carry
		c.Status = annotate.CarryConfirmed
		cs[i].Carry = &c
		cs[i].UpdatedAt = b.Now
	}
	s.panel.state.Apply(cs)
	s.panel.save(cs, "confirmed carried span")
	s.showSelection()
}

// rejectCarry removes the carried codes of the selected span; they keep
// their origin, so they are not carried again.
func (s *spanCoder) rejectCarry() {
	cs := s.carried()
	b, ok := s.panel.base()
	if len(cs) == 0 || !ok {
		return
	}
	for i := range cs {
		cs[i].Deleted = true
		cs[i].UpdatedAt = b.Now
	}
	s.panel.state.Apply(cs)
	s.panel.save(cs, "rejected carried span")
	s.wb.read.body.SetSelection(s.start, s.start)
	s.selectRange(0, 0)
}
