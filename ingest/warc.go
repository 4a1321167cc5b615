package ingest

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httputil"
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/net/html/charset"

	"redline/annotate"
)

// Capture is one web page as an archive or a server gave it at one moment:
// the article the page carries, with where and when it was captured.
type Capture struct {
	Article    annotate.Article // the page through the HTML extractor; URL is the captured URL
	Key        string           // URLKey of the URL: captures with one key are versions of one story
	CapturedAt time.Time        // when the archive took it (WARC-Date, the Wayback timestamp)
	HTTPDate   time.Time        // the server's Date header, zero when absent
	Digest     string           // the archive's payload digest, "" when absent
}

// ArchiveStats counts what became of the records of a web archive.
type ArchiveStats struct {
	Records   int // WARC records read, of every type
	Pages     int // HTML responses that gave an article
	Revisits  int // revisit records: "same as an earlier capture", no content of their own
	Redirects int // 3xx responses
	NotHTML   int // responses that are not web pages (images, scripts, PDFs, DNS)
	Failed    int // 4xx and 5xx responses, and bodies that could not be decoded
	NoText    int // web pages with no article text (index pages, error pages)
}

// Skipped words the records skipped, e.g. "2 revisits, 1 redirect and 4
// other files (not web pages)"; "" when none were.
func (s ArchiveStats) Skipped() string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(s.Revisits, "revisit", "revisits")
	add(s.Redirects, "redirect", "redirects")
	add(s.Failed, "failed response", "failed responses")
	add(s.NotHTML, "file that is not a web page", "files that are not web pages")
	add(s.NoText, "page with no article text", "pages with no article text")
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// IsArchive reports whether name is a web archive Redline reads: a WARC
// file (.warc, .warc.gz) or a WACZ package (.wacz).
func IsArchive(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".warc.gz") || strings.HasSuffix(n, ".wacz")
}

// ReadArchive reads a WARC or WACZ file record by record and calls emit
// with every HTML page it captured, in the file's order. Nothing is held
// beyond one record, so an archive of any size reads in little memory.
// progress, if not nil, is called with the bytes read so far and the file's
// size. Problems are about records or a damaged end of file (what was read
// before is kept); the error is for a file that cannot be read at all, a
// cancel, or an error from emit.
func ReadArchive(ctx context.Context, name string, progress func(read, size int64), emit func(Capture) error) (ArchiveStats, []Problem, error) {
	f, err := os.Open(name)
	if err != nil {
		return ArchiveStats{}, nil, errors.New(osReason(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ArchiveStats{}, nil, errors.New(osReason(err))
	}
	if info.IsDir() {
		return ArchiveStats{}, nil, errors.New("this is a folder, not a file")
	}
	return readArchive(ctx, name, f, info.Size(), progress, emit)
}

// ReadArchiveFS is ReadArchive for a file inside an fs.FS (the demo corpus).
func ReadArchiveFS(ctx context.Context, fsys fs.FS, name string, emit func(Capture) error) (ArchiveStats, []Problem, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return ArchiveStats{}, nil, errors.New(osReason(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ArchiveStats{}, nil, errors.New(osReason(err))
	}
	return readArchive(ctx, name, f, info.Size(), nil, emit)
}

func readArchive(ctx context.Context, name string, f io.Reader, size int64, progress func(read, size int64), emit func(Capture) error) (ArchiveStats, []Problem, error) {
	a := &archive{ctx: ctx, name: name, emit: emit}
	if !strings.HasSuffix(strings.ToLower(name), ".wacz") {
		cr := &countReader{r: f, size: size, progress: progress}
		err := a.readWARC(name, cr)
		return a.stats, a.problems, err
	}
	ra, ok := f.(io.ReaderAt)
	if !ok {
		return a.stats, nil, errors.New("cannot read this package: it cannot be read at random places")
	}
	z, err := zip.NewReader(ra, size)
	if err != nil {
		return a.stats, nil, fmt.Errorf("not a WACZ package (it should be a zip file): %s", err)
	}
	var warcs []*zip.File
	var total int64
	for _, zf := range z.File {
		if strings.HasPrefix(zf.Name, "archive/") && IsArchive(zf.Name) && !strings.HasSuffix(strings.ToLower(zf.Name), ".wacz") {
			warcs = append(warcs, zf)
			total += int64(zf.CompressedSize64)
		}
	}
	if len(warcs) == 0 {
		return a.stats, nil, errors.New("this WACZ package holds no WARC files (looked in its archive/ folder)")
	}
	sort.Slice(warcs, func(i, j int) bool { return warcs[i].Name < warcs[j].Name })
	var done int64
	for _, zf := range warcs {
		rc, err := zf.Open()
		if err != nil {
			a.problem(zf.Name, "cannot open inside the package: %s; the other WARC files are read", err)
			continue
		}
		base := done
		cr := &countReader{r: rc, size: total, progress: func(n, _ int64) {
			if progress != nil {
				progress(base+n*int64(zf.CompressedSize64)/max(int64(zf.UncompressedSize64), 1), total)
			}
		}}
		err = a.readWARC(name+" ("+zf.Name+")", cr)
		rc.Close()
		if err != nil {
			return a.stats, a.problems, err
		}
		done += int64(zf.CompressedSize64)
	}
	return a.stats, a.problems, nil
}

// archive is the state of reading one archive file.
type archive struct {
	ctx      context.Context
	name     string
	emit     func(Capture) error
	stats    ArchiveStats
	problems []Problem
}

func (a *archive) problem(where, format string, args ...any) {
	p := a.name
	if where != "" && where != a.name {
		p = where
	}
	a.problems = append(a.problems, Problem{Path: p, Reason: fmt.Sprintf(format, args...)})
}

// readWARC reads one WARC stream (plain, or gzip members one per record).
func (a *archive) readWARC(name string, in io.Reader) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(in, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore))
	if err != nil {
		return fmt.Errorf("cannot read: %s", err)
	}
	defer wr.Close()
	n := 0
	for {
		if err := a.ctx.Err(); err != nil {
			return errors.New("import cancelled")
		}
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			if n == 0 {
				return errors.New("file is empty: no WARC records in it")
			}
			return nil
		}
		if err != nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			if n == 0 {
				return fmt.Errorf("not a WARC file, or damaged at its start: %s", cleanErr(err))
			}
			a.problem(name, "the file ends or breaks inside record %d (%s); it may have been cut short while copying or downloading. The %d records before it are kept", n+1, cleanErr(err), n)
			return nil
		}
		if short := truncated(rec.Validation); short != "" {
			rec.Close()
			a.problem(name, "the file ends or breaks inside record %d (%s); it may have been cut short while copying or downloading. The %d records before it are kept", n+1, short, n)
			return nil
		}
		n++
		a.stats.Records++
		err = a.record(name, n, rec.WarcRecord)
		rec.Close()
		if err != nil {
			return err
		}
	}
}

