package lessons

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/optim/critical"
)

// Quartic is h(x) = (1 − x²)² of lesson 5, a function of a one-element
// vector. h'(x) = −4x(1 − x²) vanishes at −1, 0, 1; h”(x) = 12x² − 4 is 8 at
// ±1 (minima, h = 0) and −4 at 0 (a local maximum, h = 1).
func Quartic(x *autodiff.Node) *autodiff.Node {
	return autodiff.Sum(autodiff.Square(autodiff.Sub(autodiff.Scalar(1), autodiff.Square(x))))
}

// QuarticResult is the outcome of QuarticLesson.
type QuarticResult struct {
	Points []critical.Point `json:"critical_points"`
	Curve  [2][]float64     `json:"-"` // x and h(x) on [−1.6, 1.6]
	Claims []Claim          `json:"claims"`
}

// QuarticLesson is lesson 5: critical.Find on [−2, 2] must find exactly the
// three critical points of Quartic, minima at ±1 with h” = 8 and a local
// maximum at 0 with h” = −4 — not a minimum, as is sometimes claimed.
func QuarticLesson() (QuarticResult, error) {
	var res QuarticResult
	pts, err := critical.Find(critical.FromFunc(Quartic), []float64{-2}, []float64{2}, critical.Options{})
	if err != nil {
		return res, fmt.Errorf("lessons: Quartic: %v", err)
	}
	res.Points = pts
	for i := range 161 {
		x := -1.6 + 0.02*float64(i)
		res.Curve[0] = append(res.Curve[0], x)
		res.Curve[1] = append(res.Curve[1], (1-x*x)*(1-x*x))
	}
	const tol = 1e-8 // points solved to |h'| ≤ 1e-8 where |h''| ≥ 4
	find := func(x float64) (critical.Point, bool) {
		for _, p := range pts {
			if near(p.X[0], x, tol) {
				return p, true
			}
		}
		return critical.Point{}, false
	}
	res.Claims = []Claim{claimf(len(pts) == 3, "critical.Find on [−2, 2] finds %d critical points (expected 3: −1, 0, 1)", len(pts))}
	for _, want := range []struct {
		x, h, h2 float64
		kind     critical.Kind
	}{{-1, 0, 8, critical.Minimum}, {0, 1, -4, critical.Maximum}, {1, 0, 8, critical.Minimum}} {
		p, ok := find(want.x)
		h2 := 0.0
		if ok {
			h2 = p.Eigenvalues[0]
		}
		res.Claims = append(res.Claims, claimf(ok && p.Kind == want.kind && near(h2, want.h2, 1e-9) && near(p.Value, want.h, 1e-12),
			"x = %+g: h = %g, h'' = %g (closed form %g): a %s", want.x, p.Value, h2, want.h2, p.Kind))
	}
	return res, nil
}
