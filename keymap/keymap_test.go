package keymap

import "testing"

// TestTableIsConsistent: no key runs two commands, every command is in the
// table once, and the lookups find what the table says.
func TestTableIsConsistent(t *testing.T) {
	runes := map[rune]Command{}
	chords := map[Chord]Command{}
	seen := map[Command]bool{}
	for _, b := range Table {
		if seen[b.Command] {
			t.Errorf("%s is in the table twice", b.Command)
		}
		seen[b.Command] = true
		if b.Help == "" || b.Label() == "" {
			t.Errorf("%s has no help or no key", b.Command)
		}
		for _, r := range b.Runes {
			if c, ok := runes[r]; ok {
				t.Errorf("%q runs %s and %s", r, c, b.Command)
			}
			runes[r] = b.Command
			if got, ok := ForRune(r); !ok || got != b.Command {
				t.Errorf("ForRune(%q) = %s", r, got)
			}
		}
		for _, k := range b.Keys {
			if c, ok := chords[k]; ok {
				t.Errorf("%s runs %s and %s", k, c, b.Command)
			}
			chords[k] = b.Command
		}
	}
	if c, ok := ForRune('N'); !ok || c != NextArticle {
		t.Errorf("N is not next article: %s", c)
	}
	if c, ok := ForKey("F8"); !ok || c != NextChange {
		t.Errorf("F8 = %s", c)
	}
	if _, ok := ForKey("Down"); ok {
		t.Error("plain Down is not a command of its own")
	}
	if b, ok := Reserved("]"); !ok || b.Command != NextChange {
		t.Errorf("] not reserved: %+v", b)
	}
	if _, ok := Reserved("g"); ok {
		t.Error("g is a value key, not a command")
	}
	if got := (Chord{Key: "Down", Ctrl: true, Alt: true}).String(); got != "Ctrl+Alt+↓" {
		t.Errorf("chord label %q", got)
	}
}
