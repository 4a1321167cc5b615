-- 0004: team coding — adjudication and assignments.
--
-- An adjudicated code is an annotation like any other (the lead's, with the
-- final value) whose settles column lists, separated by spaces, the ids of
-- the coders' codes it settles; '' on every other annotation.
ALTER TABLE annotation ADD COLUMN settles TEXT NOT NULL DEFAULT '';

CREATE INDEX annotation_adjudicated ON annotation (article_id) WHERE settles <> '';

-- Which coder is to code which article. overlap marks the sample every
-- coder codes (the reliability sample); the rest is split among them.
CREATE TABLE assignment (
	article_id  INTEGER NOT NULL REFERENCES article (id),
	coder       TEXT    NOT NULL,
	overlap     INTEGER NOT NULL DEFAULT 0 CHECK (overlap IN (0, 1)),
	assigned_at TEXT    NOT NULL,
	PRIMARY KEY (article_id, coder)
) STRICT;

CREATE INDEX assignment_coder ON assignment (coder, article_id);
