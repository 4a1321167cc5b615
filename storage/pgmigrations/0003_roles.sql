-- 0002: who may do what on a team server.
--
-- Each coder logs in as their own PostgreSQL role; the lead keeps the
-- table coder, which maps a role to the analyst name that codes, exports
-- and agreement use (the name a coder's laptop file codes under, so the
-- two are one coder). The rules below are the server's, not the client's:
-- row-level security lets a coder write only rows under their own analyst
-- name, and a blind project hides other coders' codes from them.
--
-- The lead is a member of the group role redline_lead; coders of
-- redline_coder. The roles and the table privileges are made by the SQL
-- `redline server init` prints (they name roles, which a migration cannot
-- know). Until then, and for the database's owner and superusers, who are
-- not bound by row-level security, nothing here changes what Redline does:
-- a database one analyst opens as its owner works as before.

CREATE TABLE coder (
	role    TEXT PRIMARY KEY CHECK (role <> ''),
	analyst TEXT NOT NULL UNIQUE CHECK (analyst <> '')
);

-- redline_is_lead reports whether the connected role is a member of
-- redline_lead (false while that role does not exist).
--
-- The policies below call these functions inside (SELECT ...): a sub-select
-- that does not depend on the row runs once per statement, not once per
-- row, so a coder's export of 100,000 codes does not run 100,000 lookups.
CREATE FUNCTION redline_is_lead() RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT pg_has_role(current_user, r.oid, 'MEMBER')
	                 FROM pg_roles r WHERE r.rolname = 'redline_lead'), false)
$$;

-- redline_analyst is the connected role's analyst name, or NULL.
CREATE FUNCTION redline_analyst() RETURNS text LANGUAGE sql STABLE AS $$
	SELECT analyst FROM coder WHERE role = current_user
$$;

-- redline_blind reports whether the project is blind (coders see only
-- their own codes until the lead lifts it: `redline project --blind`).
CREATE FUNCTION redline_blind() RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT value = '1' FROM setting WHERE key = 'project.blind'), false)
$$;

-- Codes. Everyone reads them unless the project is blind; then a coder
-- reads only their own. A coder writes only codes under their own name,
-- and no adjudication (a code that settles others). The lead does all:
-- imports carry every coder's codes to new versions under the coder's
-- own name, merges of stories and of teammates' databases bring others'
-- codes, and adjudication writes the final values.
ALTER TABLE annotation ENABLE ROW LEVEL SECURITY;
CREATE POLICY annotation_read ON annotation FOR SELECT
	USING (NOT (SELECT redline_blind()) OR annotator = (SELECT redline_analyst()) OR (SELECT redline_is_lead()));
CREATE POLICY annotation_lead ON annotation FOR ALL
	USING ((SELECT redline_is_lead())) WITH CHECK ((SELECT redline_is_lead()));
CREATE POLICY annotation_own_insert ON annotation FOR INSERT
	WITH CHECK (annotator = (SELECT redline_analyst()) AND settles = '');
CREATE POLICY annotation_own_update ON annotation FOR UPDATE
	USING (annotator = (SELECT redline_analyst()) AND settles = '')
	WITH CHECK (annotator = (SELECT redline_analyst()) AND settles = '');

-- Each analyst's undo history, rejected suggestions and seen stories:
-- their own to write; hidden from other coders in a blind project (the
-- history holds codes).
ALTER TABLE history ENABLE ROW LEVEL SECURITY;
CREATE POLICY history_read ON history FOR SELECT
	USING (NOT (SELECT redline_blind()) OR annotator = (SELECT redline_analyst()) OR (SELECT redline_is_lead()));
CREATE POLICY history_lead ON history FOR ALL
	USING ((SELECT redline_is_lead())) WITH CHECK ((SELECT redline_is_lead()));
CREATE POLICY history_own ON history FOR ALL
	USING (annotator = (SELECT redline_analyst())) WITH CHECK (annotator = (SELECT redline_analyst()));

ALTER TABLE suggestion_rejection ENABLE ROW LEVEL SECURITY;
CREATE POLICY suggestion_rejection_read ON suggestion_rejection FOR SELECT
	USING (NOT (SELECT redline_blind()) OR annotator = (SELECT redline_analyst()) OR (SELECT redline_is_lead()));
CREATE POLICY suggestion_rejection_lead ON suggestion_rejection FOR ALL
	USING ((SELECT redline_is_lead())) WITH CHECK ((SELECT redline_is_lead()));
CREATE POLICY suggestion_rejection_own ON suggestion_rejection FOR ALL
	USING (annotator = (SELECT redline_analyst())) WITH CHECK (annotator = (SELECT redline_analyst()));

ALTER TABLE story_seen ENABLE ROW LEVEL SECURITY;
CREATE POLICY story_seen_read ON story_seen FOR SELECT USING (true);
CREATE POLICY story_seen_lead ON story_seen FOR ALL
	USING ((SELECT redline_is_lead())) WITH CHECK ((SELECT redline_is_lead()));
CREATE POLICY story_seen_own ON story_seen FOR ALL
	USING (annotator = (SELECT redline_analyst())) WITH CHECK (annotator = (SELECT redline_analyst()));

-- Settings: everyone reads them; the project's (blind coding, its lead)
-- only the lead writes. Others (the Redline version that last wrote the
-- database) any role with write access may.
ALTER TABLE setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY setting_read ON setting FOR SELECT USING (true);
CREATE POLICY setting_lead ON setting FOR ALL
	USING ((SELECT redline_is_lead())) WITH CHECK ((SELECT redline_is_lead()));
CREATE POLICY setting_other ON setting FOR ALL
	USING (key NOT LIKE 'project.%') WITH CHECK (key NOT LIKE 'project.%');
