package workspace

import (
	"context"
	"errors"
	"io/fs"
	"sort"
	"time"

	"redline/annotate"
	"redline/diff"
	"redline/ingest"
)

// Progress reports an import under way.
type Progress struct {
	Done, Total int     // files finished so far, files planned
	Path        string  // the file being stored
	Fraction    float64 // how much of the whole import is done, 0 to 1
	Articles    int     // articles stored or recognised so far
}

// Outcome is one file's part in an import.
type Outcome struct {
	Path       string
	Imported   int // new articles stored
	Duplicates int // articles already stored: the same database document, or the same text from the same outlet and URL
	Stubs      int // of Imported, stories stored without text (marked text missing)
	Warnings   []ingest.Problem
	Err        *ingest.Problem
}

// Summary is what an import did, file by file.
type Summary struct {
	Files    []Outcome
	Skipped  int  // files in folders of a kind Redline does not read
	Canceled bool // stopped by the user; files read before are kept
	// UnusedColumns are the mapped CSV columns (ImportOptions.Columns) that
	// no imported file has: most likely a misspelt name.
	UnusedColumns []string
}

// Imported is the number of new articles stored.
func (s Summary) Imported() int {
	n := 0
	for _, f := range s.Files {
		n += f.Imported
	}
	return n
}

// Duplicates is the number of articles already stored.
func (s Summary) Duplicates() int {
	n := 0
	for _, f := range s.Files {
		n += f.Duplicates
	}
	return n
}

// Failed lists the files that could not be imported at all.
func (s Summary) Failed() []ingest.Problem {
	var out []ingest.Problem
	for _, f := range s.Files {
		if f.Err != nil {
			out = append(out, *f.Err)
		}
	}
	return out
}

// Warnings lists problems inside files that were otherwise imported.
func (s Summary) Warnings() []ingest.Problem {
	var out []ingest.Problem
	for _, f := range s.Files {
		out = append(out, f.Warnings...)
	}
	return out
}

// Import reads every file under paths and stores its articles, one file per
// transaction, so a failure or a cancel never loses what was already read.
// A broken file is reported and the rest go on. progress, if not nil, is
// called after each file from the importing goroutine.
func (ws *Workspace) Import(ctx context.Context, paths []string, progress func(Progress)) (Summary, error) {
	return ws.ImportWith(ctx, paths, ImportOptions{}, progress)
}

// ImportWith is Import with options: a CSV column mapping (see sources.go).
func (ws *Workspace) ImportWith(ctx context.Context, paths []string, opts ImportOptions, progress func(Progress)) (Summary, error) {
	if err := ws.ensureKeys(ctx); err != nil {
		return Summary{}, err
	}
	files, problems, skipped := ingest.Plan(paths)
	sum := Summary{Skipped: skipped}
	for i := range problems {
		sum.Files = append(sum.Files, Outcome{Path: problems[i].Path, Err: &problems[i]})
	}
	total := len(files)
	seen := 0
	started := time.Now()     // every article of this import carries it: one batch to list or remove
	used := map[string]bool{} // mapped columns some file has
	for i, path := range files {
		if ctx.Err() != nil {
			sum.Canceled = true
			break
		}
		if ingest.IsArchive(path) {
			out, err := ws.importArchive(ctx, path, func(frac float64, stored int) {
				if progress != nil {
					progress(Progress{Done: i, Total: total, Path: path, Articles: seen + stored,
						Fraction: (float64(i) + frac) / float64(total)})
				}
			})
			if err != nil {
				return sum, err
			}
			sum.Files = append(sum.Files, out)
			seen += out.Imported + out.Duplicates
			if progress != nil {
				progress(Progress{Done: i + 1, Total: total, Path: path, Articles: seen, Fraction: float64(i+1) / float64(total)})
			}
			continue
		}
		iopts, saveMapping, err := ws.fileOptions(ctx, path, opts, used)
		if err != nil {
			return sum, err
		}
		out, err := ws.importFile(ctx, path, iopts, started, func(stored int) {
			if progress != nil {
				progress(Progress{Done: i, Total: total, Path: path, Articles: seen + stored,
					Fraction: float64(i) / float64(total)})
			}
		})
		sum.Files = append(sum.Files, out)
		if err != nil {
			return sum, err
		}
		if saveMapping != nil && out.Err == nil {
			if err := saveMapping(); err != nil {
				return sum, err
			}
		}
		seen += out.Imported + out.Duplicates
		if progress != nil {
			progress(Progress{Done: i + 1, Total: total, Path: path, Articles: seen, Fraction: float64(i+1) / float64(total)})
		}
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		sum.Canceled = true
	}
	sum.UnusedColumns = unusedColumns(opts.Columns, used)
	return sum, nil
}

