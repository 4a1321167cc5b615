package storage

import (
	"context"
	"database/sql"
)

// Setting keys under which a database names the Redline that made it and
// the one that last opened it for writing.
const (
	SettingCreatedBy     = "redline.created_by"
	SettingLastWrittenBy = "redline.last_written_by"
)

// VersionUnknown is what a database made before Redline recorded its
// version says made it.
const VersionUnknown = "unknown (before versions were recorded)"

// ToolVersions says which Redline created a database and which last
// wrote it.
type ToolVersions struct {
	CreatedBy, LastWrittenBy string
}

// RecordVersion notes that Redline v is writing this database: it becomes
// the last writer, and also the creator of a database that names none and
// holds nothing yet. A database that already holds a codebook or articles
// but names no creator was made by a Redline older than this record, and
// says so (VersionUnknown) rather than claiming v made it.
func (s *Store) RecordVersion(ctx context.Context, v string) error {
	// read first: a database this Redline wrote before needs no write, so
	// opening it does not wait for the background check of a large file
	if tv, err := s.ToolVersions(ctx); err == nil && tv.CreatedBy != "" && tv.LastWrittenBy == v {
		return nil
	}
	return s.writeTx(ctx, "record the Redline version in "+s.path, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO setting (key, value)
		SELECT ?, CASE WHEN EXISTS (SELECT 1 FROM codebook) OR EXISTS (SELECT 1 FROM article)
		               THEN ? ELSE ? END
		WHERE NOT EXISTS (SELECT 1 FROM setting WHERE key = ?)`,
			SettingCreatedBy, VersionUnknown, v, SettingCreatedBy); err != nil {
			return err
		}
		return setSetting(ctx, tx, SettingLastWrittenBy, v)
	})
}

// ToolVersions returns which Redline created the database and which last
// wrote it; either is "" when not recorded.
func (s *Store) ToolVersions(ctx context.Context) (ToolVersions, error) {
	var tv ToolVersions
	var err error
	if tv.CreatedBy, err = s.Setting(ctx, SettingCreatedBy); err != nil {
		return tv, err
	}
	if tv.LastWrittenBy, err = s.Setting(ctx, SettingLastWrittenBy); err != nil {
		return tv, err
	}
	return tv, nil
}
