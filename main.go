// Command redline is a desktop workbench for coding news articles and the
// versions of a story. See README.md.
package main

import (
	"os"

	"redline/app"
	"redline/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, app.Start))
}
