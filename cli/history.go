package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"

	"redline/workspace"
)

func cmdFetchHistory(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("fetch-history")
	dbFlag := f.String("db", db, "database file")
	archive := f.String("archive", "", "web archive base URL; remembered as the database's setting")
	from := f.String("from", "", "only captures on or after this day (YYYY-MM-DD)")
	to := f.String("to", "", "only captures up to this day (YYYY-MM-DD)")
	delay := f.Duration("delay", 0, "pause between requests (default 1.5s)")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) != 1 {
		return usageError{"fetch-history needs exactly one web address"}
	}
	var opts workspace.HistoryOptions
	for _, d := range []struct {
		flag, value string
		dst         *time.Time
	}{{"--from", *from, &opts.From}, {"--to", *to, &opts.To}} {
		if d.value == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.value)
		if err != nil {
			return usageError{fmt.Sprintf("%s %q is not a day; give it as YYYY-MM-DD", d.flag, d.value)}
		}
		*d.dst = t
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && opts.To.Before(opts.From) {
		return usageError{"--to is before --from"}
	}
	if *delay < 0 {
		return usageError{"--delay cannot be negative"}
	}
	opts.Delay = *delay
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *archive != "" {
		if err := ws.SetArchiveBase(ctx, *archive); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	res, err := ws.FetchHistory(ctx, f.Args()[0], opts, func(p workspace.HistoryProgress) {
		fmt.Fprintf(w, "[%d/%d] %s  %s\n", p.Done, p.Total, p.At.Format("2006-01-02 15:04:05"), p.What)
		w.Flush()
	})
	if err != nil {
		return err
	}
	for _, fail := range res.Failed {
		fmt.Fprintf(w, "FAILED  %s\n", fail)
	}
	fmt.Fprintf(w, "%s lists %d captures of %s; %d are not successful page responses and were skipped.\n",
		res.Archive, res.Listed, res.URL, res.Skipped)
	fmt.Fprintf(w, "Fetched %d (%d requests): %d new versions, %d the same as the version before (%d of them known by their digest, not fetched), %d without article text; %d were stored before.\n",
		res.Fetched, res.Requests, res.NewVersions, res.SameVersions, res.Collapsed, res.NoText, res.Had)
	if res.Story != 0 {
		fmt.Fprintf(w, "The versions are story %d: see them with 'redline versions' or in the Versions tab.\n", res.Story)
	}
	switch {
	case res.Canceled:
		fmt.Fprintln(w, "Stopped: the captures fetched so far are stored; run the same command again to go on.")
		return errFailedSilently
	case len(res.Failed) > 0:
		fmt.Fprintln(w, "Some captures could not be fetched; run the same command again later to retry only those.")
		return errFailedSilently
	}
	return nil
}
