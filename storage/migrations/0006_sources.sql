-- 0004: where imported articles came from, stubs, and saved CSV mappings.
--
-- text_missing marks a stub: a story list (Media Cloud, a CSV of links)
-- gave its title, URL, date and outlet but no text. Its text is empty and
-- its text_sha256 is "stub:" and the hash of its URL (or title, outlet and
-- date), so stubs of different stories do not collide.
ALTER TABLE article ADD COLUMN text_missing INTEGER NOT NULL DEFAULT 0 CHECK (text_missing IN (0, 1));

-- Every place a stored article was found in a news-database export or a
-- story list: the file, the article's place in it, the database and the
-- database's own document id. An article found again (same document id,
-- or same text) gains a row here and is not stored twice.
CREATE TABLE article_origin (
	article_id  INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
	file        TEXT    NOT NULL,
	position    INTEGER NOT NULL DEFAULT 0,
	source_db   TEXT    NOT NULL DEFAULT '',
	doc_id      TEXT    NOT NULL DEFAULT '',
	section     TEXT    NOT NULL DEFAULT '',
	length      TEXT    NOT NULL DEFAULT '',
	load_date   TEXT,
	imported_at TEXT    NOT NULL,
	PRIMARY KEY (article_id, file, position)
) STRICT;

CREATE INDEX article_origin_doc ON article_origin (source_db, doc_id) WHERE doc_id <> '';

-- How the columns of a CSV file map to article fields, remembered for the
-- next file with the same header. header is the column names, trimmed and
-- lower-cased, joined by tabs; mapping is a JSON object column -> field.
CREATE TABLE csv_mapping (
	header     TEXT PRIMARY KEY,
	mapping    TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
