package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/net/html/charset"

	"redline/ingest"
	"redline/ingest/warctest"
)

var t0 = time.Date(2026, 4, 7, 8, 30, 0, 0, time.UTC)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

var quayParas = []string{
	"The eastern quay wall at Port Sellin partly collapsed before dawn on Tuesday, tipping two cargo cranes into the harbour basin, the port authority said.",
	"Nobody was hurt, according to a statement from the authority, which closed berths four to seven while divers inspect the foundations of the wall.",
	"Dockworkers had warned for months that cracks in the concrete were widening, a union representative told reporters outside the main gate.",
}

func quayPage(extra ...string) string {
	return warctest.Article("Quay wall collapses at Port Sellin", append(append([]string{}, quayParas...), extra...)...)
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

func chunked(s string) []byte {
	var b bytes.Buffer
	for len(s) > 0 {
		n := min(len(s), 100)
		b.WriteString(strings.ToUpper(strconvHex(n)) + "\r\n" + s[:n] + "\r\n")
		s = s[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

func strconvHex(n int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var out []byte
	for n > 0 {
		out = append([]byte{digits[n%16]}, out...)
		n /= 16
	}
	return string(out)
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readAll(t *testing.T, path string) ([]ingest.Capture, ingest.ArchiveStats, []ingest.Problem, error) {
	t.Helper()
	var caps []ingest.Capture
	stats, probs, err := ingest.ReadArchive(context.Background(), path, nil, func(c ingest.Capture) error {
		caps = append(caps, c)
		return nil
	})
	return caps, stats, probs, err
}

func mixedRecords() []warctest.Record {
	gzHeader := http.Header{"Content-Encoding": {"gzip"}}
	chHeader := http.Header{"Transfer-Encoding": {"chunked"}}
	return []warctest.Record{
		{Type: gowarc.Request, URL: "https://www.portsellin.example/news/quay", At: at(0)},
		warctest.Page("https://www.portsellin.example/news/quay/?utm_source=feed", at(0), quayPage()),
		{Type: gowarc.Revisit, URL: "https://portsellin.example/news/quay", At: at(5)},
		{URL: "http://portsellin.example/old-quay", At: at(6), Status: 301, Header: http.Header{"Location": {"/news/quay"}}},
		{URL: "https://portsellin.example/missing", At: at(7), Status: 404, Body: []byte("<html><body><p>Not found</p></body></html>")},
		{URL: "https://portsellin.example/logo.png", At: at(8), Header: http.Header{"Content-Type": {"image/png"}}, Body: []byte("\x89PNG\r\n\x1a\n....")},
		{URL: "http://portsellin.example/news/quay", At: at(60), Header: gzHeader,
			Body: gzipped(quayPage("The authority said on Tuesday afternoon that repairs would take at least six weeks."))},
		{URL: "https://portsellin.example/news/quay#comments", At: at(120), Header: chHeader,
			Body: chunked(quayPage("The authority said on Tuesday afternoon that repairs would take at least six weeks.", "Two shipping lines have already diverted vessels to Marrow Bay."))},
		warctest.Page("https://portsellin.example/", at(130), "<html><head><title>Home</title></head><body></body></html>"),
	}
}

func TestReadArchiveRecords(t *testing.T) {
	for _, compress := range []bool{true, false} {
		name := "crawl.warc"
		if compress {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, name, warctest.Bytes(compress, mixedRecords()...))
			caps, stats, probs, err := readAll(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if len(probs) != 0 {
				t.Errorf("problems: %v", probs)
			}
			if len(caps) != 3 {
				t.Fatalf("%d captures, want 3 (stats %+v)", len(caps), stats)
			}
			for i, c := range caps {
				if c.Key != "portsellin.example/news/quay" {
					t.Errorf("capture %d key %q", i, c.Key)
				}
				if c.Article.Title != "Quay wall collapses at Port Sellin" {
					t.Errorf("capture %d title %q", i, c.Article.Title)
				}
				if !strings.Contains(c.Article.Text, "eastern quay wall") {
					t.Errorf("capture %d text %q", i, c.Article.Text)
				}
				if c.HTTPDate.IsZero() || c.Digest == "" {
					t.Errorf("capture %d: HTTP date %v, digest %q", i, c.HTTPDate, c.Digest)
				}
			}
			if !caps[0].CapturedAt.Equal(at(0)) || !caps[2].CapturedAt.Equal(at(120)) {
				t.Errorf("capture times %v, %v", caps[0].CapturedAt, caps[2].CapturedAt)
			}
			if !strings.Contains(caps[1].Article.Text, "six weeks") {
				t.Error("the gzip-encoded page lost its text")
			}
			if !strings.Contains(caps[2].Article.Text, "Marrow Bay") {
				t.Error("the chunked page lost its text")
			}
			want := ingest.ArchiveStats{Records: 9, Pages: 3, Revisits: 1, Redirects: 1, NotHTML: 1, Failed: 1, NoText: 1}
			if stats != want {
				t.Errorf("stats %+v, want %+v", stats, want)
			}
			if got := stats.Skipped(); got != "1 revisit, 1 redirect, 1 failed response, 1 file that is not a web page and 1 page with no article text" {
				t.Errorf("skipped words %q", got)
			}
		})
	}
}

func TestReadArchiveTruncated(t *testing.T) {
	data := warctest.Bytes(true,
		warctest.Page("https://portsellin.example/a", at(0), quayPage()),
		warctest.Page("https://portsellin.example/a", at(10), quayPage("A second paragraph of news arrived later in the morning.")),
		warctest.Page("https://portsellin.example/a", at(20), quayPage("A third update that the cut will lose.")))
	path := writeFile(t, "cut.warc.gz", data[:len(data)-200])
	caps, _, probs, err := readAll(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(caps) != 2 {
		t.Errorf("%d captures kept, want the 2 before the cut", len(caps))
	}
	if len(probs) != 1 || probs[0].Path != path || !strings.Contains(probs[0].Reason, "record 3") {
		t.Errorf("problems %v, want one naming the file and record 3", probs)
	}

	plain := warctest.Bytes(false,
		warctest.Page("https://portsellin.example/a", at(0), quayPage()),
		warctest.Page("https://portsellin.example/a", at(10), quayPage("More.")))
	path = writeFile(t, "cut.warc", plain[:len(plain)-300])
	caps, _, probs, err = readAll(t, path)
	if err != nil || len(caps) != 1 || len(probs) != 1 {
		t.Errorf("plain cut file: %d captures, problems %v, error %v; want 1 capture and 1 problem", len(caps), probs, err)
	}
}

func TestReadArchiveNotWARC(t *testing.T) {
	for name, data := range map[string][]byte{
		"text.warc":  []byte("this is a note, not a web archive\n"),
		"empty.warc": {},
		"junk.wacz":  []byte("not a zip"),
	} {
		_, _, _, err := readAll(t, writeFile(t, name, data))
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestReadWACZ(t *testing.T) {
	one := warctest.Bytes(true, warctest.Page("https://portsellin.example/a", at(0), quayPage()))
	two := warctest.Bytes(true, warctest.Page("https://portsellin.example/a", at(30), quayPage("Divers found a second crack.")))
	var b bytes.Buffer
	if err := warctest.WriteWACZ(&b, map[string][]byte{"data-1.warc.gz": one, "data-2.warc.gz": two}); err != nil {
		t.Fatal(err)
	}
	caps, _, probs, err := readAll(t, writeFile(t, "session.wacz", b.Bytes()))
	if err != nil || len(probs) != 0 {
		t.Fatal(err, probs)
	}
	if len(caps) != 2 || !caps[1].CapturedAt.Equal(at(30)) {
		t.Fatalf("captures %d, want 2 in order", len(caps))
	}
}

func TestReadArchiveCancel(t *testing.T) {
	path := writeFile(t, "a.warc.gz", warctest.Bytes(true, mixedRecords()...))
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, _, err := ingest.ReadArchive(ctx, path, nil, func(ingest.Capture) error {
		n++
		cancel()
		return nil
	})
	if err == nil || n != 1 {
		t.Errorf("after a cancel: %d captures, error %v; want 1 and an error", n, err)
	}
}

func TestURLKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.Example.com/news/story/", "example.com/news/story"},
		{"http://example.com/news/story?utm_source=x&utm_medium=y", "example.com/news/story"},
		{"https://example.com/news/story?fbclid=1&id=4&gclid=2", "example.com/news/story?id=4"},
		{"https://example.com:443/a#top", "example.com/a"},
		{"https://example.com:8080/a?b=2&a=1", "example.com:8080/a?a=1&b=2"},
		{"not a url", "not a url"},
	} {
		if got := ingest.URLKey(tc.in); got != tc.want {
			t.Errorf("URLKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReadArchiveCharsetFromHeader(t *testing.T) {
	// a Ukrainian page in windows-1251 whose only charset is the server's header
	enc, _ := charset.Lookup("windows-1251")
	text := "Пором між Кессою та портом Селлін припинить нічні рейси з травня, повідомив оператор у середу."
	page := "<html><head><title>Пором</title></head><body><article><h1>Пором</h1><p>" + text + "</p><p>" + text + "</p></article></body></html>"
	body, err := enc.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "uk.warc.gz", warctest.Bytes(true, warctest.Record{URL: "https://kessa.example/ua/ferry", At: at(0),
		Header: http.Header{"Content-Type": {"text/html; charset=windows-1251"}}, Body: []byte(body)}))
	caps, _, _, err := readAll(t, path)
	if err != nil || len(caps) != 1 {
		t.Fatalf("%d captures, %v", len(caps), err)
	}
	if !strings.Contains(caps[0].Article.Text, "Пором між Кессою") {
		t.Errorf("text %q: the header's charset was not used", caps[0].Article.Text)
	}
}

func TestReadFileTakesArchivesWhole(t *testing.T) {
	path := writeFile(t, "crawl.warc.gz", warctest.Bytes(true, mixedRecords()...))
	if !ingest.Supported(path) || !ingest.Supported("x.WACZ") || !ingest.Supported("x.warc") {
		t.Error("archives are not supported names")
	}
	res := ingest.ReadFile(context.Background(), path)
	if res.Err != nil || len(res.Articles) != 3 {
		t.Fatalf("ReadFile: %v, %d articles", res.Err, len(res.Articles))
	}
	if !res.Articles[2].PublishedAt.Equal(at(120)) {
		t.Errorf("version time %v, want the capture time", res.Articles[2].PublishedAt)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Reason, "skipped 1 revisit") {
		t.Errorf("warnings %v", res.Warnings)
	}
}
