// Package charts draws what the coding says: stance toward a target by
// outlet, frames by outlet, coded articles over time, and a story's
// versions on a timeline. It uses gonum/plot and knows nothing of Fyne or
// SQL: the window shows the PNG, `redline report` inlines the SVG. Every
// chart says in its title what it counts and from how many articles.
package charts

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"redline/annotate"
)

// Code is one confirmed code as the charts count it.
type Code struct {
	ArticleID int64
	Outlet    string
	Published time.Time
	Annotator string
	Dimension string
	Target    string
	Value     string
}

// Chart is a drawn chart and what it counts.
type Chart struct {
	Title    string
	Articles int // articles counted
	plot     *plot.Plot
	wide     bool
}

// PNG renders the chart as a PNG image of w × h points (96 dpi pixels = points × 4/3).
func (c *Chart) PNG(w, h float64) ([]byte, error) { return c.render(w, h, "png") }

// SVG renders the chart as SVG.
func (c *Chart) SVG(w, h float64) ([]byte, error) { return c.render(w, h, "svg") }

func (c *Chart) render(w, h float64, format string) ([]byte, error) {
	wt, err := c.plot.WriterTo(vg.Length(w), vg.Length(h), format)
	if err != nil {
		return nil, fmt.Errorf("draw %q: %w", c.Title, err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("draw %q: %w", c.Title, err)
	}
	return buf.Bytes(), nil
}

func outletName(s string) string {
	if s == "" {
		return "(no outlet)"
	}
	return s
}

// valueColor is a value's codebook colour, else one of a fixed palette.
func valueColor(v *annotate.Value, i int) color.Color {
	if v != nil && len(v.Color) == 7 && v.Color[0] == '#' {
		var r, g, b uint8
		if _, err := fmt.Sscanf(v.Color, "#%02x%02x%02x", &r, &g, &b); err == nil {
			return color.NRGBA{R: r, G: g, B: b, A: 255}
		}
	}
	palette := []color.NRGBA{{0x1f, 0x77, 0xb4, 255}, {0xff, 0x7f, 0x0e, 255}, {0x2c, 0xa0, 0x2c, 255}, {0xd6, 0x27, 0x28, 255},
		{0x94, 0x67, 0xbd, 255}, {0x8c, 0x56, 0x4b, 255}, {0xe3, 0x77, 0xc2, 255}, {0x7f, 0x7f, 0x7f, 255},
		{0xbc, 0xbd, 0x22, 255}, {0x17, 0xbe, 0xcf, 255}}
	return palette[i%len(palette)]
}

// countBy counts codes of one dimension (and target) per outlet and value:
// each coder's code on an article counts once.
func countBy(codes []Code, dim, target string) (outlets []string, counts map[string]map[string]float64, articles int) {
	counts = map[string]map[string]float64{}
	seen := map[string]bool{}
	arts := map[int64]bool{}
	for _, c := range codes {
		if c.Dimension != dim || (target != "" && c.Target != target) || c.Value == "" {
			continue
		}
		k := fmt.Sprintf("%d\x00%s\x00%s", c.ArticleID, c.Annotator, c.Value)
		if seen[k] {
			continue
		}
		seen[k] = true
		arts[c.ArticleID] = true
		o := outletName(c.Outlet)
		if counts[o] == nil {
			counts[o] = map[string]float64{}
			outlets = append(outlets, o)
		}
		counts[o][c.Value]++
	}
	sort.Strings(outlets)
	return outlets, counts, len(arts)
}

// stacked draws one stacked bar per outlet, a layer per value, in codebook
// order.
func stacked(title, ylabel string, d *annotate.Dimension, outlets []string, counts map[string]map[string]float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	if len(outlets) > 0 {
		p.NominalX(shortNames(outlets)...)
		rotateIfCrowded(p, len(outlets))
	}
	w := vg.Points(min(60, max(12, 240/float64(max(len(outlets), 1)))))
	var below *plotter.BarChart
	for i, v := range d.Values {
		vals := make(plotter.Values, len(outlets))
		has := false
		for j, o := range outlets {
			vals[j] = counts[o][v.Key]
			has = has || vals[j] > 0
		}
		if !has {
			continue
		}
		bars, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		bars.Color = valueColor(&d.Values[i], i)
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(v.Label, bars)
	}
	if below == nil {
		p.Title.Text += " — nothing coded yet"
	} else {
		// room above the tallest bar for the legend
		top := 0.0
		for _, o := range outlets {
			sum := 0.0
			for _, v := range counts[o] {
				sum += v
			}
			top = max(top, sum)
		}
		p.Y.Min, p.Y.Max = 0, top*1.35
	}
	return p, nil
}

// rotateIfCrowded turns the category labels when there are too many to
// stand side by side.
func rotateIfCrowded(p *plot.Plot, n int) {
	if n <= 6 {
		return
	}
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
}

func shortNames(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		if r := []rune(s); len(r) > 18 {
			s = string(r[:17]) + "…"
		}
		out[i] = s
	}
	return out
}

