package workspace

import (
	"context"
	"runtime"
	"sync"

	"redline/annotate"
	"redline/diff"
	"redline/storage"
)

// Versions of a story are found by the passages articles share
// (diff.CompareReuse). Every import places its articles in the transaction
// that stores them (storage.AddArticlesGrouped), looking up the stored
// index keys of earlier articles; Regroup recomputes the same comparisons
// for the whole database in memory and gives the same families.

// keysMethod names the method whose index keys are stored; when the stored
// keys were made by another (or none, in a database from before), they are
// rebuilt before the next import or regrouping.
const keysMethod = "passages-1"

// reuseGrouper is the comparison method in force, for storage. Texts of
// the batch being stored are prepared beforehand on all CPUs (pre).
type reuseGrouper struct {
	pre map[string]*diff.Prepared
}

func (g reuseGrouper) Sketch(text string) storage.Sketch {
	if p, ok := g.pre[text]; ok {
		return p
	}
	return diff.Prepare(text)
}

func (g reuseGrouper) Relate(older, newer storage.Sketch) storage.Link {
	return linkOf(diff.CompareReuse(older.(*diff.Prepared), newer.(*diff.Prepared)))
}

func (reuseGrouper) Candidates() (int, int) { return diff.MaxPostings, diff.MinSharedKeys }

func linkOf(r diff.Reuse) storage.Link {
	l := storage.Link{Versions: r.Relation == diff.Versions, Related: r.Relation == diff.Related,
		Words: r.Words, Reworded: r.Reworded}
	for _, p := range r.Passages {
		l.Passages = append(l.Passages, storage.Passage{AStart: p.AStart, AEnd: p.AEnd, BStart: p.BStart, BEnd: p.BEnd, Words: p.Words})
	}
	return l
}

// prepareAll prepares texts on all CPUs.
func prepareAll(texts []string) []*diff.Prepared {
	out := make([]*diff.Prepared, len(texts))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(texts); i += workers {
				out[i] = diff.Prepare(texts[i])
			}
		})
	}
	wg.Wait()
	return out
}

// addGrouped stores a batch of articles and places them in their families,
// in one transaction.
func (ws *Workspace) addGrouped(ctx context.Context, arts []annotate.Article) ([]storage.AddResult, error) {
	texts := make([]string, len(arts))
	for i := range arts {
		texts[i] = arts[i].Text
	}
	g := reuseGrouper{pre: map[string]*diff.Prepared{}}
	for i, p := range prepareAll(texts) {
		g.pre[texts[i]] = p
	}
	return ws.Store.AddArticlesGrouped(ctx, arts, g)
}

// placeVersions puts articles already stored by another path (web archive
// captures) into the stories of their versions, by the same rule and
// index as an import.
func (ws *Workspace) placeVersions(ctx context.Context, ids []int64, texts []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := ws.ensureKeys(ctx); err != nil {
		return err
	}
	g := reuseGrouper{pre: map[string]*diff.Prepared{}}
	for i, p := range prepareAll(texts) {
		g.pre[texts[i]] = p
	}
	return ws.Store.PlaceStored(ctx, ids, texts, g)
}

// ensureKeys rebuilds the stored index keys when they were made by another
// method (or by none: a database from before they were stored).
func (ws *Workspace) ensureKeys(ctx context.Context) error {
	v, err := ws.Store.KeysVersion(ctx)
	if err != nil || v == keysMethod {
		return err
	}
	var ids []int64
	var keys [][]uint32
	var texts []string
	flush := func() {
		for _, p := range prepareAll(texts) {
			keys = append(keys, p.Keys())
		}
		texts = texts[:0]
	}
	if err := ws.Store.EachText(ctx, func(id int64, text string) error {
		ids = append(ids, id)
		texts = append(texts, text)
		if len(texts) == 1000 {
			flush()
		}
		return nil
	}); err != nil {
		return err
	}
	flush()
	return ws.Store.RebuildKeys(ctx, keysMethod, ids, keys)
}

// Regroup recomputes every automatic family and every related pair from
// scratch, and returns the families of two or more versions and how many
// articles changed family. Pinned articles stay put. On a database whose
// families were all made by imports it changes nothing: both compare each
// article with the earlier ones that share an index key, the same way.
func (ws *Workspace) Regroup(ctx context.Context) ([]storage.Family, int, error) {
	if err := ws.ensureKeys(ctx); err != nil {
		return nil, 0, err
	}
	var docs []diff.Doc
	if err := ws.Store.EachText(ctx, func(id int64, text string) error {
		docs = append(docs, diff.Doc{ID: id, Text: text})
		return nil
	}); err != nil {
		return nil, 0, err
	}
	fams, related := diff.GroupReuse(docs)
	groups := make([][]int64, len(fams))
	for i, g := range fams {
		groups[i] = make([]int64, len(g))
		for k, d := range g {
			groups[i][k] = docs[d].ID
		}
	}
	rels := make([]storage.Relation, 0, len(related))
	for _, r := range related {
		l := linkOf(r.Reuse)
		rels = append(rels, storage.Relation{A: docs[r.A].ID, B: docs[r.B].ID, Words: l.Words, Reworded: l.Reworded, Passages: l.Passages})
	}
	changed, err := ws.Store.ApplyGrouping(ctx, groups, rels)
	if err != nil {
		return nil, 0, err
	}
	out, err := ws.Store.Families(ctx, 2)
	return out, changed, err
}

