package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"redline/annotate"
)

// SaveCodebook stores a codebook under its name and version, keeping source
// (the file the analyst wrote) as its definition; with no source the
// codebook is stored as TOML. Saving the same name, version and source again
// does nothing; the same name and version with another source fails with
// ErrCodebookChanged. A source that does not parse as this codebook is
// refused with annotate.ErrInvalid.
func (s *Store) SaveCodebook(ctx context.Context, cb *annotate.Codebook, source []byte) error {
	if cb == nil {
		return fmt.Errorf("save codebook: no codebook: %w", annotate.ErrInvalid)
	}
	if len(source) == 0 {
		var err error
		if source, err = cb.MarshalTOML(); err != nil {
			return fmt.Errorf("save codebook %s v%d: %w", cb.Name, cb.Version, err)
		}
	}
	// What is stored must read back (LatestCodebook parses it) as this
	// codebook.
	parsed, err := annotate.ParseCodebook(source)
	if err != nil {
		return fmt.Errorf("save codebook %s v%d: %w", cb.Name, cb.Version, err)
	}
	if parsed.Name != cb.Name || parsed.Version != cb.Version {
		return fmt.Errorf("save codebook %s v%d: the source is %s v%d: %w",
			cb.Name, cb.Version, parsed.Name, parsed.Version, annotate.ErrInvalid)
	}
	return s.writeTx(ctx, fmt.Sprintf("save codebook %s v%d", cb.Name, cb.Version), func(tx *sql.Tx) error {
		return saveCodebook(ctx, tx, cb, source, time.Now())
	})
}

func saveCodebook(ctx context.Context, tx *sql.Tx, cb *annotate.Codebook, source []byte, now time.Time) error {
	var stored string
	err := tx.QueryRowContext(ctx, "SELECT definition FROM codebook WHERE name = ? AND version = ?",
		cb.Name, cb.Version).Scan(&stored)
	switch {
	case err == nil && bytes.Equal([]byte(stored), source):
		return nil
	case err == nil:
		return fmt.Errorf("a different definition is stored under this version: %w", ErrCodebookChanged)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO codebook (name, version, definition, created_at) VALUES (?, ?, ?, ?)",
		cb.Name, cb.Version, string(source), stamp(now))
	return err
}

// LatestCodebook returns the codebook saved most recently, parsed, and its
// source; ErrNotFound when none is stored.
func (s *Store) LatestCodebook(ctx context.Context) (*annotate.Codebook, []byte, error) {
	var name, def string
	var version int
	err := s.read.QueryRowContext(ctx, `SELECT name, version, definition FROM codebook
		ORDER BY created_at DESC, version DESC LIMIT 1`).Scan(&name, &version, &def)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("codebook: %w", ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("codebook: %w", err)
	}
	cb, err := annotate.ParseCodebook([]byte(def))
	if err != nil {
		return nil, nil, fmt.Errorf("stored codebook %s v%d: %w", name, version, err)
	}
	return cb, []byte(def), nil
}

// Setting returns the value stored under key, or "" when unset.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.read.QueryRowContext(ctx, "SELECT value FROM setting WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.writeTx(ctx, "set "+key, func(tx *sql.Tx) error {
		return setSetting(ctx, tx, key, value)
	})
}

func setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// CodebookVersion is one stored codebook version.
type CodebookVersion struct {
	Name     string
	Version  int
	SavedAt  time.Time
	Codebook *annotate.Codebook // nil when the stored definition no longer parses
	Source   []byte
	Err      error // why the definition does not parse
}

// CodebookVersions lists every stored codebook version, oldest first.
func (s *Store) CodebookVersions(ctx context.Context) ([]CodebookVersion, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT name, version, created_at, definition FROM codebook ORDER BY created_at, version")
	if err != nil {
		return nil, fmt.Errorf("codebook versions: %w", err)
	}
	defer rows.Close()
	var out []CodebookVersion
	for rows.Next() {
		var (
			v       CodebookVersion
			created sql.NullString
			def     string
		)
		if err := rows.Scan(&v.Name, &v.Version, &created, &def); err != nil {
			return nil, fmt.Errorf("codebook versions: %w", err)
		}
		if v.SavedAt, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("codebook %s v%d: %w", v.Name, v.Version, err)
		}
		v.Source = []byte(def)
		v.Codebook, v.Err = annotate.ParseCodebook(v.Source)
		if v.Err != nil {
			v.Codebook = nil
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
