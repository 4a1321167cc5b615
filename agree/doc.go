// Package agree measures how well coders agree: Krippendorff's α at the
// level of measurement a codebook dimension declares, with a bootstrap
// interval; Cohen's κ for each pair of coders; and for span codes, how often
// coders marked the same stretch of text. It also turns stored annotations
// into the variables these statistics read (one per stance target, one per
// frame, the primary frame, span codes on matched spans).
//
// Like annotate, it imports no Fyne and no SQL, so the window and the
// command line report the same figures.
package agree
