package autodiff

import (
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// Tolerances against finite differences. Central differences of the value
// with gonum's default step (~6e-6) have truncation error ~h²·f”' ≈ 4e-11
// and rounding error ~ε/h ≈ 2e-11, so 1e-6 leaves a wide margin while
// catching any wrong rule (a wrong rule is off by O(1)). Second differences
// (fd.Hessian, central, step 1e-4) have truncation error ~h²·f⁗ ≈ 1e-8 and rounding error ~ε/h² ≈ 1e-8 times the values'
// scale, hence 1e-5.
const (
	gradTol = 1e-6
	hessTol = 1e-5
	// symTol: reverse-over-reverse Hessians are symmetric up to rounding.
	symTol = 1e-12
)

// weights returns n fixed, distinct weights so that Σ wᵢ·yᵢ has a
// gradient that tells the elements of y apart.
func weights(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = math.Cos(0.9*float64(i) + 0.4)
	}
	return w
}

// wsum reduces y to a scalar as Σ wᵢ·yᵢ.
func wsum(y *Node) *Node { return Sum(Mul(y, Const(weights(y.Size()), y.Shape()...))) }

// part returns elements lo..hi−1 of x reshaped to shape.
func part(x *Node, lo, hi int, shape ...int) *Node { return Reshape(Slice(x, lo, hi), shape...) }

// point returns a deterministic test point of n elements whose magnitudes
// stay in [0.2, 1.2], away from the kinks of ReLU and Abs at 0.
func point(n, k int) []float64 {
	x := make([]float64, n)
	for i := range x {
		s := math.Sin(1.3*float64(i) + 2.1*float64(k) + 0.5)
		x[i] = math.Copysign(0.2+math.Abs(s), s)
	}
	return x
}

// positive maps x to values in [1.2, 2.2] for ops defined on x > 0.
func positive(x *Node) *Node { return AddScalar(Abs(x), 1) }

type opCase struct {
	name string
	n    int
	f    Func
}

