package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"redline/annotate"
)

// Capture is one capture of a web page to store: the page's URL key (one
// story per key), when it was captured, and the article it carries, or why
// it carries none.
type Capture struct {
	Key, URL   string
	CapturedAt time.Time
	Source     string // the archive file or archive server it came from
	Digest     string // the archive's content digest, "" when unknown
	HTTPDate   time.Time
	Article    *annotate.Article // nil: the capture gave no article
	Note       string            // when Article is nil, why
	// SameAsBefore, with Article nil, says the archive found this
	// capture's content identical to the capture just before it in time
	// (same Digest), so it joins that capture's version without being
	// fetched.
	SameAsBefore bool
}

// CaptureOutcome says what storing a capture did.
type CaptureOutcome int

const (
	CaptureKnown       CaptureOutcome = iota // this key and time were already stored
	CaptureNewVersion                        // a new version of the story
	CaptureSameVersion                       // same text as the capture next to it in time: one version, its time span widened
	CaptureNoArticle                         // recorded without an article (Note says why)
)

// CaptureResult is what happened to one capture given to AddCaptures.
type CaptureResult struct {
	Outcome   CaptureOutcome
	ArticleID int64 // the version the capture belongs to, 0 when none
	// SplitOff, when not 0, is a version made by this capture arriving out
	// of time order inside another version's span: the later captures of
	// that text, now a version of their own.
	SplitOff int64
}

// revisionKey is the text_sha256 of a version whose text the story had
// before (a revert, A → B → A): texts are stored once by their hash, so
// the revert is kept apart by the story and the capture time.
func revisionKey(text, key string, at time.Time) string {
	return annotate.TextHash(text + "\x00revision\x00" + key + "\x00" + at.UTC().Format(time.RFC3339))
}

