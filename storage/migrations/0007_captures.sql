-- 0005: web pages captured over time (web archives, the Wayback Machine,
-- watched pages).
--
-- A capture is one page at one moment, named by its URL key (the URL with
-- scheme, www., tracking parameters and trailing slash taken off): captures
-- of one key are versions of one story. Consecutive captures with the same
-- text point to the same article, whose published_at is the first capture
-- and retrieved_at the last. A capture fetched but giving no article (no
-- text, broken page) keeps article_id NULL and says why in note, so it is
-- never fetched again.
CREATE TABLE capture (
	url_key     TEXT    NOT NULL,
	captured_at TEXT    NOT NULL,
	url         TEXT    NOT NULL DEFAULT '',
	source      TEXT    NOT NULL DEFAULT '',
	digest      TEXT    NOT NULL DEFAULT '',
	http_date   TEXT,
	page_date   TEXT,
	text_sha256 TEXT    NOT NULL DEFAULT '',
	article_id  INTEGER REFERENCES article (id) ON DELETE SET NULL,
	note        TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (url_key, captured_at)
) STRICT;

CREATE INDEX capture_article ON capture (article_id);

-- Pages and feeds `redline watch` checks. kind 'item' rows are pages found
-- in a feed (feed names it); their validators are kept like any page's.
CREATE TABLE watch (
	url           TEXT    PRIMARY KEY,
	kind          TEXT    NOT NULL CHECK (kind IN ('page', 'feed', 'item')),
	feed          TEXT    NOT NULL DEFAULT '',
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	checked_at    TEXT,
	added_at      TEXT    NOT NULL
) STRICT;

-- When an analyst last looked at the story of a URL, so the library can mark
-- stories that got new versions since (a watched page changed, a history
-- was fetched again).
CREATE TABLE story_seen (
	annotator TEXT NOT NULL,
	url_key   TEXT NOT NULL,
	seen_at   TEXT NOT NULL,
	PRIMARY KEY (annotator, url_key)
) STRICT;