func opCases() []opCase {
	return []opCase{
		{"Add vector", 6, func(x *Node) *Node { return wsum(Add(part(x, 0, 3, 3), part(x, 3, 6, 3))) }},
		{"Add matrix+vector broadcast", 9, func(x *Node) *Node { return wsum(Add(part(x, 0, 6, 2, 3), part(x, 6, 9, 3))) }},
		{"Add scalar broadcast", 7, func(x *Node) *Node { return wsum(Add(part(x, 0, 1), part(x, 1, 7, 2, 3))) }},
		{"Sub (3,1)-(1,4)", 7, func(x *Node) *Node { return wsum(Sub(part(x, 0, 3, 3, 1), part(x, 3, 7, 1, 4))) }},
		{"Mul matrix", 12, func(x *Node) *Node { return wsum(Mul(part(x, 0, 6, 2, 3), part(x, 6, 12, 2, 3))) }},
		{"Mul column broadcast", 8, func(x *Node) *Node { return wsum(Mul(part(x, 0, 2, 2, 1), part(x, 2, 8, 2, 3))) }},
		{"Mul self", 3, func(x *Node) *Node { return wsum(Mul(x, x)) }},
		{"Div", 6, func(x *Node) *Node { return wsum(Div(part(x, 0, 3, 3), positive(part(x, 3, 6, 3)))) }},
		{"Div scalar broadcast", 4, func(x *Node) *Node { return wsum(Div(part(x, 0, 3, 3), positive(part(x, 3, 4)))) }},
		{"Neg", 3, func(x *Node) *Node { return wsum(Neg(Mul(x, x))) }},
		{"Exp", 4, func(x *Node) *Node { return wsum(Exp(part(x, 0, 4, 2, 2))) }},
		{"Log", 3, func(x *Node) *Node { return wsum(Log(positive(x))) }},
		{"Sin", 3, func(x *Node) *Node { return wsum(Sin(x)) }},
		{"Cos", 3, func(x *Node) *Node { return wsum(Cos(x)) }},
		{"Tanh", 3, func(x *Node) *Node { return wsum(Tanh(x)) }},
		{"Sigmoid", 3, func(x *Node) *Node { return wsum(Sigmoid(Scale(x, 2))) }},
		// The derivative nodes of Tanh and Sigmoid as functions of their own
		// (Σ wᵢ·tanh′(3xᵢ), Σ wᵢ·σ′(3xᵢ)): their gradients and Hessians are
		// the rules of TanhPrime and SigmoidPrime and of the second
		// derivatives those share, checked against differences of the value.
		{"TanhPrime", 3, func(x *Node) *Node { y := Scale(x, 3); return wsum(tanhPrime(y, Tanh(y))) }},
		{"SigmoidPrime", 3, func(x *Node) *Node { y := Scale(x, 3); return wsum(sigmoidPrime(y, Sigmoid(y))) }},
		{"ReLU", 4, func(x *Node) *Node { return wsum(Mul(ReLU(x), x)) }},
		{"Softplus", 3, func(x *Node) *Node { return wsum(Softplus(x)) }},
		{"Abs", 3, func(x *Node) *Node { return wsum(Mul(Abs(x), x)) }},
		{"Sqrt", 3, func(x *Node) *Node { return wsum(Sqrt(positive(x))) }},
		{"Pow 3", 3, func(x *Node) *Node { return wsum(Pow(x, 3)) }},
		{"Pow 2.5", 3, func(x *Node) *Node { return wsum(Pow(positive(x), 2.5)) }},
		{"Pow -1", 3, func(x *Node) *Node { return wsum(Pow(positive(x), -1)) }},
		{"Square", 3, func(x *Node) *Node { return wsum(Square(x)) }},
		{"PowVar", 4, func(x *Node) *Node { return wsum(PowVar(positive(part(x, 0, 2, 2)), part(x, 2, 4, 2))) }},
		{"PowVar scalar exponent", 3, func(x *Node) *Node { return wsum(PowVar(positive(part(x, 0, 2, 2)), part(x, 2, 3))) }},
		{"Scale", 3, func(x *Node) *Node { return wsum(Scale(Mul(x, x), -1.7)) }},
		{"AddScalar", 3, func(x *Node) *Node { return wsum(Mul(AddScalar(x, 0.3), x)) }},
		{"MatMul", 12, func(x *Node) *Node { return wsum(MatMul(part(x, 0, 6, 2, 3), part(x, 6, 12, 3, 2))) }},
		{"MatMul vector", 9, func(x *Node) *Node { return wsum(MatMul(part(x, 0, 6, 2, 3), part(x, 6, 9, 3, 1))) }},
		{"Transpose", 6, func(x *Node) *Node { return wsum(Mul(Transpose(part(x, 0, 6, 2, 3)), Transpose(part(x, 0, 6, 2, 3)))) }},
		{"Reshape", 6, func(x *Node) *Node { return wsum(Square(Reshape(x, 3, -1))) }},
		{"Slice", 5, func(x *Node) *Node { return wsum(Square(Slice(x, 1, 4))) }},
		{"Sum", 4, func(x *Node) *Node { return Square(Sum(x)) }},
		{"SumAxis 0", 6, func(x *Node) *Node { return wsum(Square(SumAxis(part(x, 0, 6, 2, 3), 0))) }},
		{"SumAxis 1", 6, func(x *Node) *Node { return wsum(Square(SumAxis(part(x, 0, 6, 2, 3), 1))) }},
		{"SumAxis -1 of 3-D", 8, func(x *Node) *Node { return wsum(Square(SumAxis(part(x, 0, 8, 2, 2, 2), -1))) }},
		{"Mean", 4, func(x *Node) *Node { return Square(Mean(x)) }},
		{"BroadcastTo", 2, func(x *Node) *Node { return wsum(Square(BroadcastTo(part(x, 0, 2, 2, 1), 2, 3))) }},
		{"SumTo", 6, func(x *Node) *Node { return wsum(Square(SumTo(part(x, 0, 6, 2, 3), 1, 3))) }},
		{"Where", 6, func(x *Node) *Node {
			cond := Const([]float64{1, 0, 1}, 3)
			return wsum(Square(Where(cond, part(x, 0, 3, 3), part(x, 3, 6, 3))))
		}},
		{"MaxAxis", 6, func(x *Node) *Node { return wsum(Square(MaxAxis(part(x, 0, 6, 2, 3), 1))) }},
		{"LogSumExp axis 1", 6, func(x *Node) *Node { return wsum(LogSumExp(part(x, 0, 6, 2, 3), 1)) }},
		{"LogSumExp axis 0", 6, func(x *Node) *Node { return wsum(LogSumExp(part(x, 0, 6, 2, 3), 0)) }},
		{"BCEWithLogits", 6, func(x *Node) *Node { return wsum(BCEWithLogits(part(x, 0, 3, 3), part(x, 3, 6, 3))) }},
		{"MSE", 6, func(x *Node) *Node { return MSE(part(x, 0, 3, 3), part(x, 3, 6, 3)) }},
		{"Dot", 6, func(x *Node) *Node { return Dot(part(x, 0, 3, 3), Sin(part(x, 3, 6, 3))) }},
	}
}

