package landscape

import (
	"fmt"
	"math"
)

// MinInterpolationPoints is the smallest number of points Interpolate uses:
// the barrier is a maximum over the path, and fewer points miss it.
const MinInterpolationPoints = 25

// Interpolation is the loss along the segment between two parameter vectors.
type Interpolation struct {
	T    []float64 // n evenly spaced values from 0 to 1
	Loss []float64 // Loss[k] = f((1−T[k])·a + T[k]·b)
	// Barrier is max_k Loss[k] − (f(a) + f(b))/2: the height of the bump
	// between the two solutions (Frankle et al., ICML 2020; Ainsworth et al.,
	// ICLR 2023). It is ≥ |f(a) − f(b)|/2 ≥ 0, and equals |f(a) − f(b)|/2 when
	// f is convex on the segment.
	Barrier float64
	ArgMax  float64 // the T of the maximum
}

// Interpolate samples f at n evenly spaced points of the segment from a to b
// (linear interpolation, Goodfellow, Vinyals & Saxe, ICLR 2015) and returns
// the losses and the barrier. n is raised to MinInterpolationPoints if smaller.
func Interpolate(f Func, a, b []float64, n int) Interpolation {
	return interpolate(loop(f)(), a, b, n)
}

// InterpolateBatch is Interpolate with a batched loss: the same values,
// Size points per evaluation.
func InterpolateBatch(bt Batch, a, b []float64, n int) Interpolation {
	return interpolate(bt.eval(), a, b, n)
}

func interpolate(eval func(xs [][]float64, vals []float64), a, b []float64, n int) Interpolation {
	checkLen("Interpolate", a, b)
	if n < MinInterpolationPoints {
		n = MinInterpolationPoints
	}
	r := Interpolation{T: Linspace(0, 1, n), Loss: make([]float64, n)}
	ps := make([][]float64, n)
	for k, t := range r.T {
		p := make([]float64, len(a))
		for i := range p {
			p[i] = (1-t)*a[i] + t*b[i]
		}
		ps[k] = p
	}
	// The endpoints exactly, not through rounding of (1−t)a + tb.
	copy(ps[0], a)
	copy(ps[n-1], b)
	eval(ps, r.Loss)
	maxLoss := math.Inf(-1)
	for k, t := range r.T {
		if r.Loss[k] > maxLoss || math.IsNaN(r.Loss[k]) {
			maxLoss, r.ArgMax = r.Loss[k], t
		}
	}
	r.Barrier = maxLoss - (r.Loss[0]+r.Loss[n-1])/2
	return r
}

// String summarises the interpolation.
func (r Interpolation) String() string {
	return fmt.Sprintf("barrier %.6g at t=%.3g (endpoints %.6g, %.6g)", r.Barrier, r.ArgMax, r.Loss[0], r.Loss[len(r.Loss)-1])
}
