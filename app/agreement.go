package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"redline/agree"
	"redline/annotate"
	"redline/charts"
	"redline/workspace"
)

// Agreer works out the team's agreement and settles disagreements.
type Agreer interface {
	Agreement(ctx context.Context, q workspace.AgreementQuery) (*agree.Report, error)
	Adjudicate(ctx context.Context, lead string, settled []string, value, note string, now time.Time) (annotate.Annotation, error)
}

// agreementView is the Agreement tab: α per variable with its interval and
// a reading in plain words, a chart of α, and for the chosen variable the
// units where the coders differ, each coder's value and note side by
// side, where the lead settles the final value.
type agreementView struct {
	work      Agreer
	loop      loop
	cb        func() *annotate.Codebook
	annotator func() string

	report  *agree.Report
	vars    []agree.Variable
	chosen  int
	diffs   []agree.Difference
	seq     int
	status  *widget.Label
	chart   *canvas.Image
	varList *widget.List
	diffBox *fyne.Container
	diffHdr *widget.Label

	onOpen    func(articleID int64, start, end int)
	onSettled func(articleID int64)
	blindTo   func() string // a blind project: agreement is the lead's
}

func newAgreementView(work Agreer, l loop, cb func() *annotate.Codebook, annotator func() string) *agreementView {
	v := &agreementView{work: work, loop: l, cb: cb, annotator: annotator, chosen: -1}
	v.status = widget.NewLabel("Compares the coders' own codes, each story once. Press Compute.")
	v.status.Wrapping = fyne.TextWrapWord
	v.chart = canvas.NewImageFromImage(nil)
	v.chart.FillMode = canvas.ImageFillContain
	v.chart.SetMinSize(fyne.NewSize(200, 160))
	v.varList = widget.NewList(func() int { return len(v.vars) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("variable")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.vars) {
				o.(*widget.Label).SetText(variableLine(v.vars[i]))
			}
		})
	v.varList.OnSelected = func(i widget.ListItemID) { v.choose(i) }
	v.diffHdr = widget.NewLabel("Choose a variable to see where the coders differ.")
	v.diffHdr.Wrapping = fyne.TextWrapWord
	v.diffBox = container.NewVBox()
	return v
}

func (v *agreementView) view() fyne.CanvasObject {
	compute := widget.NewButton("Compute agreement", v.compute)
	top := container.NewBorder(nil, nil, nil, compute, v.status)
	left := container.NewBorder(v.chart, nil, nil, nil, v.varList)
	right := container.NewBorder(v.diffHdr, nil, nil, nil, container.NewVScroll(v.diffBox))
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	return container.NewBorder(top, nil, nil, nil, split)
}

// variableLine is one variable in words: α, interval, reading, counts.
func variableLine(x agree.Variable) string {
	name := x.Dimension
	if x.Target != "" {
		name += " · " + x.Target
	}
	if !x.Defined {
		return fmt.Sprintf("%s — no α: %s", name, x.Reason)
	}
	ci := ""
	if x.Bootstrapped {
		ci = fmt.Sprintf(" [%.3f, %.3f]", x.CILow, x.CIHigh)
	}
	return fmt.Sprintf("%s — α %.3f%s, %s · %d units, %d coders, %.0f%% agree", name, x.Alpha, ci, agree.Reading(x.Result), x.Units, x.Coders, 100*x.PercentAgreement)
}

// compute works out the agreement off the UI goroutine.
func (v *agreementView) compute() {
	if v.blindTo != nil && v.blindTo() != "" {
		v.status.SetText("This project is blind: only its lead sees the agreement and the other coders' codes. The lead lifts it with 'redline project --blind off'.")
		return
	}
	v.seq++
	seq := v.seq
	v.status.SetText("Computing agreement (1,000 bootstrap samples per variable)…")
	v.loop.Go(func() func() {
		rep, err := v.work.Agreement(context.Background(), workspace.AgreementQuery{Stats: agree.DefaultOptions})
		var img image.Image
		if err == nil {
			img = alphaImage(rep)
		}
		return func() {
			if seq != v.seq {
				return
			}
			if err != nil {
				v.status.SetText("Could not compute the agreement: " + err.Error() + ". Try again; nothing was changed.")
				return
			}
			v.report, v.vars = rep, rep.Variables
			v.chart.Image = img
			v.chart.Refresh()
			text := fmt.Sprintf("%s by %s on %s. α of .800 or more is reliable, .667 or more tentative, below that not reliable.",
				plural(len(rep.Variables), "variable"), plural(len(rep.Coders), "coder"), plural(rep.Articles, "article"))
			if len(rep.Notes) > 0 {
				text += " " + strings.Join(rep.Notes, "; ") + "."
			}
			v.status.SetText(text)
			v.varList.Refresh()
			if v.chosen >= 0 && v.chosen < len(v.vars) {
				v.choose(v.chosen)
			}
		}
	})
}

