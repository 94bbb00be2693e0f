package figure

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// levelMap is the one colour map of contour levels: viridis's control
// colours (van der Walt & Smith 2015; luminance rises monotonically, so the
// order of the levels reads in grey too), stopped short of its pale yellow
// end, which is hard to see on white.
type levelMap struct{ cm palette.ColorMap }

// newLevelMap returns the colour map spanning levels, or nil when fewer
// than two levels leave no range to colour.
func newLevelMap(levels []float64) *levelMap {
	if len(levels) < 2 {
		return nil
	}
	cm, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{R: 68, G: 1, B: 84, A: 255},
		color.NRGBA{R: 59, G: 82, B: 139, A: 255},
		color.NRGBA{R: 33, G: 145, B: 140, A: 255},
		color.NRGBA{R: 94, G: 201, B: 98, A: 255},
		color.NRGBA{R: 190, G: 215, B: 40, A: 255},
	})
	if err != nil {
		panic("figure: the level colour map: " + err.Error()) // constant input
	}
	cm.SetMin(levels[0])
	cm.SetMax(levels[len(levels)-1])
	return &levelMap{cm}
}

// palette returns the colours gonum's contour plotter spreads linearly over
// the levels' range; nil (black lines) without a range.
func (m *levelMap) palette() palette.Palette {
	if m == nil {
		return nil
	}
	return m.cm.Palette(256)
}

// side is the column right of a contour plot's data: the colour bar on top,
// the legend under it.
type side struct {
	legend plot.Legend
	cmap   *levelMap
	label  string
	top    vg.Length // the height of the main plot's title, above its data
}

// Sizes of the side column.
const (
	barWidth  = 0.8 * vg.Inch  // the colour bar with its ticks and label
	sidePad   = 0.15 * vg.Inch // around the legend
	axisSpace = 0.45 * vg.Inch // the main plot's X axis below its data
)

// width returns the width of the column: 0 without colour bar or legend.
func (s side) width() vg.Length {
	w := vg.Length(0)
	if s.cmap != nil {
		w = barWidth + 2*sidePad
	}
	if lw := s.legend.Rectangle(draw.Canvas{}).Size().X; lw > 0 {
		w = max(w, lw+3*sidePad)
	}
	return w
}

// draw draws the legend and the colour bar into the column c: the legend
// level with the top of the data area, the bar under it down to the bottom
// of the data area.
func (s side) draw(c draw.Canvas) error {
	top := c.Max.Y - s.top
	if lh := s.legend.Rectangle(draw.Canvas{}).Size().Y; lh > 0 {
		l := s.legend
		l.Top, l.Left = true, true
		area := c
		area.Min.X += sidePad
		area.Max.Y = top
		l.Draw(area)
		top -= lh + 2*sidePad
	}
	if s.cmap == nil || top-c.Min.Y < 2*axisSpace {
		return nil // no range to colour, or no room left under a tall legend
	}
	cb := plot.New()
	cb.HideX()
	cb.Y.Label.Text = s.label
	if cb.Y.Label.Text == "" {
		cb.Y.Label.Text = "value"
	}
	cb.Add(&plotter.ColorBar{ColorMap: s.cmap.cm, Vertical: true})
	bar := c
	bar.Min.X += sidePad
	bar.Min.Y, bar.Max.Y, bar.Max.X = c.Min.Y+axisSpace, top, bar.Min.X+barWidth
	cb.Draw(bar)
	return nil
}
