-- 0004: adjudication.
--
-- An adjudicated code is an annotation like any other (the lead's, with the
-- final value) whose settles column lists, separated by spaces, the ids of
-- the coders' codes it settles; '' on every other annotation.
ALTER TABLE annotation ADD COLUMN settles TEXT NOT NULL DEFAULT '';

CREATE INDEX annotation_adjudicated ON annotation (article_id) WHERE settles <> '';
