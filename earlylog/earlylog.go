// Package earlylog holds what packages write to the standard logger while
// they initialise, before main runs, so that main can decide where it goes.
//
// Redline's command line must print only its own messages; but Fyne's lang
// package logs "Error parsing user locale C" three lines at a time from
// its init when LANG is C.UTF-8 (the default of many Debian machines and
// containers), before any code of ours runs. This package is initialised
// before Fyne's: Go initialises packages in import-path order among those
// whose imports are ready (the Go spec, "Package initialization", since Go
// 1.21), and its path sorts before fyne.io; it lives in a module of its own
// for that reason. The window replays what was held to stderr; the command
// line drops it.
package earlylog

import (
	"bytes"
	"io"
	"log"
	"sync"
)

var (
	mu   sync.Mutex
	held bytes.Buffer
)

type holder struct{}

func (holder) Write(p []byte) (int, error) {
	mu.Lock()
	defer mu.Unlock()
	return held.Write(p)
}

func init() { log.SetOutput(holder{}) }

// Release writes what was held to w (nil drops it) and sends the standard
// logger to w from now on (io.Discard when w is nil).
func Release(w io.Writer) {
	mu.Lock()
	defer mu.Unlock()
	if w == nil {
		w = io.Discard
	}
	_, _ = w.Write(held.Bytes())
	held.Reset()
	log.SetOutput(w)
}

// Held returns what was logged so far and not yet released.
func Held() string {
	mu.Lock()
	defer mu.Unlock()
	return held.String()
}
