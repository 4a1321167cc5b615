package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"redline/storage"
)

// finalColumns is the header of the adjudicated dataset.
var finalColumns = []string{"article_id", "title", "outlet", "dimension", "target", "span_start_rune", "span_end_rune",
	"value", "status", "adjudicated", "settles", "coders", "codes"}

// cmdFinal writes the adjudicated dataset: one row per variable and unit,
// the settled value or the one the coders agree on.
func cmdFinal(ctx context.Context, db string, args []string, stdout io.Writer) error {
	f := newFlags("final")
	dbFlag := f.String("db", db, "database file")
	codersFlag := f.String("coders", "", "comma-separated coders whose codes count (default: everyone)")
	out := f.String("out", "-", "output file, or - for standard output")
	if err := f.Parse(args); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return usageError{"final takes no arguments; name the file with --out"}
	}
	var coders []string
	for _, c := range strings.Split(*codersFlag, ",") {
		if c = strings.TrimSpace(c); c != "" {
			coders = append(coders, c)
		}
	}
	ws, err := openWS(ctx, *dbFlag, false)
	if err != nil {
		return err
	}
	defer ws.Close()
	rows, err := ws.FinalDataset(ctx, coders)
	if err != nil {
		return err
	}
	arts, err := ws.Store.Articles(ctx, storage.Query{})
	if err != nil {
		return err
	}
	title, outlet := map[int64]string{}, map[int64]string{}
	for _, a := range arts {
		title[a.ID], outlet[a.ID] = a.Title, a.Outlet
	}
	write := func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(finalColumns); err != nil {
			return err
		}
		rec := make([]string, len(finalColumns))
		for _, r := range rows {
			rec[0] = strconv.FormatInt(r.Article, 10)
			rec[1], rec[2] = storage.SafeCell(title[r.Article]), storage.SafeCell(outlet[r.Article])
			rec[3], rec[4] = storage.SafeCell(r.Dimension), storage.SafeCell(r.Target)
			rec[5], rec[6] = "", ""
			if r.End > 0 {
				rec[5], rec[6] = strconv.Itoa(r.Start), strconv.Itoa(r.End)
			}
			rec[7], rec[8] = storage.SafeCell(r.Value), r.Status
			rec[9] = "0"
			if r.Status == "adjudicated" {
				rec[9] = "1"
			}
			rec[10] = storage.SafeCell(strings.Join(r.Settles, " "))
			rec[11] = strconv.Itoa(len(r.Codes))
			var codes []string
			for _, c := range r.Codes {
				codes = append(codes, c.Coder+"="+c.Value)
			}
			rec[12] = storage.SafeCell(strings.Join(codes, "; "))
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	if *out == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	// never renames over or deletes a path Redline did not create
	return writeTarget(*out, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