// RelatedStory is a story that shares passages with another without being
// a version of it.
type RelatedStory struct {
	FamilyID int64
	Links    []RelatedLink // article pairs, one in each story
}

// RelatedLink is one related pair: From in the story asked about, To in
// the related story, with the passages they share (rune offsets into each
// text) and the words in them. Reworded is set for a reworded copy found
// by its content words rather than by passages.
type RelatedLink struct {
	From, To int64
	Words    int
	Reworded float64
	Passages []LinkPassage
}

// LinkPassage is a shared passage: rune offsets in From's text and in
// To's, the words matched, and the passage as From's text has it.
type LinkPassage struct {
	FromStart, FromEnd int
	ToStart, ToEnd     int
	Words              int
	Text               string
}

// RelatedStories returns the stories related to the family of article id,
// most shared words first. Pairs whose articles have since become versions
// of one story are left out.
func (ws *Workspace) RelatedStories(ctx context.Context, id int64) ([]RelatedStory, error) {
	fam, err := ws.Store.FamilyOf(ctx, id)
	if err != nil {
		return nil, err
	}
	ids := []int64{id}
	if len(fam.Versions) > 0 {
		ids = ids[:0]
		for _, v := range fam.Versions {
			ids = append(ids, v.ID)
		}
	}
	rels, err := ws.Store.Relations(ctx, ids)
	if err != nil {
		return nil, err
	}
	return ws.relatedFrom(ctx, ids, rels)
}

func (ws *Workspace) relatedFrom(ctx context.Context, ids []int64, rels []storage.Relation) ([]RelatedStory, error) {
	in := map[int64]bool{}
	for _, id := range ids {
		in[id] = true
	}
	byFamily := map[int64]*RelatedStory{}
	var order []int64
	words := map[int64]int{}
	texts := map[int64][]rune{}
	textOf := func(id int64) ([]rune, error) {
		if t, ok := texts[id]; ok {
			return t, nil
		}
		a, err := ws.Store.Article(ctx, id)
		if err != nil {
			return nil, err
		}
		texts[id] = []rune(a.Text)
		return texts[id], nil
	}
	for _, r := range rels {
		from, to := r.A, r.B
		ps := make([]LinkPassage, len(r.Passages))
		for i, p := range r.Passages {
			ps[i] = LinkPassage{FromStart: p.AStart, FromEnd: p.AEnd, ToStart: p.BStart, ToEnd: p.BEnd, Words: p.Words}
		}
		if !in[from] {
			from, to = to, from
			for i := range ps {
				ps[i].FromStart, ps[i].FromEnd, ps[i].ToStart, ps[i].ToEnd = ps[i].ToStart, ps[i].ToEnd, ps[i].FromStart, ps[i].FromEnd
			}
		}
		if in[to] || !in[from] {
			continue // both in the story now, or neither
		}
		a, err := ws.Store.Article(ctx, to)
		if err != nil {
			return nil, err
		}
		ft, err := textOf(from)
		if err != nil {
			return nil, err
		}
		for i := range ps {
			if 0 <= ps[i].FromStart && ps[i].FromStart <= ps[i].FromEnd && ps[i].FromEnd <= len(ft) {
				ps[i].Text = string(ft[ps[i].FromStart:ps[i].FromEnd])
			}
		}
		rs := byFamily[a.FamilyID]
		if rs == nil {
			rs = &RelatedStory{FamilyID: a.FamilyID}
			byFamily[a.FamilyID] = rs
			order = append(order, a.FamilyID)
		}
		rs.Links = append(rs.Links, RelatedLink{From: from, To: to, Words: r.Words, Reworded: r.Reworded, Passages: ps})
		words[a.FamilyID] = max(words[a.FamilyID], r.Words)
	}
	out := make([]RelatedStory, 0, len(order))
	for _, f := range order {
		out = append(out, *byFamily[f])
	}
	// most shared words first, then family id
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && (words[out[j].FamilyID] > words[out[j-1].FamilyID] ||
			(words[out[j].FamilyID] == words[out[j-1].FamilyID] && out[j].FamilyID < out[j-1].FamilyID)); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

// RelatedByFamily returns, for every story with related stories, those
// stories (see RelatedStories).
func (ws *Workspace) RelatedByFamily(ctx context.Context) (map[int64][]RelatedStory, error) {
	rels, err := ws.Store.Relations(ctx, nil)
	if err != nil || len(rels) == 0 {
		return nil, err
	}
	mem, err := ws.Store.Memberships(ctx)
	if err != nil {
		return nil, err
	}
	famOf := make(map[int64]int64, len(mem))
	members := map[int64][]int64{}
	for _, m := range mem {
		famOf[m.ID] = m.FamilyID
		members[m.FamilyID] = append(members[m.FamilyID], m.ID)
	}
	byFam := map[int64][]storage.Relation{}
	for _, r := range rels {
		fa, fb := famOf[r.A], famOf[r.B]
		if fa == fb {
			continue
		}
		byFam[fa] = append(byFam[fa], r)
		byFam[fb] = append(byFam[fb], r)
	}
	out := map[int64][]RelatedStory{}
	for f, rs := range byFam {
		stories, err := ws.relatedFrom(ctx, members[f], rs)
		if err != nil {
			return nil, err
		}
		out[f] = stories
	}
	return out, nil
}
