-- 0004: suggestion rejections get a table of their own (they were JSON in
-- settings), so that rejecting a suggestion is an undoable change like any
-- code, and the history says exactly what it undoes.
--
-- A row is one analyst's decision on one suggested quote, found by its rune
-- span; rejected = 0 means the rejection was undone.
CREATE TABLE suggestion_rejection (
	annotator  TEXT    NOT NULL,
	article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	quote      TEXT    NOT NULL DEFAULT '',
	rejected   INTEGER NOT NULL DEFAULT 1 CHECK (rejected IN (0, 1)),
	updated_at TEXT    NOT NULL,
	PRIMARY KEY (annotator, article_id, span_start, span_end)
) STRICT;

-- Bring over the rejections kept in settings
-- (key suggestions.rejected.<article>.<annotator>, value [[start,end],…]).
INSERT OR IGNORE INTO suggestion_rejection (annotator, article_id, span_start, span_end, rejected, updated_at)
SELECT substr(s.rest, instr(s.rest, '.') + 1),
       CAST(substr(s.rest, 1, instr(s.rest, '.') - 1) AS INTEGER),
       json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), 1,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT substr(key, 22) AS rest, value FROM setting
      WHERE key LIKE 'suggestions.rejected.%' AND json_valid(value)) AS s,
     json_each(s.value) AS j
WHERE instr(s.rest, '.') > 0
  AND json_type(j.value) = 'array'
  AND EXISTS (SELECT 1 FROM article a WHERE a.id = CAST(substr(s.rest, 1, instr(s.rest, '.') - 1) AS INTEGER));

DELETE FROM setting WHERE key LIKE 'suggestions.rejected.%';
