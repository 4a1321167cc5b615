package wayback

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func fastClient(base string) *Client {
	c := New(base)
	c.Delay = 0
	c.Backoff = time.Millisecond
	c.HTTP.Timeout = 200 * time.Millisecond
	return c
}

func TestListParsesCDXAndSendsUserAgent(t *testing.T) {
	var gotUA, gotQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		gotQuery = r.URL.RawQuery
		if r.URL.Path != "/cdx/search/cdx" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],
			["example,news)/a","20260301120000","https://news.example/a","text/html","200","AAA","100"],
			["example,news)/a","20260302","https://news.example/a","warc/revisit","-","AAA","100"],
			["example,news)/a","bad","https://news.example/a","text/html","200","BBB","100"]]`))
	}))
	defer srv.Close()
	c := fastClient(srv.URL + "/")
	caps, err := c.List(context.Background(), "https://news.example/a", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gotUA, "Redline") {
		t.Errorf("user agent %q does not name Redline", gotUA)
	}
	if !strings.Contains(gotQuery, "output=json") || !strings.Contains(gotQuery, "from=20260301") {
		t.Errorf("query %q", gotQuery)
	}
	if len(caps) != 2 {
		t.Fatalf("%d captures, want 2 (a bad timestamp dropped)", len(caps))
	}
	if !caps[0].Page() || caps[1].Page() {
		t.Errorf("Page(): %v %v, want true false", caps[0].Page(), caps[1].Page())
	}
	if !caps[1].Time.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("short timestamp read as %v", caps[1].Time)
	}
}

func TestGetRetriesBusyAndTimeouts(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		n := hits[r.URL.Path]
		mu.Unlock()
		switch {
		case strings.Contains(r.URL.Path, "/busy") && n <= 2:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		case strings.Contains(r.URL.Path, "/slow") && n == 1:
			time.Sleep(400 * time.Millisecond)
		case strings.Contains(r.URL.Path, "/down"):
			w.WriteHeader(http.StatusBadGateway)
			return
		case strings.Contains(r.URL.Path, "/gone"):
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("<html><body>ok</body></html>"))
	}))
	defer srv.Close()
	c := fastClient(srv.URL)
	ctx := context.Background()
	for _, path := range []string{"busy", "slow"} {
		if _, _, err := c.Fetch(ctx, Capture{Timestamp: "20260301120000", Original: "https://news.example/" + path}); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	before := c.Requests()
	_, _, err := c.Fetch(ctx, Capture{Timestamp: "20260301120000", Original: "https://news.example/down"})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusBadGateway {
		t.Errorf("down: %v", err)
	}
	if got := c.Requests() - before; got != c.Retries+1 {
		t.Errorf("down: %d requests, want %d", got, c.Retries+1)
	}
	before = c.Requests()
	if _, _, err := c.Fetch(ctx, Capture{Timestamp: "20260301120000", Original: "https://news.example/gone"}); err == nil {
		t.Error("gone: no error")
	}
	if got := c.Requests() - before; got != 1 {
		t.Errorf("a 404 was asked %d times, want once", got)
	}
}

func TestDelayBetweenRequests(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("x")) }))
	defer srv.Close()
	c := fastClient(srv.URL)
	c.Delay = time.Hour
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	for i := 0; i < 3; i++ {
		if _, _, err := c.Fetch(context.Background(), Capture{Timestamp: "2026", Original: "https://news.example/"}); err != nil {
			t.Fatal(err)
		}
	}
	if len(waits) != 2 || waits[0] < 59*time.Minute {
		t.Errorf("waits %v, want two waits of about the delay", waits)
	}
}
