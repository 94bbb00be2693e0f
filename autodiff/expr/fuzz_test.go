package expr

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/autodiff"
)

// The fuzz target below checks two properties of Parse, Func and the
// engine on arbitrary input:
//
//  1. Nothing panics: Parse either returns an error that names what is
//     wrong, or a Formula whose Func can be evaluated and differentiated.
//  2. Where it is meaningful, the engine's gradient (and Hessian) equal
//     central differences.
//
// "Meaningful" is decided by the differences themselves, not by the
// formula's text: the difference quotient d(h) = (f(x+h) − f(x−h))/2h is
// computed at three step sizes h₁ > h₂ > h₃ whose ratios are irrational (so
// that no periodic function can alias all three to the same wrong value).
// For a smooth f, d(h) = f′ + f‴h²/6 + rounding, so
//
//	|d(h₃) − f′| ≤ (h₃/h₂)²·|d(h₂) − d(h₃)| + rounding ≤ |d(h₂) − d(h₃)| + r,
//
// with r = roundFactor·ε·max|f|/h the rounding error of a difference
// quotient. A component is compared only when the three quotients agree
// (smooth at the scale of h), every value near x is finite, every
// intermediate value of the graph is moderate (so that the rounding bound,
// which uses |f|, is not beaten by cancellation of huge intermediates), and
// no kink of relu or abs lies between x−h₁ and x+h₁ (the input of every
// ReLU and Abs node has the same nonzero sign at all seven points).

// fdSteps are the relative steps h₁, h₂, h₃ (times max(1, |xᵢ|)); their
// ratios √50 and √20 are irrational.
var fdSteps = [3]float64{1e-3, 1e-3 / math.Sqrt(50), 1e-3 / math.Sqrt(50) / math.Sqrt(20)}

const (
	// roundFactor bounds the rounding error of one difference quotient in
	// units of ε·max|f|/h: f is evaluated twice with relative error of a
	// few ε each, for formulas of the size the fuzzer makes.
	roundFactor = 64
	// smoothTol is how closely d(h₂) and d(h₃) must agree (relative to
	// 1 + |d|) for f to count as smooth at the scale of h₂: small enough
	// that the truncation error of d(h₃) is far below agreeTol.
	smoothTol = 1e-6
	// aliasTol is how closely the coarse d(h₁) must agree with d(h₃); it
	// only guards against kinks and oscillation between h₃ and h₁, so it
	// may be loose (the truncation error of d(h₁) is ~500× that of d(h₃)).
	aliasTol = 1e-3
	// agreeTol is the allowed relative error of the engine's derivative
	// beyond the proven error bound of d(h₃): the engine's own rounding is
	// a few ε per op, far below this.
	agreeTol = 1e-6
	// hugeValue: intermediate values beyond this make rounding of f
	// unpredictable from |f| alone; such points are not compared.
	hugeValue = 1e6
	// maxCoord: points farther out are not compared (steps would be large).
	maxCoord = 1e3
	// maxVarsCompared keeps one fuzz input cheap: 6n evaluations per check.
	maxVarsCompared = 6
)

// fuzzSeeds are formulas from the documentation, the design's test
// functions, and the edges of the syntax.
var fuzzSeeds = []string{
	"x^2 - y^2", "(1 - x^2)^2", "x^3 - 3*x*y^2", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
	"(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
	"sin(x)*exp(y) + x^3", "x**3 + 2*x*y - y/3", "2^x^2", "x^y", "-x^2", "+x - -y",
	"exp(x) + log(y) + sqrt(x*y)", "sin(x)*cos(y) + tan(x)",
	"tanh(w11) + sigmoid(b0) + softplus(w11*b0)", "relu(x) + abs(y)", "pi*x + e",
	"sigmoid(1000*x)", "exp(800*x)", "log(x)", "1/x", "x/0", "0^x", "x^0.5", "x^-1",
	"abs(x - y) * relu(y - 1)", "softplus(-1000*x)", "tan(x)^2", "log(abs(x))",
	"sqrt(x^2)", "x^(1/3)", "e^x", "pi", "1 + 2", "((x))", "x*x*x*x*x*x*x*x",
	"", " ", "x +", "foo(x)", "exp(x, y)", "exp", "x y", "x ? y : z", "x[0]", "x.y",
	"\"s\"", "x == y", "1e400", "0x1F * x", "1_000 * x", "x % 2", "let a = 1; a",
	"-(-(-x))", "x^y^z", "#", "é + x", "exp()", "len(x)", "max(x, y)", "(x",
}

