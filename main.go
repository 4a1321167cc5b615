// Command redline is a desktop workbench for coding news articles and the
// versions of a story. See README.md.
package main

import (
	"os"

	"earlylog"

	"redline/app"
	"redline/cli"
	"redline/workspace"
)

func main() {
	// What libraries logged while starting (Fyne's locale complaints under
	// LANG=C.UTF-8) belongs to the window's log, not to the command line's
	// output: the window replays it, a command drops it.
	window := func(ws *workspace.Workspace, openErr error) error {
		earlylog.Release(os.Stderr)
		return app.Start(ws, openErr)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, window))
}
