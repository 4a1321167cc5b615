// Package ingest reads news articles from files: plain text and Markdown,
// web pages (HTML), JSON, JSON Lines and CSV. It turns each file into
// normalised annotate.Articles and reports every file or record it could not
// read in words the analyst can act on; one bad file never stops a batch.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"redline/annotate"
)

// MaxArticleBytes is the largest single-article file (.txt, .md, .html)
// Redline reads. A file larger than this is almost always a mistake (a whole
// archive saved as one page) and would make the reading view unusable.
var MaxArticleBytes int64 = 20 << 20

// MaxRecordBytes is the largest single record in a JSON, JSON Lines or CSV
// file; those files are streamed, so only a record is held in memory.
var MaxRecordBytes = 16 << 20

// Problem is a file (or a record inside one) that could not be read, with
// the reason in words a user acts on.
type Problem struct {
	Path   string
	Line   int // 0 when not about a line
	Reason string
}

// Error returns "path:line: reason", or "path: reason" when Line is 0.
func (p Problem) Error() string {
	if p.Line > 0 {
		return p.Path + ":" + strconv.Itoa(p.Line) + ": " + p.Reason
	}
	return p.Path + ": " + p.Reason
}

// Result is what one file gave.
type Result struct {
	Path     string
	Articles []annotate.Article
	Warnings []Problem // e.g. invalid bytes replaced, bad JSONL line 7 skipped
	Err      *Problem  // the whole file failed; Articles is then empty
	// SinkErr is the error ReadFileStream's sink returned, which stopped
	// the reading (Err then says so too).
	SinkErr error
}

// format is how a file's content is laid out.
type format int

const (
	formatText format = iota + 1
	formatMarkdown
	formatHTML
	formatJSON
	formatJSONL
	formatCSV
	formatDOCX
	formatODT
	formatRTF
	formatPDF
	formatArchive // WARC or WACZ: read by ReadArchive
)

var formats = map[string]format{
	".txt":      formatText,
	".text":     formatText,
	".md":       formatMarkdown,
	".markdown": formatMarkdown,
	".html":     formatHTML,
	".htm":      formatHTML,
	".xhtml":    formatHTML,
	".json":     formatJSON,
	".jsonl":    formatJSONL,
	".ndjson":   formatJSONL,
	".csv":      formatCSV,
	".docx":     formatDOCX,
	".odt":      formatODT,
	".rtf":      formatRTF,
	".pdf":      formatPDF,
}

// supportedList is the list of readable extensions for messages.
const supportedList = ".txt, .md, .html, .htm, .json, .jsonl, .csv, .docx, .odt, .rtf, .pdf, .warc, .warc.gz and .wacz"

func formatOf(name string) format {
	if IsArchive(name) {
		return formatArchive
	}
	return formats[strings.ToLower(path.Ext(filepath.ToSlash(name)))]
}

// Supported reports whether Redline reads files with this name's extension;
// the import dialog uses it as its filter.
func Supported(name string) bool { return formatOf(name) != 0 }

// Plan expands files and folders (recursively, sorted, skipping hidden files
// and folders) into the files Redline can read, in the order the paths were
// given. Paths that do not exist, folders that cannot be listed and files
// with unsupported extensions given explicitly come back as problems;
// unsupported files found inside folders are skipped silently but counted in
// skipped. A file named twice is listed once.
func Plan(paths []string) (files []string, problems []Problem, skipped int) {
	seen := make(map[string]bool)
	add := func(p string) {
		key := filepath.Clean(p)
		if !seen[key] {
			seen[key] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			if _, lerr := os.Lstat(root); lerr == nil && Supported(root) {
				add(root) // a dangling link: ReadFile says what is wrong
				continue
			}
			problems = append(problems, Problem{Path: root, Reason: osReason(err)})
			continue
		}
		if !info.IsDir() {
			if !Supported(root) {
				problems = append(problems, Problem{Path: root, Reason: unsupportedReason(root)})
				continue
			}
			add(root)
			continue
		}
		walkRoot := root
		if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// a link to a folder: a trailing separator makes WalkDir
			// follow it (links inside are still not followed)
			walkRoot = root + string(filepath.Separator)
		}
		_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == walkRoot || (d != nil && d.IsDir()) {
					problems = append(problems, Problem{Path: p, Reason: "cannot list this folder: " + osReason(err)})
					return nil
				}
				problems = append(problems, Problem{Path: p, Reason: osReason(err)})
				return nil
			}
			if p != walkRoot && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !Supported(p) {
				skipped++
				return nil
			}
			add(p)
			return nil
		})
	}
	return files, problems, skipped
}

func unsupportedReason(name string) string {
	ext := path.Ext(filepath.ToSlash(name))
	if ext == "" {
		return "file has no extension, so Redline cannot tell its format; Redline reads " + supportedList
	}
	return fmt.Sprintf("unsupported file type %q: Redline reads %s", ext, supportedList)
}

