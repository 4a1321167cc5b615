package app

// ScrollOffset is how far the view is scrolled, from the top of the text.
func (t *TextView) ScrollOffset() float32 { return t.offY }

// SetScrollOffset scrolls the view to offset (clamped to the text) without
// calling OnScrolled.
func (t *TextView) SetScrollOffset(offset float32) {
	t.tvEnsureLayout()
	t.offY = offset
	t.tvClampScroll()
	t.reportedOff = t.offY
	t.Refresh()
}

// HeightFor returns the height the view needs to show its whole text,
// wrapped to fit width, without scrolling.
func (t *TextView) HeightFor(width float32) float32 {
	if t.m.textSize == 0 {
		t.tvUpdateMetrics()
	}
	wrap := max(width-tvGutter-2*t.m.pad-t.m.barW, 4*t.m.spaceW)
	if !t.lay.valid || t.lay.width != wrap {
		t.tvLayout(wrap)
	}
	return t.lay.height + 2*t.m.pad
}

// LineHeight is the height of one line of text.
func (t *TextView) LineHeight() float32 {
	if t.m.textSize == 0 {
		t.tvUpdateMetrics()
	}
	return t.m.lineH
}

// LinesFor returns how many lines the text takes wrapped to fit width.
func (t *TextView) LinesFor(width float32) int {
	t.HeightFor(width)
	return len(t.lay.lines)
}
