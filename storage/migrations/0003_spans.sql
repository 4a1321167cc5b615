-- 0003: span coding.
--
-- source_name is the canonical name of the source a span names or quotes;
-- linked_to the id of the speaker span's annotation a quote is linked to.
ALTER TABLE annotation ADD COLUMN source_name TEXT NOT NULL DEFAULT '';
ALTER TABLE annotation ADD COLUMN linked_to TEXT;

CREATE INDEX annotation_carried ON annotation (carried_from) WHERE carried_from IS NOT NULL;

-- The reusable list of sources: one row per person or body, with the other
-- ways the texts name them ("Ushakov" for "Yuri Ushakov"), one per line.
CREATE TABLE source (
	name       TEXT PRIMARY KEY,
	aliases    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
) STRICT;

-- Undo history, per analyst, across articles and restarts. before and after
-- are JSON arrays of whole annotations; undoing writes before, redoing
-- writes after. A new change drops the changes undone before it.
CREATE TABLE history (
	seq        INTEGER PRIMARY KEY,
	annotator  TEXT    NOT NULL,
	label      TEXT    NOT NULL,
	before     TEXT    NOT NULL,
	after      TEXT    NOT NULL,
	undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
	created_at TEXT    NOT NULL
) STRICT;

CREATE INDEX history_annotator ON history (annotator, undone, seq);
