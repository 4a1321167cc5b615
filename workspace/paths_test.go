package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func fakeSystem(goos string, env map[string]string, home string) system {
	return system{
		goos:   goos,
		getenv: func(k string) string { return env[k] },
		home: func() (string, error) {
			if home == "" {
				return "", errors.New("$HOME is not defined")
			}
			return home, nil
		},
	}
}

func TestDefaultPathPerSystem(t *testing.T) {
	tests := []struct {
		name string
		goos string
		env  map[string]string
		home string
		want string
	}{
		{"Windows", "windows", map[string]string{"AppData": `C:\Users\Ana Lima\AppData\Roaming`}, `C:\Users\Ana Lima`,
			`C:\Users\Ana Lima\AppData\Roaming\Redline\redline.db`},
		{"Windows, non-ASCII user", "windows", map[string]string{"AppData": `C:\Users\Zoë Ødegård\AppData\Roaming\`}, `C:\Users\Zoë Ødegård`,
			`C:\Users\Zoë Ødegård\AppData\Roaming\Redline\redline.db`},
		{"Windows without AppData", "windows", nil, `C:\Users\ana`,
			`C:\Users\ana\AppData\Roaming\Redline\redline.db`},
		{"macOS", "darwin", map[string]string{"XDG_DATA_HOME": "/ignored"}, "/Users/ana",
			"/Users/ana/Library/Application Support/Redline/redline.db"},
		{"Linux", "linux", nil, "/home/ana", "/home/ana/.local/share/redline/redline.db"},
		{"Linux with XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": "/data"}, "/home/ana", "/data/redline/redline.db"},
		{"Linux, relative XDG_DATA_HOME is ignored", "linux", map[string]string{"XDG_DATA_HOME": "data"}, "/home/ana",
			"/home/ana/.local/share/redline/redline.db"},
		{"FreeBSD follows XDG", "freebsd", nil, "/home/ana", "/home/ana/.local/share/redline/redline.db"},
		{"REDLINE_DB wins everywhere", "windows", map[string]string{EnvDB: `D:\Coding\project.db`, "AppData": `C:\x`}, `C:\Users\ana`,
			`D:\Coding\project.db`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fakeSystem(tt.goos, tt.env, tt.home).defaultPath()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDefaultPathWithoutHome(t *testing.T) {
	_, err := fakeSystem("linux", nil, "").defaultPath()
	if err == nil {
		t.Fatal("no error")
	}
	if got := err.Error(); !strings.Contains(got, "REDLINE_DB") {
		t.Errorf("error %q does not say how to choose a file", got)
	}
}

// The real path on this machine works with a home folder whose name has a
// space and non-ASCII letters: the workspace opens and the file is where
// DefaultPath said.
func TestDefaultPathOpensUnderAnAwkwardHome(t *testing.T) {
	home := filepath.Join(t.TempDir(), "Zoë Ødegård", "My Files")
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv(EnvDB, "")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, ".local", "share", "redline", "redline.db"); p != want {
		t.Fatalf("DefaultPath = %s, want %s", p, want)
	}
	ws, err := Open(t.Context(), p, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Errorf("no database at %s: %v", p, err)
	}
}

// Files as a Mac or a Windows laptop names them import: spaces, accents
// in decomposed form (what HFS+ hands back: e + U+0301), an apostrophe, a
// dash, a folder with non-ASCII letters, CRLF and Windows-1252 contents.
func TestImportFileNamesFromOtherSystems(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Dossier été", "Ana's Mac")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"Cafe\u0301 owners – protest.txt": []byte("Cafe owners protest\r\n\r\nThe owners marched on Sunday.\r\n"),
		"Zoë's notes (final) [2].md":      []byte("# Harbour strike\n\nDockworkers stopped work on Monday.\n"),
		"Grève.csv":                       []byte("title,text\r\nGr\xe8ve au port,\"Les dockers ont cess\xe9 le travail lundi.\"\r\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := Open(t.Context(), filepath.Join(dir, "coded work.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	sum, err := ws.Import(t.Context(), []string{filepath.Dir(dir)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sum.Files {
		if f.Err != nil {
			t.Errorf("%s: %s", f.Path, f.Err.Reason)
		}
	}
	if got := sum.Imported(); got != 3 {
		t.Fatalf("imported %d articles, want 3: %+v", got, sum)
	}
	var titles []string
	for id := int64(1); id <= 3; id++ {
		a, err := ws.Store.Article(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		titles = append(titles, a.Title)
		if strings.ContainsAny(a.Text, "\r\uFFFD") {
			t.Errorf("%s: CR or U+FFFD in %q", a.SourcePath, a.Text)
		}
		if _, err := os.Stat(strings.SplitN(a.SourcePath, ":", 2)[0]); err != nil {
			t.Errorf("source path %q does not name the file: %v", a.SourcePath, err)
		}
	}
	if !slices.Contains(titles, "Grève au port") {
		t.Errorf("titles %q lack the Windows-1252 CSV's Grève au port", titles)
	}
}
