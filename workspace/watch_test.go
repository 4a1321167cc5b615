package workspace

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// livePages is a local site whose story changes when the test says so.
type livePages struct {
	mu      sync.Mutex
	version int // which text /ferry serves
	robots  int // robots.txt requests
	fetched map[string]int
}

func (l *livePages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fetched[r.URL.Path]++
	switch r.URL.Path {
	case "/robots.txt":
		l.robots++
		fmt.Fprint(w, "User-agent: *\nDisallow: /private\n")
	case "/feed.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Kessa News</title>
<item><title>Ferry</title><link>/ferry</link></item>
<item><title>Bridge</title><link>/bridge?utm_source=rss</link></item>
<item><title>Report</title><link>/report.pdf</link></item></channel></rss>`)
	case "/ferry":
		etag := fmt.Sprintf(`"v%d"`, l.version)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		extra := []string{}
		if l.version == 2 {
			extra = append(extra, "Northline said late on Wednesday that the overnight sailings would continue until the end of June.")
		}
		fmt.Fprint(w, ferryPage(extra...))
	case "/bridge":
		// no validators: fetched in full every time
		fmt.Fprint(w, `<html><head><title>Calder bridge to reopen</title></head><body><article><h1>Calder bridge to reopen</h1>
<p>The Calder bridge will reopen to traffic on Friday after three weeks of repairs, the roads agency said on Monday.</p>
<p>Buses will return to their usual routes from Saturday morning, the agency added in a statement.</p></article></body></html>`)
	case "/report.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4 not a page")
	case "/broken":
		fmt.Fprint(w, "<html><body><div><span></div")
	default:
		http.NotFound(w, r)
	}
}

func TestWatchPagesAndFeeds(t *testing.T) {
	ctx := context.Background()
	ws := newWS(t)
	site := &livePages{version: 1, fetched: map[string]int{}}
	srv := httptest.NewServer(site)
	defer srv.Close()
	for _, p := range []string{"/feed.xml", "/private/memo", "/broken"} {
		if ok, err := ws.AddWatch(ctx, srv.URL+p); err != nil || !ok {
			t.Fatalf("add %s: %v %v", p, ok, err)
		}
	}
	if ok, _ := ws.AddWatch(ctx, srv.URL+"/broken"); ok {
		t.Error("a URL was added twice")
	}
	if _, err := ws.AddWatch(ctx, "kessanews/ferry"); err == nil {
		t.Error("a URL without scheme was accepted")
	}
	clock := time.Date(2026, 5, 6, 7, 0, 0, 0, time.UTC)
	opts := WatchOptions{HostDelay: -1, Timeout: time.Second, Now: func() time.Time { clock = clock.Add(time.Minute); return clock }}
	outcomes := func() map[string]string {
		t.Helper()
		rep, err := ws.CheckWatches(ctx, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, c := range rep.Checks {
			out[strings.TrimPrefix(c.URL, srv.URL)] = c.Outcome
		}
		return out
	}
	expect := func(run string, got map[string]string, want map[string]string) {
		t.Helper()
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %s was %q, want %q (all: %v)", run, k, got[k], v, got)
			}
		}
	}
	expect("first run", outcomes(), map[string]string{
		"/feed.xml": "feed", "/private/memo": "skipped", "/broken": "no article text",
		"/ferry": "first version", "/bridge?utm_source=rss": "first version", "/report.pdf": "skipped",
	})
	expect("nothing changed", outcomes(), map[string]string{"/ferry": "not modified", "/bridge?utm_source=rss": "unchanged"})
	ferry := ws.storyOfKey(ctx, srv.URL[len("http://"):]+"/ferry")
	if err := ws.MarkStorySeen(ctx, "ana", ferry); err != nil {
		t.Fatal(err)
	}
	site.mu.Lock()
	site.version = 2
	site.mu.Unlock()
	expect("the ferry story changed", outcomes(), map[string]string{"/ferry": "new version", "/bridge?utm_source=rss": "unchanged"})
	marks, err := ws.StoriesWithNewVersions(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 1 || marks[ferry] != 1 {
		t.Errorf("stories with new versions for ana: %v, want the ferry story (%d) with 1", marks, ferry)
	}
	if other, _ := ws.StoriesWithNewVersions(ctx, "ben"); len(other) != 0 {
		t.Errorf("an analyst who never looked has marks %v", other)
	}
	if err := ws.MarkStorySeen(ctx, "ana", ferry); err != nil {
		t.Fatal(err)
	}
	if marks, _ := ws.StoriesWithNewVersions(ctx, "ana"); len(marks) != 0 {
		t.Errorf("after looking again: %v, want no marks", marks)
	}
	site.mu.Lock()
	site.version = 1 // the edit is taken back: a revert is a version too
	site.mu.Unlock()
	expect("the change was taken back", outcomes(), map[string]string{"/ferry": "new version"})

	site.mu.Lock()
	defer site.mu.Unlock()
	if site.fetched["/private/memo"] != 0 {
		t.Error("a page robots.txt forbids was fetched")
	}
	if site.robots != 4 {
		t.Errorf("robots.txt read %d times in 4 runs, want once a run", site.robots)
	}
	fams, err := ws.Store.Families(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) != 1 || len(fams[0].Versions) != 3 {
		t.Fatalf("stories with versions: %+v, want the ferry story with 3", fams)
	}
	bridge := ws.storyOfKey(ctx, srv.URL[len("http://"):]+"/bridge")
	if fam, _ := ws.Store.FamilyOf(ctx, bridge); bridge == 0 || len(fam.Versions) != 1 {
		t.Errorf("the unchanged bridge page has story %d with %d versions, want one", bridge, len(fam.Versions))
	}

	if ok, err := ws.RemoveWatch(ctx, srv.URL+"/feed.xml"); err != nil || !ok {
		t.Fatalf("remove: %v %v", ok, err)
	}
	list, _ := ws.Watches(ctx)
	if len(list) != 2 {
		t.Errorf("after removing the feed, %d watched (its pages should go too)", len(list))
	}
}
