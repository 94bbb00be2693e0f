package main

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// contourPlot is a figure of the level sets of a function of two variables,
// with marked points and polyline paths drawn over it.
type contourPlot struct {
	Title, XLabel, YLabel string
	X, Y                  []float64   // grid axes, ascending
	Z                     [][]float64 // Z[j][i] = f(X[i], Y[j]); nil: sampled from F
	F                     func(x, y float64) float64
	Levels                int // number of contour levels; 0 means 20
	Points                []markedPoint
	Paths                 []plotPath
}

// markedPoint is a point drawn on a contour plot. Points with the same Label
// share a marker and one legend entry; the labels "minimum", "maximum",
// "saddle" and "degenerate" have fixed markers.
type markedPoint struct {
	X, Y  float64
	Label string
}

// plotPath is a polyline drawn on a contour plot (e.g. an optimizer's path).
type plotPath struct {
	Label string
	XY    [][2]float64
}

// plotContour renders c and writes it atomically to path; the format is
// chosen by the extension (.png or .svg).
func plotContour(path string, c contourPlot) error {
	format, err := plotFormat(path)
	if err != nil {
		return err
	}
	data, err := renderContour(c, format)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, data)
}

func contourFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// contourBytes renders p, 6×5 inches, to bytes in the given format.
func contourBytes(p *plot.Plot, format string) ([]byte, error) {
	return plotBytes(p, 6*vg.Inch, 5*vg.Inch, format)
}

// contourAddPoints adds one scatter (and legend entry) per label.
func contourAddPoints(p *plot.Plot, points []markedPoint, logY bool) error {
	var labels []string
	groups := map[string]plotter.XYs{}
	for _, m := range points {
		if logY && m.Y <= 0 {
			continue
		}
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
		s.GlyphStyle = contourPointStyle(label, k)
		p.Add(s)
		if label != "" {
			p.Legend.Add(label, s)
		}
	}
	return nil
}

// contourGrid adapts a contourPlot's samples to plotter.GridXYZ.
type contourGrid struct {
	x, y []float64
	z    [][]float64
}

func (g contourGrid) Dims() (c, r int)   { return len(g.x), len(g.y) }
func (g contourGrid) Z(c, r int) float64 { return g.z[r][c] }
func (g contourGrid) X(c int) float64    { return g.x[c] }
func (g contourGrid) Y(r int) float64    { return g.y[r] }

// renderContour draws c into an image of the given format ("png", "svg").
// gonum/plot's contour tracer panics when a level passes exactly through a
// saddle of the grid; levels are therefore nudged off the sampled values and
// a remaining panic is returned as an error.
func renderContour(c contourPlot, format string) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("drawing contours: %v", r)
		}
	}()
	if len(c.X) < 2 || len(c.Y) < 2 {
		return nil, fmt.Errorf("contour plot needs at least a 2×2 grid, got %d×%d", len(c.X), len(c.Y))
	}
	z := c.Z
	if z == nil {
		if c.F == nil {
			return nil, fmt.Errorf("contour plot has neither Z nor F")
		}
		z = make([][]float64, len(c.Y))
		for j, y := range c.Y {
			z[j] = make([]float64, len(c.X))
			for i, x := range c.X {
				z[j][i] = c.F(x, y)
			}
		}
	}
	if len(z) != len(c.Y) {
		return nil, fmt.Errorf("contour plot: Z has %d rows, Y has %d values", len(z), len(c.Y))
	}
	var finite []float64
	clean := make([][]float64, len(z))
	for j := range z {
		if len(z[j]) != len(c.X) {
			return nil, fmt.Errorf("contour plot: Z row %d has %d values, X has %d", j, len(z[j]), len(c.X))
		}
		clean[j] = make([]float64, len(z[j]))
		for i, v := range z[j] {
			if math.IsInf(v, 0) {
				v = math.NaN()
			}
			clean[j][i] = v
			if !math.IsNaN(v) {
				finite = append(finite, v)
			}
		}
	}
	if len(finite) == 0 {
		return nil, fmt.Errorf("contour plot: no finite value on the grid")
	}

	p := plot.New()
	p.Title.Text = c.Title
	p.X.Label.Text = c.XLabel
	p.Y.Label.Text = c.YLabel
	p.Legend.Top = true

	levels := contourLevels(finite, c.Levels)
	if len(levels) > 0 {
		ct := plotter.NewContour(contourGrid{c.X, c.Y, clean}, levels, palette.Heat(len(levels), 1))
		p.Add(ct)
	}
	for k, path := range c.Paths {
		if len(path.XY) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(path.XY))
		for i, q := range path.XY {
			xys[i].X, xys[i].Y = q[0], q[1]
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("path %q: %v", path.Label, err)
		}
		l.Color = contourColor(k)
		l.Width = vg.Points(1.2)
		p.Add(l)
		if path.Label != "" {
			p.Legend.Add(path.Label, l)
		}
	}
	if err := contourAddPoints(p, c.Points, false); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = c.X[0], c.X[len(c.X)-1]
	p.Y.Min, p.Y.Max = c.Y[0], c.Y[len(c.Y)-1]

	return contourBytes(p, format)
}

// contourLevels returns n levels at evenly spaced quantiles of the sampled
// values (so that functions with a large dynamic range still show their
// minima), each nudged by 1e-9 of the value range so that no level equals a
// sampled value exactly.
func contourLevels(values []float64, n int) []float64 {
	if n <= 0 {
		n = 20
	}
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	lo, hi := v[0], v[len(v)-1]
	if hi == lo {
		return nil
	}
	nudge := 1e-9 * (hi - lo)
	var levels []float64
	for k := 1; k <= n; k++ {
		q := (float64(k) - 0.5) / float64(n)
		h := q * float64(len(v)-1)
		i := int(h)
		l := v[i]
		if i+1 < len(v) {
			l += (h - float64(i)) * (v[i+1] - v[i])
		}
		l += nudge
		if len(levels) == 0 || l > levels[len(levels)-1]+nudge {
			levels = append(levels, l)
		}
	}
	return levels
}

var contourColors = []color.Color{
	color.RGBA{R: 31, G: 119, B: 180, A: 255},
	color.RGBA{R: 214, G: 39, B: 40, A: 255},
	color.RGBA{R: 44, G: 160, B: 44, A: 255},
	color.RGBA{R: 148, G: 103, B: 189, A: 255},
	color.RGBA{R: 140, G: 86, B: 75, A: 255},
	color.RGBA{R: 227, G: 119, B: 194, A: 255},
	color.RGBA{R: 127, G: 127, B: 127, A: 255},
	color.RGBA{R: 188, G: 189, B: 34, A: 255},
}

func contourColor(k int) color.Color { return contourColors[k%len(contourColors)] }

// pointStyle returns the marker of a point label: fixed for the kinds of
// critical points, cycling for other labels.
func contourPointStyle(label string, k int) draw.GlyphStyle {
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
	return draw.GlyphStyle{Color: contourColor(k), Radius: r, Shape: draw.RingGlyph{}}
}
