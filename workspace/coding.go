package workspace

import (
	"context"
	"fmt"
	"time"

	"redline/annotate"
	"redline/diff"
	"redline/storage"
)

// This file is the coding workflow the window and the command line share:
// every change an analyst makes goes through SaveEdit, which carries span
// codes to the other versions of the story in the same transaction, so the
// exports, the library and every panel see the same codes whatever was
// opened, and one undo takes back the change with everything it carried.

// Annotations returns every annotation of the article, tombstones included.
func (ws *Workspace) Annotations(ctx context.Context, articleID int64) ([]annotate.Annotation, error) {
	return ws.Store.Annotations(ctx, articleID)
}

// SaveChange is SaveEdit for a change that only writes annotations.
func (ws *Workspace) SaveChange(ctx context.Context, annotator, label string, after []annotate.Annotation) error {
	return ws.SaveEdit(ctx, annotator, label, storage.Edit{Annotations: after})
}

// SaveEdit writes one coding action as one undoable step. Span codes the
// analyst makes, changes or removes on one version are carried to every
// other version of its story: placed through the diff and marked pending
// until the analyst confirms or rejects them there; pending copies follow
// their origin's value and removal; confirmed and rejected copies are the
// analyst's own word and stay as they are.
func (ws *Workspace) SaveEdit(ctx context.Context, annotator, label string, e storage.Edit) error {
	carried, err := ws.carryChanges(ctx, e.Annotations)
	if err != nil {
		return fmt.Errorf("carry span codes to the story's other versions: %w", err)
	}
	e.Annotations = append(e.Annotations, carried...)
	return ws.Store.SaveEdit(ctx, annotator, label, e)
}

// Undo takes back the analyst's latest change, with what it carried.
func (ws *Workspace) Undo(ctx context.Context, annotator string, now time.Time) (storage.Change, error) {
	return ws.Store.Undo(ctx, annotator, now)
}

// Redo makes the change undone last again.
func (ws *Workspace) Redo(ctx context.Context, annotator string, now time.Time) (storage.Change, error) {
	return ws.Store.Redo(ctx, annotator, now)
}

// origin reports whether a is a span code made on its own version (not
// carried), the kind that is carried to the other versions.
func origin(a annotate.Annotation) bool { return a.Span != nil && a.Carry == nil }

// carryChanges works out the copies that changed origins make or update on
// the other versions of their stories.
func (ws *Workspace) carryChanges(ctx context.Context, changed []annotate.Annotation) ([]annotate.Annotation, error) {
	byArticle := map[int64][]annotate.Annotation{}
	var order []int64
	for _, a := range changed {
		if !origin(a) {
			continue
		}
		if _, ok := byArticle[a.ArticleID]; !ok {
			order = append(order, a.ArticleID)
		}
		byArticle[a.ArticleID] = append(byArticle[a.ArticleID], a)
	}
	var out []annotate.Annotation
	for _, id := range order {
		fam, err := ws.Store.FamilyOf(ctx, id)
		if err != nil {
			return nil, err
		}
		if len(fam.Versions) < 2 {
			continue
		}
		src, err := ws.Store.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, v := range fam.Versions {
			if v.ID == id {
				continue
			}
			copies, err := ws.carryTo(ctx, src.Text, byArticle[id], v.ID, true)
			if err != nil {
				return nil, err
			}
			out = append(out, copies...)
		}
	}
	return out, nil
}

