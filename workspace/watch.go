package workspace

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"redline/ingest"
	"redline/storage"
	"redline/watch"
)

// AddWatch puts a page or a feed (RSS, Atom) on the watch list; which it
// is shows at its first check. It returns false when it was listed already.
func (ws *Workspace) AddWatch(ctx context.Context, rawURL string) (bool, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false, fmt.Errorf("%q is not a web address; give the full address, like https://example.com/news/story", rawURL)
	}
	return ws.Store.AddWatch(ctx, u.String(), "page", "")
}

// RemoveWatch takes a page or feed off the watch list (its stored versions
// stay); false when it was not listed.
func (ws *Workspace) RemoveWatch(ctx context.Context, rawURL string) (bool, error) {
	return ws.Store.RemoveWatch(ctx, strings.TrimSpace(rawURL))
}

// Watches is the watch list.
func (ws *Workspace) Watches(ctx context.Context) ([]storage.Watched, error) {
	return ws.Store.Watches(ctx)
}

// WatchOptions tunes CheckWatches; zero values keep watch.New's polite
// defaults.
type WatchOptions struct {
	HostDelay time.Duration // negative: none (tests)
	Timeout   time.Duration
	Now       func() time.Time // the capture time of what is fetched; time.Now when nil
}

// WatchCheck is what one check of one URL found.
type WatchCheck struct {
	URL      string
	Kind     string
	Outcome  string // "new version", "first version", "unchanged", "not modified", "feed", "no article text", "skipped", "failed"
	Detail   string // for a feed: how many pages it lists; for a failure: why
	Story    int64  // the story of the page, when it has one
	Versions int    // new versions stored by this check
}

// WatchReport is what CheckWatches did.
type WatchReport struct {
	Checks      []WatchCheck
	NewVersions int // versions stored, first versions of new pages included
	Requests    int
	Canceled    bool
}

