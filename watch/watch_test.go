package watch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	r := parseRobots(`# comment
User-agent: somebot
Disallow: /

User-agent: *
Disallow: /private
Allow: /private/open
Disallow: /*.pdf$
Crawl-delay: 2
`, robotsName)
	for path, want := range map[string]bool{
		"/news/a":           true,
		"/private/x":        false,
		"/private/open/day": true,
		"/files/a.pdf":      false,
		"/files/a.pdf?x=1":  true,
	} {
		if got := r.allowed(path); got != want {
			t.Errorf("allowed(%q) = %v, want %v", path, got, want)
		}
	}
	if r.delay != 2*time.Second {
		t.Errorf("crawl delay %v", r.delay)
	}
	own := parseRobots("User-agent: *\nDisallow: /\n\nUser-agent: Redline\nDisallow: /x\n", robotsName)
	if !own.allowed("/a") || own.allowed("/x/y") {
		t.Error("the group naming Redline does not win over *")
	}
	if !parseRobots("", robotsName).allowed("/anything") {
		t.Error("an empty robots.txt forbids")
	}
}

func TestGetConditionalAndPaced(t *testing.T) {
	robotsHits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			robotsHits++
			w.Write([]byte("User-agent: *\nDisallow: /private\n"))
		case "/page":
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte("<html><body><p>text</p></body></html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	f := New()
	f.HostDelay = time.Hour
	var waits []time.Duration
	f.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	ctx := context.Background()
	resp, err := f.Get(ctx, srv.URL+"/page", "", "")
	if err != nil || resp.NotModified || resp.ETag != `"v1"` {
		t.Fatalf("first get: %+v %v", resp, err)
	}
	resp, err = f.Get(ctx, srv.URL+"/page", resp.ETag, "")
	if err != nil || !resp.NotModified {
		t.Fatalf("second get: %+v %v, want not modified", resp, err)
	}
	if _, err := f.Get(ctx, srv.URL+"/private/a", "", ""); !errors.Is(err, ErrDisallowed) {
		t.Errorf("disallowed page: %v", err)
	}
	var se *StatusError
	if _, err := f.Get(ctx, srv.URL+"/gone", "", ""); !errors.As(err, &se) || se.Code != 404 {
		t.Errorf("missing page: %v", err)
	}
	if robotsHits != 1 {
		t.Errorf("robots.txt read %d times, want once", robotsHits)
	}
	// robots, page, page, gone: a pause before each request after the first
	if len(waits) != 3 || waits[0] < 59*time.Minute {
		t.Errorf("waits %v, want 3 of about the host delay", waits)
	}
}

func TestFeedLinks(t *testing.T) {
	rss := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Kessa News</title>
<item><title>Ferry</title><link>https://kessanews.example/ferry</link></item>
<item><title>Bridge</title><link>/bridge</link></item></channel></rss>`)
	if !IsFeed("application/rss+xml", rss) || IsFeed("text/html", []byte("<html></html>")) {
		t.Error("IsFeed")
	}
	links, err := FeedLinks(rss)
	if err != nil || len(links) != 2 || links[1] != "/bridge" {
		t.Errorf("links %v, %v", links, err)
	}
	atom := []byte(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>K</title>
<entry><title>Ferry</title><link href="https://kessanews.example/ferry"/><id>1</id><updated>2026-05-06T07:00:00Z</updated></entry></feed>`)
	links, err = FeedLinks(atom)
	if err != nil || len(links) != 1 {
		t.Errorf("atom links %v, %v", links, err)
	}
	if _, err := FeedLinks([]byte("<rss><channel><item>")); err == nil {
		t.Log("a broken feed parsed without error") // gofeed is lenient; not a failure
	}
}

func TestTimeoutsFailTheHostForTheRun(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	slowRobots := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slowRobots.Close()
	f := New()
	f.HostDelay = 0
	f.HTTP.Timeout = 50 * time.Millisecond
	_, err := f.Get(context.Background(), slowRobots.URL+"/page", "", "")
	if err == nil || !strings.Contains(err.Error(), "robots.txt") {
		t.Errorf("a robots.txt that never answers: %v, want an error naming robots.txt", err)
	}

	slowPage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r) // no robots.txt: everything allowed
			return
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slowPage.Close()
	if _, err := f.Get(context.Background(), slowPage.URL+"/page", "", ""); err == nil {
		t.Error("a page that never answers gave no error")
	}
}
