package autodiff

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// exactTol: closed forms evaluated in float64 agree to a few ulps.
const exactTol = 1e-12

// refTol: docs/WORKLOADS.md references agree between four implementations to
// 1e-8 absolute for eigenvalues and to the printed digits for losses.
const refTol = ref.EigAbs

func eigen(t *testing.T, h [][]float64) []float64 {
	n := len(h)
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, h[i][j])
		}
	}
	var es mat.EigenSym
	require.True(t, es.Factorize(s, false))
	return es.Values(nil)
}

// linreg is the seed's loss Σ(yᵢ − b0 − b1·xᵢ)² over (0,1),(1,2),(3,3).
func linreg(p *Node) *Node {
	xs := Const([]float64{0, 1, 3}, 3)
	ys := Const([]float64{1, 2, 3}, 3)
	b0, b1 := Slice(p, 0, 1), Slice(p, 1, 2)
	return Sum(Square(Sub(ys, Add(b0, Mul(b1, xs)))))
}

// TestLinearRegressionClosedForm: the normal equations
// [[3,4],[4,10]]·(b0,b1) = (6,11) give (8/7, 9/14); the Hessian is
// 2·[[n, Σx],[Σx, Σx²]] = [[6,8],[8,20]] with eigenvalues 13 ± √113.
func TestLinearRegressionClosedForm(t *testing.T) {
	at := []float64{8.0 / 7, 9.0 / 14}
	g := Grad(linreg, at)
	assert.InDelta(t, 0, g[0], exactTol)
	assert.InDelta(t, 0, g[1], exactTol)
	h := Hessian(linreg, []float64{0, 0})
	assert.Equal(t, [][]float64{{6, 8}, {8, 20}}, h)
	ev := eigen(t, h)
	assert.InDelta(t, 13-math.Sqrt(113), ev[0], exactTol)
	assert.InDelta(t, 13+math.Sqrt(113), ev[1], exactTol)
}

// TestDoubleWell: h(x) = (1 − x²)² has h' = −4x(1 − x²) and
// h” = 12x² − 4: a local maximum at 0 (h” = −4), minima at ±1 (h” = 8).
func TestDoubleWell(t *testing.T) {
	h := func(x *Node) *Node { return Sum(Square(Sub(Scalar(1), Square(x)))) }
	for _, c := range []struct{ x, d1, d2 float64 }{{0, 0, -4}, {1, 0, 8}, {-1, 0, 8}, {0.5, -1.5, -1}} {
		assert.InDelta(t, c.d1, Grad(h, []float64{c.x})[0], exactTol, "h'(%v)", c.x)
		assert.InDelta(t, c.d2, Hessian(h, []float64{c.x})[0][0], exactTol, "h''(%v)", c.x)
	}
}

// TestSaddleXY: x² − y² has Hessian diag(2, −2) everywhere.
func TestSaddleXY(t *testing.T) {
	f := func(p *Node) *Node { return Sub(Square(Sum(Slice(p, 0, 1))), Square(Sum(Slice(p, 1, 2)))) }
	ev := eigen(t, Hessian(f, []float64{0.3, -1.2}))
	assert.Equal(t, []float64{-2, 2}, ev)
}

// xorLoss is W1's loss written directly with engine ops: the 2-2-1 sigmoid
// net, parameters W1 row by row, b1, W2, b2; MSE over the four patterns.
func xorLoss(p *Node) *Node {
	X := Const([]float64{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := Const([]float64{0, 1, 1, 0}, 4, 1)
	W1 := Reshape(Slice(p, 0, 4), 2, 2)
	b1 := Slice(p, 4, 6)
	W2 := Reshape(Slice(p, 6, 8), 1, 2)
	b2 := Slice(p, 8, 9)
	h := Sigmoid(Add(MatMul(X, Transpose(W1)), b1))
	out := Sigmoid(Add(MatMul(h, Transpose(W2)), b2))
	return MSE(out, y)
}

var w1Start = ref.W1Start()

// TestXORWorkload: the W1 start has loss 0.252868459475519 and the W4a
// Hessian eigenvalue extremes −0.00887508328076912 and 0.190959812648818
// (docs/WORKLOADS.md, four independent implementations).
func TestXORWorkload(t *testing.T) {
	v, _ := ValueAndGrad(xorLoss, w1Start)
	assert.InDelta(t, ref.W4aLoss, v, 1e-14)
	h := Hessian(xorLoss, w1Start)
	ev := eigen(t, h)
	assert.InDelta(t, ref.W4aEigMin, ev[0], refTol)
	assert.InDelta(t, ref.W4aEigMax, ev[len(ev)-1], refTol)
	for i := range h {
		for j := range h {
			assert.InDelta(t, h[j][i], h[i][j], symTol)
		}
	}
}

// TestXOROrigin: at the all-zero point every output is ½, the MSE is ¼ and
// the gradient is exactly 0; the Hessian has one eigenvalue 0.1875 and eight
// zeros (docs/LITERATURE.md).
func TestXOROrigin(t *testing.T) {
	zero := make([]float64, 9)
	v, g := ValueAndGrad(xorLoss, zero)
	assert.Equal(t, 0.25, v)
	assert.Equal(t, make([]float64, 9), g)
	ev := eigen(t, Hessian(xorLoss, zero))
	for _, l := range ev[:8] {
		assert.InDelta(t, 0, l, exactTol)
	}
	assert.InDelta(t, 0.1875, ev[8], exactTol)
}

// badSquare is x² with a wrong VJP (g·x instead of 2·g·x), to show that the
// checker finds the op. It is a Pow node (the kind of x²); the functions
// checked below hold no other Pow, so a suspect "Pow" is this one.
func badSquare(x *Node) *Node {
	return newNode(opPow, x.shape, []*Node{x}, func(dst []float64, in [][]float64) {
		for i, v := range in[0] {
			dst[i] = v * v
		}
	}, func(g *Node, _ int) *Node { return Mul(g, x) })
}

// TestCheckGradFindsWrongRule: CheckGrad fails on a wrong rule and names
// the op; a correct function passes.
func TestCheckGradFindsWrongRule(t *testing.T) {
	good := func(x *Node) *Node { return Sum(Mul(Sin(x), Square(x))) }
	r := CheckGrad(good, []float64{0.3, -0.7}, nil)
	assert.True(t, r.OK, r.String())
	assert.Empty(t, r.Op)

	bad := func(x *Node) *Node { return Sum(Sin(badSquare(x))) }
	r = CheckGrad(bad, []float64{0.3, -0.7}, nil)
	assert.False(t, r.OK)
	assert.Contains(t, r.Op, "Pow(")
	// d/dx sin(x²) = 2x·cos(x²); the wrong rule gives half of that.
	want := 2 * -0.7 * math.Cos(0.49)
	assert.InDelta(t, want, r.Numeric, 1e-8)
	assert.InDelta(t, want/2, r.Engine, exactTol)

	h := CheckHessian(good, []float64{0.3, -0.7}, nil)
	assert.True(t, h.OK, h.String())
	h = CheckHessian(func(x *Node) *Node { return Sum(Mul(badSquare(x), x)) }, []float64{0.3, -0.7}, nil)
	assert.False(t, h.OK)
	assert.Contains(t, h.Op, "Pow(")
}
