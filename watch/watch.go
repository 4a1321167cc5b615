// Package watch fetches live pages and feeds the way a considerate reader
// does: it obeys robots.txt, asks with the validators of the last answer
// (ETag, Last-Modified) so an unchanged page costs the server a 304, and
// waits between requests to one host.
package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// UserAgent names Redline to the sites it watches.
const UserAgent = "Redline/1 (media-analysis workbench; watch; checks pages an analyst listed)"

// robotsName is the name Redline looks for in robots.txt groups.
const robotsName = "redline"

// ErrDisallowed: the site's robots.txt asks robots not to fetch the page.
var ErrDisallowed = errors.New("the site's robots.txt asks robots not to fetch this page")

// Fetcher makes polite requests. Make it with New; one Fetcher per run,
// used from one goroutine.
type Fetcher struct {
	HTTP      *http.Client
	HostDelay time.Duration // least pause between two requests to one host

	robots map[string]*robots // by scheme://host
	last   map[string]time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	count  int
}

// New returns a fetcher with a 30-second timeout and five seconds between
// requests to one host.
func New() *Fetcher {
	return &Fetcher{
		HTTP:      &http.Client{Timeout: 30 * time.Second},
		HostDelay: 5 * time.Second,
		robots:    map[string]*robots{},
		last:      map[string]time.Time{},
		sleep:     sleepCtx,
	}
}

// Requests is how many requests the fetcher made, robots.txt included.
func (f *Fetcher) Requests() int { return f.count }

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Response is a page as fetched.
type Response struct {
	NotModified  bool // 304: the page is as it was at the last check
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	Date         time.Time // the server's Date header, zero when absent
}

// StatusError is an answer that is neither a page nor "not modified".
type StatusError struct {
	Code int
	URL  string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("the site answered HTTP %d %s for %s", e.Code, http.StatusText(e.Code), e.URL)
}

const maxBody = 20 << 20

// Get fetches pageURL, sending etag and lastModified from the last answer
// so an unchanged page comes back as NotModified. It checks robots.txt
// first (once per host) and waits out the per-host delay.
func (f *Fetcher) Get(ctx context.Context, pageURL, etag, lastModified string) (Response, error) {
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Response{}, fmt.Errorf("%q is not a web address", pageURL)
	}
	rules, err := f.robotsFor(ctx, u)
	if err != nil {
		return Response{}, err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !rules.allowed(path) {
		return Response{}, ErrDisallowed
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return Response{}, err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := f.do(ctx, u, req, rules.delay)
	if err != nil {
		return Response{}, err
	}
	defer resp.Body.Close()
	out := Response{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), ContentType: resp.Header.Get("Content-Type")}
	if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		out.Date = d.UTC()
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = etag
		}
		if out.LastModified == "" {
			out.LastModified = lastModified
		}
		return out, nil
	case resp.StatusCode != http.StatusOK:
		return Response{}, &StatusError{Code: resp.StatusCode, URL: pageURL}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return Response{}, fmt.Errorf("reading %s: %w", pageURL, err)
	}
	if len(body) > maxBody {
		return Response{}, fmt.Errorf("%s is larger than %d MB", pageURL, maxBody>>20)
	}
	out.Body = body
	return out, nil
}

// do sends one request after the host's pause.
func (f *Fetcher) do(ctx context.Context, u *url.URL, req *http.Request, crawlDelay time.Duration) (*http.Response, error) {
	host := u.Scheme + "://" + u.Host
	if last, ok := f.last[host]; ok {
		wait := max(f.HostDelay, crawlDelay) - time.Since(last)
		if err := f.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
	req.Header.Set("User-Agent", UserAgent)
	f.count++
	resp, err := f.HTTP.Do(req)
	f.last[host] = time.Now()
	return resp, err
}

// robotsFor returns the robots.txt rules of u's host, fetching them once.
// A missing robots.txt (4xx) allows everything; a server error or timeout
// forbids the host for this run, as the robots standard asks.
func (f *Fetcher) robotsFor(ctx context.Context, u *url.URL) (*robots, error) {
	host := u.Scheme + "://" + u.Host
	if r, ok := f.robots[host]; ok {
		return r, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, host+"/robots.txt", nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.do(ctx, u, req, 0)
	var r *robots
	switch {
	case err != nil:
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("cannot read %s/robots.txt (%s), so Redline does not fetch from this site now; try again later", host, err)
	case resp.StatusCode >= 500:
		resp.Body.Close()
		return nil, fmt.Errorf("%s/robots.txt gave a server error (HTTP %d), so Redline does not fetch from this site now; try again later", host, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		resp.Body.Close()
		r = &robots{}
	default:
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
		resp.Body.Close()
		r = parseRobots(string(body), robotsName)
	}
	f.robots[host] = r
	return r, nil
}

// robots is the part of a robots.txt that applies to Redline.
type robots struct {
	rules []robotsRule
	delay time.Duration
}

type robotsRule struct {
	allow  bool
	prefix string
}

// parseRobots reads the group for agent, or else the group for "*".
func parseRobots(text, agent string) *robots {
	type group struct {
		agents []string
		r      robots
	}
	var groups []*group
	var cur *group
	inAgents := false
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.TrimSpace(value)
		switch name {
		case "user-agent":
			if !inAgents {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil || (name == "disallow" && value == "") {
				continue
			}
			cur.r.rules = append(cur.r.rules, robotsRule{allow: name == "allow", prefix: value})
		case "crawl-delay":
			inAgents = false
			if cur != nil {
				if s, err := strconv.ParseFloat(value, 64); err == nil && s > 0 {
					cur.r.delay = time.Duration(min(s, 60) * float64(time.Second))
				}
			}
		default:
			inAgents = false
		}
	}
	var star *robots
	for _, g := range groups {
		for _, a := range g.agents {
			if a != "*" && strings.Contains(agent, a) {
				return &g.r
			}
			if a == "*" && star == nil {
				star = &g.r
			}
		}
	}
	if star != nil {
		return star
	}
	return &robots{}
}

// allowed applies the longest matching rule; Allow wins a tie. Patterns may
// use * and a closing $.
func (r *robots) allowed(path string) bool {
	best, allow := -1, true
	for _, rule := range r.rules {
		if n := len(rule.prefix); n >= best && robotsMatch(rule.prefix, path) {
			if n > best || rule.allow {
				allow = rule.allow
			}
			best = n
		}
	}
	return allow
}

func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for _, p := range parts[1:] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return !anchored || rest == "" || strings.HasSuffix(pattern, "*")
}

// IsFeed reports whether a response is an RSS, Atom or JSON feed rather
// than a page.
func IsFeed(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return false
	}
	return gofeed.DetectFeedType(bytes.NewReader(body)) != gofeed.FeedTypeUnknown
}

// FeedLinks returns the links of a feed's items, in the feed's order.
func FeedLinks(body []byte) ([]string, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("cannot read the feed: %s", err)
	}
	var out []string
	for _, it := range feed.Items {
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link != "" {
			out = append(out, link)
		}
	}
	return out, nil
}
