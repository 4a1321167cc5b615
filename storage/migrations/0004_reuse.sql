-- 0004: text reuse between articles (issue 9).
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