// AddCaptures stores captures in one transaction. Captures of one URL key
// are versions of one story, ordered by capture time: a capture whose text
// equals that of the capture just before (or after) it in time joins that
// version, whose published_at is its first capture and retrieved_at its
// last; any other text is a new version, even one the story had before.
// The story's versions are pinned, so automatic regrouping by similarity
// leaves them together. A capture already stored (same key and time) is
// left as it is, so importing an archive twice changes nothing.
func (s *Store) AddCaptures(ctx context.Context, caps []Capture) ([]CaptureResult, error) {
	if len(caps) == 0 {
		return nil, nil
	}
	out := make([]CaptureResult, len(caps))
	err := s.familyTx(ctx, "add captures", func(tx *sql.Tx) error {
		now := time.Now()
		for i := range caps {
			r, err := addCapture(ctx, tx, &caps[i], now)
			if err != nil {
				return fmt.Errorf("%s at %s: %w", caps[i].URL, day(caps[i].CapturedAt), err)
			}
			out[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// neighbour is the nearest capture of a key before or after a time that
// has an article.
func neighbour(ctx context.Context, tx *sql.Tx, key string, at any, before bool) (hash string, id int64, err error) {
	q := "SELECT text_sha256, article_id FROM capture WHERE url_key = ? AND captured_at > ? AND article_id IS NOT NULL ORDER BY captured_at LIMIT 1"
	if before {
		q = "SELECT text_sha256, article_id FROM capture WHERE url_key = ? AND captured_at < ? AND article_id IS NOT NULL ORDER BY captured_at DESC LIMIT 1"
	}
	err = tx.QueryRowContext(ctx, q, key, at).Scan(&hash, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return hash, id, err
}

func addCapture(ctx context.Context, tx *sql.Tx, c *Capture, now time.Time) (CaptureResult, error) {
	at := day(c.CapturedAt)
	if at == nil {
		return CaptureResult{}, errors.New("capture has no time")
	}
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM capture WHERE url_key = ? AND captured_at = ?", c.Key, at).Scan(&one)
	if err == nil {
		var id sql.NullInt64
		_ = tx.QueryRowContext(ctx, "SELECT article_id FROM capture WHERE url_key = ? AND captured_at = ?", c.Key, at).Scan(&id)
		return CaptureResult{Outcome: CaptureKnown, ArticleID: id.Int64}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return CaptureResult{}, err
	}
	record := func(hash string, id int64, pageDate time.Time) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO capture
			(url_key, captured_at, url, source, digest, http_date, page_date, text_sha256, article_id, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Key, at, c.URL, c.Source, c.Digest, day(c.HTTPDate), day(pageDate), hash, nullID(id), c.Note)
		return err
	}
	if c.Article == nil && c.SameAsBefore {
		var hash, digest string
		var id sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT text_sha256, article_id, digest FROM capture
			WHERE url_key = ? AND captured_at < ? ORDER BY captured_at DESC LIMIT 1`, c.Key, at).Scan(&hash, &id, &digest)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return CaptureResult{}, err
		}
		if err == nil && id.Valid && digest != "" && digest == c.Digest {
			if _, err := tx.ExecContext(ctx, "UPDATE article SET retrieved_at = ? WHERE id = ? AND (retrieved_at IS NULL OR retrieved_at < ?)", at, id.Int64, at); err != nil {
				return CaptureResult{}, err
			}
			return CaptureResult{Outcome: CaptureSameVersion, ArticleID: id.Int64}, record(hash, id.Int64, time.Time{})
		}
		c.Note = "the archive says it is the same as the capture before, which gave no article"
	}
	if c.Article == nil {
		return CaptureResult{Outcome: CaptureNoArticle}, record("", 0, time.Time{})
	}
	a := c.Article
	hash := annotate.TextHash(a.Text)

	// the same text as the capture just before or after: one version
	prevHash, prevID, err := neighbour(ctx, tx, c.Key, at, true)
	if err != nil {
		return CaptureResult{}, err
	}
	if prevID != 0 && prevHash == hash {
		if _, err := tx.ExecContext(ctx, "UPDATE article SET retrieved_at = ? WHERE id = ? AND (retrieved_at IS NULL OR retrieved_at < ?)", at, prevID, at); err != nil {
			return CaptureResult{}, err
		}
		return CaptureResult{Outcome: CaptureSameVersion, ArticleID: prevID}, record(hash, prevID, a.PublishedAt)
	}
	nextHash, nextID, err := neighbour(ctx, tx, c.Key, at, false)
	if err != nil {
		return CaptureResult{}, err
	}
	if nextID != 0 && nextHash == hash {
		if _, err := tx.ExecContext(ctx, "UPDATE article SET published_at = ? WHERE id = ? AND (published_at IS NULL OR published_at > ?)", at, nextID, at); err != nil {
			return CaptureResult{}, err
		}
		return CaptureResult{Outcome: CaptureSameVersion, ArticleID: nextID}, record(hash, nextID, a.PublishedAt)
	}
	var split int64
	if prevID != 0 && prevID == nextID {
		// A capture that arrives late and falls inside another version's
		// span with a different text: the captures after it are that text
		// coming back, a version of its own.
		if split, err = splitVersion(ctx, tx, c.Key, prevID, at, now); err != nil {
			return CaptureResult{}, err
		}
	}

	// a new version: a revert of a text the story had before is stored apart
	stored := hash
	err = tx.QueryRowContext(ctx, "SELECT 1 FROM capture WHERE url_key = ? AND text_sha256 = ? AND article_id IS NOT NULL LIMIT 1", c.Key, hash).Scan(&one)
	switch {
	case err == nil:
		stored = revisionKey(a.Text, c.Key, c.CapturedAt)
	case !errors.Is(err, sql.ErrNoRows):
		return CaptureResult{}, err
	}
	var fam int64
	err = tx.QueryRowContext(ctx, `SELECT a.family_id FROM capture c JOIN article a ON a.id = c.article_id
		WHERE c.url_key = ? AND a.family_id IS NOT NULL ORDER BY c.captured_at LIMIT 1`, c.Key).Scan(&fam)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return CaptureResult{}, err
	}
	words := a.Words
	if words == 0 {
		words = annotate.CountWords(a.Text)
	}
	insert := func(stored string) (id int64, inserted bool, err error) {
		err = tx.QueryRowContext(ctx, `INSERT INTO article
			(family_id, family_pinned, title, outlet, url, byline, published_at, retrieved_at, source_path, text_sha256, words, imported_at, text)
			VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (text_sha256, outlet, url) DO NOTHING
			RETURNING id`,
			nullID(fam), a.Title, a.Outlet, c.URL, a.Byline, at, at, a.SourcePath, stored, words, stamp(now), a.Text).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.QueryRowContext(ctx, "SELECT id FROM article WHERE text_sha256 = ? AND outlet = ? AND url = ?", stored, a.Outlet, c.URL).Scan(&id)
			return id, false, err
		}
		return id, err == nil, err
	}
	id, inserted, err := insert(stored)
	if err != nil {
		return CaptureResult{}, err
	}
	if !inserted {
		// The text is stored already. A version of another URL's story
		// stays there and this URL gets its own copy (the same text at
		// two addresses is two publications); an article from a file
		// becomes this capture's version and joins the story.
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM capture WHERE article_id = ? AND url_key != ? LIMIT 1", id, c.Key).Scan(&one)
		switch {
		case err == nil:
			if id, inserted, err = insert(revisionKey(a.Text, c.Key, c.CapturedAt)); err != nil {
				return CaptureResult{}, err
			}
		case !errors.Is(err, sql.ErrNoRows):
			return CaptureResult{}, err
		}
	}
	switch {
	case !inserted && fam != 0:
		if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = ?, family_pinned = 1 WHERE id = ?", fam, id); err != nil {
			return CaptureResult{}, err
		}
	case !inserted:
		if _, err := tx.ExecContext(ctx, "UPDATE article SET family_pinned = 1 WHERE id = ?", id); err != nil {
			return CaptureResult{}, err
		}
	case fam == 0:
		// the first version of the story names it
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO family (id, created_at) VALUES (?, ?)", id, stamp(now)); err != nil {
			return CaptureResult{}, err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE article SET family_id = ? WHERE id = ?", id, id); err != nil {
			return CaptureResult{}, err
		}
	}
	return CaptureResult{Outcome: CaptureNewVersion, ArticleID: id, SplitOff: split}, record(hash, id, a.PublishedAt)
}

// splitVersion moves the captures of version id after at into a new
// version with the same text, and returns it.
func splitVersion(ctx context.Context, tx *sql.Tx, key string, id int64, at any, now time.Time) (int64, error) {
	var a annotate.Article
	var fam sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT family_id, title, outlet, url, byline, source_path, words, text FROM article WHERE id = ?", id).
		Scan(&fam, &a.Title, &a.Outlet, &a.URL, &a.Byline, &a.SourcePath, &a.Words, &a.Text); err != nil {
		return 0, err
	}
	var first, last, before sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT min(captured_at), max(captured_at) FROM capture WHERE url_key = ? AND article_id = ? AND captured_at > ?",
		key, id, at).Scan(&first, &last); err != nil {
		return 0, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT max(captured_at) FROM capture WHERE url_key = ? AND article_id = ? AND captured_at < ?",
		key, id, at).Scan(&before); err != nil {
		return 0, err
	}
	firstAt, err := parseTime(first)
	if err != nil || firstAt.IsZero() {
		return 0, fmt.Errorf("split version %d: no capture after the new one", id)
	}
	stored := revisionKey(a.Text, key, firstAt)
	var nid int64
	err = tx.QueryRowContext(ctx, `INSERT INTO article
		(family_id, family_pinned, title, outlet, url, byline, published_at, retrieved_at, source_path, text_sha256, words, imported_at, text)
		VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (text_sha256, outlet, url) DO NOTHING
		RETURNING id`,
		fam, a.Title, a.Outlet, a.URL, a.Byline, first, last, a.SourcePath, stored, a.Words, stamp(now), a.Text).Scan(&nid)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, "SELECT id FROM article WHERE text_sha256 = ? AND outlet = ? AND url = ?", stored, a.Outlet, a.URL).Scan(&nid)
	}
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE capture SET article_id = ? WHERE url_key = ? AND article_id = ? AND captured_at > ?", nid, key, id, at); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE article SET retrieved_at = ? WHERE id = ?", before, id); err != nil {
		return 0, err
	}
	return nid, nil
}

// CaptureTimes returns the times of every stored capture of a URL key,
// with or without an article, so a fetch that was stopped can skip what it
// already has.
func (s *Store) CaptureTimes(ctx context.Context, key string) (map[time.Time]bool, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT captured_at FROM capture WHERE url_key = ?", key)
	if err != nil {
		return nil, fmt.Errorf("read captures: %w", err)
	}
	defer rows.Close()
	out := map[time.Time]bool{}
	for rows.Next() {
		var v sql.NullString
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read captures: %w", err)
		}
		t, err := parseTime(v)
		if err != nil {
			return nil, err
		}
		out[t] = true
	}
	return out, rows.Err()
}

// CaptureInfo is a stored capture as the version history shows it.
type CaptureInfo struct {
	CapturedAt time.Time
	URL        string
	Source     string
	HTTPDate   time.Time
	Digest     string
	ArticleID  int64 // 0 when the capture gave no article
	Note       string
}

// Captures lists the captures of a URL key in time order.
func (s *Store) Captures(ctx context.Context, key string) ([]CaptureInfo, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT captured_at, url, source, http_date, digest, coalesce(article_id, 0), note
		FROM capture WHERE url_key = ? ORDER BY captured_at`, key)
	if err != nil {
		return nil, fmt.Errorf("read captures: %w", err)
	}
	defer rows.Close()
	var out []CaptureInfo
	for rows.Next() {
		var c CaptureInfo
		var at, hd sql.NullString
		if err := rows.Scan(&at, &c.URL, &c.Source, &hd, &c.Digest, &c.ArticleID, &c.Note); err != nil {
			return nil, fmt.Errorf("read captures: %w", err)
		}
		if c.CapturedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		if c.HTTPDate, err = parseTime(hd); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkStorySeen records that annotator looked at the story (family) now:
// versions stored after this are new to them.
func (s *Store) MarkStorySeen(ctx context.Context, annotator string, familyID int64, at time.Time) error {
	return s.writeTx(ctx, "mark story seen", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO story_seen (annotator, url_key, seen_at)
		SELECT DISTINCT ?, c.url_key, ? FROM capture c JOIN article a ON a.id = c.article_id
		WHERE a.family_id = ?
		ON CONFLICT (annotator, url_key) DO UPDATE SET seen_at = excluded.seen_at`, annotator, stamp(at), familyID)
		return err
	})
}

// StoriesWithNewVersions returns, for every story of a web page that
// annotator has looked at, how many of its versions were stored since they
// last did; stories without such versions are left out.
func (s *Store) StoriesWithNewVersions(ctx context.Context, annotator string) (map[int64]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT a.family_id, count(DISTINCT a.id) FROM story_seen s
		JOIN capture c ON c.url_key = s.url_key
		JOIN article a ON a.id = c.article_id
		WHERE s.annotator = ? AND a.imported_at > s.seen_at AND a.family_id IS NOT NULL
		GROUP BY a.family_id`, annotator)
	if err != nil {
		return nil, fmt.Errorf("stories with new versions: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var fam int64
		var n int
		if err := rows.Scan(&fam, &n); err != nil {
			return nil, fmt.Errorf("stories with new versions: %w", err)
		}
		out[fam] = n
	}
	return out, rows.Err()
}
