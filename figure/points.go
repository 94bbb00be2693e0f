package figure

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// addPoints adds one scatter (and legend entry) per label, in the order
// the labels first appear; labels without a fixed marker take palette
// colours from offset on (after those of the curves, so none repeats).
func addPoints(p *plot.Plot, points []Point, offset int) error {
	var labels []string
	groups := map[string]plotter.XYs{}
	for _, m := range points {
		if _, ok := groups[m.Label]; !ok {
			labels = append(labels, m.Label)
		}
		groups[m.Label] = append(groups[m.Label], plotter.XY{X: m.X, Y: m.Y})
	}
	for k, label := range labels {
		s, err := plotter.NewScatter(groups[label])
		if err != nil {
			return fmt.Errorf("points %q: %v", label, err)
		}
		s.GlyphStyle = pointStyle(label, offset+k)
		p.Add(s)
		if label != "" {
			p.Legend.Add(label, s)
		}
	}
	return nil
}

// pointStyle returns the marker of a point label: fixed for the kinds of
// critical point, cycling through the palette for other labels.
func pointStyle(label string, k int) draw.GlyphStyle {
	r := vg.Points(4)
	switch label {
	case "minimum":
		return draw.GlyphStyle{Color: color.RGBA{B: 200, A: 255}, Radius: r, Shape: draw.CircleGlyph{}}
	case "maximum":
		return draw.GlyphStyle{Color: color.RGBA{R: 200, A: 255}, Radius: r, Shape: draw.TriangleGlyph{}}
	case "saddle":
		return draw.GlyphStyle{Color: color.RGBA{G: 140, A: 255}, Radius: r, Shape: draw.CrossGlyph{}}
	case "degenerate":
		return draw.GlyphStyle{Color: color.Black, Radius: r, Shape: draw.PyramidGlyph{}}
	}
	return draw.GlyphStyle{Color: Color(k), Radius: r, Shape: draw.RingGlyph{}}
}
