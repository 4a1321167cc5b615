package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
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
	return writeFileInPlace(*out, buf.Bytes())
}

// writeFileInPlace writes data to path without renaming over it: a new
// file gets 0666 less the umask, an existing file (or a device, a FIFO)
// is written where it is.
func writeFileInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
