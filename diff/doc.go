// Package diff compares versions of news text: it splits text into sentences
// and words, diffs words, aligns the sentences of two versions into the
// revision taxonomy of news research (unchanged, added, deleted, edited,
// moved), finds near-duplicate families (MinHash with LSH) and detects a page
// that carries the same article twice.
//
// Every offset in this package counts runes of the text as Go's []rune
// conversion sees it: an invalid UTF-8 byte is one rune (U+FFFD). For valid
// UTF-8 this is the code-point offset that Redline stores.
//
// The package is pure Go text processing: no UI, no database, and it may be
// called from any goroutine. Nothing in it keeps global mutable state.
package diff