// osReason words an error from the file system for a user.
func osReason(err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: Redline is not allowed to read it"
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadFile reads one file by its extension. It never panics and stops
// between records when ctx is cancelled.
func ReadFile(ctx context.Context, name string) Result {
	return ReadFileWith(ctx, name, Options{})
}

// ReadFileWith is ReadFile with options (a CSV column mapping).
func ReadFileWith(ctx context.Context, name string, opts Options) Result {
	return read(ctx, name, opts, fileOpener(name))
}

// fileOpener opens a file on disk, refusing what is not a regular file.
func fileOpener(name string) opener {
	return func() (fs.FileInfo, io.ReadCloser, error) {
		info, err := os.Stat(name)
		if err != nil {
			if _, lerr := os.Lstat(name); lerr == nil {
				return nil, nil, errors.New("this is a link to a file that no longer exists")
			}
			return nil, nil, errors.New(osReason(err))
		}
		if info.IsDir() {
			return info, nil, nil
		}
		if !info.Mode().IsRegular() {
			return nil, nil, errors.New("not a regular file (a device, pipe or socket)")
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, errors.New("cannot open: " + osReason(err))
		}
		return info, f, nil
	}
}

// ReadFS is ReadFile for a file inside an fs.FS (the embedded demo corpus).
// SourcePath is the name inside fsys.
func ReadFS(ctx context.Context, fsys fs.FS, name string) Result {
	return read(ctx, name, Options{}, func() (fs.FileInfo, io.ReadCloser, error) {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, nil, errors.New(osReason(err))
		}
		if info.IsDir() {
			return info, nil, nil
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, nil, errors.New("cannot open: " + osReason(err))
		}
		return info, f, nil
	})
}

// opener returns the file's info and contents; a nil reader with non-nil
// info means the name is a folder.
type opener func() (fs.FileInfo, io.ReadCloser, error)

// reader is the state of reading one file.
type reader struct {
	ctx  context.Context
	path string
	res  *Result

	// With a sink, articles go to it every batch articles instead of
	// gathering in res.Articles, so a large file is never held whole.
	sink    func([]annotate.Article) error
	batch   int
	sinkErr error
	emitted int // articles handed to the sink so far

	opts Options
	csv  csvState // story lists: sources.go
}

// emit hands on one article read.
func (r *reader) emit(a annotate.Article) {
	r.res.Articles = append(r.res.Articles, a)
	if r.sink != nil && len(r.res.Articles) >= r.batch {
		r.flush()
	}
}

// flush hands the gathered articles to the sink.
func (r *reader) flush() {
	if r.sink == nil || len(r.res.Articles) == 0 || r.sinkErr != nil {
		return
	}
	batch := r.res.Articles
	r.res.Articles = make([]annotate.Article, 0, r.batch)
	r.emitted += len(batch)
	r.sinkErr = r.sink(batch)
}

// halted says why reading must stop: cancelled, or the sink failed.
func (r *reader) halted() error {
	if r.sinkErr != nil {
		return r.sinkErr
	}
	return r.ctx.Err()
}

// warn records a warning about the file (line 0) or one of its lines.
func (r *reader) warn(line int, format string, args ...any) {
	r.res.Warnings = append(r.res.Warnings, Problem{Path: r.path, Line: line, Reason: fmt.Sprintf(format, args...)})
}

// failure is returned by format readers to fail the whole file.
type failure struct {
	line   int
	reason string
}

func (f *failure) Error() string { return f.reason }

func fail(format string, args ...any) *failure {
	return &failure{reason: fmt.Sprintf(format, args...)}
}

// ReadFileStream reads name as ReadFileWith does, but hands its articles
// to sink batch at a time as they are read, so a file of any size is read
// in bounded memory; Result.Articles comes back empty. Reading stops at the
// first error sink returns, which comes back as the file's failure.
// Articles handed on before a failure later in the file stay handed on.
func ReadFileStream(ctx context.Context, name string, opts Options, batch int, sink func([]annotate.Article) error) Result {
	return readStream(ctx, name, opts, fileOpener(name), max(batch, 1), sink)
}

func read(ctx context.Context, name string, opts Options, open opener) (res Result) {
	return readStream(ctx, name, opts, open, 0, nil)
}

