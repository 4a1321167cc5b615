package cli

import (
	"fmt"
	"strings"

	"redline/ingest"
)

// columnMap is the repeatable --map COLUMN=FIELD flag of import: how a CSV
// file's columns become article fields.
type columnMap map[string]string

func (m columnMap) String() string {
	parts := make([]string, 0, len(m))
	for k, v := range m {
		parts = append(parts, k+"="+v)
	}
	return strings.Join(parts, ",")
}

// Set takes "column=field", or several separated by commas.
func (m columnMap) Set(s string) error {
	for _, pair := range strings.Split(s, ",") {
		col, field, ok := strings.Cut(pair, "=")
		col, field = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(field))
		if !ok || col == "" || field == "" {
			return fmt.Errorf("%q: write COLUMN=FIELD, for example --map media_name=outlet", pair)
		}
		if err := ingest.CheckMapping(map[string]string{col: field}); err != nil {
			return err
		}
		m[col] = field
	}
	return nil
}