// truncated says how a record is cut short, from the reader's findings;
// "" when it is whole.
func truncated(findings []error) string {
	for _, e := range findings {
		var cl *gowarc.ContentLengthError
		if errors.As(e, &cl) {
			return "its content is shorter than its header says"
		}
	}
	return ""
}

// cleanErr words a reader error without the library's prefix.
func cleanErr(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "gowarc: ")
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(s, "unexpected EOF") {
		return "unexpected end of file"
	}
	return s
}

// record turns one WARC record into a capture, or counts why not.
func (a *archive) record(name string, n int, wr gowarc.WarcRecord) error {
	switch wr.Type() {
	case gowarc.Revisit:
		a.stats.Revisits++
		return nil
	case gowarc.Response:
	default:
		return nil // requests, metadata, warcinfo: not captures
	}
	hdr := wr.WarcHeader()
	target := strings.Trim(hdr.Get(gowarc.WarcTargetURI), "<>")
	block, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok || !strings.HasPrefix(strings.ToLower(target), "http") {
		a.stats.NotHTML++
		return nil
	}
	code := block.HttpStatusCode()
	switch {
	case code >= 300 && code < 400:
		a.stats.Redirects++
		return nil
	case code < 200 || code >= 300:
		a.stats.Failed++
		return nil
	}
	h := block.HttpHeader()
	if h == nil {
		h = &http.Header{}
	}
	body, err := block.PayloadBytes()
	if err != nil {
		a.stats.Failed++
		return nil
	}
	b, err := decodeBody(body, *h, chunkedHeader(block.ProtocolHeaderBytes()))
	if err != nil {
		a.stats.Failed++
		a.problem(name, "record %d (%s): %s; skipped", n, target, err)
		return nil
	}
	if !IsHTML(h.Get("Content-Type"), b) {
		a.stats.NotHTML++
		return nil
	}
	captured, _ := wr.Date()
	c, warns, err := PageCapture(name, b, h.Get("Content-Type"), target, captured)
	for _, w := range warns {
		a.problem(name, "record %d (%s): %s", n, target, w.Reason)
	}
	if err != nil {
		a.stats.NoText++
		return nil
	}
	if d := h.Get("Date"); d != "" {
		if t, err := http.ParseTime(d); err == nil {
			c.HTTPDate = t.UTC()
		}
	}
	c.Digest = hdr.Get(gowarc.WarcPayloadDigest)
	a.stats.Pages++
	return a.emit(c)
}

