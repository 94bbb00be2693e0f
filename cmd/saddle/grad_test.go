package main

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exactTol: closed-form derivatives of polynomials in float64.
const exactTol = 1e-12

// TestGradJSONContract: the keys and values of DESIGN §5 for x² − y² at
// (0.3, −1.2): value 0.09 − 1.44, gradient (2x, −2y), Hessian diag(2, −2).
func TestGradJSONContract(t *testing.T) {
	code, out, stderr := runCLI(t, "grad", "-f", "x^2 - y^2", "--at", "x=0.3,y=-1.2", "--json")
	require.Equal(t, 0, code, stderr)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	keys := []string{}
	for k := range raw {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"expr", "vars", "at", "value", "gradient", "hessian", "eigenvalues"}, keys)
	var r gradResult
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.Equal(t, "x^2 - y^2", r.Expr)
	assert.Equal(t, []string{"x", "y"}, r.Vars)
	assert.Equal(t, []float64{0.3, -1.2}, r.At)
	assert.InDelta(t, 0.09-1.44, r.Value, exactTol)
	assert.InDelta(t, 0.6, r.Gradient[0], exactTol)
	assert.InDelta(t, 2.4, r.Gradient[1], exactTol)
	assert.Equal(t, [][]float64{{2, 0}, {0, -2}}, r.Hessian)
	assert.Equal(t, []float64{-2, 2}, r.Eigenvalues)
}

// TestGradVariableOrderFollowsAt: --at sets the order of vars, gradient and
// Hessian. f = x·y² has ∂f/∂y = 2xy, ∂f/∂x = y², ∂²f/∂y² = 2x, ∂²f/∂x∂y = 2y.
func TestGradVariableOrderFollowsAt(t *testing.T) {
	code, out, stderr := runCLI(t, "grad", "-f", "x*y^2", "--at", "y=3,x=2", "--json")
	require.Equal(t, 0, code, stderr)
	var r gradResult
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.Equal(t, []string{"y", "x"}, r.Vars)
	assert.Equal(t, []float64{12, 9}, r.Gradient)
	assert.Equal(t, [][]float64{{4, 6}, {6, 0}}, r.Hessian)
	// eigenvalues of [[4,6],[6,0]]: 2 ± √40, ascending
	assert.InDelta(t, 2-math.Sqrt(40), r.Eigenvalues[0], exactTol)
	assert.InDelta(t, 2+math.Sqrt(40), r.Eigenvalues[1], exactTol)
}

// TestGradText: the readable table shows the value, each partial derivative
// and the eigenvalues.
func TestGradText(t *testing.T) {
	code, out, _ := runCLI(t, "grad", "-f", "(1 - x^2)^2", "--at", "x=0")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "value  1\n")
	assert.Contains(t, out, "df/dx  0\n")
	// h''(0) = 12·0² − 4 = −4: a local maximum, not a minimum.
	assert.Contains(t, out, "eigenvalues  -4\n")
}

// TestGradBadInput: every error case of the issue gives one line naming the
// culprit, exit 2 for usage and 1 for runtime.
func TestGradBadInput(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"grad", "-f", "foo(x)", "--at", "x=1"}, 2, `unknown function "foo" at column 1`},
		{[]string{"grad", "-f", "x +", "--at", "x=1"}, 2, "syntax error at column"},
		{[]string{"grad", "-f", "x^2 - y^2", "--at", "x=1"}, 2, `variable "y" of the formula has no value`},
		{[]string{"grad", "-f", "x^2", "--at", "x=1,z=2"}, 2, `variable "z" is not in the formula`},
		{[]string{"grad", "-f", "x^2", "--at", "x=1,x=2"}, 2, `variable "x" given twice`},
		{[]string{"grad", "-f", "x^2", "--at", "x=abc"}, 2, `"abc" is not a number`},
		{[]string{"grad", "-f", "x^2", "--at", "x=NaN"}, 2, `"NaN" is not a finite number`},
		{[]string{"grad", "-f", "x^2", "--at", "x"}, 2, `"x" is not NAME=VALUE`},
		{[]string{"grad", "-f", "x^2"}, 2, "--at is required"},
		{[]string{"grad", "--at", "x=1"}, 2, "-f is required"},
		{[]string{"grad", "--bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"grad", "-f", "x", "--at", "x=1", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"grad", "-f", "1/x", "--at", "x=0"}, 1, "Div produced +Inf"},
		{[]string{"grad", "-f", "log(x)", "--at", "x=-1"}, 1, "Log produced NaN"},
		{[]string{"grad", "-f", "sqrt(x)", "--at", "x=0"}, 1, "derivatives of the formula are not finite"},
		{[]string{"nosuch"}, 2, `unknown command "nosuch"`},
	}
	for _, c := range cases {
		code, out, stderr := runCLI(t, c.args...)
		assertOneLineError(t, code, out, stderr, c.code, c.want)
	}
}

// TestGradcheck: a smooth formula passes (exit 0); relu at its kink fails
// (the engine's subgradient 0 against the central difference ½), exit 1.
func TestGradcheck(t *testing.T) {
	code, out, stderr := runCLI(t, "gradcheck", "-f", "sin(x)*exp(y) + x^3", "--at", "x=0.3,y=-1.2", "--json")
	require.Equal(t, 0, code, stderr)
	var r gradcheckResult
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	assert.True(t, r.OK)
	assert.True(t, r.Gradient.OK)
	assert.True(t, r.Hessian.OK)
	assert.Less(t, r.Gradient.AbsErr, 1e-5)

	code, out, stderr = runCLI(t, "gradcheck", "-f", "relu(x)", "--at", "x=0")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "FAIL gradient")
	assert.Contains(t, out, "numeric 0.5")
	assert.Equal(t, "saddle gradcheck: derivative check failed\n", stderr)
}

// TestHelp: help lists the commands and each command explains itself.
func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "grad ")
	assert.Contains(t, out, "gradcheck")
	code, out, _ = runCLI(t, "grad", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Usage: saddle grad -f EXPR")
	assert.Contains(t, out, "-at")
	code, out, _ = runCLI(t, "help", "gradcheck")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "--rtol")
	code, _, stderr := runCLI(t)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "Usage: saddle COMMAND")
}
