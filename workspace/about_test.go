package workspace

import (
	"path/filepath"
	"strings"
	"testing"

	"redline/version"
)

func TestAbout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Équipe A", "coding.db")
	a, err := AboutDatabase(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if a.Exists || !strings.Contains(a.String(), "(not created yet)") {
		t.Errorf("missing file: %+v\n%s", a, a)
	}
	ws, err := Open(t.Context(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	a, err = ws.About(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	v := version.String()
	got := a.String()
	for _, want := range []string{"Redline " + version.Get().Version + "\n", "database: " + path + "\n",
		"created by: Redline " + v + "\n", "last written by: Redline " + v + "\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("About lacks %q:\n%s", want, got)
		}
	}
	// reading it again does not make this Redline its writer, and says the same
	b, err := AboutDatabase(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != got {
		t.Errorf("AboutDatabase after closing:\n%s\nwant\n%s", b, got)
	}
}
