package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"redline/annotate"
)

// Version is one article of a family, in the family's reading order.
type Version struct {
	annotate.ArticleSummary
	RetrievedAt time.Time
	Pinned      bool // placed by hand; automatic grouping leaves it
}

// Family is a story with its versions, ordered by published time, then
// retrieval time, then id.
type Family struct {
	ID       int64
	Versions []Version
}

// Membership is one article's place in the families, as automatic grouping
// needs it.
type Membership struct {
	ID, FamilyID int64
	Pinned       bool
}

// Memberships lists every article's family.
func (s *Store) Memberships(ctx context.Context) ([]Membership, error) {
	return memberships(ctx, s.read)
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func memberships(ctx context.Context, q querier) ([]Membership, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, coalesce(family_id, id), family_pinned FROM article ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read families: %w", err)
	}
	defer rows.Close()
	var out []Membership
	for rows.Next() {
		var m Membership
		if err := rows.Scan(&m.ID, &m.FamilyID, &m.Pinned); err != nil {
			return nil, fmt.Errorf("read families: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// EachText calls fn with every article's id and text, in id order, without
// holding all texts in memory.
func (s *Store) EachText(ctx context.Context, fn func(id int64, text string) error) error {
	rows, err := s.read.QueryContext(ctx, "SELECT id, text FROM article ORDER BY id")
	if err != nil {
		return fmt.Errorf("read texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("read texts: %w", err)
		}
		if err := fn(id, text); err != nil {
			return err
		}
	}
	return rows.Err()
}

// FamilyOf returns the family an article belongs to, with its versions.
func (s *Store) FamilyOf(ctx context.Context, articleID int64) (Family, error) {
	var fid sql.NullInt64
	err := s.read.QueryRowContext(ctx, "SELECT family_id FROM article WHERE id = ?", articleID).Scan(&fid)
	if err == sql.ErrNoRows {
		return Family{}, fmt.Errorf("article %d: %w", articleID, ErrNotFound)
	}
	if err != nil {
		return Family{}, fmt.Errorf("family of article %d: %w", articleID, err)
	}
	if !fid.Valid {
		return Family{ID: articleID}, nil
	}
	fams, err := s.families(ctx, "WHERE a.family_id = ?", fid.Int64)
	if err != nil || len(fams) == 0 {
		return Family{ID: fid.Int64}, err
	}
	return fams[0], nil
}

// Families returns every family of at least minSize versions, by id.
func (s *Store) Families(ctx context.Context, minSize int) ([]Family, error) {
	all, err := s.families(ctx, "")
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, f := range all {
		if len(f.Versions) >= minSize {
			out = append(out, f)
		}
	}
	return out, nil
}

func (s *Store) families(ctx context.Context, where string, args ...any) ([]Family, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.id, coalesce(a.family_id, a.id), a.title, a.outlet,
		a.published_at, a.retrieved_at, a.words, a.family_pinned,
		EXISTS (SELECT 1 FROM annotation n WHERE n.article_id = a.id AND n.deleted = 0)
		FROM article a `+where+`
		ORDER BY coalesce(a.family_id, a.id), a.published_at IS NULL, a.published_at,
			a.retrieved_at IS NULL, a.retrieved_at, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read families: %w", err)
	}
	defer rows.Close()
	var out []Family
	for rows.Next() {
		var v Version
		var pub, ret sql.NullString
		if err := rows.Scan(&v.ID, &v.FamilyID, &v.Title, &v.Outlet, &pub, &ret, &v.Words, &v.Pinned, &v.Coded); err != nil {
			return nil, fmt.Errorf("read families: %w", err)
		}
		if v.PublishedAt, err = parseTime(pub); err != nil {
			return nil, err
		}
		if v.RetrievedAt, err = parseTime(ret); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != v.FamilyID {
			out = append(out, Family{ID: v.FamilyID})
		}
		out[len(out)-1].Versions = append(out[len(out)-1].Versions, v)
	}
	return out, rows.Err()
}

// Regroup sets the automatic families: each group of article ids becomes
// one family; unpinned articles in no group stand alone. Pinned articles
// keep their family. It returns how many articles changed family, so
// running it twice on the same groups reports 0 the second time.
func (s *Store) Regroup(ctx context.Context, groups [][]int64) (int, error) {
	return s.changeFamilies(ctx, "regroup versions", regroupChange(groups))
}

// regroupChange is the family change Regroup makes.
func regroupChange(groups [][]int64) func(fam map[int64]int64, pinned map[int64]bool) {
	return func(fam map[int64]int64, pinned map[int64]bool) {
		for id := range fam {
			if !pinned[id] {
				fam[id] = id
			}
		}
		for _, g := range groups {
			var keep []int64
			for _, id := range g {
				if _, ok := fam[id]; ok && !pinned[id] {
					keep = append(keep, id)
				}
			}
			for _, id := range keep {
				fam[id] = keep[0]
			}
		}
	}
}

// Join puts an article into the family of the articles it matched,
// merging their automatic families when it bridges several. A family the
// analyst pinned is joined but never merged with another. Family ids stay
// the smallest member id. It touches only the families involved, so it is
// cheap enough to run for every imported article.
func (s *Store) Join(ctx context.Context, id int64, matches []int64) (int64, error) {
	var target int64
	err := s.familyTx(ctx, "", func(tx *sql.Tx) error {
		var err error
		target, err = joinTx(ctx, tx, id, matches)
		return err
	})
	if err != nil {
		return 0, err
	}
	return target, nil
}

// joinTx is Join inside a transaction the caller owns.
func joinTx(ctx context.Context, tx *sql.Tx, id int64, matches []int64) (int64, error) {
	var own int64
	var ownPinned bool
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(family_id, id), family_pinned FROM article WHERE id = ?", id).Scan(&own, &ownPinned); err != nil {
		return 0, fmt.Errorf("join family: article %d: %w", id, err)
	}
	if ownPinned || len(matches) == 0 {
		return own, nil
	}
	var pinnedTarget, least int64
	merge := map[int64]bool{}
	for _, m := range matches {
		var f int64
		var pinned bool
		err := tx.QueryRowContext(ctx, "SELECT coalesce(family_id, id), family_pinned FROM article WHERE id = ?", m).Scan(&f, &pinned)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("join family: %w", err)
		}
		if pinned {
			if pinnedTarget == 0 || f < pinnedTarget {
				pinnedTarget = f
			}
			continue
		}
		merge[f] = true
		if least == 0 || f < least {
			least = f
		}
	}
	target := least
	if pinnedTarget != 0 {
		target = pinnedTarget
		merge = nil // never merge into a family the analyst arranged
	}
	if target == 0 {
		return own, nil
	}
	if own < target && !ownPinned {
		// the article is older than the family it joins: it names the family
		merge[target] = true
		if pinnedTarget != 0 {
			target = pinnedTarget
		} else {
			target = own
		}
	}
	merge[own] = true
	delete(merge, target)
	for f := range merge {
		if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = ? WHERE family_id = ? AND family_pinned = 0", target, f); err != nil {
			return 0, fmt.Errorf("join family: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM family WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article WHERE family_id = ?)", f, f); err != nil {
			return 0, fmt.Errorf("join family: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = ? WHERE id = ?", target, id); err != nil {
		return 0, fmt.Errorf("join family: %w", err)
	}
	return target, nil
}

// MergeFamilies moves every version of family b into family a, by hand.
func (s *Store) MergeFamilies(ctx context.Context, a, b int64) error {
	_, err := s.changeFamilies(ctx, "merge families", func(fam map[int64]int64, pinned map[int64]bool) {
		for id, f := range fam {
			if f == a || f == b {
				fam[id] = a
				pinned[id] = true
			}
		}
	})
	return err
}

// MoveOut takes an article out of its family into a family of its own, by
// hand.
func (s *Store) MoveOut(ctx context.Context, id int64) error {
	_, err := s.changeFamilies(ctx, "move version out", func(fam map[int64]int64, pinned map[int64]bool) {
		if _, ok := fam[id]; !ok {
			return
		}
		fam[id] = -id // a fresh family; renumbered below
		pinned[id] = true
	})
	return err
}

// SetVersionTime sets when a version was published, which orders it in its
// family.
func (s *Store) SetVersionTime(ctx context.Context, id int64, published time.Time) error {
	return s.writeTx(ctx, "set version time", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE article SET published_at = ? WHERE id = ?", day(published), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("article %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// changeFamilies reads every article's family, lets change edit the map,
// renumbers each family to its smallest member id, and writes the articles
// whose family or pin changed, all in one transaction.
func (s *Store) changeFamilies(ctx context.Context, what string, change func(fam map[int64]int64, pinned map[int64]bool)) (int, error) {
	var changed int
	err := s.familyTx(ctx, "", func(tx *sql.Tx) error {
		var err error
		changed, err = changeFamiliesTx(ctx, tx, what, change)
		return err
	})
	if err != nil {
		return 0, err
	}
	return changed, nil
}

// changeFamiliesTx is changeFamilies inside a transaction the caller owns.
func changeFamiliesTx(ctx context.Context, tx *sql.Tx, what string, change func(fam map[int64]int64, pinned map[int64]bool)) (int, error) {
	before, err := memberships(ctx, tx)
	if err != nil {
		return 0, err
	}
	fam := make(map[int64]int64, len(before))
	pinned := make(map[int64]bool, len(before))
	for _, m := range before {
		fam[m.ID] = m.FamilyID
		pinned[m.ID] = m.Pinned
	}
	change(fam, pinned)
	// renumber: a family's id is its smallest member
	least := map[int64]int64{}
	for id, f := range fam {
		if cur, ok := least[f]; !ok || id < cur {
			least[f] = id
		}
	}
	ids := make([]int64, 0, len(fam))
	for id := range fam {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	now := stamp(time.Now())
	changed := 0
	old := make(map[int64]Membership, len(before))
	for _, m := range before {
		old[m.ID] = m
	}
	for _, id := range ids {
		nf := least[fam[id]]
		o := old[id]
		if o.FamilyID == nf && o.Pinned == pinned[id] {
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO family (id, created_at) VALUES (?, ?)", nf, now); err != nil {
			return 0, fmt.Errorf("%s: %w", what, err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = ?, family_pinned = ? WHERE id = ?", nf, pinned[id], id); err != nil {
			return 0, fmt.Errorf("%s: %w", what, err)
		}
		if o.FamilyID != nf {
			changed++
		}
	}
	if changed > 0 {
		if _, err := tx.ExecContext(ctx, "DELETE FROM family WHERE id NOT IN (SELECT family_id FROM article WHERE family_id IS NOT NULL)"); err != nil {
			return 0, fmt.Errorf("%s: %w", what, err)
		}
	}
	return changed, nil
}

// OutletTexts returns up to limit texts of one outlet, one per story (the
// first version of each family), newest stories first, for finding the
// outlet's boilerplate lines: versions of one story share their lines and
// must count once.
func (s *Store) OutletTexts(ctx context.Context, outlet string, limit int) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.text FROM article a
		WHERE a.outlet = ? AND a.id = (SELECT min(b.id) FROM article b WHERE b.family_id IS NOT DISTINCT FROM a.family_id AND b.outlet = ?)
		ORDER BY a.id DESC LIMIT ?`, outlet, outlet, limit)
	if err != nil {
		return nil, fmt.Errorf("texts of %s: %w", outlet, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("texts of %s: %w", outlet, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
