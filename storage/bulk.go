package storage

// Bulk import: a batch of articles stored, indexed and placed in its
// stories with a few statements for the whole batch instead of a few for
// every article. What is stored is exactly what the row-by-row path stores
// (the tests compare the two); only the number of statements differs.
//
// Why it matters (BENCHMARKS.md, "Two databases"): on SQLite every
// statement that writes through the full-text trigger inside a transaction
// opens a statement savepoint, and FTS5 flushes its pending terms to disk
// at every savepoint, so one INSERT per article wrote one tiny index
// segment per article and spent its time merging them. On PostgreSQL every
// statement is a round trip to the server.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"redline/annotate"
)

// bulkMin is the smallest batch that takes the bulk path. A variable so
// the tests can send the same batch down both paths.
var bulkMin = 16

// bulkConn is the connection a PostgreSQL write transaction runs on, held
// for the whole transaction so COPY can run inside it (database/sql gives a
// transaction no access to its driver connection). nil on SQLite.
type bulkConn struct{ c *sql.Conn }

// Close returns the connection to the pool; nil-safe.
func (b *bulkConn) Close() {
	if b != nil {
		b.c.Close()
	}
}

// lookupsOrigins reports whether any article may be known by its news
// database's document id: those batches go row by row, since an article
// may be known by one stored earlier in the same batch.
func lookupsOrigins(arts []annotate.Article) bool {
	for i := range arts {
		if arts[i].Origin.DocID != "" && arts[i].Origin.Database != "" {
			return true
		}
	}
	return false
}

// stagedArticle is an article of a bulk batch that is the first of the
// batch with its text, outlet and URL.
type stagedArticle struct {
	i        int    // its place in the batch
	id       int64  // its id once stored; 0 when the same was stored before
	key      string // text_sha256
	words    int
	imported string
}

// bulkColumns are the columns a bulk insert writes, in order.
const bulkColumns = "family_id, title, outlet, url, byline, published_at, retrieved_at, source_path, text_sha256, words, imported_at, text_missing, text"

// values returns the article's row for bulkColumns.
func (r *stagedArticle) values(a *annotate.Article) []any {
	missing := 0
	if a.TextMissing {
		missing = 1
	}
	return []any{nullID(a.FamilyID), a.Title, a.Outlet, a.URL, a.Byline, day(a.PublishedAt), day(a.RetrievedAt),
		a.SourcePath, r.key, r.words, r.imported, missing, a.Text}
}

// addArticlesBulk is addArticlesRows for a batch without document-id
// lookups, in a few statements: duplicates within the batch are found
// here, the rest are inserted at once (a multi-row INSERT on SQLite, COPY
// through a staging table on PostgreSQL) and those already stored are
// looked up.
func addArticlesBulk(ctx context.Context, tx *sql.Tx, conn *bulkConn, arts []annotate.Article, now time.Time) ([]AddResult, error) {
	out := make([]AddResult, len(arts))
	firstOf := make([]int, len(arts))
	seen := make(map[[3]string]int, len(arts))
	rows := make([]stagedArticle, 0, len(arts))
	checked := map[int64]bool{}
	for i := range arts {
		a := &arts[i]
		key := articleKey(a)
		k := [3]string{key, a.Outlet, a.URL}
		if j, ok := seen[k]; ok {
			firstOf[i] = j
			continue
		}
		seen[k], firstOf[i] = i, i
		if a.FamilyID != 0 && !checked[a.FamilyID] {
			// the family named must exist, as the foreign key says
			checked[a.FamilyID] = true
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM family WHERE id = ?", a.FamilyID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("article %d (%s): family %d: %w", i, a.SourcePath, a.FamilyID, ErrNotFound)
			}
			if err != nil {
				return nil, fmt.Errorf("article %d (%s): %w", i, a.SourcePath, err)
			}
		}
		words, imported := wordsAndTime(a, now)
		rows = append(rows, stagedArticle{i: i, key: key, words: words, imported: stamp(imported)})
	}
	var err error
	if conn != nil {
		err = pgCopyArticles(ctx, conn, arts, rows, now)
	} else {
		err = sqliteInsertArticles(ctx, tx, arts, rows, now)
	}
	if err != nil {
		return nil, fmt.Errorf("articles %d to %d (%s): %w", 0, len(arts)-1, arts[0].SourcePath, err)
	}
	var find *sql.Stmt
	for _, r := range rows {
		a := &arts[r.i]
		if r.id != 0 {
			out[r.i] = AddResult{ID: r.id}
			continue
		}
		if find == nil {
			if find, err = tx.PrepareContext(ctx, "SELECT id FROM article WHERE text_sha256 = ? AND outlet = ? AND url = ?"); err != nil {
				return nil, err
			}
			defer find.Close()
		}
		var id int64
		if err := find.QueryRowContext(ctx, r.key, a.Outlet, a.URL).Scan(&id); err != nil {
			return nil, fmt.Errorf("article %d (%s): %w", r.i, a.SourcePath, err)
		}
		out[r.i] = AddResult{ID: id, Duplicate: true}
	}
	for i, j := range firstOf {
		if j != i {
			out[i] = AddResult{ID: out[j].ID, Duplicate: true}
		}
	}
	// where they came from (a stub's mark went in with its row)
	var origins *originWriter
	for i := range arts {
		if arts[i].Origin.File == "" {
			continue
		}
		if origins == nil {
			if origins, err = newOriginWriter(ctx, tx, now); err != nil {
				return nil, err
			}
			defer origins.close()
		}
		if err := origins.record(ctx, out[i].ID, &arts[i], false); err != nil {
			return nil, fmt.Errorf("article %d (%s): %w", i, arts[i].SourcePath, err)
		}
	}
	return out, nil
}

