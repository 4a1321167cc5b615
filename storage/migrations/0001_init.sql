-- 0001: the first Redline schema.
--
-- Times are TEXT in UTC: published_at and retrieved_at as RFC 3339 to the
-- second, the others as RFC 3339 with a fixed nine-digit fraction, so that
-- text order is time order.

CREATE TABLE family (
	id         INTEGER PRIMARY KEY,
	label      TEXT    NOT NULL DEFAULT '',
	created_at TEXT    NOT NULL,
	by_hand    INTEGER NOT NULL DEFAULT 0 CHECK (by_hand IN (0, 1))
) STRICT;

-- text is the last column: a listing reads the row without touching the
-- overflow pages that hold a long text.
CREATE TABLE article (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER REFERENCES family (id) ON DELETE SET NULL,
	title        TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	byline       TEXT    NOT NULL DEFAULT '',
	published_at TEXT,
	retrieved_at TEXT,
	source_path  TEXT    NOT NULL DEFAULT '',
	text_sha256  TEXT    NOT NULL UNIQUE,
	words        INTEGER NOT NULL DEFAULT 0,
	imported_at  TEXT    NOT NULL,
	text         TEXT    NOT NULL
) STRICT;

CREATE INDEX article_family ON article (family_id);

-- The library list: ordered by publication time with unknown times last.
-- Covering, so listing 100,000 articles never reads their texts.
CREATE INDEX article_list ON article (
	published_at IS NULL, published_at, id, family_id, title, outlet, words
);

CREATE TABLE codebook (
	name       TEXT    NOT NULL,
	version    INTEGER NOT NULL,
	definition TEXT    NOT NULL,
	created_at TEXT    NOT NULL,
	PRIMARY KEY (name, version)
) STRICT;

-- Annotations are never deleted: deleted = 1 is a tombstone that merges
-- need. Span offsets count runes; both are NULL for document-level codes.
-- Deleting an article that still has annotations fails (no cascade): a
-- label is never lost as a side effect.
CREATE TABLE annotation (
	id               TEXT    PRIMARY KEY,
	article_id       INTEGER NOT NULL REFERENCES article (id),
	annotator        TEXT    NOT NULL,
	codebook         TEXT    NOT NULL DEFAULT '',
	codebook_version INTEGER NOT NULL DEFAULT 0,
	dimension        TEXT    NOT NULL,
	target           TEXT    NOT NULL DEFAULT '',
	value            TEXT    NOT NULL DEFAULT '',
	note             TEXT    NOT NULL DEFAULT '',
	span_start       INTEGER,
	span_end         INTEGER,
	quote            TEXT,
	prefix           TEXT,
	suffix           TEXT,
	created_at       TEXT    NOT NULL,
	updated_at       TEXT    NOT NULL,
	deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	carried_from     TEXT,
	carry_status     TEXT,
	carry_score      REAL,
	CHECK ((span_start IS NULL) = (span_end IS NULL)),
	CHECK (span_start IS NULL OR (span_start >= 0 AND span_end >= span_start))
) STRICT;

-- One article's annotations in order (the coding screen).
CREATE INDEX annotation_article ON annotation (article_id, updated_at);

-- Live annotations: the coded filter and the exports.
CREATE INDEX annotation_live ON annotation (article_id, id) WHERE deleted = 0;

CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Full-text search over title and text. External content: the text is
-- stored once, in article, and the triggers keep the index in step.
CREATE VIRTUAL TABLE article_fts USING fts5 (
	title, text,
	content = 'article', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
	INSERT INTO article_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
	INSERT INTO article_fts (article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN
	INSERT INTO article_fts (article_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
	INSERT INTO article_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
