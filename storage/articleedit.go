package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrDuplicateArticle means a change would make an article the same as
// another stored one (the store's rule of what is a duplicate).
var ErrDuplicateArticle = errors.New("another stored article would then be the same article")

// ArticleEdit corrects an article's metadata; a nil field is left as it is.
type ArticleEdit struct {
	Title, Outlet, URL *string
	// PublishedAt is the publication time; the zero time makes it unknown.
	PublishedAt *time.Time
}

// EditArticle applies e to article id in one transaction. The full-text
// index follows the title (its trigger), and the story's versions follow
// the date (they are ordered by it). ErrNotFound when there is no such
// article.
func (s *Store) EditArticle(ctx context.Context, id int64, e ArticleEdit) error {
	what := fmt.Sprintf("edit article %d", id)
	return s.writeTx(ctx, what, func(tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		set := func(col string, v any) error {
			_, err := tx.ExecContext(ctx, "UPDATE article SET "+col+" = ? WHERE id = ?", v, id)
			if isUnique(err) {
				return fmt.Errorf("%s: %w", col, ErrDuplicateArticle)
			}
			return err
		}
		if e.Title != nil {
			if err := set("title", *e.Title); err != nil {
				return err
			}
		}
		if e.Outlet != nil {
			if err := set("outlet", *e.Outlet); err != nil {
				return err
			}
		}
		if e.URL != nil {
			if err := set("url", *e.URL); err != nil {
				return err
			}
		}
		if e.PublishedAt != nil {
			if err := set("published_at", day(*e.PublishedAt)); err != nil {
				return err
			}
		}
		return nil
	})
}
