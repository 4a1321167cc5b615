package workspace

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"redline/annotate"
	"redline/storage"
)

// This file is the dataset workflow the window and the command line share:
// setting articles aside from the analysis, correcting their metadata, and
// what an export writes beside its data.

// Exclude sets articles aside from the analysis with a reason: they keep
// their codes, leave the progress counts and are flagged in every export
// (and left out of it on request). Excluding an excluded article again
// replaces its reason. It returns how many were not excluded before; an
// unknown id changes nothing and is named in the error.
func (ws *Workspace) Exclude(ctx context.Context, ids []int64, reason string) (int, error) {
	if len(ids) == 0 {
		return 0, errors.New("exclude: no article named; give the ids shown by 'redline list'")
	}
	n, err := ws.Store.Exclude(ctx, ids, reason)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, fmt.Errorf("%w; nothing was excluded: check the ids with 'redline list'", err)
	}
	return n, err
}

// Include takes excluded articles back into the analysis. It returns how
// many of them were excluded.
func (ws *Workspace) Include(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, errors.New("include: no article named; give the ids shown by 'redline list'")
	}
	n, err := ws.Store.Include(ctx, ids)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, fmt.Errorf("%w; nothing was included: check the ids with 'redline list'", err)
	}
	return n, err
}

// ArticleFields is a correction of an article's metadata as an analyst
// types it; a nil field is left as it is.
type ArticleFields struct {
	Title, Outlet, URL *string
	// Date is the publication date, as ParseDate reads it; "" makes it
	// unknown.
	Date *string
}

// EditArticle corrects an article's title, outlet, address or date and
// returns the article as stored. Blanks around each field are dropped. A
// date that ParseDate cannot read, an empty title or an address that is
// not a web address is refused with the reason, and nothing is changed.
func (ws *Workspace) EditArticle(ctx context.Context, id int64, f ArticleFields) (annotate.Article, error) {
	var e storage.ArticleEdit
	if f.Title != nil {
		t := strings.TrimSpace(*f.Title)
		if t == "" {
			return annotate.Article{}, errors.New("a title cannot be empty; give the article's headline")
		}
		e.Title = &t
	}
	if f.Outlet != nil {
		o := strings.TrimSpace(*f.Outlet)
		e.Outlet = &o
	}
	if f.URL != nil {
		u := strings.TrimSpace(*f.URL)
		if u != "" {
			p, err := url.Parse(u)
			if err != nil || p.Scheme == "" || p.Host == "" || strings.ContainsAny(u, " \t\n") {
				return annotate.Article{}, fmt.Errorf("%q is not a web address; give the full address, like https://example.com/news/story (or nothing to clear it)", u)
			}
		}
		e.URL = &u
	}
	if f.Date != nil {
		t, err := ParseDate(*f.Date)
		if err != nil {
			return annotate.Article{}, err
		}
		e.PublishedAt = &t
	}
	if err := ws.Store.EditArticle(ctx, id, e); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return annotate.Article{}, fmt.Errorf("%w: check the id with 'redline list'", err)
		}
		return annotate.Article{}, err
	}
	return ws.Store.Article(ctx, id)
}

// dateLayouts are the ways ParseDate reads a date, most precise first.
var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"}

// ParseDate reads a publication date as an analyst types it: YYYY-MM-DD,
// or YYYY-MM-DDTHH:MM (a space for the T is fine), in UTC; a full RFC 3339
// time keeps its offset. "" is the zero time (unknown). The window's date
// fields and the command line read dates with it.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not a date Redline reads: write YYYY-MM-DD or YYYY-MM-DDTHH:MM in UTC, e.g. 2024-05-01 or 2024-05-01T10:49", s)
}