// derivs is what an engine computes for a case at a point.
type derivs struct {
	value float64
	grad  []float64
	hess  [][]float64
}

// engine is one of the package's ways of computing derivatives: the
// define-by-run functions, the compiled Program and HVPProgram, or their
// batched replays (BatchProgram, BatchHVP).
type engine struct {
	name string
	at   func(x []float64) derivs
	hvp  func(x, v []float64) []float64
}

// engines returns the engines for f on n inputs (the compiled ones traced
// once, here), so that every row of the primitives table is checked in each.
func engines(t *testing.T, f Func, n int) []engine {
	t.Helper()
	prog, err := Compile(f, n)
	require.NoError(t, err, "Compile")
	hp, err := CompileHVP(f, n)
	require.NoError(t, err, "CompileHVP")
	return []engine{
		{"define-by-run", func(x []float64) derivs {
			v, g := ValueAndGrad(f, x)
			return derivs{v, g, Hessian(f, x)}
		}, func(x, v []float64) []float64 { return HVP(f, x, v) }},
		{"compiled", func(x []float64) derivs {
			g := make([]float64, n)
			v := prog.ValueAndGrad(x, g)
			h := make([][]float64, n)
			for i := range h {
				h[i] = make([]float64, n)
			}
			hp.Hessian(x, h)
			return derivs{v, g, h}
		}, func(x, v []float64) []float64 {
			dst := make([]float64, n)
			hp.HVP(x, v, dst)
			return dst
		}},
		{"batched", func(x []float64) derivs {
			// x in the middle of three vectors, its Hessian as n products
			// H·e_k at once.
			xs := slices.Concat(point(n, 7), x, point(n, 8))
			vals, grads := make([]float64, 3), make([]float64, 3*n)
			prog.Batch(3).ValueAndGrad(xs, vals, grads)
			xk, ek, hk := make([]float64, n*n), make([]float64, n*n), make([]float64, n*n)
			for k := range n {
				copy(xk[k*n:], x)
				ek[k*n+k] = 1
			}
			hp.Batch(n).HVP(xk, ek, hk)
			h := make([][]float64, n)
			for i := range h {
				h[i] = make([]float64, n)
				for k := range n {
					h[i][k] = hk[k*n+i]
				}
			}
			return derivs{vals[1], grads[n : 2*n], h}
		}, func(x, v []float64) []float64 {
			dst := make([]float64, 2*n)
			hp.Batch(2).HVP(slices.Concat(point(n, 9), x), slices.Concat(weights(n), v), dst)
			return dst[n:]
		}},
	}
}

