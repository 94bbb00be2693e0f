package critical

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/figure"
)

// Figure draws the function fn of r's 1 or 2 variables over the box
// [lo, hi] with r's points marked by kind: the curve of a 1-D function
// (401 samples) or the contours of a 2-D one (101×101), titled with r's
// formula. Other dimensions are an error ("draws 1-D and 2-D formulas
// only; …", to follow the name of what asked for the figure).
func (r Report) Figure(fn autodiff.Func, lo, hi []float64) (figure.Figure, error) {
	var marks []figure.Point
	switch len(r.Vars) {
	case 1:
		xs := samples(lo[0], hi[0], 401)
		ys := make([]float64, len(xs))
		for i, x := range xs {
			ys[i] = autodiff.Value(fn, []float64{x})
		}
		for _, p := range r.Points {
			marks = append(marks, figure.Point{X: p.X[0], Y: p.Value, Label: string(p.Kind)})
		}
		return figure.Lines{Title: r.Expr, XLabel: r.Vars[0], YLabel: "f", Series: []figure.Series{{Label: "f", X: xs, Y: ys}}, Points: marks}, nil
	case 2:
		for _, p := range r.Points {
			marks = append(marks, figure.Point{X: p.X[0], Y: p.X[1], Label: string(p.Kind)})
		}
		return figure.Contour{Title: r.Expr, XLabel: r.Vars[0], YLabel: r.Vars[1], X: samples(lo[0], hi[0], 101), Y: samples(lo[1], hi[1], 101),
			F: func(x, y float64) float64 { return autodiff.Value(fn, []float64{x, y}) }, Points: marks}, nil
	}
	return nil, fmt.Errorf("draws 1-D and 2-D formulas only; this one has %d variables", len(r.Vars))
}

// samples returns n evenly spaced points from lo to hi.
func samples(lo, hi float64, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return xs
}
