package autodiff_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/require"
)

// batchCases are functions that exercise every kind of batched step: the
// nets of the workloads (matrix products with fused biases, sigmoid, tanh,
// ReLU, MSE, BCE from logits, softmax cross-entropy through LogSumExp and
// MaxAxis, which go through the per-copy fallback) and formulas with the
// other elementwise ops, constants and broadcasts.
func batchCases(t *testing.T) map[string]struct {
	f autodiff.Func
	n int
} {
	cases := map[string]struct {
		f autodiff.Func
		n int
	}{}
	for _, name := range []string{"xor", "moons", "blobs", "circles"} {
		p, err := nn.Preset(name)
		require.NoError(t, err)
		cases[name] = struct {
			f autodiff.Func
			n int
		}{p.Func(), p.Net.NumParams()}
	}
	w3, err := nn.Preset("blobs")
	require.NoError(t, err)
	w3.Net.Hidden = nn.ReLU
	cases["blobs-relu"] = struct {
		f autodiff.Func
		n int
	}{w3.Func(), w3.Net.NumParams()}
	cases["formula"] = struct {
		f autodiff.Func
		n int
	}{func(x *autodiff.Node) *autodiff.Node {
		c := autodiff.Const([]float64{0.5, -1, 2, 0.25})
		y := autodiff.Add(autodiff.Mul(autodiff.Exp(x), c), autodiff.Softplus(autodiff.Neg(x)))
		z := autodiff.Div(autodiff.Log(autodiff.AddScalar(autodiff.Square(x), 1)), autodiff.AddScalar(autodiff.Abs(x), 2))
		m := autodiff.Reshape(autodiff.Tanh(autodiff.Mul(y, z)), 2, 2)
		return autodiff.Add(autodiff.Sum(autodiff.MatMul(m, autodiff.Transpose(m))), autodiff.Sum(autodiff.Sin(autodiff.Scale(x, 3))))
	}, 4}
	return cases
}

// TestBatchBitIdentical: every vector of a batch gets, bit for bit, the
// value and gradient Program.ValueAndGrad gives it alone, for batch sizes 1
// (today's results) to 64, partial batches, and value-only calls.
func TestBatchBitIdentical(t *testing.T) { checkBatchBitIdentical(t) }

// TestBatchBitIdenticalNarrow is TestBatchBitIdentical with the AVX2 row
// loops of the products in place of the AVX-512 ones (on amd64).
func TestBatchBitIdenticalNarrow(t *testing.T) {
	defer autodiff.NarrowRowLoops()()
	checkBatchBitIdentical(t)
}

func checkBatchBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2))
	for name, c := range batchCases(t) {
		prog, err := autodiff.Compile(c.f, c.n)
		require.NoError(t, err, name)
		for _, b := range []int{1, 3, 8, 64} {
			q := prog.Batch(b)
			for _, m := range []int{b, (b + 1) / 2} {
				xs := make([]float64, m*c.n)
				for i := range xs {
					xs[i] = 2 * rng.NormFloat64()
				}
				vals := make([]float64, m)
				grads := make([]float64, m*c.n)
				q.ValueAndGrad(xs, vals, grads)
				vonly := make([]float64, m)
				q.Value(xs, vonly)
				for i := range m {
					x := xs[i*c.n : (i+1)*c.n]
					g := make([]float64, c.n)
					v := prog.ValueAndGrad(x, g)
					require.Equal(t, math.Float64bits(v), math.Float64bits(vals[i]), "%s b=%d m=%d vector %d value", name, b, m, i)
					require.Equal(t, math.Float64bits(v), math.Float64bits(vonly[i]), "%s b=%d value only", name, b)
					for k := range g {
						require.Equal(t, math.Float64bits(g[k]), math.Float64bits(grads[i*c.n+k]), "%s b=%d m=%d vector %d grad %d", name, b, m, i, k)
					}
				}
			}
		}
	}
}

// TestBatchVecs: the slice form gives the matrix form's results.
func TestBatchVecs(t *testing.T) {
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	prog, err := autodiff.Compile(p.Func(), 9)
	require.NoError(t, err)
	q := prog.Batch(4)
	xs := [][]float64{nn.W5Start(0), nn.W5Start(1), nn.W5Start(2)}
	vals := make([]float64, 3)
	grads := [][]float64{make([]float64, 9), make([]float64, 9), make([]float64, 9)}
	q.ValueAndGradVecs(xs, vals, grads)
	for i, x := range xs {
		g := make([]float64, 9)
		require.Equal(t, prog.ValueAndGrad(x, g), vals[i])
		require.Equal(t, g, grads[i])
	}
	require.Panics(t, func() { q.ValueAndGradVecs(make([][]float64, 5), make([]float64, 5), nil) })
}

// TestBatchHVPBitIdentical: every pair of a batch gets, bit for bit, the
// Hessian-vector product HVPProgram.HVP gives it alone.
func TestBatchHVPBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 3))
	for name, c := range batchCases(t) {
		hp, err := autodiff.CompileHVP(c.f, c.n)
		require.NoError(t, err, name)
		for _, b := range []int{1, 5, 16} {
			q := hp.Batch(b)
			m := b
			xs, vs := make([]float64, m*c.n), make([]float64, m*c.n)
			for i := range xs {
				xs[i], vs[i] = rng.NormFloat64(), rng.NormFloat64()
			}
			got := make([]float64, m*c.n)
			q.HVP(xs, vs, got)
			want := make([]float64, c.n)
			for i := range m {
				hp.HVP(xs[i*c.n:(i+1)*c.n], vs[i*c.n:(i+1)*c.n], want)
				for k := range want {
					require.Equal(t, math.Float64bits(want[k]), math.Float64bits(got[i*c.n+k]), "%s b=%d pair %d element %d", name, b, i, k)
				}
			}
		}
	}
}
