package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// archiveCapture is one capture a fake archive lists and serves.
type archiveCapture struct {
	ts, mime, status, digest, body string
	busy                           int  // answer 429 this many times first
	slow                           bool // the first answer comes after the client's timeout
}

// fakeArchive is a local server speaking the Wayback Machine's CDX API and
// raw captures, counting what it serves.
type fakeArchive struct {
	url  string
	caps []archiveCapture

	mu       sync.Mutex
	requests int
	served   map[string]int // 200 answers per capture timestamp
	asked    map[string]int
	agents   map[string]bool
	before   func(ts string) bool // if set and false, the capture is not served
}

func newFakeArchive(t testing.TB, url string, caps []archiveCapture) *fakeArchive {
	f := &fakeArchive{url: url, caps: caps, served: map[string]int{}, asked: map[string]int{}, agents: map[string]bool{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

func (f *fakeArchive) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests++
	f.agents[r.UserAgent()] = true
	f.mu.Unlock()
	if r.URL.Path == "/cdx/search/cdx" {
		rows := [][]string{{"urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"}}
		for _, c := range f.caps {
			rows = append(rows, []string{"x", c.ts, r.URL.Query().Get("url"), c.mime, c.status, c.digest, "1000"})
		}
		json.NewEncoder(w).Encode(rows)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/web/")
	ts, _, ok2 := strings.Cut(rest, "id_/")
	if !ok || !ok2 {
		http.NotFound(w, r)
		return
	}
	for _, c := range f.caps {
		if c.ts != ts {
			continue
		}
		f.mu.Lock()
		f.asked[ts]++
		n := f.asked[ts]
		f.mu.Unlock()
		if n <= c.busy {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		if f.before != nil && !f.before(ts) {
			return
		}
		if c.slow && n == c.busy+1 {
			select { // past the client's timeout: it gives up and asks again
			case <-r.Context().Done():
				return
			case <-time.After(2 * time.Second):
			}
		}
		f.mu.Lock()
		f.served[ts]++
		f.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Archive-Orig-Date", "Wed, 06 May 2026 07:00:00 GMT")
		w.Write([]byte(c.body))
		return
	}
	http.NotFound(w, r)
}

// servedCounts is how often each capture was served, read under the lock.
func (f *fakeArchive) servedCounts() (map[string]int, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(f.served))
	for k, v := range f.served {
		out[k] = v
	}
	return out, f.requests
}

func fastHistory(base string) HistoryOptions {
	return HistoryOptions{Archive: base, Delay: -1, Backoff: time.Millisecond, Timeout: 150 * time.Millisecond}
}

func TestFetchHistory(t *testing.T) {
	ctx := context.Background()
	ws := newWS(t)
	b := "A council spokesperson said on Wednesday evening that talks with Northline would begin next week."
	c := "The council later said it would not pay towards the route, calling the offer 'a ransom note'."
	page := func(body string) archiveCapture {
		return archiveCapture{mime: "text/html", status: "200", body: body}
	}
	caps := []archiveCapture{
		page(ferryPage()),
		page(ferryPage()),
		{mime: "text/html", status: "301"},
		page(ferryPage(b)),
		page("<html><head><title>Kessa News</title></head><body><div><span></div"),
		page(ferryPage(b, c)),
		{mime: "warc/revisit", status: "-"},
		page(ferryPage()),
	}
	digests := []string{"D1", "D1", "R", "D2", "D3", "D4", "D4", "D1"}
	for i := range caps {
		caps[i].ts = fmt.Sprintf("202605060%d0000", i+1)
		caps[i].digest = digests[i]
	}
	caps[3].busy = 2
	caps[5].slow = true
	arch := newFakeArchive(t, "", caps)

	var seen []HistoryProgress
	res, err := ws.FetchHistory(ctx, "https://www.kessanews.example/ferry", fastHistory(arch.url), func(p HistoryProgress) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 0 {
		t.Fatalf("failed: %v", res.Failed)
	}
	got := fmt.Sprintf("listed %d skipped %d fetched %d collapsed %d new %d same %d notext %d",
		res.Listed, res.Skipped, res.Fetched, res.Collapsed, res.NewVersions, res.SameVersions, res.NoText)
	want := "listed 8 skipped 2 fetched 5 collapsed 1 new 4 same 1 notext 1"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	served, requests := arch.servedCounts()
	if served[caps[1].ts] != 0 {
		t.Error("a capture whose digest repeats the one before was fetched")
	}
	for ts, n := range served {
		if n != 1 {
			t.Errorf("capture %s served %d times", ts, n)
		}
	}
	if len(arch.agents) != 1 {
		t.Errorf("user agents %v", arch.agents)
	}
	for ua := range arch.agents {
		if !strings.Contains(ua, "Redline") {
			t.Errorf("user agent %q does not name Redline", ua)
		}
	}
	if res.Requests != requests {
		t.Errorf("reported %d requests, the server saw %d", res.Requests, requests)
	}
	if len(seen) != 6 || seen[5].Done != 6 || seen[5].Total != 6 {
		t.Errorf("progress %+v", seen)
	}
	fam, err := ws.Store.FamilyOf(ctx, firstVersion(t, ws, res.Story))
	if err != nil {
		t.Fatal(err)
	}
	if len(fam.Versions) != 4 || fam.ID != res.Story {
		t.Fatalf("story %d has %d versions, want 4", fam.ID, len(fam.Versions))
	}
	v0 := fam.Versions[0]
	if want := time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC); !v0.RetrievedAt.Equal(want) {
		t.Errorf("first version last seen %v, want %v (the collapsed capture)", v0.RetrievedAt, want)
	}

	// a second run fetches nothing
	_, before := arch.servedCounts()
	again, err := ws.FetchHistory(ctx, "https://kessanews.example/ferry/", fastHistory(arch.url), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, after := arch.servedCounts()
	if again.Fetched != 0 || again.Had != 6 || after-before != 1 {
		t.Errorf("second run: fetched %d, had %d, %d requests; want 0, 6 and only the listing", again.Fetched, again.Had, after-before)
	}
}

func firstVersion(t *testing.T, ws *Workspace, story int64) int64 {
	t.Helper()
	if story == 0 {
		t.Fatal("no story")
	}
	return story // a family's id is its first member's
}

func TestFetchHistoryResumesAfterCancel(t *testing.T) {
	ws := newWS(t)
	var caps []archiveCapture
	for i := 0; i < 10; i++ {
		caps = append(caps, archiveCapture{
			ts: fmt.Sprintf("202605%02d120000", i+1), mime: "text/html", status: "200", digest: fmt.Sprint("D", i),
			body: ferryPage(fmt.Sprintf("Update %d: the council met again on day %d of the dispute and adjourned without a vote.", i, i+1)),
		})
	}
	caps[9].busy = 99 // never answers: a failure the next run retries
	arch := newFakeArchive(t, "", caps)
	ctx, cancel := context.WithCancel(context.Background())
	res, err := ws.FetchHistory(ctx, "https://kessanews.example/ferry", fastHistory(arch.url), func(p HistoryProgress) {
		if p.Done == 4 {
			cancel()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Canceled || res.Fetched != 4 {
		t.Fatalf("cancelled run: cancelled %v, fetched %d; want true and 4", res.Canceled, res.Fetched)
	}
	res, err = ws.FetchHistory(context.Background(), "https://kessanews.example/ferry", fastHistory(arch.url), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Had != 4 || res.Fetched != 5 || len(res.Failed) != 1 {
		t.Errorf("resumed run: had %d, fetched %d, failed %v; want 4, 5 and 1", res.Had, res.Fetched, res.Failed)
	}
	served, _ := arch.servedCounts()
	for ts, n := range served {
		if n != 1 {
			t.Errorf("capture %s fetched %d times", ts, n)
		}
	}
	fams, _ := ws.Store.Families(context.Background(), 2)
	if len(fams) != 1 || len(fams[0].Versions) != 9 {
		t.Errorf("stories %d, want one of 9 versions", len(fams))
	}
}

func TestFetchHistoryBadInput(t *testing.T) {
	ws := newWS(t)
	ctx := context.Background()
	if _, err := ws.FetchHistory(ctx, "kessanews/ferry", HistoryOptions{}, nil); err == nil {
		t.Error("a URL without scheme was accepted")
	}
	if _, err := ws.FetchHistory(ctx, "https://kessanews.example/ferry", HistoryOptions{Archive: "ftp://x"}, nil); err == nil {
		t.Error("an ftp archive was accepted")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>not json</html>")) }))
	defer srv.Close()
	_, err := ws.FetchHistory(ctx, "https://kessanews.example/ferry", fastHistory(srv.URL), nil)
	if err == nil || !strings.Contains(err.Error(), "check the archive address") {
		t.Errorf("a server that is no archive: %v", err)
	}
	if err := ws.SetArchiveBase(ctx, "http://127.0.0.1:8080/"); err != nil {
		t.Fatal(err)
	}
	if b, _ := ws.ArchiveBase(ctx); b != "http://127.0.0.1:8080" {
		t.Errorf("archive setting %q", b)
	}
}
