-- 0008: text reuse between articles (issue 9).
--
-- article_key is the index that proposes which stored articles a new one
-- may share text with: each article's sampled keys (what a key is belongs
-- to the comparison method; the setting versions.keys names the method
-- that wrote them). An import looks up the new article's keys here, in
-- its own transaction, so grouping never waits for an index in memory.
CREATE TABLE article_key (
	key        INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	PRIMARY KEY (key, article_id)
) WITHOUT ROWID;


-- relation holds the pairs of articles that share passages but are not
-- versions of one story (related), a < b. passages is JSON: a list of
-- [a_start, a_end, b_start, b_end, words], rune offsets into each text.
-- reworded is the share of content words found in the same order, for a
-- reworded copy with no passage left.
CREATE TABLE relation (
	a        INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
	b        INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
	words    INTEGER NOT NULL,
	reworded REAL    NOT NULL DEFAULT 0,
	passages TEXT    NOT NULL DEFAULT '[]',
	PRIMARY KEY (a, b),
	CHECK (a < b)
) STRICT, WITHOUT ROWID;

CREATE INDEX relation_b ON relation (b);

-- The same text at two outlets (or two URLs) is two publications of one
-- story: only the same text from the same outlet and URL is a duplicate.
-- SQLite cannot drop the old UNIQUE (text_sha256) in place, so the table
-- is rebuilt with the same columns, rows and ids; annotations keep
-- pointing at them.
-- redline: foreign keys off
DROP TRIGGER article_fts_insert;
DROP TRIGGER article_fts_delete;
DROP TRIGGER article_fts_update;

CREATE TABLE article_new (
	id            INTEGER PRIMARY KEY,
	family_id     INTEGER REFERENCES family (id) ON DELETE SET NULL,
	title         TEXT    NOT NULL DEFAULT '',
	outlet        TEXT    NOT NULL DEFAULT '',
	url           TEXT    NOT NULL DEFAULT '',
	byline        TEXT    NOT NULL DEFAULT '',
	published_at  TEXT,
	retrieved_at  TEXT,
	source_path   TEXT    NOT NULL DEFAULT '',
	text_sha256   TEXT    NOT NULL,
	words         INTEGER NOT NULL DEFAULT 0,
	imported_at   TEXT    NOT NULL,
	family_pinned INTEGER NOT NULL DEFAULT 0 CHECK (family_pinned IN (0, 1)),
	text_missing  INTEGER NOT NULL DEFAULT 0 CHECK (text_missing IN (0, 1)), -- 0006: a story-list stub
	text          TEXT    NOT NULL, -- last: a listing never reads its overflow pages
	UNIQUE (text_sha256, outlet, url)
) STRICT;

INSERT INTO article_new (id, family_id, title, outlet, url, byline, published_at, retrieved_at,
		source_path, text_sha256, words, imported_at, family_pinned, text_missing, text)
	SELECT id, family_id, title, outlet, url, byline, published_at, retrieved_at,
		source_path, text_sha256, words, imported_at, family_pinned, text_missing, text FROM article;

DROP TABLE article;
ALTER TABLE article_new RENAME TO article;

CREATE INDEX article_family ON article (family_id);
CREATE INDEX article_list ON article (
	published_at IS NULL, published_at, id, family_id, title, outlet, words
);
CREATE INDEX article_versions ON article (
	family_id, published_at IS NULL, published_at, retrieved_at IS NULL, retrieved_at, id
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

-- An article removed (an import taken back) leaves no keys behind for a
-- later import to find.
CREATE TRIGGER article_key_delete AFTER DELETE ON article BEGIN
	DELETE FROM article_key WHERE article_id = old.id;
END;
