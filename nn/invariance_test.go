package nn

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// TestSymmetriesKeepLossGradientAndSpectrum: every symmetry of hidden units
// maps the loss surface onto itself. Each is a linear map T of the flat
// vector (its matrix A has columns T(e_k)), so L(p) = L(Tp),
// ∇L(p) = Aᵀ∇L(Tp) and H(p) = Aᵀ H(Tp) A. Permutations and odd flips are
// orthogonal (AᵀA = I): the gradient norm and the Hessian spectrum are then
// the same at p and Tp. The sigmoid flip (c' = c + v) is not orthogonal: its
// Hessians are congruent, not similar, so only their inertia (the numbers of
// negative, zero and positive eigenvalues; Sylvester's law) is invariant.
func TestSymmetriesKeepLossGradientAndSpectrum(t *testing.T) {
	circles := Circles(24, 0.1, 2)
	blobs := Blobs(18, 3, 0.5, 2)
	for _, p := range []Problem{
		mustPreset(t, "xor"),
		{Net: MLP{Sizes: []int{2, 3, 2, 1}, Hidden: Tanh, Output: Identity}, Loss: BCE, Data: circles},
		{Net: MLP{Sizes: []int{2, 3, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}, Loss: MSE, Data: circles},
		{Net: MLP{Sizes: []int{2, 3, 3}, Hidden: Softplus, Output: Identity}, Loss: SoftmaxCE, Data: blobs},
		{Net: MLP{Sizes: []int{2, 4, 3}, Hidden: ReLU, Output: Identity}, Loss: SoftmaxCE, Data: blobs},
	} {
		require.NoError(t, p.Validate())
		n := p.NumParams()
		params := InitUniform(p.Net, 1, 21)
		f := p.Func()
		loss, grad := autodiff.ValueAndGrad(f, params)
		hess := autodiff.Hessian(f, params)
		spec := eigen(t, hess)

		var maps []func([]float64) []float64
		must := func(q []float64, err error) []float64 { require.NoError(t, err); return q }
		maps = append(maps, func(x []float64) []float64 {
			return must(PermuteHidden(p.Net, x, 1, reversed(p.Net.Sizes[1])))
		})
		if Flippable(p.Net.Hidden) {
			maps = append(maps,
				func(x []float64) []float64 { return must(FlipUnit(p.Net, x, 1, 0)) },
				func(x []float64) []float64 { return must(FlipUnit(p.Net, x, len(p.Net.Sizes)-2, 1)) })
		}
		for seed := uint64(1); seed <= 3; seed++ {
			s := RandomSymmetry(p.Net, seed)
			maps = append(maps, func(x []float64) []float64 { return must(s.Apply(p.Net, x)) })
		}
		moved := 0
		for k, tmap := range maps {
			msg := fmt.Sprintf("%v map %d", p.Net, k)
			q := tmap(params)
			if slices.Equal(q, params) {
				continue // a random symmetry may be the identity
			}
			moved++
			a := mat.NewDense(n, n, nil)
			for j := range n {
				e := make([]float64, n)
				e[j] = 1
				a.SetCol(j, tmap(e))
			}
			l2, g2 := autodiff.ValueAndGrad(f, q)
			h2 := autodiff.Hessian(f, q)
			assert.InDelta(t, loss, l2, symTol, msg+": loss")
			var pulled mat.VecDense
			pulled.MulVec(a.T(), mat.NewVecDense(n, g2))
			assert.InDeltaSlice(t, grad, pulled.RawVector().Data, symTol, msg+": gradient")
			var ht, h mat.Dense
			ht.Mul(a.T(), denseOf(h2))
			h.Mul(&ht, a)
			assert.True(t, mat.EqualApprox(&h, denseOf(hess), symTol), msg+": Hessian")
			var ata mat.Dense
			ata.Mul(a.T(), a)
			if mat.Equal(&ata, eye(n)) {
				assert.InDelta(t, norm(grad), norm(g2), symTol, msg+": gradient norm")
				assert.InDeltaSlice(t, spec, eigen(t, h2), symTol, msg+": Hessian spectrum")
			} else {
				assert.Equal(t, Sigmoid, p.Net.Hidden, msg+": only the sigmoid flip is not orthogonal")
				assert.Equal(t, inertia(spec), inertia(eigen(t, h2)), msg+": inertia")
			}
		}
		assert.GreaterOrEqual(t, moved, 3, "%v: points that moved", p.Net)
		c, err := Canonical(p.Net, params)
		require.NoError(t, err)
		assert.InDelta(t, loss, p.LossValue(c), symTol, "%v canonical form: loss", p.Net)
	}
}

func denseOf(h [][]float64) *mat.Dense {
	d := mat.NewDense(len(h), len(h), nil)
	for i, row := range h {
		d.SetRow(i, row)
	}
	return d
}

func eye(n int) *mat.Dense {
	d := mat.NewDense(n, n, nil)
	for i := range n {
		d.Set(i, i, 1)
	}
	return d
}

// inertia counts eigenvalues below −inertiaTol, within it and above it.
func inertia(ev []float64) [3]int {
	// Zero eigenvalues of these Hessians come out as ~1e-17; genuine ones are ≥ 1e-6.
	const inertiaTol = 1e-10
	var c [3]int
	for _, v := range ev {
		switch {
		case v < -inertiaTol:
			c[0]++
		case v > inertiaTol:
			c[2]++
		default:
			c[1]++
		}
	}
	return c
}

func reversed(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = n - 1 - i
	}
	return p
}

// TestXOROrbitLosses: the 2!·2² = 8 members of an XOR net's orbit at the W1
// start all have the reference loss of docs/WORKLOADS.md.
func TestXOROrbitLosses(t *testing.T) {
	p := mustPreset(t, "xor")
	orbit, err := Orbit(p.Net, W1Start())
	require.NoError(t, err)
	require.Len(t, orbit, 8)
	for _, q := range orbit {
		assert.InDelta(t, refW1Loss, p.LossValue(q), refTol)
	}
}