// sqliteChunk is how many articles one INSERT carries: 13 parameters each,
// well under SQLite's 32,766.
const sqliteChunk = 1000

// sqliteInsertArticles inserts rows with one INSERT per sqliteChunk,
// setting each stored row's id (0 for one stored before), then gives each
// new article without a family a family of its own.
func sqliteInsertArticles(ctx context.Context, tx *sql.Tx, arts []annotate.Article, rows []stagedArticle, now time.Time) error {
	one := "(" + strings.Repeat("?, ", strings.Count(bulkColumns, ",")) + "?)"
	for start := 0; start < len(rows); start += sqliteChunk {
		chunk := rows[start:min(start+sqliteChunk, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO article (" + bulkColumns + ") VALUES ")
		args := make([]any, 0, len(chunk)*13)
		byKey := make(map[[3]string]*stagedArticle, len(chunk))
		for k := range chunk {
			r := &chunk[k]
			a := &arts[r.i]
			if k > 0 {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, r.values(a)...)
			byKey[[3]string{r.key, a.Outlet, a.URL}] = r
		}
		q.WriteString(" ON CONFLICT (text_sha256, outlet, url) DO NOTHING RETURNING id, text_sha256, outlet, url")
		res, err := tx.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return err
		}
		for res.Next() {
			var id int64
			var k [3]string
			if err := res.Scan(&id, &k[0], &k[1], &k[2]); err != nil {
				res.Close()
				return err
			}
			if r := byKey[k]; r != nil {
				r.id = id
			}
		}
		res.Close()
		if err := res.Err(); err != nil {
			return err
		}
	}
	// a story of its own until grouping finds its versions
	var own []any
	for _, r := range rows {
		if r.id != 0 && arts[r.i].FamilyID == 0 {
			own = append(own, r.id)
		}
	}
	created := stamp(now)
	for start := 0; start < len(own); start += sqliteChunk {
		ids := own[start:min(start+sqliteChunk, len(own))]
		args := make([]any, 0, 2*len(ids))
		for _, id := range ids {
			args = append(args, id, created)
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO family (id, created_at) VALUES "+
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(ids)), ", "), args...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = id WHERE id IN ("+
			strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")+")", ids...); err != nil {
			return err
		}
	}
	return nil
}

// placeAll places new articles in ascending id order, as place would one
// at a time, with a few statements for the batch: the keys of every
// article first, then the candidates of every article in one query. That
// finds what one at a time finds because an article's candidates are
// looked up among lower ids only. It returns the index of the article that
// failed, or -1.
func (p *placer) placeAll(ctx context.Context, ids []int64, texts []string) (int, error) {
	ascending := true
	for i := 1; i < len(ids); i++ {
		ascending = ascending && ids[i-1] < ids[i]
	}
	if len(ids) < bulkMin || !ascending {
		for i := range ids {
			if err := p.place(ctx, ids[i], texts[i]); err != nil {
				return i, err
			}
		}
		return -1, nil
	}
	sks := make([]Sketch, len(ids))
	for i, id := range ids {
		sks[i] = p.g.Sketch(texts[i])
		p.sketches[id] = sks[i]
	}
	if err := p.addKeys(ctx, ids, sks); err != nil {
		return -1, err
	}
	cands, err := p.candidates(ctx, ids, sks)
	if err != nil {
		return -1, err
	}
	for i, id := range ids {
		if err := p.relate(ctx, id, sks[i], cands[i]); err != nil {
			return i, err
		}
	}
	return -1, nil
}

