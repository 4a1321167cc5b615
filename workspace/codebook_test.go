package workspace

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"redline/annotate"
	"redline/assets"
)

func TestInstallCodebookVersionsEveryChange(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	ws, err := Open(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if ws.Codebook.Version != 1 {
		t.Fatalf("default codebook version %d", ws.Codebook.Version)
	}
	edited := strings.Replace(string(assets.DefaultCodebook), `targets = ["Russia", "Ukraine", "United States"]`, `targets = ["Russia", "Ukraine", "United States", "China"]`, 1)
	cb, err := ws.InstallCodebook(ctx, []byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	if cb.Version != 2 || len(cb.Dimension("stance").Targets) != 4 {
		t.Errorf("installed version %d with targets %v", cb.Version, cb.Dimension("stance").Targets)
	}
	src, _ := ws.CodebookSource(ctx)
	if !strings.Contains(string(src), "version = 2") || !strings.Contains(string(src), "# Redline default codebook") {
		t.Errorf("stored source lost the new version or the comments")
	}

	broken := strings.Replace(edited, `choice = "multiple"`, `choice = "many"`, 1)
	_, err = ws.InstallCodebook(ctx, []byte(broken))
	var ce *annotate.CodebookError
	if !errors.As(err, &ce) || ce.Field != "dimension[1].choice" {
		t.Errorf("broken codebook: %v", err)
	}
	if ws.Codebook.Version != 2 {
		t.Errorf("a refused codebook changed the one in force to v%d", ws.Codebook.Version)
	}
	ws.Close()
	again, err := Open(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.Codebook.Version != 2 {
		t.Errorf("after reopening, codebook v%d is in force, want v2", again.Codebook.Version)
	}
}

// TestShortcutsCheckedAgainstTheKeymap: a value may not take a key the
// workbench uses for a command (] was accepted once and then coded nothing).
func TestShortcutsCheckedAgainstTheKeymap(t *testing.T) {
	ctx := context.Background()
	ws, err := Open(ctx, testDB(t, "k.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := CheckShortcuts(ws.Codebook); err != nil {
		t.Fatalf("the default codebook clashes with the keymap: %v", err)
	}
	for _, key := range []string{"]", "[", "n", "P", "j", "k"} {
		bad := strings.Replace(string(assets.DefaultCodebook), `shortcut = "1"`, `shortcut = "`+key+`"`, 1)
		_, err := ws.InstallCodebook(ctx, []byte(bad))
		var ce *annotate.CodebookError
		if !errors.As(err, &ce) || !strings.Contains(ce.Field, "shortcut") || !strings.Contains(ce.Reason, "choose another key") {
			t.Errorf("shortcut %q: %v", key, err)
		}
	}
	if ws.Codebook.Version != 1 {
		t.Errorf("a refused codebook was put in force: version %d", ws.Codebook.Version)
	}
}
