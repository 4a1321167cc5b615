package charts

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"redline/annotate"
	"redline/assets"
)

func day(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }

func sample() []Code {
	return []Code{
		{1, "Caldera Courier", day(9), "ana", "stance", "Russia", "unfavourable"},
		{1, "Caldera Courier", day(9), "bea", "stance", "Russia", "unfavourable"},
		{2, "Caldera Courier", day(10), "ana", "stance", "Russia", "neutral"},
		{3, "Bellmar Times", day(10), "ana", "stance", "Russia", "favourable"},
		{3, "Bellmar Times", day(10), "ana", "stance", "Ukraine", "favourable"},
		{3, "Bellmar Times", day(10), "ana", "frames", "", "economic"},
		{3, "Bellmar Times", day(10), "ana", "frames", "", "political"},
		{4, "", time.Time{}, "ana", "frames", "", "economic"},
	}
}

// TestChartsCountWhatTheySay: each title's count is the number of articles
// the chart counts, and the drawing carries the title and the legend.
func TestChartsCountWhatTheySay(t *testing.T) {
	cb, err := annotate.ParseCodebook(assets.DefaultCodebook)
	if err != nil {
		t.Fatal(err)
	}
	st, err := StanceByOutlet(sample(), cb, "stance", "Russia")
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || !strings.Contains(st.Title, "toward Russia by outlet: codes on 3 articles") {
		t.Errorf("stance chart %q counts %d", st.Title, st.Articles)
	}
	fr, err := FramesByOutlet(sample(), cb, "frames")
	if err != nil {
		t.Fatal(err)
	}
	if fr.Articles != 2 {
		t.Errorf("frames chart counts %d articles, want 2", fr.Articles)
	}
	ot, err := CodedOverTime(sample())
	if err != nil {
		t.Fatal(err)
	}
	if ot.Articles != 3 || !strings.Contains(ot.Title, "1 without a date left out") {
		t.Errorf("over time %q counts %d", ot.Title, ot.Articles)
	}
	svg, err := st.SVG(480, 320)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<svg", "Unfavourable", "Caldera Courier"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	img, err := fr.PNG(480, 320)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(bytes.NewReader(img)); err != nil {
		t.Errorf("PNG does not decode: %v", err)
	}
	tl, err := StoryTimeline("Truce", []Version{{"v1", day(9), 0}, {"v2", day(10), 42}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tl.SVG(480, 240); err != nil {
		t.Error(err)
	}
	// nothing coded: a chart that says so, not a crash
	for _, c := range [][]Code{nil, sample()[:0]} {
		empty, err := StanceByOutlet(c, cb, "stance", "Ukraine")
		if err != nil || !strings.Contains(empty.Title, "nothing coded yet") {
			t.Fatalf("empty stance chart: %v", err)
		}
		if _, err := empty.SVG(300, 200); err != nil {
			t.Error(err)
		}
		if e, err := FramesByOutlet(c, cb, "frames"); err != nil || e.Articles != 0 {
			t.Errorf("empty frames chart: %v", err)
		}
		if _, err := CodedOverTime(c); err != nil {
			t.Error(err)
		}
	}
	if _, err := StanceByOutlet(sample(), cb, "nope", "Russia"); err == nil {
		t.Error("an unknown dimension drew a chart")
	}
}

func TestAlphaChartLeavesOutUndefined(t *testing.T) {
	c, err := AlphaChart([]Alpha{{Label: "stance · Russia", Alpha: 0.74, Low: 0.6, High: 0.85, Defined: true, Ival: true}, {Label: "frames · economic", Defined: false}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Title, "1 variable (1 without α left out)") {
		t.Errorf("title %q", c.Title)
	}
	if _, err := c.PNG(400, 250); err != nil {
		t.Error(err)
	}
}
