package autodiff

import (
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff/vmath"
	"github.com/stretchr/testify/require"
)

// kernelArgs returns arguments that reach every branch of the
// transcendental kernels: the tails where σ and σ′ must not underflow
// early, the ends of vmath's fast range (±708), ±Inf, NaN, subnormal
// results.
func kernelArgs() []float64 {
	return []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 0.3, -0.3, 0.625, -0.7, 2, -2, 20, -20, 36.8, -36.8,
		40, -40, 44.1, -44.1, 300, -300, 700, -700, 708.5, -708.5, 720, -720, 745, -745, 800, -800,
		math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, 1e308}
}

// TestFastKernelsMatchOps: each batched transcendental kernel computes what
// the op's own kernel computes, over arguments that reach every branch (the
// tails where σ and σ′ must not underflow early, ±Inf, NaN, subnormal
// results): bit for bit where vmath reproduces math (amd64 with FMA),
// within 2 ulp elsewhere (a NaN is any NaN: the sign of a NaN is not kept). It guards the batched path against a change of an
// op's formula that fastKernels does not follow.
func TestFastKernelsMatchOps(t *testing.T) {
	xs := kernelArgs()
	pos := make([]float64, len(xs))
	for i, x := range xs {
		pos[i] = math.Abs(x)
	}
	ops := map[opKind]func(x *Node) *Node{opExp: Exp, opLog: Log, opSoftplus: Softplus}
	for name, op := range ops {
		in := xs
		if name == opLog {
			in = pos
		}
		want := op(Variable(in)).Data()
		got := make([]float64, len(in))
		fastKernels[name](got, [][]float64{in})
		for i := range in {
			if math.IsNaN(want[i]) {
				require.True(t, math.IsNaN(got[i]), "%s(%v) = %v, want NaN", name, in[i], got[i])
				continue
			}
			if vmath.Fused() {
				require.Equal(t, math.Float64bits(want[i]), math.Float64bits(got[i]), "%s(%v)", name, in[i])
			} else if want[i] != got[i] && !(math.IsNaN(want[i]) && math.IsNaN(got[i])) {
				require.InEpsilon(t, want[i], got[i], 4.5e-16, "%s(%v): within 2 ulp", name, in[i])
			}
		}
	}
	// BCE from logits against the op, targets 0, 1 and ½.
	for _, y := range []float64{0, 1, 0.5} {
		ys := make([]float64, len(xs))
		for i := range ys {
			ys[i] = y
		}
		want := BCEWithLogits(Variable(xs), Const(ys)).Data()
		got := make([]float64, len(xs))
		fastKernels[opBCEWithLogits](got, [][]float64{xs, ys})
		for i := range xs {
			if math.IsNaN(want[i]) {
				require.True(t, math.IsNaN(got[i]), "BCE(%v, %v)", xs[i], y)
				continue
			}
			if vmath.Fused() {
				require.Equal(t, math.Float64bits(want[i]), math.Float64bits(got[i]), "BCE(%v, %v)", xs[i], y)
			}
		}
	}
}
