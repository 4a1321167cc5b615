-- 0009: articles set aside from the analysis.
--
-- An excluded article stays in the database with its codes (nothing is
-- lost), leaves the progress counts, and is flagged in every export
-- (excluded, exclusion_reason), which can also leave it out. One row per
-- excluded article; including it again deletes the row.
CREATE TABLE article_exclusion (
	article_id  INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
	reason      TEXT    NOT NULL CHECK (reason <> ''),
	excluded_at TEXT    NOT NULL
) STRICT;
