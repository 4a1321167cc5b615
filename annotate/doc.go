// Package annotate holds Redline's domain: articles and their versions,
// codebooks, annotations, validation and reliability statistics.
//
// It imports no UI toolkit and no database driver, so every rule about what a
// label means can be tested on its own and shared by the window, the command
// line and the storage layer.
package annotate