// TestPrimitivesAgainstFiniteDifferences checks values, first and second
// derivatives of every primitive, at several points and shapes, in both
// engines, against gonum's central differences of the value, and that
// Hessians are symmetric. The compiled engine must also agree with
// define-by-run to compileTol: it replays the same kernels.
func TestPrimitivesAgainstFiniteDifferences(t *testing.T) {
	for _, c := range opCases() {
		t.Run(c.name, func(t *testing.T) {
			es := engines(t, c.f, c.n)
			for k := range 3 {
				x := point(c.n, k)
				value := func(p []float64) float64 { return Value(c.f, p) }
				wantV := value(x)
				wantG := fd.Gradient(nil, value, x, &fd.Settings{Formula: fd.Central})
				var wantH mat.SymDense
				fd.Hessian(&wantH, value, x, &fd.Settings{Formula: fd.Central, Step: 1e-4})
				var byRun derivs
				for i, e := range es {
					d := e.at(x)
					if i == 0 {
						byRun = d
					}
					assertClose(t, wantV, d.value, e.name+" value")
					require.Len(t, d.grad, c.n)
					for i := range d.grad {
						assert.InDelta(t, wantG[i], d.grad[i], gradTol*(1+math.Abs(wantG[i])), "%s: gradient[%d] at point %d", e.name, i, k)
						assertClose(t, byRun.grad[i], d.grad[i], e.name+" gradient against define-by-run")
					}
					for i := range d.hess {
						for j := range d.hess[i] {
							assert.InDelta(t, wantH.At(i, j), d.hess[i][j], hessTol*(1+math.Abs(wantH.At(i, j))), "%s: hessian[%d][%d] at point %d", e.name, i, j, k)
							assert.InDelta(t, d.hess[j][i], d.hess[i][j], symTol, "%s: symmetry [%d][%d]", e.name, i, j)
							assertClose(t, byRun.hess[i][j], d.hess[i][j], e.name+" Hessian against define-by-run")
						}
					}
				}
			}
		})
	}
}

// TestPrimitivesTableCoversEveryOp: every kind of op appears in the graph
// of some row of the primitives table or of its recorded gradient (TanhPrime,
// Pad, … are made by rules), so a new primitive cannot miss the checks of
// both engines above.
func TestPrimitivesTableCoversEveryOp(t *testing.T) {
	seen := map[opKind]bool{}
	for _, c := range opCases() {
		xv := Variable(point(c.n, 0))
		y := c.f(xv)
		for _, n := range topoSort([]*Node{y, Gradients(y, xv)[0]}, nil, true) {
			seen[n.op] = true
		}
	}
	for k := range numOpKinds {
		require.NotEmpty(t, k.String(), "op kind %d has no name in opNames", k)
		assert.True(t, seen[k], "no row of opCases makes a %s node", k)
	}
}

// TestGradientsRecordAgain checks that Gradients gives the same values as
// the no-record sweep of ValueAndGrad.
func TestGradientsRecordAgain(t *testing.T) {
	for _, c := range opCases() {
		x := point(c.n, 1)
		xv := Variable(x)
		g := Gradients(c.f(xv), xv)[0]
		_, want := ValueAndGrad(c.f, x)
		assert.Equal(t, want, g.Data(), c.name)
	}
}

// TestThirdDerivative: d³/dx³ x⁴ = 24x, which is 48 at x = 2.
func TestThirdDerivative(t *testing.T) {
	x := Variable([]float64{2})
	y := Sum(Pow(x, 4))
	d1 := Gradients(y, x)[0]
	d2 := Gradients(Sum(d1), x)[0]
	d3 := Gradients(Sum(d2), x)[0]
	assert.Equal(t, 32.0, d1.Item()) // 4x³
	assert.Equal(t, 48.0, d2.Item()) // 12x²
	assert.Equal(t, 48.0, d3.Item()) // 24x
	d4 := Gradients(Sum(d3), x)[0]
	assert.Equal(t, 24.0, d4.Item()) // 24
}

// TestHVPMatchesHessian: HVP(v) must equal H·v, in both engines (H from
// define-by-run, checked against finite differences above).
func TestHVPMatchesHessian(t *testing.T) {
	for _, c := range opCases() {
		x, v := point(c.n, 2), weights(c.n)
		h := Hessian(c.f, x)
		for _, e := range engines(t, c.f, c.n) {
			hv := e.hvp(x, v)
			for i := range h {
				want := 0.0
				for j := range v {
					want += h[i][j] * v[j]
				}
				assert.InDelta(t, want, hv[i], symTol*(1+math.Abs(want)), "%s, %s: HVP[%d]", c.name, e.name, i)
			}
		}
	}
}

