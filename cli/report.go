package cli

import (
	"bytes"
	"context"
	"io"
	"time"

	"redline/agree"
	"redline/workspace"
)

// cmdReport writes the HTML report.
func cmdReport(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("report")
	dbFlag := f.String("db", db, "database file")
	out := f.String("out", "-", "HTML file to write, - for standard output")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"report takes no arguments (write the file with --out FILE)"}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	var buf bytes.Buffer
	if err := ws.WriteReport(ctx, &buf, workspace.ReportOptions{Now: time.Now(), Stats: agree.DefaultOptions}); err != nil {
		return err
	}
	if *out == "-" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return writeTarget(*out, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}
