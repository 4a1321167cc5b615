// Package assets holds the files Redline ships inside its binary: the icon,
// the default codebook and the demo corpus.
package assets

import (
	"embed"
	"io/fs"
)

// DefaultCodebook is the codebook of DESIGN.md in TOML.
//
//go:embed codebook.toml
var DefaultCodebook []byte

//go:embed demo
var demo embed.FS

// Demo returns the demo corpus: a folder of articles in the formats Redline
// imports, loaded into an empty database on first run.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte
