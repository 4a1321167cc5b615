// Package wayback talks to a web archive that speaks the Wayback Machine's
// protocol (the Internet Archive, pywb, a local replay server): it lists the
// captures of a URL through the CDX API and fetches raw captures, politely —
// one request at a time, a pause between requests, a user agent that names
// Redline, and retries with growing waits when the server is busy.
package wayback

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultBase is the Internet Archive's Wayback Machine.
const DefaultBase = "https://web.archive.org"

// UserAgent names Redline to the archive, so its operators know who asks.
const UserAgent = "Redline/1 (media-analysis workbench; fetch-history; one request at a time)"

// Client fetches from one archive. The zero value is not usable: make it
// with New.
type Client struct {
	Base    string        // the archive's base URL, without a trailing slash
	HTTP    *http.Client  // with a timeout
	Delay   time.Duration // pause before every request after the first
	Retries int           // retries of a request answered 429 or 5xx, or timed out
	Backoff time.Duration // the first retry's wait; each later one doubles, up to MaxWait
	MaxWait time.Duration

	requests int
	last     time.Time
	sleep    func(ctx context.Context, d time.Duration) error
}

// New returns a client for the archive at base with polite defaults: a
// second and a half between requests, four retries starting at five
// seconds, and a minute's timeout per request.
func New(base string) *Client {
	return &Client{
		Base:    strings.TrimRight(base, "/"),
		HTTP:    &http.Client{Timeout: time.Minute},
		Delay:   1500 * time.Millisecond,
		Retries: 4,
		Backoff: 5 * time.Second,
		MaxWait: 2 * time.Minute,
		sleep:   sleepCtx,
	}
}

// Requests is how many HTTP requests the client has made, retries included.
func (c *Client) Requests() int { return c.requests }

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

// Capture is one row of the archive's index for a URL.
type Capture struct {
	Timestamp string    // 14 digits, YYYYMMDDhhmmss, as the archive names it
	Time      time.Time // the same, in UTC
	Original  string    // the URL as captured
	MimeType  string
	Status    string // HTTP status as the archive recorded it; "-" for a revisit
	Digest    string // content digest: two captures with one digest have the same bytes
}

// Page reports whether the capture is a successful web page response.
func (c Capture) Page() bool {
	mt := strings.ToLower(c.MimeType)
	return c.Status == "200" && (mt == "text/html" || mt == "application/xhtml+xml")
}

// StatusError is an answer from the archive that is not a success.
type StatusError struct {
	Code int
	URL  string
}

func (e *StatusError) Error() string {
	switch {
	case e.Code == http.StatusTooManyRequests:
		return fmt.Sprintf("the archive asked Redline to slow down (HTTP 429) and kept refusing: %s", e.URL)
	case e.Code >= 500:
		return fmt.Sprintf("the archive had a server error (HTTP %d): %s", e.Code, e.URL)
	case e.Code == http.StatusNotFound:
		return fmt.Sprintf("the archive has no such capture (HTTP 404): %s", e.URL)
	}
	return fmt.Sprintf("the archive answered HTTP %d: %s", e.Code, e.URL)
}

// List asks the CDX API for the captures of pageURL between from and to
// (zero: no bound), oldest first.
func (c *Client) List(ctx context.Context, pageURL string, from, to time.Time) ([]Capture, error) {
	q := url.Values{"url": {pageURL}, "output": {"json"}}
	if !from.IsZero() {
		q.Set("from", from.UTC().Format("20060102"))
	}
	if !to.IsZero() {
		q.Set("to", to.UTC().Format("20060102"))
	}
	u := c.Base + "/cdx/search/cdx?" + q.Encode()
	body, _, err := c.get(ctx, u)
	if err != nil {
		return nil, err
	}
	return parseCDX(body)
}

// parseCDX reads the CDX API's JSON: an array of rows, the first naming
// the fields. An empty answer is no captures.
func parseCDX(body []byte) ([]Capture, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, nil
	}
	var rows [][]string
	if err := json.Unmarshal(body, &rows); err != nil {
		return nil, fmt.Errorf("the archive's list of captures is not the JSON Redline expects (%s); check the archive address", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, need := range []string{"timestamp", "original"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("the archive's list of captures has no %q field; check the archive address", need)
		}
	}
	field := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	out := make([]Capture, 0, len(rows)-1)
	for _, row := range rows[1:] {
		c := Capture{
			Timestamp: field(row, "timestamp"), Original: field(row, "original"),
			MimeType: field(row, "mimetype"), Status: field(row, "statuscode"), Digest: field(row, "digest"),
		}
		t, err := ParseTimestamp(c.Timestamp)
		if err != nil {
			continue
		}
		c.Time = t
		out = append(out, c)
	}
	return out, nil
}

// ParseTimestamp reads a Wayback timestamp (YYYYMMDDhhmmss, or a prefix).
func ParseTimestamp(ts string) (time.Time, error) {
	if len(ts) < 4 || len(ts) > 14 {
		return time.Time{}, fmt.Errorf("timestamp %q is not YYYYMMDDhhmmss", ts)
	}
	full := ts + "00000101000000"[len(ts):]
	return time.Parse("20060102150405", full)
}

// Fetch gets the raw capture (the page as the archive received it, without
// the archive's own banner or rewritten links).
func (c *Client) Fetch(ctx context.Context, cp Capture) ([]byte, http.Header, error) {
	return c.get(ctx, c.Base+"/web/"+cp.Timestamp+"id_/"+cp.Original)
}

// maxBody bounds what one answer may hold.
const maxBody = 32 << 20

// get makes one polite GET: it waits out the delay since the last request,
// and retries 429, 5xx and timeouts with growing waits (or the server's
// Retry-After, when it gives one).
func (c *Client) get(ctx context.Context, u string) ([]byte, http.Header, error) {
	sleep := c.sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	wait := c.Backoff
	var lastErr error
	for attempt := 0; attempt <= c.Retries; attempt++ {
		if !c.last.IsZero() {
			if err := sleep(ctx, c.Delay-time.Since(c.last)); err != nil {
				return nil, nil, err
			}
		}
		body, h, retryAfter, err := c.once(ctx, u)
		c.last = time.Now()
		if err == nil {
			return body, h, nil
		}
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		if !retryable(err) {
			return nil, nil, err
		}
		lastErr = err
		if attempt == c.Retries {
			break
		}
		d := wait
		if retryAfter > 0 {
			d = retryAfter
		}
		d = min(d, c.MaxWait)
		if err := sleep(ctx, d); err != nil {
			return nil, nil, err
		}
		wait *= 2
	}
	return nil, nil, lastErr
}

func (c *Client) once(ctx context.Context, u string) ([]byte, http.Header, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("the address %q cannot be asked for: %w", u, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	c.requests++
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, nil, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		return nil, nil, retryAfter(resp.Header.Get("Retry-After")), &StatusError{Code: resp.StatusCode, URL: u}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, 0, err
	}
	if len(body) > maxBody {
		return nil, nil, 0, fmt.Errorf("the answer from %s is larger than %d MB", u, maxBody>>20)
	}
	return body, resp.Header, 0, nil
}

// retryable reports whether asking again may help: the server was busy or
// failed, or the request timed out or lost its connection.
func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}