// StanceByOutlet counts the stance toward target by outlet.
func StanceByOutlet(codes []Code, cb *annotate.Codebook, dim, target string) (*Chart, error) {
	d := cb.Dimension(dim)
	if d == nil {
		return nil, fmt.Errorf("the codebook has no dimension %q", dim)
	}
	outlets, counts, n := countBy(codes, dim, target)
	title := fmt.Sprintf("%s toward %s by outlet: codes on %s", d.Label, target, count(n, "article"))
	p, err := stacked(title, "codes (one per coder and article)", d, outlets, counts)
	if err != nil {
		return nil, err
	}
	return &Chart{Title: p.Title.Text, Articles: n, plot: p}, nil
}

// FramesByOutlet counts each frame ticked, by outlet.
func FramesByOutlet(codes []Code, cb *annotate.Codebook, dim string) (*Chart, error) {
	d := cb.Dimension(dim)
	if d == nil {
		return nil, fmt.Errorf("the codebook has no dimension %q", dim)
	}
	outlets, counts, n := countBy(codes, dim, "")
	title := fmt.Sprintf("%s by outlet: frames ticked on %s", d.Label, count(n, "article"))
	p, err := stacked(title, "frames ticked (one per coder and article)", d, outlets, counts)
	if err != nil {
		return nil, err
	}
	return &Chart{Title: p.Title.Text, Articles: n, plot: p, wide: true}, nil
}

// CodedOverTime counts coded articles per publication day (articles without
// a date are left out and counted in the title).
func CodedOverTime(codes []Code) (*Chart, error) {
	days := map[string]map[int64]bool{}
	undated := map[int64]bool{}
	for _, c := range codes {
		if c.Published.IsZero() {
			undated[c.ArticleID] = true
			continue
		}
		d := c.Published.UTC().Format("2006-01-02")
		if days[d] == nil {
			days[d] = map[int64]bool{}
		}
		days[d][c.ArticleID] = true
	}
	var keys []string
	total := 0
	for k, v := range days {
		keys = append(keys, k)
		total += len(v)
	}
	sort.Strings(keys)
	title := fmt.Sprintf("Coded articles by publication day: %s", count(total, "article"))
	if len(undated) > 0 {
		title += fmt.Sprintf(" (%d without a date left out)", len(undated))
	}
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = "coded articles"
	vals := make(plotter.Values, len(keys))
	labels := make([]string, len(keys))
	for i, k := range keys {
		vals[i] = float64(len(days[k]))
		labels[i] = k[5:] // MM-DD
	}
	if len(keys) > 0 {
		bars, err := plotter.NewBarChart(vals, vg.Points(min(40, max(6, 300/float64(len(keys))))))
		if err != nil {
			return nil, err
		}
		bars.Color = valueColor(nil, 0)
		bars.LineStyle.Width = 0
		p.Add(bars)
		p.NominalX(labels...)
		rotateIfCrowded(p, len(labels))
	} else {
		p.Title.Text += " — nothing coded yet"
	}
	return &Chart{Title: p.Title.Text, Articles: total, plot: p}, nil
}

