package figure

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// legendMargin is the gap, as a fraction of the data area, kept between the
// legend box and the nearest drawn point.
const legendMargin = 0.02

// corner is a placement of a legend inside the data area.
type corner struct{ top, left bool }

// corners in order of preference when several are free.
var corners = [...]corner{{true, false}, {true, true}, {false, false}, {false, true}}

// placeLegend puts p's legend in the first corner of the data area da whose
// box holds no point of the curves (sampled along every segment). When no
// corner is free it stays top right and the Y axis is extended upwards
// until the box is above every curve under it.
func placeLegend(p *plot.Plot, da draw.Canvas, curves []plotter.XYs, logX, logY bool) {
	box := p.Legend.Rectangle(draw.Canvas{}).Size()
	w, h := float64(da.Max.X-da.Min.X), float64(da.Max.Y-da.Min.Y)
	if box.X <= 0 || w <= 0 || h <= 0 {
		return
	}
	fw, fh := float64(box.X)/w+legendMargin, float64(box.Y)/h+legendMargin
	tx := newAxisMap(p.X.Min, p.X.Max, logX)
	ty := newAxisMap(p.Y.Min, p.Y.Max, logY)
	samples := sampleCurves(curves, tx, ty)
	for _, c := range corners {
		if !anyInBox(samples, c, fw, fh) {
			p.Legend.Top, p.Legend.Left = c.top, c.left
			return
		}
	}
	p.Legend.Top, p.Legend.Left = true, false
	if fh >= 0.8 {
		return // a legend this tall cannot be cleared by stretching the axis
	}
	top := 0.0 // the highest sample under the box's columns, in [0, 1]
	for _, s := range samples {
		if s[0] >= 1-fw {
			top = max(top, s[1])
		}
	}
	lo, hi := ty.fwd(p.Y.Min), ty.fwd(p.Y.Max)
	p.Y.Max = ty.inv(lo + top*(hi-lo)/(1-fh))
}

// axisMap maps an axis's values to [0, 1] (linearly, or linearly in log10).
type axisMap struct {
	lo, hi float64 // in the transformed coordinate
	log    bool
}

func newAxisMap(min, max float64, log bool) axisMap {
	m := axisMap{log: log}
	m.lo, m.hi = m.fwd(min), m.fwd(max)
	return m
}

func (m axisMap) fwd(v float64) float64 {
	if m.log {
		return math.Log10(v)
	}
	return v
}

func (m axisMap) inv(v float64) float64 {
	if m.log {
		return math.Pow(10, v)
	}
	return v
}

// unit returns v's position on the axis, 0 at the minimum and 1 at the maximum.
func (m axisMap) unit(v float64) float64 {
	if m.hi == m.lo {
		return 0.5
	}
	return (m.fwd(v) - m.lo) / (m.hi - m.lo)
}

// sampleCurves returns points along every curve, in unit coordinates, at
// most 1/200 of the data area apart, so that a segment crossing a corner
// is seen even when its ends are outside it.
func sampleCurves(curves []plotter.XYs, tx, ty axisMap) [][2]float64 {
	var out [][2]float64
	for _, c := range curves {
		for i, q := range c {
			x, y := tx.unit(q.X), ty.unit(q.Y)
			if i > 0 {
				x0, y0 := tx.unit(c[i-1].X), ty.unit(c[i-1].Y)
				n := min(int(math.Hypot(x-x0, y-y0)*200), 400)
				for k := 1; k < n; k++ {
					f := float64(k) / float64(n)
					out = append(out, [2]float64{x0 + f*(x-x0), y0 + f*(y-y0)})
				}
			}
			out = append(out, [2]float64{x, y})
		}
	}
	return out
}

// anyInBox reports whether a sample lies in the legend box of corner c,
// fw × fh in unit coordinates.
func anyInBox(samples [][2]float64, c corner, fw, fh float64) bool {
	for _, s := range samples {
		inX := (c.left && s[0] <= fw) || (!c.left && s[0] >= 1-fw)
		inY := (c.top && s[1] >= 1-fh) || (!c.top && s[1] <= fh)
		if inX && inY {
			return true
		}
	}
	return false
}