// PageCapture reads a web page captured from pageURL at captured into a
// Capture through the HTML extractor; contentType is the server's
// Content-Type header ("" when unknown), whose charset decodes a page that
// names none itself. source names where it came from (a
// file, an archive) for the article's source path and for warnings.
func PageCapture(source string, page []byte, contentType, pageURL string, captured time.Time) (Capture, []Problem, error) {
	res := Result{Path: source}
	r := &reader{ctx: context.Background(), path: source, res: &res}
	if int64(len(page)) > MaxArticleBytes {
		return Capture{}, nil, fmt.Errorf("page is larger than the %s limit for one article", megabytesRound(MaxArticleBytes))
	}
	if !utf8.Valid(page) && contentType != "" {
		// The server's Content-Type names the encoding of a page that may
		// name none itself; it takes precedence, as in browsers.
		if enc, name, _ := charset.DetermineEncoding(page, contentType); name != "utf-8" {
			if decoded, err := enc.NewDecoder().Bytes(page); err == nil {
				page = decoded
			}
		}
	}
	art, err := r.parseHTML(page)
	if err != nil {
		return Capture{}, res.Warnings, err
	}
	art.URL = pageURL
	captured = captured.UTC()
	art.SourcePath = source + " @ " + captured.Format(time.RFC3339)
	art.Fill()
	return Capture{Article: art, Key: URLKey(pageURL), CapturedAt: captured}, res.Warnings, nil
}

// decodeBody undoes the transfer and content encodings an archive keeps as
// the server sent them (chunked, gzip, deflate).
func decodeBody(body io.Reader, h http.Header, chunked bool) ([]byte, error) {
	limit := MaxArticleBytes + 1
	if chunked {
		br := bufio.NewReader(body)
		// Some archivers store the body already de-chunked; a chunked body
		// starts with a hex size line.
		if head, _ := br.Peek(16); looksChunked(head) {
			body = httputil.NewChunkedReader(br)
		} else {
			body = br
		}
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("the page is gzip-compressed but cannot be uncompressed (%s)", err)
		}
		defer zr.Close()
		body = zr
	case "deflate":
		body = flate.NewReader(body)
	default:
		return nil, fmt.Errorf("the page is compressed as %q, which Redline cannot uncompress", h.Get("Content-Encoding"))
	}
	b, err := io.ReadAll(io.LimitReader(body, limit))
	if err != nil && len(b) == 0 {
		return nil, fmt.Errorf("cannot read the page: %s", err)
	}
	if int64(len(b)) >= limit {
		return nil, fmt.Errorf("page is larger than the %s limit for one article", megabytesRound(MaxArticleBytes))
	}
	return b, nil
}

// chunkedHeader reports whether raw HTTP response headers say the body is
// sent in chunks (the parsed header drops Transfer-Encoding).
func chunkedHeader(raw []byte) bool {
	for _, line := range strings.Split(string(raw), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Transfer-Encoding") &&
			strings.Contains(strings.ToLower(value), "chunked") {
			return true
		}
	}
	return false
}

func looksChunked(head []byte) bool {
	line, _, ok := strings.Cut(string(head), "\r\n")
	if !ok || line == "" {
		return false
	}
	line, _, _ = strings.Cut(line, ";")
	for _, c := range strings.TrimSpace(line) {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// IsHTML reports whether a response is a web page: by its Content-Type, or
// by sniffing when it has none.
func IsHTML(contentType string, body []byte) bool {
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// countReader counts the bytes read for progress.
type countReader struct {
	r        io.Reader
	n, size  int64
	progress func(read, size int64)
	last     int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && (c.n-c.last >= 1<<20 || err != nil) {
		c.last = c.n
		c.progress(c.n, c.size)
	}
	return n, err
}

// readArchiveResult reads a whole archive into a Result, one article per
// capture, for callers that take files whole; the workspace import streams
// archives through ReadArchive instead.
func readArchiveResult(ctx context.Context, name string, f io.Reader, size int64) Result {
	res := Result{Path: name}
	stats, problems, err := readArchive(ctx, name, f, size, nil, func(c Capture) error {
		c.Article.PublishedAt = c.CapturedAt
		c.Article.RetrievedAt = c.CapturedAt
		res.Articles = append(res.Articles, c.Article)
		return nil
	})
	res.Warnings = problems
	if s := stats.Skipped(); s != "" {
		res.Warnings = append(res.Warnings, Problem{Path: name, Reason: "skipped " + s})
	}
	if err != nil {
		res.Articles = nil
		res.Err = &Problem{Path: name, Reason: err.Error()}
	}
	return res
}
