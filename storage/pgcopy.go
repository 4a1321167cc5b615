package storage

// Bulk import on PostgreSQL: COPY through a staging table (see bulk.go).

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"redline/annotate"
)

// pgx runs f with the pgx connection under b, inside the transaction
// begun on it (COPY for bulk import and redline copy).
func (b *bulkConn) pgx(f func(*pgx.Conn) error) error {
	return b.c.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return fmt.Errorf("not a PostgreSQL connection (%T)", dc)
		}
		return f(pc.Conn.Conn())
	})
}

// pgCopyBetween, when set (by a test), runs between looking up which
// articles are stored and storing the others: where another writer may
// store one of them first.
var pgCopyBetween func()

// pgCopyArticles stores rows through the transaction's connection:
// those already stored are looked up; the rest get their ids from the
// table's sequence (in batch order, as row-by-row inserts would), their
// families are copied in, then the articles are copied into a staging
// table and moved with one INSERT … SELECT … ON CONFLICT DO NOTHING, so a
// row another writer stored meanwhile is skipped, not an error. Each
// stored row's id is set; 0 means stored before.
func pgCopyArticles(ctx context.Context, conn *bulkConn, arts []annotate.Article, rows []stagedArticle, now time.Time) error {
	return conn.pgx(func(c *pgx.Conn) error {
		hashes := make([]string, len(rows))
		for k, r := range rows {
			hashes[k] = r.key
		}
		found, err := c.Query(ctx, "SELECT text_sha256, outlet, url FROM article WHERE text_sha256 = ANY($1)", hashes)
		if err != nil {
			return err
		}
		stored := map[[3]string]bool{}
		for found.Next() {
			var k [3]string
			if err := found.Scan(&k[0], &k[1], &k[2]); err != nil {
				found.Close()
				return err
			}
			stored[k] = true
		}
		found.Close()
		if err := found.Err(); err != nil {
			return err
		}
		if pgCopyBetween != nil {
			pgCopyBetween()
		}
		var fresh []*stagedArticle
		for k := range rows {
			a := &arts[rows[k].i]
			if !stored[[3]string{rows[k].key, a.Outlet, a.URL}] {
				fresh = append(fresh, &rows[k])
			}
		}
		if len(fresh) == 0 {
			return nil
		}

		next, err := c.Query(ctx, "SELECT nextval(pg_get_serial_sequence('article', 'id')) FROM generate_series(1, $1)", len(fresh))
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(next, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		slices.Sort(ids)
		created := stamp(now)
		var families [][]any // a story of its own until grouping finds its versions
		for k, r := range fresh {
			r.id = ids[k]
			if arts[r.i].FamilyID == 0 {
				families = append(families, []any{r.id, created})
			}
		}
		if len(families) > 0 {
			if _, err := c.CopyFrom(ctx, pgx.Identifier{"family"}, []string{"id", "created_at"}, pgx.CopyFromRows(families)); err != nil {
				return err
			}
		}

		if _, err := c.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS article_stage (
			id BIGINT, family_id BIGINT, title TEXT, outlet TEXT, url TEXT, byline TEXT,
			published_at TEXT, retrieved_at TEXT, source_path TEXT, text_sha256 TEXT,
			words INTEGER, imported_at TEXT, text_missing INTEGER, text TEXT) ON COMMIT DROP`); err != nil {
			return err
		}
		if _, err := c.Exec(ctx, "TRUNCATE article_stage"); err != nil {
			return err
		}
		cols := append([]string{"id"}, strings.Split(strings.ReplaceAll(bulkColumns, " ", ""), ",")...)
		src := pgx.CopyFromSlice(len(fresh), func(k int) ([]any, error) {
			r := fresh[k]
			v := r.values(&arts[r.i])
			if arts[r.i].FamilyID == 0 {
				v[0] = r.id
			}
			return append([]any{r.id}, v...), nil
		})
		if _, err := c.CopyFrom(ctx, pgx.Identifier{"article_stage"}, cols, src); err != nil {
			return err
		}
		list := strings.Join(cols, ", ")
		ins, err := c.Query(ctx, "INSERT INTO article ("+list+") SELECT "+list+
			" FROM article_stage ORDER BY id ON CONFLICT (text_sha256, outlet, url) DO NOTHING RETURNING id")
		if err != nil {
			return err
		}
		got, err := pgx.CollectRows(ins, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		if len(got) == len(fresh) {
			return nil
		}
		// another writer stored some of them first: theirs stand
		in := make(map[int64]bool, len(got))
		for _, id := range got {
			in[id] = true
		}
		var unused []int64
		for _, r := range fresh {
			if !in[r.id] {
				if arts[r.i].FamilyID == 0 {
					unused = append(unused, r.id)
				}
				r.id = 0
			}
		}
		_, err = c.Exec(ctx, "DELETE FROM family WHERE id = ANY($1)", unused)
		return err
	})
}
