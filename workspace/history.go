package workspace

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"redline/ingest"
	"redline/storage"
	"redline/wayback"
)

// SettingArchive is the settings key of the web archive fetch-history asks
// (a base URL serving the CDX API and raw captures).
const SettingArchive = "wayback.base"

// ArchiveBase returns the web archive in force: the database's setting,
// else the Internet Archive's Wayback Machine.
func (ws *Workspace) ArchiveBase(ctx context.Context) (string, error) {
	v, err := ws.Store.Setting(ctx, SettingArchive)
	if err != nil {
		return "", err
	}
	if v == "" {
		return wayback.DefaultBase, nil
	}
	return v, nil
}

// SetArchiveBase stores the web archive to ask from now on (a mirror, a
// local replay server); "" goes back to the Wayback Machine.
func (ws *Workspace) SetArchiveBase(ctx context.Context, base string) error {
	if base != "" {
		if err := checkBase(base); err != nil {
			return err
		}
	}
	return ws.Store.SetSetting(ctx, SettingArchive, strings.TrimRight(base, "/"))
}

func checkBase(base string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("archive address %q is not a web address; give one like %s", base, wayback.DefaultBase)
	}
	return nil
}

// HistoryOptions tunes FetchHistory. The zero value asks the archive in
// force, for every capture, at the polite pace.
type HistoryOptions struct {
	Archive  string    // base URL; "" = the setting (ArchiveBase)
	From, To time.Time // only captures on or after From and up to To; zero: no bound

	// Pace; zero keeps the polite defaults of wayback.New. Tests and
	// benchmarks against a local server set them small.
	Delay   time.Duration
	Backoff time.Duration
	Timeout time.Duration
	Retries int // -1: none
}

// HistoryProgress reports a fetch under way.
type HistoryProgress struct {
	Done, Total int       // page captures handled so far, page captures listed
	At          time.Time // the capture just handled
	Requests    int       // requests made so far, retries included
	What        string    // what became of the capture, e.g. "fetched: a new version"
}

// HistoryResult is what FetchHistory did.
type HistoryResult struct {
	URL, Archive string
	Listed       int // captures the archive lists for the URL
	Skipped      int // not successful web page responses: redirects, errors, revisits, other files
	Had          int // stored by an earlier run, not fetched again
	Collapsed    int // same content digest as the capture before: stored without fetching
	Fetched      int // captures fetched
	NewVersions  int
	SameVersions int      // captures whose text equals the version before (collapsed ones included)
	NoText       int      // fetched pages with no article text (kept, so they are not fetched again)
	Failed       []string // captures that could not be fetched; the next run tries them again
	Requests     int
	Canceled     bool
	Story        int64 // the story (family) the versions are in; 0 when none was stored
}

