package workspace

import (
	"context"
	"maps"
	"sort"
	"strings"

	"redline/ingest"
)

// ImportOptions change how an import reads its files.
type ImportOptions struct {
	// Columns maps CSV column names to article fields (ingest.FieldNames),
	// as `import --map column=field` gives them. For each CSV file it is
	// laid over the mapping saved for that file's header, and the result
	// is saved for the next file with the same header.
	Columns map[string]string
}

// fileOptions works out how to read one file: for a CSV, the column
// mapping (the saved one with the given columns laid over it). save, when
// not nil, stores a changed mapping once the file has read cleanly.
func (ws *Workspace) fileOptions(ctx context.Context, path string, opts ImportOptions, used map[string]bool) (ingest.Options, func() error, error) {
	if !strings.EqualFold(fileExt(path), ".csv") {
		return ingest.Options{}, nil, nil
	}
	header := ingest.CSVHeader(path)
	if header == nil {
		return ingest.Options{}, nil, nil // the reader says what is wrong
	}
	mapping, changed, err := ws.csvMapping(ctx, header, opts.Columns)
	if err != nil {
		return ingest.Options{}, nil, err
	}
	for _, h := range header {
		used[strings.ToLower(strings.TrimSpace(h))] = true
	}
	var save func() error
	if changed {
		save = func() error { return ws.Store.SaveColumnMapping(ctx, header, mapping) }
	}
	return ingest.Options{Columns: mapping}, save, nil
}

// csvMapping returns the mapping for a CSV header: the saved one with the
// given columns laid over it (only those the header has). changed is true
// when the given columns changed the saved mapping.
func (ws *Workspace) csvMapping(ctx context.Context, header []string, given map[string]string) (map[string]string, bool, error) {
	saved, _, err := ws.Store.ColumnMapping(ctx, header)
	if err != nil {
		return nil, false, err
	}
	mapping := map[string]string{}
	maps.Copy(mapping, saved)
	changed := false
	for _, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		for k, v := range given {
			if strings.ToLower(strings.TrimSpace(k)) != key {
				continue
			}
			v = strings.ToLower(strings.TrimSpace(v))
			if mapping[key] != v {
				mapping[key] = v
				changed = true
			}
		}
	}
	return mapping, changed, nil
}

// ColumnPreview is how a CSV file's columns would be read, for the window's
// mapping preview: each column's field (from the mapping given, the one
// saved for this header, or the names Redline knows) and sample values.
type ColumnPreview struct {
	ingest.CSVPreview
	Saved  bool     // a mapping saved from an earlier import applies
	Fields []string // the fields a column can be mapped to, "ignore" last
}

// PreviewColumns previews how the CSV file at path would be imported with
// the mapping columns laid over the saved one (nil: as it would be
// imported now). Nothing is stored.
func (ws *Workspace) PreviewColumns(ctx context.Context, path string, columns map[string]string) (ColumnPreview, error) {
	p, err := ingest.PreviewCSV(path, nil, 0)
	if err != nil {
		return ColumnPreview{}, err
	}
	saved, ok, err := ws.Store.ColumnMapping(ctx, p.Header)
	if err != nil {
		return ColumnPreview{}, err
	}
	mapping, _, err := ws.csvMapping(ctx, p.Header, columns)
	if err != nil {
		return ColumnPreview{}, err
	}
	p, err = ingest.PreviewCSV(path, mapping, 3)
	if err != nil {
		return ColumnPreview{}, err
	}
	return ColumnPreview{CSVPreview: p, Saved: ok && len(saved) > 0, Fields: ingest.FieldNames()}, nil
}

// SaveColumns saves the mapping for CSV files with the header of the file
// at path, as the window's preview sets it, replacing the saved one.
func (ws *Workspace) SaveColumns(ctx context.Context, path string, columns map[string]string) error {
	if err := ingest.CheckMapping(columns); err != nil {
		return err
	}
	p, err := ingest.PreviewCSV(path, nil, 0)
	if err != nil {
		return err
	}
	mapping := map[string]string{}
	for k, v := range columns {
		mapping[strings.ToLower(strings.TrimSpace(k))] = strings.ToLower(strings.TrimSpace(v))
	}
	return ws.Store.SaveColumnMapping(ctx, p.Header, mapping)
}

func fileExt(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 && !strings.ContainsAny(path[i:], `/\`) {
		return path[i:]
	}
	return ""
}

// ImportExtensions lists the file extensions an import reads (the window's
// file dialog filter), so the window never keeps a list of its own.
func ImportExtensions() []string { return ingest.Extensions() }

// unusedColumns lists, sorted, the mapped columns that no file had.
func unusedColumns(columns map[string]string, used map[string]bool) []string {
	var out []string
	for k := range columns {
		if !used[strings.ToLower(strings.TrimSpace(k))] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
