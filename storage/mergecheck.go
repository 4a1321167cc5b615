package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"redline/annotate"
)

// FutureTolerance is how far past this machine's clock an incoming change
// may be dated: teammates' clocks drift a little, but a change dated years
// ahead would win every later merge and block real edits.
const FutureTolerance = time.Hour

// vet refuses what a merge must not store: NUL bytes, times in the future,
// codes the codebook does not know, and spans that do not fit the article's
// text. a.ArticleID is set and stored. The reason is for the analyst; the
// error is a database failure.
func (im *importer) vet(a annotate.Annotation) (reason string, err error) {
	if f := nulField(a); f != "" {
		return fmt.Sprintf("annotation %s: %s holds a NUL byte (the file is damaged or not text)", a.ID, f), nil
	}
	limit := im.now.Add(FutureTolerance)
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"modified", a.UpdatedAt}, {"created", a.CreatedAt}} {
		if t.at.After(limit) {
			return fmt.Sprintf("annotation %s: %s time %s is in the future (this machine's clock says %s); fix the time or the clock that made it",
				a.ID, t.name, t.at.Format(time.RFC3339), im.now.Format(time.RFC3339)), nil
		}
	}
	cb, err := im.codebook(a.Codebook, a.CodebookVersion)
	if err != nil {
		return "", err
	}
	if cb != nil {
		if err := a.Validate(cb); err != nil {
			msg := strings.TrimSuffix(err.Error(), ": "+annotate.ErrInvalid.Error())
			if !strings.Contains(msg, "codebook") {
				msg += fmt.Sprintf(" (codebook %s v%d)", cb.Name, cb.Version)
			}
			return fmt.Sprintf("annotation %s: %s", a.ID, msg), nil
		}
	}
	if a.Span != nil {
		text, err := im.text(a.ArticleID)
		if err != nil {
			return "", err
		}
		if reason := spanFits(a.Span, text); reason != "" {
			return fmt.Sprintf("annotation %s: %s", a.ID, reason), nil
		}
	}
	return "", nil
}

// nulField names the first field of a holding a NUL byte, or "".
func nulField(a annotate.Annotation) string {
	fields := []struct{ name, v string }{
		{"id", a.ID}, {"annotator", a.Annotator}, {"codebook", a.Codebook}, {"dimension", a.Dimension},
		{"target", a.Target}, {"value", a.Value}, {"note", a.Note}, {"source name", a.Source}, {"linked_to", a.LinkedTo},
	}
	if a.Span != nil {
		fields = append(fields, struct{ name, v string }{"quote", a.Span.Quote},
			struct{ name, v string }{"prefix", a.Span.Prefix}, struct{ name, v string }{"suffix", a.Span.Suffix})
	}
	if a.Carry != nil {
		fields = append(fields, struct{ name, v string }{"carried_from", a.Carry.From},
			struct{ name, v string }{"carry status", string(a.Carry.Status)})
	}
	for _, f := range fields {
		if strings.IndexByte(f.v, 0) >= 0 {
			return f.name
		}
	}
	return ""
}

// spanFits says why sp does not fit text, or "" when it does: it must lie
// inside the text and its quote must be the text it covers.
func spanFits(sp *annotate.Span, text string) string {
	if sp.Start < 0 || sp.End <= sp.Start {
		return fmt.Sprintf("span %d-%d is empty or reversed", sp.Start, sp.End)
	}
	// walk to End only: a span far past the end costs no more than the text
	i, start, end := 0, -1, -1
	for b := range text {
		if i == sp.Start {
			start = b
		}
		if i == sp.End {
			end = b
			break
		}
		i++
	}
	if end < 0 && i == sp.End {
		end = len(text)
	}
	if start < 0 || end < 0 {
		return fmt.Sprintf("span %d-%d runs past the end of the article's text (%d characters); the file was made from another text",
			sp.Start, sp.End, i)
	}
	if got := text[start:end]; got != sp.Quote {
		return fmt.Sprintf("span %d-%d quotes %q but the article's text there is %q; the file was made from another text",
			sp.Start, sp.End, clip(sp.Quote, 40), clip(got, 40))
	}
	return ""
}

// clip shortens s to at most n runes for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// codebookKey names a stored codebook version.
type codebookKey struct {
	name    string
	version int
}

// codebook returns the codebook an incoming annotation is checked against:
// the version the line names when it is stored, else the one in force, nil
// when none is stored at all.
func (im *importer) codebook(name string, version int) (*annotate.Codebook, error) {
	if im.codebooks == nil {
		im.codebooks = map[codebookKey]*annotate.Codebook{}
	}
	key := codebookKey{name, version}
	if cb, ok := im.codebooks[key]; ok {
		return cb, nil
	}
	var def string
	err := im.s.read.QueryRowContext(im.ctx, "SELECT definition FROM codebook WHERE name = ? AND version = ?",
		name, version).Scan(&def)
	if errors.Is(err, sql.ErrNoRows) {
		err = im.s.read.QueryRowContext(im.ctx, `SELECT definition FROM codebook
			ORDER BY created_at DESC, version DESC LIMIT 1`).Scan(&def)
	}
	if errors.Is(err, sql.ErrNoRows) {
		im.codebooks[key] = nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	cb, err := annotate.ParseCodebook([]byte(def))
	if err != nil {
		return nil, fmt.Errorf("stored codebook: %w", err)
	}
	im.codebooks[key] = cb
	return cb, nil
}

// sameIdentity reports why incoming may not change stored: an
// annotation's article and annotator are what it is, so a line that moves
// it to another article or gives it to another analyst is a conflict
// between two files, not a later edit. "" when it may.
func sameIdentity(incoming, stored annotate.Annotation) string {
	var moved []string
	if incoming.ArticleID != stored.ArticleID {
		moved = append(moved, fmt.Sprintf("article %d instead of %d", incoming.ArticleID, stored.ArticleID))
	}
	if incoming.Annotator != stored.Annotator {
		moved = append(moved, fmt.Sprintf("annotator %q instead of %q", incoming.Annotator, stored.Annotator))
	}
	if len(moved) == 0 {
		return ""
	}
	what := "change"
	if incoming.Deleted && !stored.Deleted {
		what = "deletion"
	}
	return fmt.Sprintf("conflict: annotation %s is stored for article %d by %q, but this line's %s names %s; not applied: the stored code is kept (ask whoever made the file)",
		incoming.ID, stored.ArticleID, stored.Annotator, what, strings.Join(moved, " and "))
}