// TestJacobian: f(a, b) = (a·b, a², sin b) has Jacobian
// [[b, a], [2a, 0], [0, cos b]].
func TestJacobian(t *testing.T) {
	f := func(x *Node) *Node {
		a, b := Slice(x, 0, 1), Slice(x, 1, 2)
		return Add(Add(pad(Mul(a, b), 0, 3), pad(Square(a), 1, 3)), pad(Sin(b), 2, 3))
	}
	a, b := 0.7, -1.3
	j := Jacobian(f, []float64{a, b})
	want := [][]float64{{b, a}, {2 * a, 0}, {0, math.Cos(b)}}
	for i := range want {
		for k := range want[i] {
			assert.InDelta(t, want[i][k], j[i][k], 1e-15, "J[%d][%d]", i, k)
		}
	}
}

// TestShapePanics: programmer errors name the package, the op and both shapes.
func TestShapePanics(t *testing.T) {
	a := Const(make([]float64, 12), 4, 3)
	b := Const(make([]float64, 4), 2, 2)
	assert.PanicsWithValue(t, "autodiff: MatMul: shapes (4,3) and (2,2) do not match", func() { MatMul(a, b) })
	assert.PanicsWithValue(t, "autodiff: Add: shapes (4,3) and (2,2) do not match", func() { Add(a, b) })
	assert.PanicsWithValue(t, "autodiff: Reshape: shapes (4,3) and (5) do not match", func() { Reshape(a, 5) })
	assert.PanicsWithValue(t, "autodiff: SumAxis: axis 2 out of range for shape (4,3)", func() { SumAxis(a, 2) })
	assert.PanicsWithValue(t, "autodiff: Gradients: output has shape (4,3), want a scalar", func() { Gradients(a, a) })
}

// TestNumericalStability: overflow-prone inputs give the finite values that
// the mathematics says.
func TestNumericalStability(t *testing.T) {
	x := Const([]float64{-1000, 1000}, 2)
	assert.Equal(t, []float64{0, 1}, Sigmoid(x).Data())
	assert.Equal(t, []float64{0, 1000}, Softplus(x).Data())
	// BCE with logits: z = 1000 against y = 0 costs 1000; z = −1000 against y = 0 costs 0.
	assert.Equal(t, []float64{0, 1000}, BCEWithLogits(x, Const([]float64{0, 0}, 2)).Data())
	// log(e^1000 + e^1000) = 1000 + log 2.
	assert.Equal(t, 1000+math.Ln2, LogSumExp(Const([]float64{1000, 1000}, 2), 0).Item())
	// softplus'(0) = σ(0) = ½ exactly (the composed form would give 0).
	assert.Equal(t, []float64{0.5}, Grad(func(x *Node) *Node { return Sum(Softplus(x)) }, []float64{0}))
}

// TestFirstNonFinite names the op that produced the first bad value.
func TestFirstNonFinite(t *testing.T) {
	x := Variable([]float64{-1, 2})
	y := Sum(Mul(Log(x), x))
	bad := FirstNonFinite(y)
	require.NotNil(t, bad)
	assert.Equal(t, "Log", bad.Op())
	assert.Nil(t, FirstNonFinite(Sum(Exp(x))))
}

// TestConcurrentGraphs builds independent graphs in parallel goroutines:
// there is no global tape, so results equal the sequential ones (and
// `go test -race` stays clean).
func TestConcurrentGraphs(t *testing.T) {
	i := slices.IndexFunc(opCases(), func(c opCase) bool { return c.name == "MatMul" })
	require.GreaterOrEqual(t, i, 0, "the MatMul row of opCases")
	f := opCases()[i].f
	want := Hessian(f, point(12, 0))
	done := make(chan [][]float64, 8)
	for range 8 {
		go func() { done <- Hessian(f, point(12, 0)) }()
	}
	for range 8 {
		assert.Equal(t, want, <-done)
	}
}

// TestDetach: no gradient flows through a detached value, so
// d/dx [c·x²] with c = detach(x) is 2·c·x = 2x², not 3x².
func TestDetach(t *testing.T) {
	g := Grad(func(x *Node) *Node { return Sum(Mul(Detach(x), Square(x))) }, []float64{1.5, -2})
	assert.Equal(t, []float64{2 * 1.5 * 1.5, 2 * 4}, g)
}
