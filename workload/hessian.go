package workload

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/eigen"
	"github.com/saddle-dev/saddle/workload/ref"
)

// w4Case is one of W4's Hessians with its reference.
type w4Case struct {
	name, preset   string
	loss, min, max float64
}

var (
	w4a = w4Case{"W4a", "xor", ref.W4aLoss, ref.W4aEigMin, ref.W4aEigMax}
	w4b = w4Case{"W4b", "w4b", ref.W4bLoss, ref.W4bEigMin, ref.W4bEigMax}
)

// runW4 times the compiled Hessian and Hessian-vector product of c and
// checks the loss and the extreme eigenvalues.
func runW4(c w4Case, reps int) ([]Line, error) {
	f, x, err := problem(c.preset)
	if err != nil {
		return nil, err
	}
	n := len(x)
	hp, err := autodiff.CompileHVP(f, n)
	if err != nil {
		return nil, err
	}
	H := make([][]float64, n)
	for i := range H {
		H[i] = make([]float64, n)
	}
	hessNs := Repeat(reps, func() { hp.Hessian(x, H) })
	var am allocMeter
	am.start()
	hp.Hessian(x, H)
	allocs := am.perStep(1)
	// HVPs alternate between two points so that the per-point part (the
	// forward pass and the gradient) is never reused: the full cost.
	x2 := slices.Clone(x)
	x2[0] = math.Nextafter(x2[0], 1)
	v, hv, flip := ref.W4Vector(n), make([]float64, n), false
	hvpNs := Repeat(reps, func() {
		if flip {
			hp.HVP(x2, v, hv)
		} else {
			hp.HVP(x, v, hv)
		}
		flip = !flip
	})
	hp.Hessian(x, H)
	var symErr float64
	for i := range n {
		for j := range n {
			symErr = max(symErr, math.Abs(H[i][j]-H[j][i]))
		}
	}
	ev := eigen.Sym(H) // ascending
	if ev == nil {
		return nil, fmt.Errorf("the eigen-decomposition of the Hessian did not converge")
	}
	loss := autodiff.Value(f, x)
	ok := math.Abs(loss-c.loss) <= ref.EigAbs && math.Abs(ev[0]-c.min) <= ref.EigAbs && math.Abs(ev[n-1]-c.max) <= ref.EigAbs
	hessMed, _, _ := Stats(hessNs)
	hvpMed, _, _ := Stats(hvpNs)
	return []Line{NewLine(c.name, 1, hessNs, &loss, ok,
		KV{"method", "compiled-reverse-over-reverse"}, KV{"ns_per_hessian", hessMed},
		KV{"ns_per_hvp", hvpMed}, KV{"symmetry_error", symErr},
		KV{"eig_min", ev[0]}, KV{"eig_max", ev[n-1]}, KV{"allocs_per_hessian", allocs},
		KV{"num_ops", hp.NumOps()})}, nil
}

// Repeat times f as the peers' harnesses do for W4: one warm-up, then reps
// repeats of enough calls to last about 20 ms; it returns ns per call of
// each repeat.
func Repeat(reps int, f func()) []float64 { return repeatFor(reps, 20*time.Millisecond, f) }

// repeatFor is Repeat with repeats of about d each.
func repeatFor(reps int, d time.Duration, f func()) []float64 {
	f()
	t0 := time.Now()
	f()
	inner := int(d/(time.Since(t0)+1)) + 1
	ns := make([]float64, reps)
	for r := range ns {
		t0 := time.Now()
		for range inner {
			f()
		}
		ns[r] = float64(time.Since(t0).Nanoseconds()) / float64(inner)
	}
	return ns
}
