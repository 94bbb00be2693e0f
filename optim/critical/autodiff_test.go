package critical

import (
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// himmelblauNode is Himmelblau's function on autodiff nodes.
func himmelblauNode(x *autodiff.Node) *autodiff.Node {
	u, v := autodiff.Slice(x, 0, 1), autodiff.Slice(x, 1, 2)
	a := autodiff.AddScalar(autodiff.Add(autodiff.Mul(u, u), v), -11)
	b := autodiff.AddScalar(autodiff.Add(u, autodiff.Mul(v, v)), -7)
	return autodiff.Sum(autodiff.Add(autodiff.Mul(a, a), autodiff.Mul(b, b)))
}

// engineTol: the engine's derivatives of a polynomial are exact up to
// rounding, ~1e-13 relative at these magnitudes.
const engineTol = 1e-9

func TestFromFuncMatchesClosedForm(t *testing.T) {
	p := FromFunc(himmelblauNode)
	x := []float64{1.3, -0.8}
	assert.InDelta(t, himmelblau.Func(x), p.Func(x), engineTol)
	g, want := make([]float64, 2), make([]float64, 2)
	p.Grad(x, g)
	himmelblau.Grad(x, want)
	assert.InDeltaSlice(t, want, g, engineTol)
	h, wantH := mat.NewSymDense(2, nil), mat.NewSymDense(2, nil)
	p.Hess(x, h)
	himmelblau.Hess(x, wantH)
	assert.True(t, mat.EqualApprox(h, wantH, engineTol))
}

func TestFindWithEngine(t *testing.T) {
	pts, err := Find(FromFunc(himmelblauNode), []float64{-5, -5}, []float64{5, 5}, Options{Grid: 15, Workers: 2})
	require.NoError(t, err)
	assert.Equal(t, map[Kind]int{Minimum: 4, Saddle: 4, Maximum: 1}, countKinds(pts))
}

func TestFromFuncFallsBackWhenNotCompilable(t *testing.T) {
	// A function that branches in Go on a value cannot in general be replayed
	// by a compiled program (Compile refuses it when its check point takes the
	// other branch); either way FromFunc must be right:
	// f = x² for x > 0 and 3x² otherwise, at x = −1: f' = −6, f'' = 6.
	branchy := func(x *autodiff.Node) *autodiff.Node {
		if x.Data()[0] > 0 {
			return autodiff.Sum(autodiff.Mul(x, x))
		}
		return autodiff.Sum(autodiff.Scale(autodiff.Mul(x, x), 3))
	}
	p := FromFunc(branchy)
	x := []float64{-1}
	assert.InDelta(t, 3, p.Func(x), engineTol)
	g := make([]float64, 1)
	p.Grad(x, g)
	assert.InDelta(t, -6, g[0], engineTol)
	h := mat.NewSymDense(1, nil)
	p.Hess(x, h)
	assert.InDelta(t, 6, h.At(0, 0), engineTol)
}
