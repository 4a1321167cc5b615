-- 0003: folding change_log into change_base (0002) as a function that runs
-- as the schema's owner, so ChangeMark folds whoever polls: a coder's role
-- may read both tables but not delete from change_log. It deletes the rows
-- its snapshot sees and adds their number to change_base in one
-- statement, so the mark (change_base.n plus the rows of change_log) stays
-- what it was; a second fold at the same moment finds the rows gone and
-- adds nothing.
CREATE FUNCTION redline_fold_changes() RETURNS void
	LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
	WITH gone AS (DELETE FROM change_log RETURNING 1)
	UPDATE change_base SET n = n + (SELECT count(*) FROM gone);
$$;