// keyPair is one stored index key.
type keyPair struct{ key, id int64 }

// addKeys stores the index keys of a batch, in key order (the order of the
// table's primary key, so the inserts touch few pages).
func (p *placer) addKeys(ctx context.Context, ids []int64, sks []Sketch) error {
	var pairs []keyPair
	for i, id := range ids {
		for _, k := range sks[i].Keys() {
			pairs = append(pairs, keyPair{int64(k), id})
		}
	}
	slices.SortFunc(pairs, func(a, b keyPair) int {
		if a.key != b.key {
			return cmpInt(a.key, b.key)
		}
		return cmpInt(a.id, b.id)
	})
	if p.pg {
		keys, arts := make([]int64, len(pairs)), make([]int64, len(pairs))
		for i, kp := range pairs {
			keys[i], arts[i] = kp.key, kp.id
		}
		_, err := p.tx.ExecContext(ctx, `INSERT INTO article_key (key, article_id)
			SELECT * FROM unnest(?::bigint[], ?::bigint[]) ON CONFLICT DO NOTHING`, keys, arts)
		return err
	}
	const chunk = 1000
	for start := 0; start < len(pairs); start += chunk {
		part := pairs[start:min(start+chunk, len(pairs))]
		args := make([]any, 0, 2*len(part))
		for _, kp := range part {
			args = append(args, kp.key, kp.id)
		}
		if _, err := p.tx.ExecContext(ctx, "INSERT OR IGNORE INTO article_key (key, article_id) VALUES "+
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(part)), ", "), args...); err != nil {
			return err
		}
	}
	return nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// candidates returns, for each article of a batch whose keys are stored,
// the earlier articles it is compared with (Grouper.Candidates' rule), in
// id order: one query for the batch.
func (p *placer) candidates(ctx context.Context, ids []int64, sks []Sketch) ([][]int64, error) {
	perKey, minShared := p.g.Candidates()
	at := make(map[int64]int, len(ids))
	var keys, arts []int64
	var js strings.Builder // SQLite: [[key, id], ...]
	js.WriteByte('[')
	for i, id := range ids {
		at[id] = i
		for _, k := range sks[i].Keys() {
			if p.pg {
				keys, arts = append(keys, int64(k)), append(arts, id)
				continue
			}
			if js.Len() > 1 {
				js.WriteByte(',')
			}
			js.WriteByte('[')
			js.WriteString(strconv.FormatUint(uint64(k), 10))
			js.WriteByte(',')
			js.WriteString(strconv.FormatInt(id, 10))
			js.WriteByte(']')
		}
	}
	js.WriteByte(']')
	var rows *sql.Rows
	var err error
	if p.pg {
		rows, err = p.tx.QueryContext(ctx, `SELECT q.id, c.article_id FROM unnest(?::bigint[], ?::bigint[]) AS q (key, id)
			CROSS JOIN LATERAL (SELECT article_id FROM article_key
				WHERE key = q.key AND article_id < q.id ORDER BY article_id LIMIT ?) c`, keys, arts, perKey)
	} else {
		// the first perKey earlier articles with each key, as a list
		rows, err = p.tx.QueryContext(ctx, `WITH q (key, id) AS MATERIALIZED (SELECT value->>0, value->>1 FROM json_each(?))
			SELECT q.id, (SELECT group_concat(article_id) FROM (SELECT article_id FROM article_key
				WHERE key = q.key AND article_id < q.id ORDER BY article_id LIMIT ?)) FROM q`, js.String(), perKey)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	count := make([]map[int64]int, len(ids))
	out := make([][]int64, len(ids))
	add := func(i int, c int64) {
		if count[i] == nil {
			count[i] = map[int64]int{}
		}
		count[i][c]++
		if count[i][c] == max(minShared, 1) {
			out[i] = append(out[i], c)
		}
	}
	for rows.Next() {
		var id int64
		var c sql.NullString // PostgreSQL: one id; SQLite: a list, or NULL for none
		if err := rows.Scan(&id, &c); err != nil {
			return nil, err
		}
		for f := range strings.SplitSeq(c.String, ",") {
			if f == "" {
				continue
			}
			v, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("candidates of article %d: %q: %w", id, c.String, err)
			}
			add(at[id], v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		slices.Sort(out[i])
	}
	return out, nil
}
