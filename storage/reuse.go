package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"redline/annotate"
)

// Grouping: where each imported article belongs. Storage keeps each
// article's index keys and applies what the comparison decides, inside the
// transaction that stores the articles, so a crash can never leave stored
// versions ungrouped; how two texts compare is the Grouper's business.

// Sketch is a text prepared by a Grouper.
type Sketch interface {
	// Keys returns the text's index keys, sorted and distinct.
	Keys() []uint32
}

// Grouper is a comparison method.
type Grouper interface {
	// Sketch prepares a text for comparing.
	Sketch(text string) Sketch
	// Relate compares a stored article with a newer one.
	Relate(older, newer Sketch) Link
	// Candidates says which earlier articles a new one is compared with:
	// those sharing at least minShared keys with it, counting for each key
	// only the first perKey articles stored with that key. An in-memory
	// grouping of the whole database must apply the same rule for import
	// and regrouping to agree.
	Candidates() (perKey, minShared int)
}

// Link is how two articles relate.
type Link struct {
	Versions bool // versions of one story: the newer joins the older's family
	Related  bool // related: shares passages, or a reworded copy
	Words    int  // words in the shared passages
	Reworded float64
	Passages []Passage
}

// Passage is a stretch of text two articles share, as rune offsets into
// the older (A) and the newer (B), with its matched words.
type Passage struct {
	AStart, AEnd int
	BStart, BEnd int
	Words        int
}

// Relation is a stored pair of related articles, A < B.
type Relation struct {
	A, B     int64
	Words    int
	Reworded float64
	Passages []Passage
}

