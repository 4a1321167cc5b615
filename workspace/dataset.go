package workspace

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
