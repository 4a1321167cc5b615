-- 0002: a mark that changes whenever codes, articles, stories, assignments
-- or codebooks change, for a coder's window to poll (Store.ChangeMark).
--
-- Every transaction that writes one of those tables adds one row to
-- change_log, once, however many statements it runs: the mark is
-- change_base.n plus the rows of change_log, i.e. how many such
-- transactions have committed. A row becomes visible with its
-- transaction's commit, never before (a sequence's value would be seen
-- before the data it announces), and writers only insert, so two coders'
-- transactions never wait for or collide on it. ChangeMark folds old rows
-- into change_base now and then; the sum stays the same.

CREATE TABLE change_log (
	seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);

CREATE TABLE change_base (
	n BIGINT NOT NULL
);
INSERT INTO change_base (n) VALUES (0);

-- Runs as the schema's owner, so a coder's role needs no rights on
-- change_log; the search path is the one the migration ran with.
CREATE FUNCTION redline_changed() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	IF current_setting('redline.changed', true) IS DISTINCT FROM pg_current_xact_id()::text THEN
		INSERT INTO change_log DEFAULT VALUES;
		PERFORM set_config('redline.changed', pg_current_xact_id()::text, true);
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER annotation_changed AFTER INSERT OR UPDATE OR DELETE ON annotation
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
CREATE TRIGGER article_changed AFTER INSERT OR UPDATE OR DELETE ON article
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
CREATE TRIGGER family_changed AFTER INSERT OR UPDATE OR DELETE ON family
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
CREATE TRIGGER relation_changed AFTER INSERT OR UPDATE OR DELETE ON relation
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
CREATE TRIGGER assignment_changed AFTER INSERT OR UPDATE OR DELETE ON assignment
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
CREATE TRIGGER article_exclusion_changed AFTER INSERT OR UPDATE OR DELETE ON article_exclusion
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
CREATE TRIGGER codebook_changed AFTER INSERT OR UPDATE OR DELETE ON codebook
	FOR EACH STATEMENT EXECUTE FUNCTION redline_changed();