// CheckWatches checks every watched page and feed once. A feed's item
// pages join the list and are checked in the same run. A page whose main
// text changed since its last capture becomes a new version of its story;
// an unchanged one only widens its version's time span. robots.txt,
// ETag/Last-Modified and a per-host pause are respected. progress, if not
// nil, is called after each URL.
func (ws *Workspace) CheckWatches(ctx context.Context, opts WatchOptions, progress func(WatchCheck)) (WatchReport, error) {
	f := watch.New()
	if opts.HostDelay != 0 {
		f.HostDelay = max(opts.HostDelay, 0)
	}
	if opts.Timeout != 0 {
		f.HTTP.Timeout = opts.Timeout
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	var rep WatchReport
	defer func() { rep.Requests = f.Requests() }()
	done := map[string]bool{}
	// feeds and pages first (feeds add items), then the items
	for pass := 0; pass < 2; pass++ {
		list, err := ws.Store.Watches(ctx)
		if err != nil {
			return rep, err
		}
		for _, w := range list {
			if done[w.URL] || (pass == 0) == (w.Kind == "item") {
				continue
			}
			if ctx.Err() != nil {
				rep.Canceled = true
				rep.Requests = f.Requests()
				return rep, nil
			}
			done[w.URL] = true
			c, err := ws.checkOne(ctx, f, w, now)
			if err != nil {
				return rep, err
			}
			rep.NewVersions += c.Versions
			rep.Checks = append(rep.Checks, c)
			if progress != nil {
				progress(c)
			}
		}
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		rep.Canceled = true
	}
	rep.Requests = f.Requests()
	return rep, nil
}

// checkOne checks one URL. Only a database failure is an error.
func (ws *Workspace) checkOne(ctx context.Context, f *watch.Fetcher, w storage.Watched, now func() time.Time) (WatchCheck, error) {
	c := WatchCheck{URL: w.URL, Kind: w.Kind}
	resp, err := f.Get(ctx, w.URL, w.ETag, w.LastModified)
	if err != nil {
		if ctx.Err() != nil {
			c.Outcome, c.Detail = "skipped", "cancelled"
			return c, nil
		}
		c.Outcome, c.Detail = "failed", err.Error()
		if errors.Is(err, watch.ErrDisallowed) {
			c.Outcome = "skipped"
		}
		return c, nil
	}
	at := now().UTC()
	dbctx := context.WithoutCancel(ctx)
	if resp.NotModified {
		c.Outcome = "not modified"
		c.Story = ws.storyOfKey(dbctx, ingest.URLKey(w.URL))
		return c, ws.Store.SetWatchChecked(dbctx, w.URL, resp.ETag, resp.LastModified, at)
	}
	if w.Kind != "item" && watch.IsFeed(resp.ContentType, resp.Body) {
		c.Kind = "feed"
		if w.Kind != "feed" {
			if err := ws.Store.SetWatchKind(dbctx, w.URL, "feed"); err != nil {
				return c, err
			}
		}
		links, err := watch.FeedLinks(resp.Body)
		if err != nil {
			c.Outcome, c.Detail = "failed", err.Error()
			return c, nil
		}
		base, _ := url.Parse(w.URL)
		added := 0
		for _, l := range links {
			lu, err := base.Parse(l)
			if err != nil || (lu.Scheme != "http" && lu.Scheme != "https") {
				continue
			}
			ok, err := ws.Store.AddWatch(dbctx, lu.String(), "item", w.URL)
			if err != nil {
				return c, err
			}
			if ok {
				added++
			}
		}
		c.Outcome = "feed"
		c.Detail = fmt.Sprintf("%d pages listed, %d new to the watch list", len(links), added)
		return c, ws.Store.SetWatchChecked(dbctx, w.URL, resp.ETag, resp.LastModified, at)
	}
	if !ingest.IsHTML(resp.ContentType, resp.Body) {
		c.Outcome, c.Detail = "skipped", "not a web page ("+resp.ContentType+")"
		return c, ws.Store.SetWatchChecked(dbctx, w.URL, resp.ETag, resp.LastModified, at)
	}
	key := ingest.URLKey(w.URL)
	sc := storage.Capture{Key: key, URL: w.URL, CapturedAt: at, Source: "watch", HTTPDate: resp.Date}
	capt, _, perr := ingest.PageCapture(w.URL, resp.Body, resp.ContentType, w.URL, at)
	if perr != nil {
		sc.Note = perr.Error()
	} else {
		a := capt.Article
		sc.Article = &a
	}
	r, err := ws.storeCapture(dbctx, sc)
	if err != nil {
		return c, err
	}
	switch r.Outcome {
	case storage.CaptureNewVersion:
		c.Versions = 1
		c.Outcome = "new version"
		if fam, err := ws.Store.FamilyOf(dbctx, r.ArticleID); err == nil && len(fam.Versions) == 1 {
			c.Outcome = "first version"
		}
	case storage.CaptureSameVersion:
		c.Outcome = "unchanged"
	case storage.CaptureKnown:
		c.Outcome = "unchanged"
		c.Detail = "checked twice within a second"
	default:
		c.Outcome, c.Detail = "no article text", sc.Note
	}
	c.Story = ws.storyOfKey(dbctx, key)
	return c, ws.Store.SetWatchChecked(dbctx, w.URL, resp.ETag, resp.LastModified, at)
}

// storyOfKey is the story of a URL's captures, 0 when it has none.
func (ws *Workspace) storyOfKey(ctx context.Context, key string) int64 {
	caps, err := ws.Store.Captures(ctx, key)
	if err != nil {
		return 0
	}
	for _, s := range caps {
		if s.ArticleID != 0 {
			if f, err := ws.Store.FamilyOf(ctx, s.ArticleID); err == nil {
				return f.ID
			}
		}
	}
	return 0
}

// MarkStorySeen records that analyst has looked at the story (family) of
// articleID, so StoriesWithNewVersions counts only versions stored after.
// The window calls it when the analyst opens a story's versions.
func (ws *Workspace) MarkStorySeen(ctx context.Context, analyst string, articleID int64) error {
	fam, err := ws.Store.FamilyOf(ctx, articleID)
	if err != nil {
		return err
	}
	return ws.Store.MarkStorySeen(ctx, analyst, fam.ID, time.Now())
}

// StoriesWithNewVersions maps each story of a web page (watched, fetched
// from an archive or imported from one) that analyst has looked at to the
// number of versions stored since, for the library's mark. Stories never
// looked at are not marked: everything in them is new.
func (ws *Workspace) StoriesWithNewVersions(ctx context.Context, analyst string) (map[int64]int, error) {
	return ws.Store.StoriesWithNewVersions(ctx, analyst)
}
