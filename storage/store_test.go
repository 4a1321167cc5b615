package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"redline/annotate"
)

var update = flag.Bool("update", false, "rewrite testdata/v1.redline (only while the schema is at version 1)")

// newTestStore opens a fresh store in a temporary folder, closed when the
// test ends.
//
// With $REDLINE_TEST_POSTGRES set (tools/pgtest run does) the store is a
// fresh database on that PostgreSQL server instead: the same tests are
// the contract both databases keep.
func newTestStore(tb testing.TB) *Store {
	tb.Helper()
	loc := filepath.Join(tb.TempDir(), "test.redline")
	if testServer != "" {
		loc = newTestDatabase(tb)
	}
	s, err := Open(loc)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

// rawDB opens path with the plain driver, as another program would.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func pragmaInt(tb testing.TB, db *sql.DB, name string) int {
	tb.Helper()
	var n int
	if err := db.QueryRow("PRAGMA " + name).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func appliedMigrations(tb testing.TB, db *sql.DB) []int {
	tb.Helper()
	rows, err := db.Query("SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			tb.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func knownVersions(tb testing.TB) []int {
	tb.Helper()
	steps, err := loadMigrations(migrationFiles, "migrations")
	if err != nil {
		tb.Fatal(err)
	}
	var out []int
	for _, m := range steps {
		out = append(out, m.version)
	}
	return out
}

func TestOpenNewAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dir with space #1?", "redline.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	want := knownVersions(t)
	for i := range 3 {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if got := s.Path(); got != path {
			t.Errorf("Path() = %q, want %q", got, path)
		}
		if got := pragmaInt(t, s.write, "application_id"); got != applicationID {
			t.Errorf("application_id = %#x, want %#x", got, applicationID)
		}
		if got := pragmaInt(t, s.write, "user_version"); got != len(want) {
			t.Errorf("user_version = %d, want %d", got, len(want))
		}
		if got := appliedMigrations(t, s.write); !slices.Equal(got, want) {
			t.Errorf("open %d: schema_migrations = %v, want %v", i, got, want)
		}
		var mode string
		if err := s.write.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadPoolIsReadOnly(t *testing.T) {
	sqliteOnly(t, "the read-only pool of the file; a server has one pool")
	s := newTestStore(t)
	_, err := s.read.Exec("INSERT INTO setting (key, value) VALUES ('a', 'b')")
	if err == nil {
		t.Fatal("write through the read pool succeeded")
	}
}

// seedFixture puts a little of everything into s.
func seedFixture(tb testing.TB, s *Store) (articleID int64, ann annotate.Annotation) {
	tb.Helper()
	ctx := context.Background()
	res, err := s.AddArticles(ctx, []annotate.Article{{
		Title: "Grain deal talks", Outlet: "Wire", URL: "https://example.com/a",
		PublishedAt: time.Date(2024, 3, 1, 10, 49, 0, 0, time.UTC),
		Text:        "Grain deal talks resume in Istanbul.\nOfficials said little.",
	}})
	if err != nil {
		tb.Fatal(err)
	}
	cb, err := annotate.ParseCodebook(testCodebook)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.SaveCodebook(ctx, cb, testCodebook); err != nil {
		tb.Fatal(err)
	}
	at := time.Date(2024, 3, 2, 9, 0, 0, 0, time.UTC)
	ann = annotate.Annotation{ID: "01HQZX3V5P8J8K2M4N6Q8R0T2V", ArticleID: res[0].ID, Annotator: "ana",
		Codebook: cb.Name, CodebookVersion: cb.Version, Dimension: "stance", Target: "Russia",
		Value: "neutral", CreatedAt: at, UpdatedAt: at}
	if err := s.SaveAnnotations(ctx, []annotate.Annotation{ann}); err != nil {
		tb.Fatal(err)
	}
	if err := s.SetSetting(ctx, "annotator", "ana"); err != nil {
		tb.Fatal(err)
	}
	return res[0].ID, ann
}

// TestUpgradeFromV1 opens a database written by the version-1 schema
// (testdata/v1.redline, made once with -update and kept) and checks that it
// is brought up to date with its data intact. Never regenerate the file
// once a second migration exists: it must stay a version-1 file.
func TestUpgradeFromV1(t *testing.T) {
	fixture := filepath.Join("testdata", "v1.redline")
	if *update {
		if len(knownVersions(t)) != 1 {
			t.Fatal("the fixture must be written by the version-1 schema")
		}
		os.Remove(fixture)
		s, err := Open(fixture)
		if err != nil {
			t.Fatal(err)
		}
		seedFixture(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v1.redline")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := pragmaInt(t, rawDB(t, path), "user_version"); got != 1 {
		t.Fatalf("fixture user_version = %d, want 1", got)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := knownVersions(t)
	if got := appliedMigrations(t, s.write); !slices.Equal(got, want) {
		t.Errorf("schema_migrations = %v, want %v", got, want)
	}
	if got := pragmaInt(t, s.write, "user_version"); got != len(want) {
		t.Errorf("user_version = %d, want %d", got, len(want))
	}
	ctx := context.Background()
	arts, err := s.Articles(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].Title != "Grain deal talks" || !arts[0].Coded {
		t.Fatalf("articles = %+v", arts)
	}
	anns, err := s.Annotations(ctx, arts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(anns) != 1 || anns[0].Value != "neutral" {
		t.Errorf("annotations = %+v", anns)
	}
	if got, _ := s.Setting(ctx, "annotator"); got != "ana" {
		t.Errorf("setting annotator = %q, want ana", got)
	}
}

// withMigration returns the embedded migrations plus one more.
func withMigration(t *testing.T, name, body string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(migrationFiles, "migrations", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrationFiles, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m["migrations/"+name] = &fstest.MapFile{Data: []byte(body)}
	return m
}

func TestMigrationAddsStep(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	seedFixture(t, s)
	s.Close()

	n := len(knownVersions(t)) + 1
	next := withMigration(t, fmt.Sprintf("%04d_extra.sql", n), "CREATE TABLE extra (id INTEGER PRIMARY KEY); INSERT INTO extra VALUES (7);")
	for i := range 2 {
		s, err := open(ctx, path, next)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var got int
		if err := s.read.QueryRow("SELECT id FROM extra").Scan(&got); err != nil || got != 7 {
			t.Errorf("extra = %d, %v", got, err)
		}
		if got := appliedMigrations(t, s.write); len(got) != n || got[n-1] != n {
			t.Errorf("schema_migrations = %v, want 1..%d once each", got, n)
		}
		if got := pragmaInt(t, s.write, "user_version"); got != n {
			t.Errorf("user_version = %d, want %d", got, n)
		}
		s.Close()
	}
	// This Redline does not know step n: the file is now too new for it.
	if _, err := Open(path); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("open with fewer migrations: got %v, want ErrNewerSchema", err)
	}
}

func TestMigrationFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	n := len(knownVersions(t)) + 1
	broken := withMigration(t, fmt.Sprintf("%04d_broken.sql", n), "CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);")
	if _, err := open(ctx, path, broken); err == nil {
		t.Fatal("broken migration succeeded")
	}
	db := rawDB(t, path)
	if got := pragmaInt(t, db, "user_version"); got != n-1 {
		t.Errorf("user_version = %d, want %d", got, n-1)
	}
	var tables int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").Scan(&tables); err != nil || tables != 0 {
		t.Errorf("half-applied migration left table half: %d, %v", tables, err)
	}
}

// snapshot is a folder's files and their bytes.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// closedStore makes a Redline database with some content at path and
// closes it (checkpointed: no -wal left).
func closedStore(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var arts []annotate.Article
	for i := range 40 {
		arts = append(arts, annotate.Article{Title: "t", Text: strings.Repeat("word ", 300) + strconv.Itoa(i) + strings.Repeat("x", i)})
	}
	if _, err := s.AddArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"newer schema", func(t *testing.T, path string) {
			closedStore(t, path)
			db := rawDB(t, path)
			if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, ErrNewerSchema},
		{"other sqlite database", func(t *testing.T, path string) {
			db := rawDB(t, path)
			if _, err := db.Exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, ErrNotRedline},
		{"other application id", func(t *testing.T, path string) {
			db := rawDB(t, path)
			if _, err := db.Exec("PRAGMA application_id = 1234; CREATE TABLE t (x)"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, ErrNotRedline},
		{"text file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("id,title\n1,hello\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrNotRedline},
		{"truncated", func(t *testing.T, path string) {
			closedStore(t, path)
			b, _ := os.ReadFile(path)
			if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorrupt},
		{"cut inside the header", func(t *testing.T, path string) {
			closedStore(t, path)
			b, _ := os.ReadFile(path)
			if err := os.WriteFile(path, b[:60], 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorrupt},
		{"garbled pages", func(t *testing.T, path string) {
			closedStore(t, path)
			b, _ := os.ReadFile(path)
			for i := 4096; i < len(b); i += 7 {
				b[i] ^= 0x5a
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorrupt},
		{"garbled header", func(t *testing.T, path string) {
			closedStore(t, path)
			b, _ := os.ReadFile(path)
			copy(b[16:], []byte{0x00, 0x03, 0xff, 0xff}) // page size 3: invalid
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f.db")
			tt.make(t, path)
			before := snapshot(t, dir)
			s, err := Open(path)
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open: got %v, want %v", err, tt.want)
			}
			after := snapshot(t, dir)
			if len(after) != len(before) {
				t.Errorf("files: got %d after, want %d", len(after), len(before))
			}
			for name, b := range before {
				if !bytes.Equal(after[name], b) {
					t.Errorf("%s changed", name)
				}
			}
		})
	}
}

func TestNewerSchemaMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	closedStore(t, path)
	db := rawDB(t, path)
	if _, err := db.Exec("PRAGMA user_version = 42"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(path)
	for _, want := range []string{"42", "upgrade Redline to open it"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v: want it to say %q", err, want)
		}
	}
}

func TestOpenEmptySQLiteFile(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"zero bytes", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) }},
		{"empty sqlite", func(t *testing.T, path string) {
			db := rawDB(t, path)
			if _, err := db.Exec("PRAGMA page_size = 4096; VACUUM"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f.db")
			tt.make(t, path)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if got := pragmaInt(t, s.write, "application_id"); got != applicationID {
				t.Errorf("application_id = %#x", got)
			}
		})
	}
}
