package workspace

import (
	"context"
	"errors"
	"io/fs"
	"sort"

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
	Duplicates int // articles already stored: the same text from the same outlet and URL
	Warnings   []ingest.Problem
	Err        *ingest.Problem
}

// Summary is what an import did, file by file.
type Summary struct {
	Files    []Outcome
	Skipped  int  // files in folders of a kind Redline does not read
	Canceled bool // stopped by the user; files read before are kept
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
	for i, path := range files {
		if ctx.Err() != nil {
			sum.Canceled = true
			break
		}
		res := ingest.ReadFile(ctx, path)
		out, err := ws.store(ctx, res, func(stored, of int) {
			if progress != nil && of > 0 {
				progress(Progress{Done: i, Total: total, Path: path, Articles: seen + stored,
					Fraction: (float64(i) + float64(stored)/float64(of)) / float64(total)})
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
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		sum.Canceled = true
	}
	return sum, nil
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
		res := ingest.ReadFS(ctx, fsys, name)
		out, err := ws.store(ctx, res, nil)
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
		for _, r := range added {
			if r.Duplicate {
				out.Duplicates++
			} else {
				out.Imported++
			}
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
		two.SourcePath = a.SourcePath + " (second copy on the page)"
		two.Fill()
		if one.Title == two.Title {
			two.Title = a.Title + " (second copy)"
		}
		out = append(out, one, two)
	}
	return out
}
