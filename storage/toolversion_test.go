package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redline/version"
)

func TestRecordVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "Dossier été 2026", "coded.redline")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	open := func(v string) ToolVersions {
		t.Helper()
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.RecordVersion(ctx, v); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSetting(ctx, "annotator", "ana"); err != nil { // some work
			t.Fatal(err)
		}
		tv, err := s.ToolVersions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return tv
	}
	if got, want := open("0.2.0"), (ToolVersions{"0.2.0", "0.2.0"}); got != want {
		t.Errorf("new file: %+v, want %+v", got, want)
	}
	if got, want := open("0.3.0"), (ToolVersions{"0.2.0", "0.3.0"}); got != want {
		t.Errorf("reopened by 0.3.0: %+v, want %+v", got, want)
	}
	// an older Redline writing again is the last writer
	if got, want := open("0.2.0"), (ToolVersions{"0.2.0", "0.2.0"}); got != want {
		t.Errorf("reopened by 0.2.0: %+v, want %+v", got, want)
	}
}

// A database made before versions were recorded does not claim to be made
// by the first Redline that records one.
func TestRecordVersionOnAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join("testdata", "v1.redline"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.redline")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if tv, err := s.ToolVersions(ctx); err != nil || tv != (ToolVersions{}) {
		t.Fatalf("before recording: %+v, %v; want nothing recorded", tv, err)
	}
	if err := s.RecordVersion(ctx, "0.2.0"); err != nil {
		t.Fatal(err)
	}
	tv, err := s.ToolVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ToolVersions{VersionUnknown, "0.2.0"}); tv != want {
		t.Errorf("got %+v, want %+v", tv, want)
	}
}

// Every export names the Redline that wrote it, in every row: the last
// column of both CSV forms, a field of each JSON line.
func TestExportsCarryTheVersion(t *testing.T) {
	s, cb, _ := exportFixture(t)
	want := version.String()
	for _, form := range []struct {
		name string
		form Form
	}{{"long", FormLong}, {"wide", FormWide}} {
		t.Run(form.name, func(t *testing.T) {
			data := exportCSV(t, s, form.form, cb)
			header := strings.SplitN(string(data), "\n", 2)[0]
			if !strings.HasSuffix(header, ",redline_version") {
				t.Errorf("header %s: redline_version is not the last column", header)
			}
			rows := parseBoth(t, data)
			if len(rows) == 0 {
				t.Fatal("no rows")
			}
			for i, r := range rows {
				if r["redline_version"] != want {
					t.Errorf("row %d: redline_version = %q, want %q", i+1, r["redline_version"], want)
				}
			}
		})
	}
	jsonLines := func(t *testing.T, export func(context.Context, io.Writer) error, field func(map[string]any) any) {
		var buf bytes.Buffer
		if err := export(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) == 0 || lines[0] == "" {
			t.Fatal("no lines")
		}
		for i, l := range lines {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatal(err)
			}
			if got := field(m); got != want {
				t.Errorf("line %d: redline_version = %v, want %q", i+1, got, want)
			}
		}
	}
	t.Run("jsonl", func(t *testing.T) {
		jsonLines(t, s.ExportJSONL, func(m map[string]any) any { return m["redline_version"] })
	})
	t.Run("web annotations", func(t *testing.T) {
		jsonLines(t, s.ExportWebAnnotations, func(m map[string]any) any {
			r, _ := m["redline"].(map[string]any)
			return r["redline_version"]
		})
	})
}
