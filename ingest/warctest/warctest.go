// Package warctest writes small WARC and WACZ files for tests, benchmarks
// and the demo corpus, from texts written for them (never real pages).
package warctest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Record is one WARC record to write.
type Record struct {
	Type   gowarc.RecordType // gowarc.Response (default), gowarc.Revisit, gowarc.Request
	URL    string
	At     time.Time
	Status int         // 200 when 0
	Header http.Header // HTTP headers; Content-Type text/html when unset
	Body   []byte
}

// Page is a 200 text/html response capturing body from url at at.
func Page(url string, at time.Time, body string) Record {
	return Record{URL: url, At: at, Body: []byte(body)}
}

// Article is a small web page of The Harbour Ledger (a fictional outlet)
// with a headline and paragraphs.
func Article(title string, paras ...string) string {
	return OutletArticle("The Harbour Ledger", title, paras...)
}

// OutletArticle is a small web page of outlet with a headline and
// paragraphs, between a menu and a footer as news sites have them.
func OutletArticle(outlet, title string, paras ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s | %s</title>"+
		"<meta property=\"og:site_name\" content=\"%s\"></head><body>"+
		"<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><main><article><h1>%s</h1>", title, outlet, outlet, title)
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	fmt.Fprintf(&b, "</article></main><footer>© %s</footer></body></html>", outlet)
	return b.String()
}

// Write writes records as a WARC file, each record its own gzip member
// when compress is true (as .warc.gz files are).
func Write(w io.Writer, compress bool, recs ...Record) error {
	m := gowarc.NewMarshaler()
	for i, r := range recs {
		wr, err := r.build()
		if err != nil {
			return fmt.Errorf("record %d: %w", i, err)
		}
		if compress {
			gz := gzip.NewWriter(w)
			if _, _, err := m.Marshal(gz, wr, 0); err != nil {
				return fmt.Errorf("record %d: %w", i, err)
			}
			if err := gz.Close(); err != nil {
				return err
			}
		} else if _, _, err := m.Marshal(w, wr, 0); err != nil {
			return fmt.Errorf("record %d: %w", i, err)
		}
		wr.Close()
	}
	return nil
}

// WriteWACZ writes a WACZ package holding the given WARC files (name ->
// contents) under archive/.
func WriteWACZ(w io.Writer, warcs map[string][]byte) error {
	z := zip.NewWriter(w)
	for name, data := range warcs {
		f, err := z.CreateHeader(&zip.FileHeader{Name: "archive/" + name, Method: zip.Store})
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
	}
	f, err := z.Create("datapackage.json")
	if err != nil {
		return err
	}
	io.WriteString(f, `{"profile":"data-package","wacz_version":"1.1.1","resources":[]}`)
	return z.Close()
}

// Bytes is Write into memory.
func Bytes(compress bool, recs ...Record) []byte {
	var b bytes.Buffer
	if err := Write(&b, compress, recs...); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// recordID is a record id made from what the record is, so that writing
// the same records twice gives the same file.
func recordID(typ gowarc.RecordType, url string, at time.Time) string {
	sum := sha1.Sum([]byte(fmt.Sprint(typ, " ", url, " ", at.UnixNano())))
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

func sha1Digest(b []byte) string {
	sum := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

func (r Record) build() (gowarc.WarcRecord, error) {
	typ := r.Type
	if typ == 0 {
		typ = gowarc.Response
	}
	b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true),
		gowarc.WithAddMissingRecordId(true), gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore))
	b.AddWarcHeader(gowarc.WarcRecordID, recordID(typ, r.URL, r.At))
	b.AddWarcHeader(gowarc.WarcTargetURI, r.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, r.At)
	var msg bytes.Buffer
	switch typ {
	case gowarc.Request:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		msg.WriteString("GET / HTTP/1.1\r\nHost: example\r\nUser-Agent: test\r\n\r\n")
	case gowarc.Revisit:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		b.AddWarcHeader(gowarc.WarcProfile, gowarc.ProfileIdenticalPayloadDigestV1_1)
		b.AddWarcHeader(gowarc.WarcPayloadDigest, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
		msg.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
	default:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		status := r.Status
		if status == 0 {
			status = 200
		}
		h := r.Header.Clone()
		if h == nil {
			h = http.Header{}
		}
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "text/html; charset=utf-8")
		}
		if h.Get("Date") == "" {
			h.Set("Date", r.At.UTC().Format(http.TimeFormat))
		}
		fmt.Fprintf(&msg, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
		h.Write(&msg)
		msg.WriteString("\r\n")
		msg.Write(r.Body)
		b.AddWarcHeader(gowarc.WarcPayloadDigest, sha1Digest(r.Body))
	}
	b.AddWarcHeader(gowarc.WarcBlockDigest, sha1Digest(msg.Bytes()))
	b.Write(msg.Bytes())
	wr, _, err := b.Build()
	return wr, err
}