func FuzzParse(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, 0.3+0.1*float64(i%5), -1.2+0.7*float64(i%3), 2.5)
	}
	f.Add("x^2 - y^2", 0.0, 0.0, 0.0)
	f.Add("log(x)", 0.0, 1.0, 1.0)
	f.Add("relu(x)", 0.0, 0.0, 0.0)
	f.Add("sigmoid(x)", 1000.0, -1000.0, 0.0)
	f.Add("x", math.NaN(), math.Inf(1), math.Inf(-1))
	f.Fuzz(func(t *testing.T, src string, a, b, c float64) { checkFormula(t, src, a, b, c) })
}

// checkFormula is the body of FuzzParse: it parses src, evaluates it at a
// point made of a, b, c, and compares its derivatives with central
// differences where meaningful. It returns how many gradient and Hessian
// entries were compared.
func checkFormula(t *testing.T, src string, a, b, c float64) (gradCompared, hessCompared int) {
	t.Helper()
	form, err := Parse(src)
	if err != nil {
		checkParseError(t, src, err)
		return 0, 0
	}
	vars := form.Vars()
	// The variables in reverse order: Func must honour any order.
	order := make([]string, len(vars))
	for i, v := range vars {
		order[len(vars)-1-i] = v
	}
	fn, err := form.Func(order)
	if err != nil {
		t.Fatalf("Parse(%q) succeeded but Func(%q) failed: %v", src, order, err)
	}
	if len(vars) > 0 {
		if _, err := form.Func(order[1:]); err == nil || !strings.Contains(err.Error(), "no value") {
			t.Fatalf("Func with a missing variable: want an error naming it, got %v", err)
		}
	}
	if _, err := form.Func(append(append([]string(nil), order...), "zz_not_in_formula")); err == nil ||
		!strings.Contains(err.Error(), "zz_not_in_formula") {
		t.Fatalf("Func with an extra variable: want an error naming it, got %v", err)
	}
	x := make([]float64, len(order))
	for i := range x {
		x[i] = []float64{a, b, c}[i%3] * (1 + 0.25*float64(i/3))
	}
	value, grad := autodiff.ValueAndGrad(fn, x)
	if len(grad) != len(x) {
		t.Fatalf("%q: gradient has %d components for %d variables", src, len(grad), len(x))
	}
	if len(order) == 0 || len(order) > maxVarsCompared || !finite(value) || !finite(grad...) {
		return 0, 0
	}
	for _, v := range x {
		if math.IsNaN(v) || math.Abs(v) > maxCoord {
			return 0, 0
		}
	}
	// First derivatives of f.
	f0 := func(x []float64) ([]float64, []float64) {
		y := fn(autodiff.Variable(x))
		return []float64{y.Item()}, graphProfile(y)
	}
	gradCompared, err = compareDerivatives(f0, x, [][]float64{grad})
	if err != nil {
		t.Fatalf("%q at %v=%v: gradient: %v", src, order, x, err)
	}
	// Second derivatives: the Hessian against differences of the
	// engine's gradient (whose correctness was just checked).
	hess := autodiff.Hessian(fn, x)
	if !finite(flatten(hess)...) {
		return gradCompared, 0
	}
	g0 := func(x []float64) ([]float64, []float64) {
		y := fn(autodiff.Variable(x))
		_, g := autodiff.ValueAndGrad(fn, x)
		return g, graphProfile(y)
	}
	hessCompared, err = compareDerivatives(g0, x, hess)
	if err != nil {
		t.Fatalf("%q at %v=%v: Hessian: %v", src, order, x, err)
	}
	return gradCompared, hessCompared
}

// checkParseError: a parse error is one line and says where or what.
func checkParseError(t *testing.T, src string, err error) {
	msg := err.Error()
	if msg == "" {
		t.Fatalf("Parse(%q): empty error message", src)
	}
	if !strings.Contains(msg, "column") && !strings.Contains(msg, "empty formula") {
		t.Fatalf("Parse(%q): error %q names no column", src, msg)
	}
}

