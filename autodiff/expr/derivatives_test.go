package expr_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

// derivTol: the engine's derivatives of a polynomial are exact up to a
// few ulps.
const derivTol = 1e-12

func funcOf(t *testing.T, src string, names ...string) autodiff.Func {
	t.Helper()
	fn, err := expr.MustParse(src).Func(names)
	require.NoError(t, err)
	return fn
}

func TestDerivativesAt(t *testing.T) {
	// f = x² − y² at (0.3, −1.2): f = 0.09 − 1.44, ∇f = (2x, −2y) = (0.6, 2.4),
	// H = diag(2, −2), eigenvalues −2, 2.
	d, err := expr.DerivativesAt("x^2 - y^2", funcOf(t, "x^2 - y^2", "x", "y"), []string{"x", "y"}, []float64{0.3, -1.2})
	require.NoError(t, err)
	assert.InDelta(t, 0.09-1.44, d.Value, derivTol)
	assert.InDeltaSlice(t, []float64{0.6, 2.4}, d.Gradient, derivTol)
	assert.Equal(t, [][]float64{{2, 0}, {0, -2}}, d.Hessian)
	assert.InDeltaSlice(t, []float64{-2, 2}, d.Eigenvalues, derivTol)
	assert.Empty(t, d.NotFinite)

	// f = log x + y at x = 1e-300: ∂f/∂x = 1e300 is finite, ∂²f/∂x² = −1e600
	// overflows: reported, null in JSON, no eigenvalues.
	d, err = expr.DerivativesAt("log(x) + y", funcOf(t, "log(x) + y", "x", "y"), []string{"x", "y"}, []float64{1e-300, 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"d2f/dx2 = -Inf"}, d.NotFinite)
	assert.Nil(t, d.Eigenvalues)
	b, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"hessian":[[null,0],[0,0]]`)

	// sqrt at 0: the gradient itself is infinite, an error.
	_, err = expr.DerivativesAt("sqrt(x)", funcOf(t, "sqrt(x)", "x"), []string{"x"}, []float64{0})
	assert.EqualError(t, err, "the derivatives of the formula are not finite at x=0: df/dx = +Inf")
}

func TestCheckAt(t *testing.T) {
	c := expr.CheckAt("sin(x)*exp(y)", funcOf(t, "sin(x)*exp(y)", "x", "y"), []string{"x", "y"}, []float64{0.3, -1.2}, autodiff.CheckOptions{Atol: 1e-5, Rtol: 1e-3})
	assert.True(t, c.OK)
	assert.True(t, c.Gradient.OK)
	assert.True(t, c.Hessian.OK)
	assert.Equal(t, 1e-5, c.Atol)
	// The engine's worst gradient entry is a true derivative of sin(x)·e^y.
	want := []float64{math.Cos(0.3) * math.Exp(-1.2), math.Sin(0.3) * math.Exp(-1.2)}
	assert.InDelta(t, want[c.Gradient.Col], c.Gradient.Engine, derivTol)
}

// Derivatives is the document of `saddle grad --json`.
func ExampleDerivativesAt() {
	f := expr.MustParse("x^2 - y^2")
	fn, _ := f.Func([]string{"x", "y"})
	d, err := expr.DerivativesAt(f.String(), fn, []string{"x", "y"}, []float64{0.5, 1})
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(d)
	fmt.Println(string(b))
	// Output:
	// {"expr":"x^2 - y^2","vars":["x","y"],"at":[0.5,1],"value":-0.75,"gradient":[1,-2],"eigenvalues":[-2,2],"hessian":[[2,0],[0,-2]]}
}

func TestDerivativesAndCheckText(t *testing.T) {
	d, err := expr.DerivativesAt("log(x) + y", funcOf(t, "log(x) + y", "x", "y"), []string{"x", "y"}, []float64{1e-300, 2})
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, d.WriteText(&b))
	// ∂f/∂y = 1; ∂²f/∂x² = −1/x² overflows.
	assert.Contains(t, b.String(), "df/dy  1\n")
	assert.Contains(t, b.String(), "not computed: the Hessian is not finite")
	assert.Contains(t, b.String(), "not finite (overflow or a singularity): d2f/dx2 = -Inf\n")

	c := expr.CheckAt("x^2", funcOf(t, "x^2", "x"), []string{"x"}, []float64{1}, autodiff.CheckOptions{})
	b.Reset()
	require.NoError(t, c.WriteText(&b))
	assert.Contains(t, b.String(), "ok   gradient worst at d/dx: engine 2,")
	assert.Contains(t, b.String(), "ok   Hessian  worst at d²/dx dx: engine 2,")
}