// carryTo places origins (span codes of one version, whose text is srcText)
// on version target. New copies are made for live origins without one;
// when follow is true, pending copies are updated to follow their origin
// (value, removal, and a new placement). Origins that cannot be placed get
// no copy (an existing pending copy is removed): they are orphans, listed
// by Orphans.
func (ws *Workspace) carryTo(ctx context.Context, srcText string, origins []annotate.Annotation, target int64, follow bool) ([]annotate.Annotation, error) {
	here, err := ws.Store.Annotations(ctx, target)
	if err != nil {
		return nil, err
	}
	copyOf := map[string]annotate.Annotation{} // origin id -> its copy here
	for _, a := range here {
		if a.Carry != nil {
			copyOf[a.Carry.From] = a
		}
	}
	var todo []annotate.Annotation // origins to (re)place
	for _, o := range origins {
		c, has := copyOf[o.ID]
		switch {
		case has && (!follow || !c.Pending()):
			continue // confirmed or rejected: the analyst's word stands
		case !has && o.Deleted:
			continue
		}
		todo = append(todo, o)
	}
	if len(todo) == 0 {
		return nil, nil
	}
	dst, err := ws.Store.Article(ctx, target)
	if err != nil {
		return nil, err
	}
	anchors := make([]diff.Anchor, len(todo))
	for i, o := range todo {
		anchors[i] = diff.Anchor{Start: o.Span.Start, End: o.Span.End, Quote: o.Span.Quote, Prefix: o.Span.Prefix, Suffix: o.Span.Suffix}
	}
	places := diff.Reanchor(srcText, dst.Text, anchors)
	var out []annotate.Annotation
	for i, o := range todo {
		c, has := copyOf[o.ID]
		if !has {
			c = o
			c.ID = annotate.NewID()
			c.ArticleID = target
			c.CreatedAt = o.UpdatedAt
		} else {
			id, created, carry := c.ID, c.CreatedAt, c.Carry
			c = o
			c.ID, c.ArticleID, c.CreatedAt, c.Carry = id, target, created, carry
		}
		c.UpdatedAt = o.UpdatedAt
		p := places[i]
		sp, err := annotate.NewSpan(dst.Text, p.Start, p.End)
		if p.Status == diff.AnchorOrphaned || err != nil {
			if !has {
				continue // an orphan: listed, not stored
			}
			c.Deleted = true
			sp = c.Span
		}
		if has && c.Span != nil && sp == nil {
			sp = c.Span
		}
		c.Span = sp
		c.Carry = &annotate.Carry{From: o.ID, Status: annotate.CarryStatus(p.Status), Score: p.Score}
		if p.Status == diff.AnchorOrphaned {
			c.Carry.Status = annotate.CarryOrphaned
		}
		copyOf[o.ID] = c
		out = append(out, c)
	}
	// a quote's link to its speaker's span points at the speaker's copy here
	for i := range out {
		if out[i].LinkedTo == "" {
			continue
		}
		if sp, ok := copyOf[out[i].LinkedTo]; ok {
			out[i].LinkedTo = sp.ID
		} else {
			out[i].LinkedTo = ""
		}
	}
	return out, nil
}

// CarryWithin fills in the copies missing between the versions of the
// stories of ids: what a version that joins a story (by import, by a merge
// of stories) gets from the others and gives to them. It writes no undo
// history: it is not an analyst's action, and the copies stay pending.
func (ws *Workspace) CarryWithin(ctx context.Context, ids []int64) (int, error) {
	seen := map[int64]bool{}
	var all []annotate.Annotation
	for _, id := range ids {
		fam, err := ws.Store.FamilyOf(ctx, id)
		if err != nil {
			return 0, err
		}
		if len(fam.Versions) < 2 || seen[fam.Versions[0].ID] {
			continue
		}
		seen[fam.Versions[0].ID] = true
		texts := map[int64]string{}
		origins := map[int64][]annotate.Annotation{}
		for _, v := range fam.Versions {
			anns, err := ws.Store.Annotations(ctx, v.ID)
			if err != nil {
				return 0, err
			}
			for _, a := range anns {
				if origin(a) && !a.Deleted {
					origins[v.ID] = append(origins[v.ID], a)
				}
			}
		}
		for _, from := range fam.Versions {
			if len(origins[from.ID]) == 0 {
				continue
			}
			if _, ok := texts[from.ID]; !ok {
				a, err := ws.Store.Article(ctx, from.ID)
				if err != nil {
					return 0, err
				}
				texts[from.ID] = a.Text
			}
			for _, to := range fam.Versions {
				if to.ID == from.ID {
					continue
				}
				copies, err := ws.carryTo(ctx, texts[from.ID], origins[from.ID], to.ID, false)
				if err != nil {
					return 0, err
				}
				all = append(all, copies...)
			}
		}
	}
	if len(all) == 0 {
		return 0, nil
	}
	return len(all), ws.Store.SaveAnnotations(ctx, all)
}