// AddArticlesGrouped stores articles as AddArticles does and, in the same
// transaction, places every new one: its keys are stored, the earlier
// articles sharing a key are compared with it by g, it joins the families
// of those it is a version of (Join's rules for hand-placed families), and
// its related articles are recorded.
func (s *Store) AddArticlesGrouped(ctx context.Context, arts []annotate.Article, g Grouper) ([]AddResult, error) {
	if len(arts) == 0 {
		return nil, nil
	}
	var res []AddResult
	err := s.familyBulkTx(ctx, "", func(tx *sql.Tx, conn *bulkConn) error {
		var err error
		res, err = addArticles(ctx, tx, conn, arts, time.Now())
		if err != nil {
			return fmt.Errorf("add articles: %w", err)
		}
		p, err := newPlacer(ctx, tx, g, s.pg)
		if err != nil {
			return fmt.Errorf("group versions: %w", err)
		}
		defer p.close()
		var ids []int64
		var texts []string
		var from []int
		for i, r := range res {
			if !r.Duplicate {
				ids, texts, from = append(ids, r.ID), append(texts, arts[i].Text), append(from, i)
			}
		}
		if k, err := p.placeAll(ctx, ids, texts); err != nil {
			if k >= 0 {
				return fmt.Errorf("group versions: %s: %w", arts[from[k]].SourcePath, err)
			}
			return fmt.Errorf("group versions: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// PlaceStored places articles stored by another path (web archive
// captures): as AddArticlesGrouped places new articles, in one transaction.
func (s *Store) PlaceStored(ctx context.Context, ids []int64, texts []string, g Grouper) error {
	if len(ids) == 0 {
		return nil
	}
	return s.familyTx(ctx, "group versions", func(tx *sql.Tx) error {
		p, err := newPlacer(ctx, tx, g, s.pg)
		if err != nil {
			return err
		}
		defer p.close()
		if k, err := p.placeAll(ctx, ids, texts); err != nil {
			if k >= 0 {
				return fmt.Errorf("article %d: %w", ids[k], err)
			}
			return err
		}
		return nil
	})
}

// placer places new articles within one transaction.
type placer struct {
	tx                          *sql.Tx
	pg                          bool
	g                           Grouper
	insKey, cands, text, insRel *sql.Stmt
	sketches                    map[int64]Sketch // stored articles read in this transaction
}

func newPlacer(ctx context.Context, tx *sql.Tx, g Grouper, pg bool) (*placer, error) {
	p := &placer{tx: tx, pg: pg, g: g, sketches: map[int64]Sketch{}}
	for _, st := range []struct {
		dst **sql.Stmt
		q   string
	}{
		{&p.insKey, "INSERT OR IGNORE INTO article_key (key, article_id) VALUES (?, ?)"},
		{&p.cands, "SELECT article_id FROM article_key WHERE key = ? AND article_id < ? ORDER BY article_id LIMIT ?"},
		{&p.text, "SELECT text FROM article WHERE id = ?"},
		{&p.insRel, upsertRelation},
	} {
		var err error
		if *st.dst, err = tx.PrepareContext(ctx, st.q); err != nil {
			p.close()
			return nil, err
		}
	}
	return p, nil
}

func (p *placer) close() {
	for _, st := range []*sql.Stmt{p.insKey, p.cands, p.text, p.insRel} {
		if st != nil {
			st.Close()
		}
	}
}

func (p *placer) place(ctx context.Context, id int64, text string) error {
	sk := p.g.Sketch(text)
	p.sketches[id] = sk
	keys := sk.Keys()
	perKey, minShared := p.g.Candidates()
	count := map[int64]int{}
	var cands []int64
	for _, k := range keys {
		if _, err := p.insKey.ExecContext(ctx, int64(k), id); err != nil {
			return err
		}
		rows, err := p.cands.QueryContext(ctx, int64(k), id, perKey)
		if err != nil {
			return err
		}
		for rows.Next() {
			var c int64
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			count[c]++
			if count[c] == max(minShared, 1) {
				cands = append(cands, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	slices.Sort(cands)
	return p.relate(ctx, id, sk, cands)
}

// relate compares article id (sketch sk) with its candidates, in id order:
// it joins the families of those it is a version of and records those it
// is related to.
func (p *placer) relate(ctx context.Context, id int64, sk Sketch, cands []int64) error {
	var versions []int64
	for _, c := range cands {
		csk, ok := p.sketches[c]
		if !ok {
			var t string
			if err := p.text.QueryRowContext(ctx, c).Scan(&t); err != nil {
				return fmt.Errorf("article %d: %w", c, err)
			}
			csk = p.g.Sketch(t)
			p.sketches[c] = csk
		}
		l := p.g.Relate(csk, sk)
		switch {
		case l.Versions:
			versions = append(versions, c)
		case l.Related:
			if err := insertRelation(ctx, p.insRel, Relation{A: c, B: id, Words: l.Words, Reworded: l.Reworded, Passages: l.Passages}); err != nil {
				return err
			}
		}
	}
	if len(versions) > 0 {
		if _, err := joinTx(ctx, p.tx, id, versions); err != nil {
			return err
		}
	}
	return nil
}

func insertRelation(ctx context.Context, st *sql.Stmt, r Relation) error {
	ps := make([][5]int, len(r.Passages))
	for i, q := range r.Passages {
		ps[i] = [5]int{q.AStart, q.AEnd, q.BStart, q.BEnd, q.Words}
	}
	js, err := json.Marshal(ps)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, r.A, r.B, r.Words, r.Reworded, string(js))
	return err
}

// KeysVersion returns the name of the method whose keys are stored
// ("" when none are).
func (s *Store) KeysVersion(ctx context.Context) (string, error) {
	return s.Setting(ctx, settingKeys)
}

const settingKeys = "versions.keys"

// RebuildKeys replaces every stored index key with keys (one list per
// article of ids) and records the method that made them, in one
// transaction.
func (s *Store) RebuildKeys(ctx context.Context, version string, ids []int64, keys [][]uint32) error {
	return s.familyTx(ctx, "rebuild version index", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM article_key"); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO article_key (key, article_id) VALUES (?, ?)")
		if err != nil {
			return err
		}
		defer ins.Close()
		for i, id := range ids {
			for _, k := range keys[i] {
				if _, err := ins.ExecContext(ctx, int64(k), id); err != nil {
					return err
				}
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", settingKeys, version)
		return err
	})
}

// ApplyGrouping sets the automatic families to groups (as Regroup does)
// and replaces every stored relation with rels, in one transaction. It
// returns how many articles changed family.
func (s *Store) ApplyGrouping(ctx context.Context, groups [][]int64, rels []Relation) (int, error) {
	var changed int
	err := s.familyTx(ctx, "", func(tx *sql.Tx) error {
		var err error
		if changed, err = changeFamiliesTx(ctx, tx, "regroup versions", regroupChange(groups)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM relation"); err != nil {
			return fmt.Errorf("regroup versions: %w", err)
		}
		ins, err := tx.PrepareContext(ctx, upsertRelation)
		if err != nil {
			return fmt.Errorf("regroup versions: %w", err)
		}
		defer ins.Close()
		for _, r := range rels {
			if err := insertRelation(ctx, ins, r); err != nil {
				return fmt.Errorf("regroup versions: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

// upsertRelation stores one related pair, replacing what was stored for it.
const upsertRelation = `INSERT INTO relation (a, b, words, reworded, passages) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (a, b) DO UPDATE SET words = excluded.words, reworded = excluded.reworded, passages = excluded.passages`

// Relations returns the stored related pairs that involve any of ids
// (every pair when ids is nil), ordered by A then B.
func (s *Store) Relations(ctx context.Context, ids []int64) ([]Relation, error) {
	q := "SELECT a, b, words, reworded, passages FROM relation"
	var args []any
	if ids != nil {
		if len(ids) == 0 {
			return nil, nil
		}
		q += " WHERE a IN (" + marks(len(ids)) + ") OR b IN (" + marks(len(ids)) + ")"
		for range 2 {
			for _, id := range ids {
				args = append(args, id)
			}
		}
	}
	rows, err := s.read.QueryContext(ctx, q+" ORDER BY a, b", args...)
	if err != nil {
		return nil, fmt.Errorf("read related articles: %w", err)
	}
	defer rows.Close()
	var out []Relation
	for rows.Next() {
		var r Relation
		var ps string
		if err := rows.Scan(&r.A, &r.B, &r.Words, &r.Reworded, &ps); err != nil {
			return nil, fmt.Errorf("read related articles: %w", err)
		}
		var raw [][5]int
		if err := json.Unmarshal([]byte(ps), &raw); err != nil {
			return nil, fmt.Errorf("read related articles %d and %d: passages: %w", r.A, r.B, err)
		}
		for _, p := range raw {
			r.Passages = append(r.Passages, Passage{AStart: p[0], AEnd: p[1], BStart: p[2], BEnd: p[3], Words: p[4]})
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
