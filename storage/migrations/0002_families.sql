-- 0002: versions of a story.
--
-- Every article belongs to a family (a story); a family's id is the
-- smallest id among its articles, so automatic grouping is deterministic
-- and re-running it on an unchanged database changes nothing.
-- family_pinned marks an article the analyst placed by hand (merged or
-- moved out): automatic grouping leaves it where it is.
ALTER TABLE article ADD COLUMN family_pinned INTEGER NOT NULL DEFAULT 0 CHECK (family_pinned IN (0, 1));

INSERT OR IGNORE INTO family (id, created_at)
	SELECT id, imported_at FROM article WHERE family_id IS NULL;
UPDATE article SET family_id = id WHERE family_id IS NULL;

-- A family's versions in reading order: published, then retrieved.
CREATE INDEX article_versions ON article (
	family_id, published_at IS NULL, published_at, retrieved_at IS NULL, retrieved_at, id
);
