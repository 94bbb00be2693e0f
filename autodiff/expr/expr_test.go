package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"

	"github.com/saddle-dev/saddle/autodiff"
)

// valueTol: the engine and Go's math evaluate the same float64 operations,
// up to a few ulps from a different association order.
const valueTol = 1e-12

// gradTol: central differences (step ~6e-6) are accurate to ~1e-10 here.
const gradTol = 1e-7

func sig(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

// TestEvalMatchesGoMath: each formula's value equals the same formula written
// in Go, and its gradient equals central differences of that Go function.
func TestEvalMatchesGoMath(t *testing.T) {
	cases := []struct {
		src  string
		vars []string
		at   []float64
		want func(v []float64) float64
	}{
		{"x^2 - y^2", []string{"x", "y"}, []float64{0.3, -1.2}, func(v []float64) float64 { return v[0]*v[0] - v[1]*v[1] }},
		{"-x^2", []string{"x"}, []float64{1.5}, func(v []float64) float64 { return -(v[0] * v[0]) }},
		{"x**3 + 2*x*y - y/3", []string{"x", "y"}, []float64{0.7, 2}, func(v []float64) float64 { return math.Pow(v[0], 3) + 2*v[0]*v[1] - v[1]/3 }},
		{"2^x^2", []string{"x"}, []float64{1.1}, func(v []float64) float64 { return math.Pow(2, math.Pow(v[0], 2)) }},
		{"x^y", []string{"x", "y"}, []float64{1.7, 0.6}, func(v []float64) float64 { return math.Pow(v[0], v[1]) }},
		{"exp(x) + log(y) + sqrt(x*y)", []string{"x", "y"}, []float64{0.4, 2.5}, func(v []float64) float64 { return math.Exp(v[0]) + math.Log(v[1]) + math.Sqrt(v[0]*v[1]) }},
		{"sin(x)*cos(y) + tan(x)", []string{"x", "y"}, []float64{0.4, 2.5}, func(v []float64) float64 { return math.Sin(v[0])*math.Cos(v[1]) + math.Tan(v[0]) }},
		{"tanh(w11) + sigmoid(b0) + softplus(w11*b0)", []string{"w11", "b0"}, []float64{0.4, -2.5}, func(v []float64) float64 {
			return math.Tanh(v[0]) + sig(v[1]) + math.Log1p(math.Exp(v[0]*v[1]))
		}},
		{"relu(x) + abs(y)", []string{"x", "y"}, []float64{0.4, -2.5}, func(v []float64) float64 { return math.Max(v[0], 0) + math.Abs(v[1]) }},
		{"pi*x + e", []string{"x"}, []float64{2}, func(v []float64) float64 { return math.Pi*v[0] + math.E }},
		{"(1 - x^2)^2", []string{"x"}, []float64{0.5}, func(v []float64) float64 { return math.Pow(1-v[0]*v[0], 2) }},
		{"(x^2 + y - 11)^2 + (x + y^2 - 7)^2", []string{"x", "y"}, []float64{-0.27, -0.92}, func(v []float64) float64 {
			return math.Pow(v[0]*v[0]+v[1]-11, 2) + math.Pow(v[0]+v[1]*v[1]-7, 2)
		}},
		{"+x - -y", []string{"x", "y"}, []float64{1, 2}, func(v []float64) float64 { return v[0] + v[1] }},
	}
	for _, c := range cases {
		f, err := Parse(c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.vars, f.Vars(), c.src)
		fn, err := f.Func(c.vars)
		require.NoError(t, err)
		v, g := autodiff.ValueAndGrad(fn, c.at)
		assert.InDelta(t, c.want(c.at), v, valueTol*(1+math.Abs(v)), c.src)
		want := fd.Gradient(nil, c.want, c.at, &fd.Settings{Formula: fd.Central})
		for i := range g {
			assert.InDelta(t, want[i], g[i], gradTol*(1+math.Abs(want[i])), "%s: d/d%s", c.src, c.vars[i])
		}
	}
}

// TestPrecedence: -x^2 is -(x^2) and ^ is right-associative: 2^3^2 = 2^9.
func TestPrecedence(t *testing.T) {
	for src, want := range map[string]float64{"-2^2": -4, "2^3^2": 512, "2**3**2": 512, "(2^3)^2": 64, "1 - 2 - 3": -4, "8/4/2": 1, "2 + 3*4": 14} {
		f, err := Parse(src)
		require.NoError(t, err, src)
		fn, err := f.Func(nil)
		require.NoError(t, err)
		assert.Equal(t, want, autodiff.Value(fn, nil), src)
	}
}

// TestErrors: each bad formula names the culprit and its column.
func TestErrors(t *testing.T) {
	cases := map[string]string{
		"foo(x)":       `unknown function "foo" at column 1`,
		"x + bar(y)":   `unknown function "bar" at column 5`,
		"x +":          "syntax error at column",
		"(x":           "syntax error at column",
		"2x":           "syntax error at column 2",
		"x % 2":        `unsupported operator "%" at column 3`,
		"x == y":       `unsupported operator "==" at column 3`,
		"abs(x, y)":    `function "abs" takes 1 argument, got 2`,
		"exp + 1":      `function "exp" used as a variable at column 1`,
		"x.y":          "unsupported syntax",
		`"s"`:          "unsupported syntax",
		"":             "empty formula",
		"x ? 1 : 2":    "unsupported syntax",
		"not x":        `unsupported operator "not"`,
		"$x + 1":       `bad variable name "$x" at column 1`,
		"[1, 2]":       "unsupported syntax",
		"sin()":        `function "sin" takes 1 argument, got 0`,
		"x and y":      `unsupported operator "and" at column 3`,
		"let a = 1; a": "unsupported syntax",
	}
	for src, want := range cases {
		_, err := Parse(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
		assert.NotContains(t, err.Error(), "\n", "one line: %q", src)
	}
}

// TestFuncVariableChecks: every variable needs a value, none may be extra or
// given twice.
func TestFuncVariableChecks(t *testing.T) {
	f := MustParse("x*y + x")
	assert.Equal(t, []string{"x", "y"}, f.Vars())
	_, err := f.Func([]string{"x"})
	assert.EqualError(t, err, `variable "y" of the formula has no value`)
	_, err = f.Func([]string{"x", "y", "z"})
	assert.EqualError(t, err, `variable "z" is not in the formula`)
	_, err = f.Func([]string{"x", "x", "y"})
	assert.EqualError(t, err, `variable "x" given twice`)
	// The order of the vector follows the caller, not the formula.
	fn, err := f.Func([]string{"y", "x"})
	require.NoError(t, err)
	assert.Equal(t, []float64{2, 4}, autodiff.Grad(fn, []float64{3, 2})) // d/dy = x, d/dx = y + 1
}
