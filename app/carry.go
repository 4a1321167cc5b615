package app

import (
	"context"
	"fmt"
	"strings"

	"redline/annotate"
)

// loadOrphans lists the analyst's span codes on the other versions of the
// story that could not be placed on this one. Carrying itself happens in
// the workspace when a code is made (and when a version joins a story), so
// what is shown never depends on which versions were opened.
func (wb *Workbench) loadOrphans(articleID int64) {
	name := wb.annotator
	if name == "" {
		return
	}
	wb.jobs.Go(func() func() {
		orphans, err := wb.work.Orphans(context.Background(), name, articleID)
		return func() {
			if articleID != wb.current {
				return
			}
			wb.spans.orphans, wb.spans.orphanErr = orphans, err
			wb.updateCarryLine()
		}
	})
}

// updateCarryLine says how many carried codes wait for the analyst here,
// and lists the orphans.
func (wb *Workbench) updateCarryLine() {
	var parts []string
	pending := 0
	for _, a := range wb.spans.anns {
		if !a.Deleted && a.Pending() && a.Annotator == wb.annotator {
			pending++
		}
	}
	if pending > 0 {
		parts = append(parts, fmt.Sprintf("%s carried from other versions of this story (marked C) %s: select one and press Enter to confirm or Delete to reject it.",
			plural(pending, "span code"), map[bool]string{true: "waits", false: "wait"}[pending == 1]))
	}
	if err := wb.spans.orphanErr; err != nil {
		parts = append(parts, "Could not check the other versions for codes that did not carry: "+err.Error()+". Open the article again to retry.")
	}
	if o := wb.spans.orphans; len(o) > 0 {
		lines := []string{fmt.Sprintf("%s from other versions not found in this one (coded there, kept there):", plural(len(o), "span code"))}
		for _, x := range o {
			lines = append(lines, fmt.Sprintf("• “%s” (%s, %s) from %s", cut(x.From.Span.Quote, 50), x.From.Dimension, x.From.Value, shortVersionLabel(x.Index, x.Version)))
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
		if a.Pending() {
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

// rejectCarry removes the carried codes of the selected span; they stay as
// rejected tombstones with their origin, so they are not carried again.
func (s *spanCoder) rejectCarry() {
	cs := s.carried()
	b, ok := s.panel.base()
	if len(cs) == 0 || !ok {
		return
	}
	for i := range cs {
		c := *cs[i].Carry
		c.Status = annotate.CarryRejected
		cs[i].Carry = &c
		cs[i].Deleted = true
		cs[i].UpdatedAt = b.Now
	}
	s.panel.state.Apply(cs)
	s.panel.save(cs, "rejected carried span")
	s.body.SetSelection(s.start, s.start)
	s.selectRange(0, 0)
}
