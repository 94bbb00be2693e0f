package lessons

import (
	"fmt"
	"math"
	"text/tabwriter"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/optim"
)

// The report's lessons on small closed-form problems: 1, 2, 3 and 5.

func lesson1(rn *runner) (any, []Claim, error) {
	r, err := Convexity()
	if err != nil {
		return nil, nil, err
	}
	err = rn.draw(nil, "lesson1-convex.png", func() figure.Figure {
		var paths []figure.Path
		for _, q := range r.Paths {
			paths = append(paths, figure.Path{Label: q.Label, XY: pairs(q.X)})
		}
		return linRegContour("Lesson 1: L(b0, b1) = Σ(y − b0 − b1·x)², GD lr 0.02", linspace(-2.5, 4.5, 141), linspace(-2, 3, 101), paths)
	})
	return r, r.Claims, err
}

func lesson2(rn *runner) (any, []Claim, error) {
	r := LearningRates()
	err := rn.draw(nil, "lesson2-loss.png", func() figure.Figure {
		f := figure.Lines{Title: "Lesson 2: excess loss vs step, GD from (−1, 2)", XLabel: "step",
			YLabel: "log10(L − L*),  L* = 1/14"}
		for _, run := range r.Runs {
			ex := make([]float64, len(run.Path.Loss))
			for i, l := range run.Path.Loss {
				ex[i] = math.Log10(l - 1.0/14) // −Inf once rounding reaches L*: not drawn
			}
			f.Series = append(f.Series, figure.Series{Label: run.Path.Label, X: steps(len(ex)), Y: ex})
		}
		return f
	})
	err = rn.draw(err, "lesson2-paths.png", func() figure.Figure {
		var paths []figure.Path
		for _, run := range r.Runs {
			xy := pairs(run.Path.X)
			keep := 40 // the first 40 steps show each regime
			if run.Regime == optim.Diverges {
				keep = 12 // then it leaves the frame
			}
			paths = append(paths, figure.Path{Label: run.Path.Label, XY: xy[:min(keep, len(xy))]})
		}
		return linRegContour("Lesson 2: GD paths from (−1, 2) (40 steps; diverging: 12)", linspace(-2.5, 5.5, 161), linspace(-1, 3, 81), paths)
	})
	return r, r.Claims, err
}

// linRegContour is the contour figure of the linear-regression loss of
// lessons 1 and 2 over the grid x × y, with its minimum and paths.
func linRegContour(title string, x, y []float64, paths []figure.Path) figure.Contour {
	return figure.Contour{Title: title, XLabel: "b0 (intercept)", YLabel: "b1 (slope)", ZLabel: "L",
		X: x, Y: y, F: LinRegValue, Levels: 16, Paths: paths,
		Points: []figure.Point{{X: LinRegMin()[0], Y: LinRegMin()[1], Label: "minimum"}},
	}
}

func lesson3(rn *runner) (any, []Claim, error) {
	r := LogisticChain()
	w := tabwriter.NewWriter(&rn.text, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(&rn.text, "  chain-rule table at w = %g, b = %g (ℓ = −y·log σ − (1−y)·log(1−σ), z = w·x + b):\n", r.W, r.B)
	fmt.Fprintln(w, "x\ty\tz\tσ(z)\t∂ℓ/∂σ\t∂σ/∂z\t∂z/∂w\tproduct\t(σ−y)·x\tengine ∂ℓ/∂w\tengine ∂ℓ/∂b\t")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "%g\t%g\t%.4f\t%.6f\t%.6f\t%.6f\t%g\t%.9f\t%.9f\t%.9f\t%.9f\t\n",
			row.X, row.Y, row.Z, row.Sigma, row.DLdS, row.DSdZ, row.X, row.Chain, row.Closed, row.EngineW, row.EngineB)
	}
	return r, r.Claims, w.Flush()
}

func lesson5(rn *runner) (any, []Claim, error) {
	r, err := QuarticLesson()
	if err != nil {
		return nil, nil, err
	}
	err = rn.draw(nil, "lesson5-quartic.png", func() figure.Figure {
		var pts []figure.Point
		for _, q := range r.Points {
			pts = append(pts, figure.Point{X: q.X[0], Y: q.Value, Label: string(q.Kind)})
		}
		return figure.Lines{
			Title: "Lesson 5: h(x) = (1 − x²)²: minima at ±1, a maximum at 0", XLabel: "x", YLabel: "h(x)",
			Series: []figure.Series{{Label: "h(x)", X: r.Curve[0], Y: r.Curve[1]}},
			Points: pts,
		}
	})
	return r, r.Claims, err
}

// pairs turns 2-D points into the XY pairs of a figure.Path, leaving out NaNs.
func pairs(xs [][]float64) [][2]float64 {
	out := make([][2]float64, 0, len(xs))
	for _, x := range xs {
		if len(x) >= 2 && !math.IsNaN(x[0]) && !math.IsNaN(x[1]) {
			out = append(out, [2]float64{x[0], x[1]})
		}
	}
	return out
}

// steps returns 0, 1, …, n−1 as float64.
func steps(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = float64(i)
	}
	return s
}

// linspace returns n evenly spaced values from lo to hi inclusive.
func linspace(lo, hi float64, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return s
}