// Version is one version of a story on its timeline.
type Version struct {
	Label   string
	Time    time.Time
	Changed int // words added, deleted or changed since the version before
}

// StoryTimeline draws a story's versions at their times, each with the
// size of its change from the one before.
func StoryTimeline(story string, vs []Version) (*Chart, error) {
	title := fmt.Sprintf("Versions of “%s”: %s, words changed from the version before", story, count(len(vs), "version"))
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = "words changed"
	p.X.Label.Text = "published (UTC)"
	pts := plotter.XYs{}
	var labels []string
	for _, v := range vs {
		if v.Time.IsZero() {
			continue
		}
		pts = append(pts, plotter.XY{X: float64(v.Time.Unix()), Y: float64(v.Changed)})
		labels = append(labels, v.Label)
	}
	if len(pts) > 0 {
		l, s, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, err
		}
		l.Color = valueColor(nil, 0)
		s.Color = valueColor(nil, 3)
		s.Radius = vg.Points(4)
		p.Add(l, s)
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
		if err == nil {
			p.Add(lab)
		}
		p.X.Tick.Marker = plot.TimeTicks{Format: "02 Jan 15:04"}
	} else {
		p.Title.Text += " — no version has a time"
	}
	return &Chart{Title: p.Title.Text, Articles: len(vs), plot: p}, nil
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Describe is a chart's caption for the report.
func (c *Chart) Describe() string { return strings.TrimSpace(c.Title) }

// Alpha is one variable's Krippendorff's α with its interval.
type Alpha struct {
	Label         string
	Alpha         float64
	Low, High     float64
	Defined, Ival bool // Ival: Low and High are set
}

// AlphaChart draws α per variable with its 95% interval and the lines at
// .667 (tentative) and .800 (reliable); a variable without α is left out
// and counted in the title.
func AlphaChart(vars []Alpha) (*Chart, error) {
	var shown []Alpha
	for _, v := range vars {
		if v.Defined {
			shown = append(shown, v)
		}
	}
	title := fmt.Sprintf("Krippendorff's α per variable, with 95%% bootstrap intervals: %s", count(len(shown), "variable"))
	if left := len(vars) - len(shown); left > 0 {
		title += fmt.Sprintf(" (%d without α left out)", left)
	}
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = "α"
	p.Y.Min, p.Y.Max = -0.2, 1
	vals := make(plotter.Values, len(shown))
	names := make([]string, len(shown))
	for i, v := range shown {
		vals[i] = v.Alpha
		names[i] = v.Label
	}
	if len(shown) > 0 {
		bars, err := plotter.NewBarChart(vals, vg.Points(min(50, max(8, 320/float64(len(shown))))))
		if err != nil {
			return nil, err
		}
		bars.Color = valueColor(nil, 0)
		bars.LineStyle.Width = 0
		p.Add(bars)
		var errs plotter.YErrors
		var pts plotter.XYs
		for i, v := range shown {
			if !v.Ival {
				continue
			}
			pts = append(pts, plotter.XY{X: float64(i), Y: v.Alpha})
			errs = append(errs, struct{ Low, High float64 }{v.Alpha - v.Low, v.High - v.Alpha})
		}
		if len(pts) > 0 {
			eb, err := plotter.NewYErrorBars(struct {
				plotter.XYs
				plotter.YErrors
			}{pts, errs})
			if err == nil {
				p.Add(eb)
			}
		}
		p.NominalX(shortNames(names)...)
		rotateIfCrowded(p, len(names))
		for _, ref := range []float64{0.667, 0.8} {
			l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: ref}, {X: float64(len(shown)) - 0.5, Y: ref}})
			if err == nil {
				l.Color = valueColor(nil, 3)
				l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
				p.Add(l)
			}
		}
	} else {
		p.Title.Text += " — compute agreement once two coders have coded the same articles"
	}
	return &Chart{Title: p.Title.Text, Articles: len(shown), plot: p}, nil
}
