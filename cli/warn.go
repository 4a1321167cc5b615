package cli

import (
	"context"
	"fmt"
	"io"

	"redline/workspace"
)

// stderrKey carries the command's stderr to openWS, which warns there.
type stderrKey struct{}

// warnSynced prints the synced-folder warning for the database at path to
// the stderr that Main put in ctx: a command's output stays clean for
// scripts, and the analyst still sees it.
func warnSynced(ctx context.Context, path string) {
	w := workspace.SyncWarning(path)
	if w == "" {
		return
	}
	if out, ok := ctx.Value(stderrKey{}).(io.Writer); ok {
		fmt.Fprintf(out, "redline: warning: %s\n", w)
	}
}
