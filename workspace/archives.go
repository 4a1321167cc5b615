package workspace

import (
	"context"
	"errors"
	"io/fs"

	"redline/ingest"
	"redline/storage"
)

// captureBatch is how many captures are stored per transaction.
const captureBatch = 200

// captureSink stores captures in batches as a reader finds them, places the
// new versions among the near-duplicate index (so other stories can still
// match them) and carries codes to them.
type captureSink struct {
	ws      *Workspace
	ctx     context.Context
	source  string
	pending []storage.Capture
	out     *Outcome
}

func (s *captureSink) add(c ingest.Capture) error {
	a := c.Article
	sc := storage.Capture{Key: c.Key, URL: a.URL, CapturedAt: c.CapturedAt, Source: s.source,
		Digest: c.Digest, HTTPDate: c.HTTPDate, Article: &a}
	s.pending = append(s.pending, sc)
	if len(s.pending) >= captureBatch {
		return s.flush()
	}
	return nil
}

// flush stores the pending captures; a batch is short, so it finishes
// even after a cancel.
func (s *captureSink) flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	ctx := context.WithoutCancel(s.ctx)
	res, err := s.ws.Store.AddCaptures(ctx, s.pending)
	if err != nil {
		return err
	}
	var ids []int64
	var texts []string
	for i, r := range res {
		switch r.Outcome {
		case storage.CaptureNewVersion:
			s.out.Imported++
			ids = append(ids, r.ArticleID)
			texts = append(texts, s.pending[i].Article.Text)
		case storage.CaptureSameVersion, storage.CaptureKnown:
			s.out.Duplicates++
		}
		if r.SplitOff != 0 {
			a, err := s.ws.Store.Article(ctx, r.SplitOff)
			if err != nil {
				return err
			}
			s.out.Imported++
			ids = append(ids, r.SplitOff)
			texts = append(texts, a.Text)
		}
	}
	s.pending = s.pending[:0]
	if err := s.ws.placeVersions(ctx, ids, texts); err != nil {
		return err
	}
	return s.ws.carryToNew(ctx, ids)
}

// dbError marks an error from the database (as opposed to the file), so
// the import stops rather than reporting it as a bad file.
type dbError struct{ err error }

func (e dbError) Error() string { return e.err.Error() }
func (e dbError) Unwrap() error { return e.err }

// importArchive reads a WARC or WACZ file capture by capture: every web
// page becomes a version of its URL's story (see storage.AddCaptures).
// progress gets the fraction of the file read. Only a database failure is
// an error; a damaged file is an outcome.
func (ws *Workspace) importArchive(ctx context.Context, path string, progress func(fraction float64, stored int)) (Outcome, error) {
	out := Outcome{Path: path}
	sink := &captureSink{ws: ws, ctx: ctx, source: path, out: &out}
	emit := func(c ingest.Capture) error {
		if err := sink.add(c); err != nil {
			return dbError{err}
		}
		return nil
	}
	prog := func(read, size int64) {
		if progress != nil && size > 0 {
			progress(float64(read)/float64(size), out.Imported+out.Duplicates+len(sink.pending))
		}
	}
	stats, problems, err := ingest.ReadArchive(ctx, path, prog, emit)
	return ws.finishArchive(sink, &out, stats, problems, err)
}

// importArchiveFS is importArchive for a file of an fs.FS (the demo).
func (ws *Workspace) importArchiveFS(ctx context.Context, fsys fs.FS, name string) (Outcome, error) {
	out := Outcome{Path: name}
	sink := &captureSink{ws: ws, ctx: ctx, source: name, out: &out}
	stats, problems, err := ingest.ReadArchiveFS(ctx, fsys, name, func(c ingest.Capture) error {
		if err := sink.add(c); err != nil {
			return dbError{err}
		}
		return nil
	})
	return ws.finishArchive(sink, &out, stats, problems, err)
}

func (ws *Workspace) finishArchive(sink *captureSink, out *Outcome, stats ingest.ArchiveStats, problems []ingest.Problem, err error) (Outcome, error) {
	var dbe dbError
	if errors.As(err, &dbe) {
		return *out, dbe.err
	}
	if ferr := sink.flush(); ferr != nil {
		return *out, ferr
	}
	out.Warnings = append(out.Warnings, problems...)
	if s := stats.Skipped(); s != "" {
		out.Warnings = append(out.Warnings, ingest.Problem{Path: out.Path, Reason: "skipped " + s})
	}
	if err != nil {
		out.Err = &ingest.Problem{Path: out.Path, Reason: err.Error()}
		if out.Imported+out.Duplicates > 0 {
			out.Err.Reason += "; the pages read before are stored"
		}
		return *out, nil
	}
	if stats.Pages == 0 {
		out.Err = &ingest.Problem{Path: out.Path, Reason: "no web pages with article text found in this archive"}
	}
	return *out, nil
}