func readStream(ctx context.Context, name string, opts Options, open opener, batch int, sink func([]annotate.Article) error) (res Result) {
	res.Path = name
	defer func() {
		if v := recover(); v != nil {
			res.Articles = nil
			res.Err = &Problem{Path: name, Reason: fmt.Sprintf("Redline failed inside its reader (%v); please report this file", v)}
		}
	}()
	if err := ctx.Err(); err != nil {
		res.Err = &Problem{Path: name, Reason: "import cancelled"}
		return res
	}
	fmtKind := formatOf(name)
	if fmtKind == 0 {
		res.Err = &Problem{Path: name, Reason: unsupportedReason(name)}
		return res
	}
	info, rc, err := open()
	if err != nil {
		res.Err = &Problem{Path: name, Reason: err.Error()}
		return res
	}
	if rc == nil {
		res.Err = &Problem{Path: name, Reason: "this is a folder, not a file"}
		return res
	}
	defer rc.Close()
	if fmtKind == formatArchive {
		return readArchiveResult(ctx, name, rc, info.Size())
	}
	single := fmtKind == formatText || fmtKind == formatMarkdown || fmtKind == formatHTML
	if single && info.Size() > MaxArticleBytes {
		res.Err = &Problem{Path: name, Reason: fmt.Sprintf(
			"file is %s, larger than the %s limit for one article; split it or raise the limit (redline import --max-article-bytes)",
			megabytes(info.Size()), megabytesRound(MaxArticleBytes))}
		return res
	}

	r := &reader{ctx: ctx, path: name, res: &res, sink: sink, batch: batch, opts: opts}
	br := bufio.NewReaderSize(rc, 64<<10)
	head, err := br.Peek(8 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		res.Err = &Problem{Path: name, Reason: "cannot read: " + osReason(err)}
		return res
	}
	if len(head) == 0 {
		res.Err = &Problem{Path: name, Reason: "file is empty"}
		return res
	}
	var in io.Reader = br
	if documentFormat(fmtKind) {
		// read whole and turned into paragraphs by its own reader
	} else if isUTF16(head) {
		in = transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		r.warn(0, "converted from UTF-16 to UTF-8")
	} else if looksBinary(head) {
		res.Err = &Problem{Path: name, Reason: "looks like a binary file, not text"}
		return res
	} else if fmtKind == formatText || fmtKind == formatMarkdown || fmtKind == formatCSV {
		in = r.legacyText(br) // encoding.go: Windows-1252 and other legacy encodings
	}

	var ferr error
	switch fmtKind {
	case formatText, formatMarkdown, formatHTML:
		ferr = r.readSingle(in, fmtKind)
	case formatJSON:
		ferr = r.readJSON(in)
	case formatJSONL:
		ferr = r.readJSONL(in)
	case formatCSV:
		ferr = r.readCSV(in)
	case formatDOCX, formatODT, formatRTF, formatPDF:
		ferr = r.readDocument(in, fmtKind)
	}
	if ferr == nil {
		r.flush()
		ferr = r.sinkErr
	}
	if ferr != nil && errors.Is(ferr, r.sinkErr) && !errors.Is(ferr, context.Canceled) {
		// the sink's own failure (the database), not the file's
		res.Articles = nil
		res.Err = &Problem{Path: name, Reason: ferr.Error()}
		res.SinkErr = ferr
		return res
	}
	if ferr != nil {
		res.Articles = nil
		p := &Problem{Path: name, Reason: ferr.Error()}
		var f *failure
		if errors.As(ferr, &f) {
			p.Line = f.line
		}
		if errors.Is(ferr, context.Canceled) || errors.Is(ferr, context.DeadlineExceeded) {
			p.Reason = "import cancelled"
		}
		res.Err = p
	}
	return res
}

// readSingle reads a file that holds one article.
func (r *reader) readSingle(in io.Reader, kind format) error {
	b, err := io.ReadAll(io.LimitReader(in, MaxArticleBytes+1))
	if err != nil {
		return fail("cannot read: %s", osReason(err))
	}
	if int64(len(b)) > MaxArticleBytes {
		return fail("file is larger than the %s limit for one article; split it or raise the limit (redline import --max-article-bytes)", megabytesRound(MaxArticleBytes))
	}
	// a news-database export (Nexis, Factiva) saved as text or HTML holds
	// many articles
	if kind == formatText && r.readExportText(b) || kind == formatHTML && r.readExportHTML(b) {
		return nil
	}
	var a annotate.Article
	switch kind {
	case formatHTML:
		a, err = r.parseHTML(b)
	default:
		a, err = r.parseText(b, kind == formatMarkdown)
	}
	if err != nil {
		return err
	}
	a.SourcePath = r.path
	a.Fill()
	r.emit(a)
	return nil
}

// warnReplaced warns about invalid bytes Normalize replaced.
func (r *reader) warnReplaced(line, n int) {
	if n == 1 {
		r.warn(line, "1 invalid byte replaced (the text is not valid UTF-8; it may have been saved in another encoding)")
	} else if n > 1 {
		r.warn(line, "%d invalid bytes replaced (the text is not valid UTF-8; it may have been saved in another encoding)", n)
	}
}

func isUTF16(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

// looksBinary reports whether the first bytes of a file look like binary
// data rather than text: several NUL bytes, or many control characters.
// A stray NUL in a text file is tolerated (Normalize drops it).
func looksBinary(head []byte) bool {
	nul, ctrl := 0, 0
	for _, c := range head {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b:
			ctrl++
		}
	}
	n := len(head)
	return nul > 1 && nul*100 > n || (nul+ctrl)*10 > n
}

func megabytes(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

func megabytesRound(n int64) string {
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return megabytes(n)
}

// trimBOM drops a UTF-8 byte-order mark.
func trimBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\uFEFF"))
}
