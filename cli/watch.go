package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"redline/workspace"
)

func cmdWatch(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("watch")
	dbFlag := f.String("db", db, "database file")
	interval := f.Duration("interval", 0, "check again after this long, until interrupted (e.g. 30m)")
	once := f.Bool("once", false, "check once and stop (the default without --interval)")
	hostDelay := f.Duration("host-delay", 0, "least pause between two requests to one site (default 5s)")
	if err := f.Parse(args); err != nil {
		return err
	}
	rest := f.Args()
	if *interval < 0 || *hostDelay < 0 {
		return usageError{"--interval and --host-delay cannot be negative"}
	}
	if *once && *interval > 0 {
		return usageError{"--once and --interval exclude each other"}
	}
	if *interval > 0 && *interval < time.Minute {
		return usageError{"--interval must be at least 1m: checking a site more often is not polite"}
	}
	if len(rest) > 0 {
		switch rest[0] {
		case "add", "remove":
			if len(rest) != 2 {
				return usageError{fmt.Sprintf("watch %s needs exactly one web address", rest[0])}
			}
		case "list":
			if len(rest) != 1 {
				return usageError{"watch list takes no arguments"}
			}
		default:
			return usageError{fmt.Sprintf("unknown watch command %q: use add, list or remove, or no command to check", rest[0])}
		}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if len(rest) > 0 {
		switch rest[0] {
		case "add":
			added, err := ws.AddWatch(ctx, rest[1])
			if err != nil {
				return err
			}
			if added {
				fmt.Fprintf(w, "Watching %s; 'redline watch' checks it.\n", rest[1])
			} else {
				fmt.Fprintf(w, "%s was already watched.\n", rest[1])
			}
		case "remove":
			removed, err := ws.RemoveWatch(ctx, rest[1])
			if err != nil {
				return err
			}
			if !removed {
				return fmt.Errorf("%s is not on the watch list; 'redline watch list' shows it", rest[1])
			}
			fmt.Fprintf(w, "No longer watching %s; its stored versions stay.\n", rest[1])
		case "list":
			list, err := ws.Watches(ctx)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				fmt.Fprintln(w, "Nothing is watched; add a page or feed with 'redline watch add URL'.")
				return nil
			}
			tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KIND\tLAST CHECKED\tURL")
			for _, x := range list {
				checked := "never"
				if !x.CheckedAt.IsZero() {
					checked = x.CheckedAt.Local().Format("2006-01-02 15:04")
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", x.Kind, checked, x.URL)
			}
			return tw.Flush()
		}
		return nil
	}
	opts := workspace.WatchOptions{HostDelay: *hostDelay}
	for {
		rep, err := ws.CheckWatches(ctx, opts, func(c workspace.WatchCheck) {
			line := fmt.Sprintf("%-16s %s", c.Outcome, c.URL)
			if c.Detail != "" {
				line += " (" + c.Detail + ")"
			}
			if c.Versions > 0 && c.Story != 0 {
				line += fmt.Sprintf(" → story %d", c.Story)
			}
			fmt.Fprintln(w, line)
			w.Flush()
		})
		if err != nil {
			return err
		}
		if len(rep.Checks) == 0 && !rep.Canceled {
			fmt.Fprintln(w, "Nothing is watched; add a page or feed with 'redline watch add URL'.")
			return nil
		}
		fmt.Fprintf(w, "Checked %d pages and feeds at %s: %d new versions, %d requests.\n",
			len(rep.Checks), time.Now().Format("15:04"), rep.NewVersions, rep.Requests)
		w.Flush()
		if rep.Canceled {
			fmt.Fprintln(w, "Stopped.")
			return nil
		}
		if *interval == 0 {
			return nil
		}
		fmt.Fprintf(w, "Next check in %s; press Ctrl+C to stop.\n", *interval)
		w.Flush()
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*interval):
		}
	}
}