// graphProfile returns, for the graph of y, the sign of the input of every
// kink (ReLU, Abs), then the largest magnitude of any value (last entry).
// Graphs of one formula at different points have the same structure, so
// profiles can be compared entry by entry.
func graphProfile(y *autodiff.Node) []float64 {
	var out []float64
	biggest := 0.0
	seen := map[*autodiff.Node]bool{}
	stack := []*autodiff.Node{y}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		for _, v := range n.Data() {
			biggest = math.Max(biggest, math.Abs(v))
		}
		if op := n.Op(); op == "ReLU" || op == "Abs" {
			for _, v := range n.Parents()[0].Data() {
				out = append(out, sgn(v))
			}
		}
		stack = append(stack, n.Parents()...)
	}
	return append(out, biggest)
}

func sgn(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// compareDerivatives checks jac[k][i] = ∂Fₖ/∂xᵢ against central differences
// of F wherever that is meaningful (see the comment at the top of the file).
// It returns how many entries were compared, and an error for the first
// entry that disagrees.
func compareDerivatives(F func([]float64) ([]float64, []float64), x []float64, jac [][]float64) (int, error) {
	compared := 0
	_, prof0 := F(x)
	if !kinkFree(prof0, prof0) {
		return 0, nil
	}
	xs := append([]float64(nil), x...)
	for i := range x {
		scale := math.Max(1, math.Abs(x[i]))
		var d [3][]float64 // difference quotients per step, per output
		var r [3]float64   // rounding bound per step
		for s, rel := range fdSteps {
			h := rel * scale
			xs[i] = x[i] + h
			hp := xs[i] - x[i] // the step actually taken
			fp, pp := F(xs)
			xs[i] = x[i] - hp
			fm, pm := F(xs)
			xs[i] = x[i]
			if !finite(fp...) || !finite(fm...) || !kinkFree(prof0, pp) || !kinkFree(prof0, pm) {
				return compared, nil
			}
			d[s] = make([]float64, len(fp))
			big := 0.0
			for k := range fp {
				d[s][k] = (fp[k] - fm[k]) / (2 * hp)
				big = math.Max(big, math.Max(math.Abs(fp[k]), math.Abs(fm[k])))
			}
			r[s] = roundFactor * 0x1p-52 * big / hp
		}
		for k := range jac {
			d1, d2, d3 := d[0][k], d[1][k], d[2][k]
			smooth := math.Abs(d2-d3) <= smoothTol*(1+math.Abs(d3))+r[1]+r[2]
			noAlias := math.Abs(d1-d3) <= aliasTol*(1+math.Abs(d3))+r[0]+r[2]
			if !smooth || !noAlias {
				continue
			}
			bound := agreeTol*(1+math.Abs(d3)) + math.Abs(d2-d3) + r[2]
			compared++
			if got := jac[k][i]; !(math.Abs(got-d3) <= bound) {
				return compared, fmt.Errorf("entry [%d][%d] = %v, central differences %v (by step: %v %v %v), allowed error %v",
					k, i, got, d3, d1, d2, d3, bound)
			}
		}
	}
	return compared, nil
}

// kinkFree reports whether profile p has the same kink signs as p0, none
// of them zero, and moderate values.
func kinkFree(p0, p []float64) bool {
	if len(p0) != len(p) || p[len(p)-1] > hugeValue {
		return false
	}
	for j := range len(p) - 1 {
		if p[j] == 0 || p[j] != p0[j] {
			return false
		}
	}
	return true
}

func finite(xs ...float64) bool {
	for _, v := range xs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func flatten(rows [][]float64) []float64 {
	var out []float64
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// TestCompareDerivatives checks the fuzz target's oracle itself: it
// compares on smooth formulas, accepts the exact derivative, rejects one
// that is off by a relative 1e-4 (100× agreeTol), and does not compare at a
// kink, where central differences give the mean of the two one-sided slopes.
func TestCompareDerivatives(t *testing.T) {
	profiled := func(src string) func([]float64) ([]float64, []float64) {
		fn, err := MustParse(src).Func([]string{"x", "y"})
		require.NoError(t, err)
		return func(x []float64) ([]float64, []float64) {
			y := fn(autodiff.Variable(x))
			return []float64{y.Item()}, graphProfile(y)
		}
	}
	// x² − y² at (0.3, −1.2): ∇ = (2x, −2y) = (0.6, 2.4).
	smooth := profiled("x^2 - y^2 + 0*relu(x+y+10)")
	n, err := compareDerivatives(smooth, []float64{0.3, -1.2}, [][]float64{{0.6, 2.4}})
	require.NoError(t, err)
	assert.Equal(t, 2, n, "both components compared")
	_, err = compareDerivatives(smooth, []float64{0.3, -1.2}, [][]float64{{0.6 * (1 + 1e-4), 2.4}})
	assert.Error(t, err, "a gradient off by 1e-4 relative must be caught")

	// sin(1000x)·y: ∂/∂x = 1000·cos(1000x)·y, ∂/∂y = sin(1000x). Along x
	// the period is ~6e-3, so the coarse quotient is off by the factor
	// sin(1000h₁)/(1000h₁) = sin(1)/1 ≈ 0.84: x is not compared, y is.
	osc := profiled("sin(1000*x)*y")
	x := []float64{0.3, -1.2}
	want := []float64{1000 * math.Cos(300) * x[1], math.Sin(300)}
	n, err = compareDerivatives(osc, x, [][]float64{want})
	require.NoError(t, err)
	assert.Equal(t, 1, n, "only the y column is compared")

	// |x| + y at x = 0: the kink is at the point; the engine's subgradient
	// 0 differs from the differences' 0 only by luck, so nothing about x is
	// compared, and y's column is not compared either (same profile check).
	kink := profiled("abs(x) + y")
	n, err = compareDerivatives(kink, []float64{0, 1}, [][]float64{{5, 1}})
	require.NoError(t, err)
	assert.Zero(t, n, "no comparison at a kink")
	// Away from the kink it compares again: ∇ = (sign x, 1) = (−1, 1).
	n, err = compareDerivatives(kink, []float64{-0.5, 1}, [][]float64{{-1, 1}})
	require.NoError(t, err)
	assert.Equal(t, 2, n)

	// The fuzz target's Hessian check on Himmelblau's function: every one
	// of the 4 entries is compared (it is smooth everywhere), and the
	// engine's Hessian passes. H = [[12x² + 4y − 42, 4x + 4y],
	// [4x + 4y, 12y² + 4x − 26]]; a wrong entry is caught.
	fn, err := MustParse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2").Func([]string{"x", "y"})
	require.NoError(t, err)
	grad := func(x []float64) ([]float64, []float64) {
		_, g := autodiff.ValueAndGrad(fn, x)
		return g, graphProfile(fn(autodiff.Variable(x)))
	}
	x = []float64{0.7, -1.3}
	h := [][]float64{{12*x[0]*x[0] + 4*x[1] - 42, 4*x[0] + 4*x[1]}, {4*x[0] + 4*x[1], 12*x[1]*x[1] + 4*x[0] - 26}}
	n, err = compareDerivatives(grad, x, h)
	require.NoError(t, err)
	assert.Equal(t, 4, n)
	h[1][0] += 1e-3
	_, err = compareDerivatives(grad, x, h)
	assert.Error(t, err)
}

// TestFuzzParseComparesSmoothSeeds: on smooth formulas at a generic point
// the fuzz target compares every gradient and Hessian entry (so a broken
// oracle that skips everything cannot pass unnoticed).
func TestFuzzParseComparesSmoothSeeds(t *testing.T) {
	for _, src := range []string{
		"x^2 - y^2", "(1 - x^2)^2", "x^3 - 3*x*y^2", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
		"(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", "sin(x)*exp(y) + x^3",
		"x**3 + 2*x*y - y/3", "tanh(w11) + sigmoid(b0) + softplus(w11*b0)", "sin(x)*cos(y) + tan(x)",
		"abs(x - y) * relu(y - 1) + x*y*z", "exp(x) + log(x*x + y*y) + sqrt(z*z + 1)",
	} {
		n := len(MustParse(src).Vars())
		g, h := checkFormula(t, src, 0.3, -1.2, 2.5)
		assert.Equal(t, n, g, "%s: gradient entries compared", src)
		assert.Equal(t, n*n, h, "%s: Hessian entries compared", src)
	}
}
