package workspace

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"time"

	"redline/agree"
	"redline/charts"
)

// ReportOptions choose what the report computes.
type ReportOptions struct {
	Now   time.Time
	Stats agree.Options // bootstrap for the reliability table
}

// WriteReport writes one self-contained HTML file (inline SVG, no network)
// with the corpus summary, the charts, each coder's progress and the
// reliability table, for sharing with a supervisor or a co-author. Every
// figure is computed from the database as it is now.
func (ws *Workspace) WriteReport(ctx context.Context, w io.Writer, opt ReportOptions) error {
	prog, err := ws.Store.Progress(ctx)
	if err != nil {
		return err
	}
	fams, err := ws.Store.Families(ctx, 2)
	if err != nil {
		return err
	}
	codes, err := ws.ChartCodes(ctx)
	if err != nil {
		return err
	}
	var cs []*charts.Chart
	cb := ws.Codebook
	for _, d := range cb.Dimensions {
		for _, t := range d.Targets {
			if c, err := charts.StanceByOutlet(codes, cb, d.Key, t); err == nil {
				cs = append(cs, c)
			}
		}
		if len(d.Targets) == 0 && d.Choice == "multiple" {
			if c, err := charts.FramesByOutlet(codes, cb, d.Key); err == nil {
				cs = append(cs, c)
			}
		}
	}
	if c, err := charts.CodedOverTime(codes); err == nil {
		cs = append(cs, c)
	}
	rep, err := ws.Agreement(ctx, AgreementQuery{Stats: opt.Stats})
	if err != nil {
		return err
	}
	var alphas []charts.Alpha
	type row struct {
		Variable, Level, Alpha, CI, Reading string
		Units, Coders, Pairable             int
		Agree                               string
	}
	var rows []row
	for _, v := range rep.Variables {
		name := v.Dimension
		if v.Target != "" {
			name += " · " + v.Target
		}
		r := row{Variable: name, Level: string(v.Level), Units: v.Units, Coders: v.Coders, Pairable: v.Pairable, Reading: agree.Reading(v.Result)}
		if v.Defined {
			r.Alpha = fmt.Sprintf("%.3f", v.Alpha)
		} else {
			r.Alpha, r.Reading = "—", v.Reason
		}
		if v.Bootstrapped {
			r.CI = fmt.Sprintf("%.3f – %.3f", v.CILow, v.CIHigh)
		}
		if !math.IsNaN(v.PercentAgreement) {
			r.Agree = fmt.Sprintf("%.0f%%", 100*v.PercentAgreement)
		}
		rows = append(rows, r)
		label := v.Dimension
		if v.Target != "" {
			label = v.Target
		}
		alphas = append(alphas, charts.Alpha{Label: label, Alpha: v.Alpha, Low: v.CILow, High: v.CIHigh, Defined: v.Defined, Ival: v.Bootstrapped})
	}
	if c, err := charts.AlphaChart(alphas); err == nil && len(rep.Variables) > 0 {
		cs = append(cs, c)
	}
	type figure struct {
		Title string
		SVG   template.HTML
	}
	var figs []figure
	for _, c := range cs {
		svg, err := c.SVG(640, 360)
		if err != nil {
			return err
		}
		figs = append(figs, figure{Title: c.Title, SVG: template.HTML(svg)}) // drawn by gonum/plot from escaped labels
	}
	type coder struct {
		Name    string
		Coded   int
		Percent string
	}
	var coders []coder
	for name, n := range prog.Coded {
		pc := ""
		if prog.Articles > 0 {
			pc = fmt.Sprintf("%.0f%%", 100*float64(n)/float64(prog.Articles))
		}
		coders = append(coders, coder{name, n, pc})
	}
	sort.Slice(coders, func(i, j int) bool { return coders[i].Name < coders[j].Name })
	data := map[string]any{
		"Now": opt.Now.UTC().Format("2 January 2006, 15:04 UTC"), "Articles": prog.Articles, "Anyone": prog.Anyone,
		"Stories": len(fams), "Codebook": fmt.Sprintf("%s, version %d", cb.Name, cb.Version),
		"Coders": coders, "Figures": figs, "Rows": rows, "Notes": rep.Notes, "CodesCounted": len(codes),
	}
	return reportPage.Execute(w, data)
}

var reportPage = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Redline report</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
th{background:#f3f3f3}figure{margin:1.5rem 0}figcaption{font-size:.9rem;color:#555}svg{max-width:100%;height:auto}
</style></head><body>
<h1>Redline report</h1>
<p>Made {{.Now}} from the database as it stood then. Codebook: {{.Codebook}}.</p>
<h2 id="corpus">Corpus</h2>
<table><tr><th>Articles</th><td>{{.Articles}}</td></tr>
<tr><th>Stories with two or more versions</th><td>{{.Stories}}</td></tr>
<tr><th>Articles coded by at least one coder</th><td>{{.Anyone}}</td></tr></table>
<p>An article is coded by an analyst when it carries at least one of their confirmed codes (codes carried from another version count once confirmed).</p>
<h2 id="progress">Progress per coder</h2>
{{if .Coders}}<table><tr><th>Coder</th><th>Articles coded</th><th>Share of the corpus</th></tr>
{{range .Coders}}<tr><td>{{.Name}}</td><td>{{.Coded}}</td><td>{{.Percent}}</td></tr>
{{end}}</table>{{else}}<p>Nothing is coded yet.</p>{{end}}
<h2 id="reliability">Intercoder reliability</h2>
{{if .Rows}}<table><tr><th>Variable</th><th>Level</th><th>Krippendorff's α</th><th>95% interval</th><th>Reading</th><th>Units</th><th>Coders</th><th>Pairable values</th><th>Agreement</th></tr>
{{range .Rows}}<tr><td>{{.Variable}}</td><td>{{.Level}}</td><td>{{.Alpha}}</td><td>{{.CI}}</td><td>{{.Reading}}</td><td>{{.Units}}</td><td>{{.Coders}}</td><td>{{.Pairable}}</td><td>{{.Agree}}</td></tr>
{{end}}</table>
<p>α of .800 or more is reliable, .667 or more allows tentative conclusions, below that the variable is not reliable. Each story counts once; only codes the coders made themselves enter.</p>
{{else}}<p>No variable was coded by two coders yet.</p>{{end}}
{{range .Notes}}<p>Note: {{.}}</p>{{end}}
<h2 id="charts">Charts</h2>
<p>The charts count {{.CodesCounted}} confirmed codes on whole articles.</p>
{{range .Figures}}<figure>{{.SVG}}<figcaption>{{.Title}}</figcaption></figure>
{{end}}
</body></html>
`))