// FetchHistory asks a web archive (the Wayback Machine, or any server with
// its CDX API and raw captures) for the captures of pageURL and stores them
// as versions of one story, oldest first, one request at a time. Captures
// stored by an earlier run, even one killed or cancelled, are not fetched
// again; a capture whose content digest repeats the one before is stored
// without fetching. progress, if not nil, is called after each capture
// from the fetching goroutine. Only a failure to ask the archive for its
// list, or of the database, is an error; a capture that cannot be fetched
// is listed in Failed and the rest go on.
func (ws *Workspace) FetchHistory(ctx context.Context, pageURL string, opts HistoryOptions, progress func(HistoryProgress)) (res HistoryResult, err error) {
	res = HistoryResult{URL: pageURL}
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return res, fmt.Errorf("%q is not a web address; give the page's full address, like https://example.com/news/story", pageURL)
	}
	pageURL = u.String()
	base := opts.Archive
	if base == "" {
		if base, err = ws.ArchiveBase(ctx); err != nil {
			return res, err
		}
	} else if err := checkBase(base); err != nil {
		return res, err
	}
	res.Archive = strings.TrimRight(base, "/")
	c := wayback.New(res.Archive)
	if opts.Delay != 0 {
		c.Delay = max(opts.Delay, 0)
	}
	if opts.Backoff != 0 {
		c.Backoff = opts.Backoff
	}
	if opts.Timeout != 0 {
		c.HTTP.Timeout = opts.Timeout
	}
	if opts.Retries != 0 {
		c.Retries = max(opts.Retries, 0)
	}
	defer func() { res.Requests = c.Requests() }()

	list, err := c.List(ctx, pageURL, opts.From, opts.To)
	if err != nil {
		if ctx.Err() != nil {
			res.Canceled = true
			return res, nil
		}
		return res, fmt.Errorf("ask %s for the captures of %s: %w; check the address and your connection, then run it again", res.Archive, pageURL, err)
	}
	res.Listed = len(list)
	var pages []wayback.Capture
	for _, cp := range list {
		if !opts.To.IsZero() && cp.Time.After(opts.To.Add(24*time.Hour-time.Second)) {
			continue
		}
		if !opts.From.IsZero() && cp.Time.Before(opts.From) {
			continue
		}
		if cp.Page() {
			pages = append(pages, cp)
		} else {
			res.Skipped++
		}
	}

	key := ingest.URLKey(pageURL)
	stored, err := ws.Store.Captures(ctx, key)
	if err != nil {
		return res, err
	}
	known := make(map[time.Time]storage.CaptureInfo, len(stored))
	for _, s := range stored {
		known[s.CapturedAt] = s
	}
	type last struct {
		digest string
		ok     bool // stored with an article
	}
	var prev last
	source := res.Archive + " (web archive)"
	for i, cp := range pages {
		if ctx.Err() != nil {
			res.Canceled = true
			break
		}
		report := func(what string) {
			if progress != nil {
				progress(HistoryProgress{Done: i + 1, Total: len(pages), At: cp.Time, Requests: c.Requests(), What: what})
			}
		}
		if k, ok := known[cp.Time]; ok {
			res.Had++
			prev = last{k.Digest, k.ArticleID != 0}
			report("stored before")
			continue
		}
		sc := storage.Capture{Key: key, URL: cp.Original, CapturedAt: cp.Time, Source: source, Digest: cp.Digest}
		if prev.ok && cp.Digest != "" && cp.Digest == prev.digest {
			sc.SameAsBefore = true
			if _, err := ws.storeCapture(ctx, sc); err != nil {
				return res, err
			}
			res.Collapsed++
			res.SameVersions++
			report("same content as the capture before, not fetched")
			continue
		}
		body, hdr, err := c.Fetch(ctx, cp)
		if err != nil {
			if ctx.Err() != nil {
				res.Canceled = true
				break
			}
			res.Failed = append(res.Failed, fmt.Sprintf("%s: %s", cp.Time.Format(time.RFC3339), err))
			prev = last{}
			report("failed: " + err.Error())
			continue
		}
		res.Fetched++
		capt, _, perr := ingest.PageCapture(source, body, hdr.Get("Content-Type"), cp.Original, cp.Time)
		if perr != nil {
			sc.Note = perr.Error()
			res.NoText++
			prev = last{cp.Digest, false}
		} else {
			a := capt.Article
			sc.Article = &a
			prev = last{cp.Digest, true}
		}
		if d := hdr.Get("X-Archive-Orig-Date"); d != "" {
			if t, err := http.ParseTime(d); err == nil {
				sc.HTTPDate = t
			}
		}
		r, err := ws.storeCapture(ctx, sc)
		if err != nil {
			return res, err
		}
		what := "fetched: no article text"
		switch r.Outcome {
		case storage.CaptureNewVersion:
			res.NewVersions++
			what = "fetched: a new version"
		case storage.CaptureSameVersion:
			res.SameVersions++
			what = "fetched: same text as the version before"
		}
		report(what)
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		res.Canceled = true
	}
	res.Story = ws.storyOfKey(context.WithoutCancel(ctx), key)
	return res, nil
}

// storeCapture stores one capture at once (so a kill loses at most the
// capture in flight) and places a new version among the near-duplicates.
func (ws *Workspace) storeCapture(ctx context.Context, c storage.Capture) (storage.CaptureResult, error) {
	ctx = context.WithoutCancel(ctx)
	res, err := ws.Store.AddCaptures(ctx, []storage.Capture{c})
	if err != nil {
		return storage.CaptureResult{}, err
	}
	r := res[0]
	var ids []int64
	var texts []string
	if r.Outcome == storage.CaptureNewVersion {
		ids, texts = append(ids, r.ArticleID), append(texts, c.Article.Text)
	}
	if r.SplitOff != 0 {
		a, err := ws.Store.Article(ctx, r.SplitOff)
		if err != nil {
			return r, err
		}
		ids, texts = append(ids, r.SplitOff), append(texts, a.Text)
	}
	if len(ids) == 0 {
		return r, nil
	}
	if err := ws.placeVersions(ctx, ids, texts); err != nil {
		return r, err
	}
	return r, ws.carryToNew(ctx, ids)
}
