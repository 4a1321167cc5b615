package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"redline/annotate"
	"redline/charts"
)

// Charter gives the charts their data.
type Charter interface {
	ChartCodes(ctx context.Context) ([]charts.Code, error)
	StoryVersions(ctx context.Context, articleID int64) (string, []charts.Version, error)
}

// chartsView is the Charts tab: a chart of the coding, chosen from a list,
// saved as PNG or SVG.
type chartsView struct {
	data    Charter
	loop    loop
	dlg     *dialogs
	win     fyne.Window
	cb      func() *annotate.Codebook
	current func() int64

	kind    *widget.Select
	caption *widget.Label
	img     *canvas.Image
	chart   *charts.Chart
	seq     int
	onlyOf  func() string // a blind project: only this coder's codes
}

const chartStory = "This story's versions over time"

func newChartsView(data Charter, l loop, win fyne.Window, dlg *dialogs, cb func() *annotate.Codebook, current func() int64) *chartsView {
	v := &chartsView{data: data, loop: l, win: win, dlg: dlg, cb: cb, current: current}
	v.caption = widget.NewLabel("Choose a chart.")
	v.caption.Wrapping = fyne.TextWrapWord
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillContain
	v.kind = widget.NewSelect(nil, func(string) { v.draw() })
	return v
}

// kinds lists the charts the codebook in force allows.
func (v *chartsView) kinds() []string {
	var out []string
	for _, d := range v.cb().Dimensions {
		if !d.HasLevel(annotate.LevelDocument) || d.Choice == annotate.ChoiceText {
			continue
		}
		switch {
		case len(d.Targets) > 0:
			for _, t := range d.Targets {
				out = append(out, fmt.Sprintf("%s toward %s by outlet", d.Label, t))
			}
		case d.Choice == annotate.ChoiceMultiple:
			out = append(out, d.Label+" by outlet")
		}
	}
	return append(out, "Coded articles by publication day", chartStory)
}

func (v *chartsView) view() fyne.CanvasObject {
	png := widget.NewButton("Save PNG…", func() { v.save("png") })
	svg := widget.NewButton("Save SVG…", func() { v.save("svg") })
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(png, svg), v.kind), v.caption)
	return container.NewBorder(top, nil, nil, nil, v.img)
}

// refresh offers the charts of the codebook in force and redraws.
func (v *chartsView) refresh() {
	kinds := v.kinds()
	cur := v.kind.Selected
	v.kind.Options = kinds
	found := false
	for _, k := range kinds {
		found = found || k == cur
	}
	if !found {
		cur = kinds[0]
	}
	if v.kind.Selected == cur {
		v.draw()
	} else {
		v.kind.SetSelected(cur) // draws
	}
}

// build makes the chosen chart.
func (v *chartsView) build(ctx context.Context, kind string, cb *annotate.Codebook, article int64, only string) (*charts.Chart, error) {
	if kind == chartStory {
		if article == 0 {
			return nil, fmt.Errorf("open an article first: its story's versions are drawn")
		}
		title, vs, err := v.data.StoryVersions(ctx, article)
		if err != nil {
			return nil, err
		}
		return charts.StoryTimeline(title, vs)
	}
	codes, err := v.data.ChartCodes(ctx)
	if err != nil {
		return nil, err
	}
	if only != "" {
		mine := codes[:0]
		for _, c := range codes {
			if c.Annotator == only {
				mine = append(mine, c)
			}
		}
		codes = mine
	}
	if kind == "Coded articles by publication day" {
		return charts.CodedOverTime(codes)
	}
	for _, d := range cb.Dimensions {
		for _, t := range d.Targets {
			if kind == fmt.Sprintf("%s toward %s by outlet", d.Label, t) {
				return charts.StanceByOutlet(codes, cb, d.Key, t)
			}
		}
		if kind == d.Label+" by outlet" {
			return charts.FramesByOutlet(codes, cb, d.Key)
		}
	}
	return nil, fmt.Errorf("no chart %q", kind)
}

// draw makes and shows the chosen chart off the UI goroutine.
func (v *chartsView) draw() {
	kind, cb, article := v.kind.Selected, v.cb(), v.current()
	if kind == "" {
		return
	}
	only := ""
	if v.onlyOf != nil {
		only = v.onlyOf()
	}
	v.seq++
	seq := v.seq
	v.caption.SetText("Drawing…")
	v.loop.Go(func() func() {
		c, err := v.build(context.Background(), kind, cb, article, only)
		var img image.Image
		if err == nil {
			var data []byte
			if data, err = c.PNG(720, 420); err == nil {
				img, err = png.Decode(bytes.NewReader(data))
			}
		}
		return func() {
			if seq != v.seq {
				return
			}
			if err != nil {
				v.caption.SetText("Could not draw the chart: " + err.Error())
				v.chart, v.img.Image = nil, nil
				v.img.Refresh()
				return
			}
			v.chart = c
			v.caption.SetText(c.Title + ". Counts confirmed codes: made on the article, or carried and confirmed.")
			v.img.Image = img
			v.img.Refresh()
		}
	})
}

// save writes the chart shown as PNG or SVG.
func (v *chartsView) save(format string) {
	c := v.chart
	if c == nil {
		v.dlg.info("Save chart", "Choose a chart first.")
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			v.dlg.fail(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		v.loop.Go(func() func() {
			var data []byte
			var err error
			if format == "svg" {
				data, err = c.SVG(720, 420)
			} else {
				data, err = c.PNG(720, 420)
			}
			if err == nil {
				_, err = io.Copy(wc, bytes.NewReader(data))
			}
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			return func() {
				if err != nil {
					v.dlg.fail(fmt.Errorf("could not save the chart to %s: %w. Choose another place and try again", path, err))
					return
				}
				v.dlg.info("Chart saved", "Saved "+path)
			}
		})
	}, v.win)
	d.SetFileName("redline-chart." + format)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{"." + format}))
	d.Resize(fyne.NewSize(900, 640))
	v.dlg.show(d, nil)
}
