package workspace

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"redline/diff"
	"redline/storage"
)

// Settings keys for version matching.
const (
	SettingJaccard     = "versions.jaccard"
	SettingContainment = "versions.containment"
)

// versionIndex is the near-duplicate index of every stored article, built
// on first need and kept up to date by imports.
type versionIndex struct {
	mu  sync.Mutex
	idx *diff.Index
	has map[int64]bool // ids in idx
}

// GroupOptions returns the version-matching thresholds in force: the
// database's settings, else diff's measured defaults.
func (ws *Workspace) GroupOptions(ctx context.Context) (diff.GroupOptions, error) {
	opt := diff.GroupOptions{Jaccard: diff.DefaultJaccard, Containment: diff.DefaultContainment}
	for key, dst := range map[string]*float64{SettingJaccard: &opt.Jaccard, SettingContainment: &opt.Containment} {
		v, err := ws.Store.Setting(ctx, key)
		if err != nil {
			return opt, err
		}
		if v == "" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			return opt, fmt.Errorf("setting %s is %q; it must be a number above 0 and at most 1", key, v)
		}
		*dst = f
	}
	return opt, nil
}

// SetThresholds stores the version-matching thresholds (0 leaves one as
// it is) and drops the index so the next import uses them.
func (ws *Workspace) SetThresholds(ctx context.Context, jaccard, containment float64) error {
	for key, v := range map[string]float64{SettingJaccard: jaccard, SettingContainment: containment} {
		if v == 0 {
			continue
		}
		if v < 0 || v > 1 {
			return fmt.Errorf("threshold %v is outside 0 to 1", v)
		}
		if err := ws.Store.SetSetting(ctx, key, strconv.FormatFloat(v, 'f', -1, 64)); err != nil {
			return err
		}
	}
	ws.versions.mu.Lock()
	ws.versions.idx = nil
	ws.versions.mu.Unlock()
	return nil
}

// index returns the version index, building it from the stored texts when
// it is not built yet. Call with ws.versions.mu held.
func (ws *Workspace) index(ctx context.Context) (*diff.Index, error) {
	if ws.versions.idx != nil {
		return ws.versions.idx, nil
	}
	opt, err := ws.GroupOptions(ctx)
	if err != nil {
		return nil, err
	}
	idx := diff.NewIndex(opt)
	has := map[int64]bool{}
	type job struct {
		id   int64
		text string
	}
	type done struct {
		id int64
		sk *diff.Sketch
	}
	jobs := make(chan job, 64)
	out := make(chan done, 64)
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out <- done{j.id, diff.NewSketch(j.text)}
			}
		}()
	}
	addDone := make(chan struct{})
	go func() {
		for d := range out {
			idx.AddSketch(d.id, d.sk)
			has[d.id] = true
		}
		close(addDone)
	}()
	err = ws.Store.EachText(ctx, func(id int64, text string) error {
		select {
		case jobs <- job{id, text}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(jobs)
	wg.Wait()
	close(out)
	<-addDone
	if err != nil {
		return nil, err
	}
	ws.versions.idx, ws.versions.has = idx, has
	return idx, nil
}

// placeVersions puts each newly stored article into the family of its
// near-duplicates.
func (ws *Workspace) placeVersions(ctx context.Context, ids []int64, texts []string) error {
	ws.versions.mu.Lock()
	defer ws.versions.mu.Unlock()
	idx, err := ws.index(ctx)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if ws.versions.has[id] {
			continue // indexed when the index was built
		}
		matches := idx.Add(id, texts[i])
		ws.versions.has[id] = true
		if len(matches) == 0 {
			continue
		}
		with := make([]int64, len(matches))
		for j, m := range matches {
			with[j] = m.ID
		}
		if _, err := ws.Store.Join(ctx, id, with); err != nil {
			return err
		}
	}
	return nil
}

// Regroup recomputes every automatic family from scratch with the
// thresholds in force, and returns the families of two or more versions and
// how many articles changed family. Pinned articles stay put.
func (ws *Workspace) Regroup(ctx context.Context) ([]storage.Family, int, error) {
	opt, err := ws.GroupOptions(ctx)
	if err != nil {
		return nil, 0, err
	}
	var docs []diff.Doc
	if err := ws.Store.EachText(ctx, func(id int64, text string) error {
		docs = append(docs, diff.Doc{ID: id, Text: text})
		return nil
	}); err != nil {
		return nil, 0, err
	}
	var groups [][]int64
	for _, g := range diff.Group(docs, opt) {
		ids := make([]int64, len(g))
		for i, k := range g {
			ids[i] = docs[k].ID
		}
		groups = append(groups, ids)
	}
	changed, err := ws.Store.Regroup(ctx, groups)
	if err != nil {
		return nil, 0, err
	}
	ws.versions.mu.Lock()
	ws.versions.idx = nil // rebuilt on next import, with these thresholds
	ws.versions.mu.Unlock()
	fams, err := ws.Store.Families(ctx, 2)
	return fams, changed, err
}
