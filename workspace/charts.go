package workspace

import (
	"context"
	"time"

	"strconv"

	"redline/charts"
	"redline/diff"
)

// ChartCodes reads the codes the charts count: confirmed document codes
// (made on the article, or carried and confirmed), as the one definition
// of coded counts them.
func (ws *Workspace) ChartCodes(ctx context.Context) ([]charts.Code, error) {
	rows, err := ws.Store.Codes(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]charts.Code, 0, len(rows))
	for _, r := range rows {
		if r.Start >= 0 || (r.CarryStatus != "" && r.CarryStatus != "confirmed") {
			continue
		}
		var pub time.Time
		if r.Published != "" {
			pub, _ = time.Parse(time.RFC3339, r.Published)
		}
		out = append(out, charts.Code{ArticleID: r.ArticleID, Outlet: r.Outlet, Published: pub,
			Annotator: r.Annotator, Dimension: r.Dimension, Target: r.Target, Value: r.Value})
	}
	return out, nil
}

// StoryVersions gives the versions of the article's story with the number
// of words changed from the version before, for the timeline chart.
func (ws *Workspace) StoryVersions(ctx context.Context, articleID int64) (string, []charts.Version, error) {
	fam, err := ws.Store.FamilyOf(ctx, articleID)
	if err != nil {
		return "", nil, err
	}
	var out []charts.Version
	prev := ""
	title := ""
	for i, v := range fam.Versions {
		a, err := ws.Store.Article(ctx, v.ID)
		if err != nil {
			return "", nil, err
		}
		if i == 0 {
			title = a.Title
		}
		changed := 0
		if i > 0 {
			changed = changedWords(prev, a.Text)
		}
		t := v.PublishedAt
		if t.IsZero() {
			t = v.RetrievedAt
		}
		out = append(out, charts.Version{Label: "v" + strconv.Itoa(i+1), Time: t, Changed: changed})
		prev = a.Text
	}
	return title, out, nil
}

// changedWords counts the words deleted and inserted between two versions,
// as the Versions tab's summary counts them.
func changedWords(a, b string) int {
	return diff.Compare(a, b, diff.Options{}).Summary.WordsChanged
}
