package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"redline/annotate"
)

// Sources returns the reusable list of sources, by name.
func (s *Store) Sources(ctx context.Context) ([]annotate.Source, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT name, aliases FROM source ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	var out []annotate.Source
	for rows.Next() {
		var src annotate.Source
		var aliases string
		if err := rows.Scan(&src.Name, &aliases); err != nil {
			return nil, fmt.Errorf("read sources: %w", err)
		}
		for _, a := range strings.Split(aliases, "\n") {
			if a = strings.TrimSpace(a); a != "" {
				src.Aliases = append(src.Aliases, a)
			}
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// AddSource adds a source to the list, or, when it is there, adds alias
// (another way the texts name it) unless alias is empty or already known.
func (s *Store) AddSource(ctx context.Context, name, alias string) error {
	name = strings.TrimSpace(name)
	alias = strings.TrimSpace(alias)
	if name == "" {
		return fmt.Errorf("a source needs a name: %w", annotate.ErrInvalid)
	}
	return s.writeTx(ctx, "add source", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO source (name, created_at) VALUES (?, ?)", name, stamp(time.Now())); err != nil {
			return err
		}
		if alias == "" || strings.EqualFold(alias, name) {
			return nil
		}
		var aliases string
		if err := tx.QueryRowContext(ctx, "SELECT aliases FROM source WHERE name = ?", name).Scan(&aliases); err != nil {
			return err
		}
		for _, a := range strings.Split(aliases, "\n") {
			if strings.EqualFold(strings.TrimSpace(a), alias) {
				return nil
			}
		}
		if aliases != "" {
			aliases += "\n"
		}
		_, err := tx.ExecContext(ctx, "UPDATE source SET aliases = ? WHERE name = ?", aliases+alias, name)
		return err
	})
}