func alphaImage(rep *agree.Report) image.Image {
	var pts []charts.Alpha
	for _, x := range rep.Variables {
		label := x.Dimension
		if x.Target != "" {
			label = x.Target
		}
		pts = append(pts, charts.Alpha{Label: label, Alpha: x.Alpha, Low: x.CILow, High: x.CIHigh, Defined: x.Defined, Ival: x.Bootstrapped})
	}
	c, err := charts.AlphaChart(pts)
	if err != nil {
		return nil
	}
	data, err := c.PNG(480, 220)
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}

// choose shows the units where the coders differ on variable i.
func (v *agreementView) choose(i int) {
	if v.report == nil || i < 0 || i >= len(v.vars) {
		return
	}
	v.chosen = i
	x := v.vars[i]
	v.diffs = v.report.Differences(x.Dimension, x.Target)
	v.diffBox.RemoveAll()
	name := x.Dimension
	if x.Target != "" {
		name += " · " + x.Target
	}
	if len(v.diffs) == 0 {
		v.diffHdr.SetText(name + ": the coders agree on every unit they share.")
	} else {
		v.diffHdr.SetText(fmt.Sprintf("%s: %s where the coders differ. Choose the final value and press Settle; Ctrl+Z undoes it.", name, plural(len(v.diffs), "unit")))
	}
	for k := range v.diffs {
		v.diffBox.Add(v.diffRow(x, v.diffs[k]))
	}
	v.diffBox.Refresh()
}

// diffRow is one unit: each coder's value and note, the final value, and
// buttons to settle it or open the article.
func (v *agreementView) diffRow(x agree.Variable, d agree.Difference) fyne.CanvasObject {
	var lines []string
	var ids []string
	for _, c := range d.Codes {
		line := c.Coder + ": " + c.Value
		if c.Note != "" {
			line += " — " + c.Note
		}
		lines = append(lines, line)
		if c.AnnotationID != "" {
			ids = append(ids, c.AnnotationID)
		}
	}
	where := fmt.Sprintf("Article %d", d.Article)
	if d.End > 0 {
		where += fmt.Sprintf(", characters %d–%d", d.Start, d.End)
	}
	head := widget.NewLabel(where)
	head.TextStyle = fyne.TextStyle{Bold: true}
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = fyne.TextWrapWord
	var options []string
	dim := v.cb().Dimension(x.Dimension)
	if dim != nil && dim.Choice == annotate.ChoiceMultiple {
		options = []string{agree.Present, agree.Absent}
	} else if dim != nil {
		for _, val := range dim.Values {
			options = append(options, val.Key)
		}
	}
	final := widget.NewSelect(options, nil)
	final.PlaceHolder = "final value"
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	settle := widget.NewButton("Settle", func() {
		if final.Selected == "" {
			result.SetText("Choose the final value first.")
			return
		}
		v.settle(d, ids, final.Selected, result)
	})
	open := widget.NewButton("Open", func() {
		if v.onOpen != nil {
			start, end := -1, -1
			if d.End > 0 {
				start, end = d.Start, d.End
			}
			v.onOpen(d.Article, start, end)
		}
	})
	return container.NewVBox(head, body, container.NewHBox(final, settle, open), result, widget.NewSeparator())
}

// settle stores the lead's final value for a unit, off the UI goroutine.
func (v *agreementView) settle(d agree.Difference, ids []string, value string, result *widget.Label) {
	lead := v.annotator()
	if lead == "" {
		result.SetText("Not settled: tell Redline your name first (File ▸ Change analyst name).")
		return
	}
	if len(ids) == 0 {
		result.SetText("Not settled: no stored code behind these values.")
		return
	}
	result.SetText("Saving…")
	v.loop.Go(func() func() {
		_, err := v.work.Adjudicate(context.Background(), lead, ids, value, "", time.Now().UTC())
		return func() {
			if err != nil {
				result.SetText("Not settled: " + err.Error() + ". Nothing was stored; try again.")
				return
			}
			result.SetText(fmt.Sprintf("✓ Settled as %s by %s (Ctrl+Z undoes it).", value, lead))
			if v.onSettled != nil {
				v.onSettled(d.Article)
			}
		}
	})
}