// importFile reads one file and stores its articles as they are read, a
// batch at a time, so a file of any size is imported in bounded memory.
// Only a database failure is an error; its outcome counts what was stored
// before it.
func (ws *Workspace) importFile(ctx context.Context, path string, iopts ingest.Options, started time.Time, progress func(stored int)) (Outcome, error) {
	out := Outcome{Path: path}
	var dbErr error
	res := ingest.ReadFileStream(ctx, path, iopts, storeBatch, func(batch []annotate.Article) error {
		for i := range batch {
			batch[i].ImportedAt = started
		}
		part, err := ws.store(ctx, ingest.Result{Path: path, Articles: batch}, nil)
		out.Imported += part.Imported
		out.Duplicates += part.Duplicates
		out.Stubs += part.Stubs
		if err != nil {
			dbErr = err
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if progress != nil {
			progress(out.Imported + out.Duplicates)
		}
		return nil
	})
	out.Warnings, out.Err = res.Warnings, res.Err
	if dbErr != nil {
		out.Err = nil
		return out, dbErr
	}
	if out.Err == nil && out.Imported+out.Duplicates == 0 {
		out.Err = &ingest.Problem{Path: path, Reason: "no articles found in the file"}
	}
	return out, nil
}

// ImportFS imports every file of fsys (the embedded demo corpus), in name
// order.
func (ws *Workspace) ImportFS(ctx context.Context, fsys fs.FS, progress func(Progress)) (Summary, error) {
	if err := ws.ensureKeys(ctx); err != nil {
		return Summary{}, err
	}
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	sort.Strings(names)
	var sum Summary
	for i, name := range names {
		var out Outcome
		var err error
		if ingest.IsArchive(name) {
			out, err = ws.importArchiveFS(ctx, fsys, name)
		} else {
			out, err = ws.store(ctx, ingest.ReadFS(ctx, fsys, name), nil)
		}
		if err != nil {
			return sum, err
		}
		sum.Files = append(sum.Files, out)
		if progress != nil {
			progress(Progress{Done: i + 1, Total: len(names), Path: name})
		}
	}
	return sum, nil
}

// storeBatch is how many articles are stored per transaction: large enough
// to be fast, small enough to show progress and stop soon on Cancel.
const storeBatch = 500

// store writes one file's articles in batches. Only a database failure is
// an error; a bad file is an outcome. A cancel between batches keeps the
// batches already committed.
func (ws *Workspace) store(ctx context.Context, res ingest.Result, progress func(stored, of int)) (Outcome, error) {
	out := Outcome{Path: res.Path, Warnings: res.Warnings, Err: res.Err}
	if res.Err != nil || len(res.Articles) == 0 {
		if res.Err == nil {
			out.Err = &ingest.Problem{Path: res.Path, Reason: "no articles found in the file"}
		}
		return out, nil
	}
	arts := splitRepeated(res.Articles)
	for start := 0; start < len(arts); start += storeBatch {
		if ctx.Err() != nil {
			return out, nil
		}
		end := min(start+storeBatch, len(arts))
		// a batch is short: finish it; its articles join their stories in
		// the transaction that stores them
		added, err := ws.addGrouped(context.WithoutCancel(ctx), arts[start:end])
		if err != nil {
			return out, err
		}
		var newIDs []int64
		for k, r := range added {
			if r.Duplicate {
				out.Duplicates++
				continue
			}
			out.Imported++
			if arts[start+k].TextMissing {
				out.Stubs++
				continue
			}
			newIDs = append(newIDs, r.ID)
		}
		// versions that joined a story get the codes made on the others
		if err := ws.carryToNew(context.WithoutCancel(ctx), newIDs); err != nil {
			return out, err
		}
		if progress != nil {
			progress(end, len(arts))
		}
	}
	return out, nil
}

// splitRepeated stores a page that carries its article twice as two
// versions: the first copy is the reading text, the second (often with
// promotional lines pushed in) a version of the same story, so the diff
// shows exactly what was inserted.
func splitRepeated(in []annotate.Article) []annotate.Article {
	out := make([]annotate.Article, 0, len(in))
	for _, a := range in {
		first, second, ok := diff.RepeatedBlock(a.Text)
		if !ok {
			out = append(out, a)
			continue
		}
		one, two := a, a
		one.Text = first.Text
		one.Fill()
		two.Text = second.Text
		// the same title: the page has one headline, and the comparison must
		// not report "(second copy)" as a headline change; the source path
		// tells the copies apart
		two.SourcePath = a.SourcePath + " (second copy on the page)"
		two.Fill()
		two.Title = one.Title
		out = append(out, one, two)
	}
	return out
}
