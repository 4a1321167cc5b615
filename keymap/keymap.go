// Package keymap is the one table of the workbench's keys. The window's
// menus, its key dispatch and its list of shortcuts (F1) are all made from
// it, and codebooks are checked against it, so a key can never be both a
// value's shortcut and a command that swallows it.
//
// It imports nothing of Redline and nothing of Fyne: a key is named here by
// the same strings Fyne uses for its key names ("Down", "F8", "O").
package keymap

import (
	"strings"
	"unicode"
)

// Command names something the workbench does.
type Command string

// The commands.
const (
	NextArticle        Command = "next-article"
	PreviousArticle    Command = "previous-article"
	NextUncoded        Command = "next-uncoded"
	NextSuggestion     Command = "next-suggestion"
	PreviousSuggestion Command = "previous-suggestion"
	NextChange         Command = "next-change"
	PreviousChange     Command = "previous-change"
	ReadTab            Command = "read-tab"
	VersionsTab        Command = "versions-tab"
	Search             Command = "search"
	WriteNote          Command = "write-note"
	ImportFiles        Command = "import-files"
	ImportFolder       Command = "import-folder"
	ExportLong         Command = "export-long"
	Undo               Command = "undo"
	Redo               Command = "redo"
	NextField          Command = "next-field"
	PreviousField      Command = "previous-field"
	Shortcuts          Command = "shortcuts"
	Manual             Command = "manual"
	Quit               Command = "quit"
)

// Chord is a key with modifiers. Key is Fyne's key name.
type Chord struct {
	Key              string
	Ctrl, Shift, Alt bool
}

// Binding is one command and the keys that run it.
type Binding struct {
	Command Command
	Help    string  // what it does, for the shortcut list
	Runes   []rune  // characters that run it when no field takes them
	Keys    []Chord // keys with or without modifiers
}

// Table is every command with a key, in the order the shortcut list shows
// them.
var Table = []Binding{
	{NextArticle, "next article", []rune{'n'}, []Chord{{Key: "Down", Ctrl: true}}},
	{PreviousArticle, "previous article", []rune{'p'}, []Chord{{Key: "Up", Ctrl: true}}},
	{NextUncoded, "next article you have not coded", []rune{'u'}, []Chord{{Key: "U", Ctrl: true}}},
	{NextField, "next coding field (↓ too, when the text has no selection)", nil, []Chord{{Key: "Down", Alt: true}}},
	{PreviousField, "previous coding field (↑ too)", nil, []Chord{{Key: "Up", Alt: true}}},
	{WriteNote, "write a note (Enter on Note too); Esc leaves the note", nil, []Chord{{Key: "E", Ctrl: true}}},
	{Search, "search titles and text; Esc leaves the search", nil, []Chord{{Key: "F", Ctrl: true}}},
	{ReadTab, "read the article", nil, []Chord{{Key: "1", Ctrl: true}}},
	{VersionsTab, "compare its versions", nil, []Chord{{Key: "2", Ctrl: true}}},
	{NextChange, "next change between versions", []rune{']'}, []Chord{{Key: "F8"}, {Key: "Down", Ctrl: true, Alt: true}}},
	{PreviousChange, "previous change between versions", []rune{'['}, []Chord{{Key: "F7"}, {Key: "Up", Ctrl: true, Alt: true}}},
	{NextSuggestion, "next suggested quote (Enter accepts it, Delete rejects it)", []rune{'j'}, nil},
	{PreviousSuggestion, "previous suggested quote", []rune{'k'}, nil},
	{Undo, "undo coding, across articles and restarts", nil, []Chord{{Key: "Z", Ctrl: true}}},
	{Redo, "redo coding", nil, []Chord{{Key: "Z", Ctrl: true, Shift: true}}},
	{ImportFiles, "import files", nil, []Chord{{Key: "O", Ctrl: true}}},
	{ImportFolder, "import a folder", nil, []Chord{{Key: "O", Ctrl: true, Shift: true}}},
	{ExportLong, "export CSV (one row per code)", nil, []Chord{{Key: "E", Ctrl: true, Shift: true}}},
	{Shortcuts, "this list", nil, []Chord{{Key: "F1"}}},
	{Manual, "the coding manual: every dimension, value and definition of the codebook", nil, []Chord{{Key: "F2"}}},
	{Quit, "quit Redline (every code is already saved)", nil, []Chord{{Key: "Q", Ctrl: true}}},
}

// Guide lists keys that are not commands of their own but that the
// shortcut list explains: what they do depends on where the analyst is.
var Guide = [][2]string{
	{"the key beside a value", "choose it for the marked field (frames: tick or untick)"},
	{"Backspace", "clear the marked field"},
	{"drag, Shift+click, or Shift+arrows in the text", "select a span (Ctrl+Shift+arrows by word, Alt+Shift+arrows by sentence)"},
	{"source / attribution keys with a span selected", "code the span; Delete removes its codes; Esc deselects"},
	{"Enter / Delete on a carried span (C)", "confirm / reject it"},
	{"Esc / Enter in a dialog", "close it / take its default button; other keys stay in the dialog"},
}

// Find returns the binding of a command.
func Find(c Command) (Binding, bool) {
	for _, b := range Table {
		if b.Command == c {
			return b, true
		}
	}
	return Binding{}, false
}

// ForRune returns the command a typed character runs (case-insensitive).
func ForRune(r rune) (Command, bool) {
	r = unicode.ToLower(r)
	for _, b := range Table {
		for _, x := range b.Runes {
			if x == r {
				return b.Command, true
			}
		}
	}
	return "", false
}

// ForKey returns the command a key without modifiers runs (F-keys).
func ForKey(name string) (Command, bool) {
	for _, b := range Table {
		for _, k := range b.Keys {
			if k.Key == name && !k.Ctrl && !k.Shift && !k.Alt {
				return b.Command, true
			}
		}
	}
	return "", false
}

// Reserved reports whether a value's one-key shortcut would clash with a
// command, and which one.
func Reserved(shortcut string) (Binding, bool) {
	rs := []rune(strings.ToLower(shortcut))
	if len(rs) != 1 {
		return Binding{}, false
	}
	if c, ok := ForRune(rs[0]); ok {
		b, _ := Find(c)
		return b, true
	}
	return Binding{}, false
}

// Label says a binding's keys as the shortcut list shows them, e.g.
// "n  or  Ctrl+↓".
func (b Binding) Label() string {
	var parts []string
	for _, r := range b.Runes {
		parts = append(parts, string(r))
	}
	for _, k := range b.Keys {
		parts = append(parts, k.String())
	}
	return strings.Join(parts, "  or  ")
}

var arrows = map[string]string{"Down": "↓", "Up": "↑", "Left": "←", "Right": "→"}

// String writes a chord as "Ctrl+Shift+Z".
func (k Chord) String() string {
	var b strings.Builder
	if k.Ctrl {
		b.WriteString("Ctrl+")
	}
	if k.Alt {
		b.WriteString("Alt+")
	}
	if k.Shift {
		b.WriteString("Shift+")
	}
	if a, ok := arrows[k.Key]; ok {
		b.WriteString(a)
	} else {
		b.WriteString(k.Key)
	}
	return b.String()
}
