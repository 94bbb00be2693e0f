package figure

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Contour is a figure of the level sets of a function of two variables,
// with marked points and polyline paths drawn over it, a colour bar for
// the levels and the legend beside the data. The data area is drawn
// 6×5 inches; the colour bar and legend add a column on the right.
type Contour struct {
	Title, XLabel, YLabel string
	ZLabel                string      // the colour bar's label; "" means "value"
	X, Y                  []float64   // grid axes, ascending
	Z                     [][]float64 // Z[j][i] = f(X[i], Y[j]); nil: sampled from F
	F                     func(x, y float64) float64
	Levels                int // number of contour levels; 0 means 20
	Points                []Point
	Paths                 []Path
}

// grid adapts a Contour's samples to plotter.GridXYZ.
type grid struct {
	x, y []float64
	z    [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.x), len(g.y) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return g.x[c] }
func (g grid) Y(r int) float64    { return g.y[r] }

// Render draws c as an image of the given format ("png" or "svg").
// gonum/plot's contour tracer panics when a level passes exactly through a
// saddle of the grid; levels are therefore nudged off the sampled values
// ([Levels]) and a remaining panic is returned as an error.
func (c Contour) Render(format string) ([]byte, error) {
	z, finiteZ, err := c.samples()
	if err != nil {
		return nil, err
	}
	levels := Levels(finiteZ, c.Levels)
	cmap := newLevelMap(levels)
	p, err := c.plot(z, levels, cmap)
	if err != nil {
		return nil, err
	}
	s := side{legend: p.Legend, cmap: cmap, label: c.ZLabel}
	if p.Title.Text != "" {
		s.top = p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y + p.Title.Padding
	}
	p.Legend = plot.NewLegend() // drawn beside the data, not over it
	w := s.width()
	return encode("contours", 6*vg.Inch+w, 5*vg.Inch, format, func(dc draw.Canvas) error {
		p.Draw(draw.Crop(dc, 0, -w, 0, 0))
		return s.draw(draw.Crop(dc, 6*vg.Inch, 0, 0, 0))
	})
}

// samples returns the grid values (infinities as NaN, which the tracer
// skips) and the finite ones, checking the grid's shape.
func (c Contour) samples() (z [][]float64, finiteZ []float64, err error) {
	if len(c.X) < 2 || len(c.Y) < 2 {
		return nil, nil, fmt.Errorf("contour plot needs at least a 2×2 grid, got %d×%d", len(c.X), len(c.Y))
	}
	if c.Z == nil && c.F == nil {
		return nil, nil, fmt.Errorf("contour plot has neither Z nor F")
	}
	if c.Z != nil && len(c.Z) != len(c.Y) {
		return nil, nil, fmt.Errorf("contour plot: Z has %d rows, Y has %d values", len(c.Z), len(c.Y))
	}
	z = make([][]float64, len(c.Y))
	for j, y := range c.Y {
		if c.Z != nil && len(c.Z[j]) != len(c.X) {
			return nil, nil, fmt.Errorf("contour plot: Z row %d has %d values, X has %d", j, len(c.Z[j]), len(c.X))
		}
		z[j] = make([]float64, len(c.X))
		for i, x := range c.X {
			var v float64
			if c.Z != nil {
				v = c.Z[j][i]
			} else {
				v = c.F(x, y)
			}
			if math.IsInf(v, 0) {
				v = math.NaN()
			}
			z[j][i] = v
			if !math.IsNaN(v) {
				finiteZ = append(finiteZ, v)
			}
		}
	}
	if len(finiteZ) == 0 {
		return nil, nil, fmt.Errorf("contour plot: no finite value on the grid")
	}
	return z, finiteZ, nil
}

// plot builds the data plot: contours, paths, points (the legend entries
// are collected on p.Legend but drawn beside the data by drawSide).
func (c Contour) plot(z [][]float64, levels []float64, cmap *levelMap) (p *plot.Plot, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("drawing contours: %v", r)
		}
	}()
	p = newPlot(c.Title, c.XLabel, c.YLabel)
	if len(levels) > 0 {
		ct := plotter.NewContour(grid{c.X, c.Y, z}, levels, cmap.palette())
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
		if err := addLine(p, xys, path.Label, k, false); err != nil {
			return nil, fmt.Errorf("path %q: %v", path.Label, err)
		}
	}
	if err := addPoints(p, c.Points, len(c.Paths)); err != nil {
		return nil, err
	}
	p.X.Min, p.X.Max = c.X[0], c.X[len(c.X)-1]
	p.Y.Min, p.Y.Max = c.Y[0], c.Y[len(c.Y)-1]
	return p, nil
}

// Levels returns n contour levels (0 means 20) at evenly spaced quantiles
// of the sampled values (so that functions with a large dynamic range still
// show their minima), each nudged by 1e-9 of the value range so that no
// level equals a sampled value exactly. A constant sample has no levels.
func Levels(values []float64, n int) []float64 {
	if n <= 0 {
		n = 20
	}
	if len(values) == 0 {
		return nil
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