// carryToNew gives versions that an import just placed in a story the
// span codes made on the story's other versions.
func (ws *Workspace) carryToNew(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	has, err := ws.Store.HasSpanCodes(ctx)
	if err != nil || !has {
		return err
	}
	_, err = ws.CarryWithin(ctx, ids)
	return err
}

// Orphan is a span code made on another version of the story that could not
// be placed on this one: listed for the analyst, never dropped.
type Orphan struct {
	From    annotate.Annotation
	Version storage.Version // the version it was coded on
	Index   int             // that version's place in the story, from 0
}

// Orphans lists annotator's span codes on the other versions of the
// article's story that have no live or decided copy on it.
func (ws *Workspace) Orphans(ctx context.Context, annotator string, articleID int64) ([]Orphan, error) {
	fam, err := ws.Store.FamilyOf(ctx, articleID)
	if err != nil || len(fam.Versions) < 2 {
		return nil, err
	}
	here, err := ws.Store.Annotations(ctx, articleID)
	if err != nil {
		return nil, err
	}
	placed := map[string]bool{}
	for _, a := range here {
		if a.Carry != nil && (!a.Deleted || a.Carry.Status == annotate.CarryRejected) {
			placed[a.Carry.From] = true
		}
	}
	var out []Orphan
	for i, v := range fam.Versions {
		if v.ID == articleID {
			continue
		}
		anns, err := ws.Store.Annotations(ctx, v.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range anns {
			if origin(a) && !a.Deleted && a.Annotator == annotator && !placed[a.ID] {
				out = append(out, Orphan{From: a, Version: v, Index: i})
			}
		}
	}
	return out, nil
}

// MergeInto puts the versions of story other into the story of article
// articleID and carries the span codes between them.
func (ws *Workspace) MergeInto(ctx context.Context, articleID, other int64) error {
	fam, err := ws.Store.FamilyOf(ctx, articleID)
	if err != nil {
		return err
	}
	if err := ws.Store.MergeFamilies(ctx, fam.ID, other); err != nil {
		return err
	}
	_, err = ws.CarryWithin(ctx, []int64{articleID})
	return err
}

// MoveOut takes a version out of its story. Pending copies that crossed
// between it and the story's other versions go with the link: removed on
// both sides (confirmed copies are the analyst's own and stay).
func (ws *Workspace) MoveOut(ctx context.Context, id int64) error {
	before, err := ws.Store.FamilyOf(ctx, id)
	if err != nil {
		return err
	}
	if err := ws.Store.MoveOut(ctx, id); err != nil {
		return err
	}
	mine := map[string]bool{} // origins on the moved version
	var drop []annotate.Annotation
	anns, err := ws.Store.Annotations(ctx, id)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, a := range anns {
		if origin(a) {
			mine[a.ID] = true
		}
		if a.Pending() && !a.Deleted {
			a.Deleted, a.UpdatedAt = true, now
			drop = append(drop, a)
		}
	}
	for _, v := range before.Versions {
		if v.ID == id {
			continue
		}
		anns, err := ws.Store.Annotations(ctx, v.ID)
		if err != nil {
			return err
		}
		for _, a := range anns {
			if a.Pending() && !a.Deleted && mine[a.Carry.From] {
				a.Deleted, a.UpdatedAt = true, now
				drop = append(drop, a)
			}
		}
	}
	return ws.Store.SaveAnnotations(ctx, drop)
}