// MethodsAppendix writes the codebook in force as a methods appendix in
// Markdown: the coding manual (annotate.Codebook.Manual), then its
// version and change history from every stored version of the codebook
// of that name, each with the day it was saved and what changed from the
// version before.
func (ws *Workspace) MethodsAppendix(ctx context.Context) (string, error) {
	cb := ws.Codebook
	if cb == nil {
		return "", errors.New("no codebook is in force; install one with the window's Codebook menu")
	}
	versions, err := ws.Store.CodebookVersions(ctx)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(cb.Manual())
	fmt.Fprintf(&b, "## Version and change history\n\nThe codes were made under the codebook *%s*; this manual is version %d. Every code names the version it was made under (the `codebook_version` column of the long export).\n\n", cb.Name, cb.Version)
	var prev *annotate.Codebook
	others := map[string]bool{}
	for _, v := range versions {
		if v.Name != cb.Name {
			others[v.Name] = true
			continue
		}
		fmt.Fprintf(&b, "### Version %d — saved %s\n\n", v.Version, v.SavedAt.UTC().Format("2 January 2006"))
		switch {
		case v.Codebook == nil:
			fmt.Fprintf(&b, "- (the stored definition cannot be read: %v)\n\n", v.Err)
			continue
		case prev == nil:
			b.WriteString("- first version stored\n")
		default:
			changes := v.Codebook.Changes(prev)
			if len(changes) == 0 {
				b.WriteString("- no change to dimensions, values or definitions (the file was saved again)\n")
			}
			for _, c := range changes {
				fmt.Fprintf(&b, "- %s\n", c)
			}
		}
		b.WriteString("\n")
		prev = v.Codebook
	}
	if len(others) > 0 {
		names := make([]string, 0, len(others))
		for n := range others {
			names = append(names, n)
		}
		slices.Sort(names)
		fmt.Fprintf(&b, "Other codebooks stored in this database: %s.\n", strings.Join(names, ", "))
	}
	return b.String(), nil
}

// DictionaryFiles are the files WriteDictionary writes, by what they hold.
type DictionaryFiles struct {
	CSV, SPSS, R, Appendix string
}

// WriteDictionary writes the data dictionary of an export into dir, each
// file named stem plus .dictionary.csv (the variables of the form
// exported, with their value labels), .sps and .R (SPSS syntax and an R
// script that read the wide CSV at wideCSV with labels and factor levels
// in codebook order) and .appendix.md (MethodsAppendix). wideCSV is the
// wide export's path as the scripts should name it (relative to dir, or
// absolute); "" when the export was not the wide form: the scripts then
// read wide.csv and say how to make it.
func (ws *Workspace) WriteDictionary(ctx context.Context, dir, stem string, form storage.Form, withText bool, wideCSV string) (DictionaryFiles, error) {
	cb := ws.Codebook
	if cb == nil {
		return DictionaryFiles{}, errors.New("no codebook is in force; install one with the window's Codebook menu")
	}
	var vars []storage.Variable
	switch form {
	case storage.FormLong:
		vars = storage.LongVariables(cb)
	case storage.FormWide:
		vars = storage.WideVariables(cb)
	case storage.FormArticles:
		vars = storage.ArticleVariables(withText)
	default:
		return DictionaryFiles{}, fmt.Errorf("data dictionary: unknown form %d", form)
	}
	appendix, err := ws.MethodsAppendix(ctx)
	if err != nil {
		return DictionaryFiles{}, err
	}
	const makeWide = "Make it first: redline export --form wide --out wide.csv"
	first := false
	if wideCSV == "" {
		wideCSV, first = "wide.csv", true
	}
	files := DictionaryFiles{
		CSV:      filepath.Join(dir, stem+".dictionary.csv"),
		SPSS:     filepath.Join(dir, stem+".sps"),
		R:        filepath.Join(dir, stem+".R"),
		Appendix: filepath.Join(dir, stem+".appendix.md"),
	}
	wide := storage.WideVariables(cb)
	writers := []struct {
		path  string
		write func(io.Writer) error
	}{
		{files.CSV, func(w io.Writer) error { return storage.WriteDictionaryCSV(w, vars) }},
		{files.SPSS, func(w io.Writer) error {
			if first {
				io.WriteString(w, "* "+makeWide+".\n")
			}
			return storage.WriteSPSS(w, cb, wide, wideCSV)
		}},
		{files.R, func(w io.Writer) error {
			if first {
				io.WriteString(w, "# "+makeWide+"\n")
			}
			return storage.WriteR(w, cb, wide, wideCSV)
		}},
		{files.Appendix, func(w io.Writer) error { _, err := io.WriteString(w, appendix); return err }},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return files, fmt.Errorf("data dictionary: %w", err)
	}
	for _, wr := range writers {
		var buf bytes.Buffer
		if err := wr.write(&buf); err != nil {
			return files, fmt.Errorf("data dictionary %s: %w", wr.path, err)
		}
		if err := os.WriteFile(wr.path, buf.Bytes(), 0o644); err != nil {
			return files, fmt.Errorf("data dictionary: %w", err)
		}
	}
	return files, nil
}
