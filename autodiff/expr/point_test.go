package expr_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

func TestParsePointAndBox(t *testing.T) {
	names, vals, err := expr.ParsePoint("at", " y = -1.5 , x=2e-3")
	require.NoError(t, err)
	assert.Equal(t, []string{"y", "x"}, names, "the order given, not sorted")
	assert.Equal(t, []float64{-1.5, 0.002}, vals)

	names, lo, hi, err := expr.ParseBox("box", "x=-5:5,w11=0:0.5")
	require.NoError(t, err)
	assert.Equal(t, []string{"x", "w11"}, names)
	assert.Equal(t, []float64{-5, 0}, lo)
	assert.Equal(t, []float64{5, 0.5}, hi)

	for _, c := range []struct{ in, want string }{
		{"", "at is empty; give values like x=0.3,y=-1.2"},
		{"x=1,x=2", `at: variable "x" given twice`},
		{"x", `at: "x" is not NAME=VALUE`},
		{"x=NaN", `at: x: "NaN" is not a finite number`},
		{"x=1e999", `at: x: "1e999" is out of the range of float64 (about ±1.8e308)`},
	} {
		_, _, err := expr.ParsePoint("at", c.in)
		assert.EqualError(t, err, c.want, c.in)
	}
	for _, c := range []struct{ in, want string }{
		{"x=1:1", "box: x: min 1 is not below max 1"},
		{"x=-1", `box: x: "-1" is not MIN:MAX`},
		{"x=-1e308:1e308", "box: x: the range -1e+308:1e+308 is too wide (its width overflows float64)"},
		{"x=a:1", `box: x: min: "a" is not a number`},
	} {
		_, _, _, err := expr.ParseBox("box", c.in)
		assert.EqualError(t, err, c.want, c.in)
	}
	v, err := expr.ParseFloats("at", "1, -2.5,0")
	require.NoError(t, err)
	assert.Equal(t, []float64{1, -2.5, 0}, v)
	_, err = expr.ParseFloats("at", "1,,2")
	assert.EqualError(t, err, `at: "" is not a number`)
}

func TestCheckFinite(t *testing.T) {
	fn, err := expr.MustParse("log(x) + y").Func([]string{"x", "y"})
	require.NoError(t, err)
	assert.NoError(t, expr.CheckFinite(fn, []string{"x", "y"}, []float64{1, 2}))
	// log(−1) is NaN: the op that made it is named.
	assert.EqualError(t, expr.CheckFinite(fn, []string{"x", "y"}, []float64{-1, 2}), "the formula is NaN at x=-1, y=2: Log produced NaN")
	assert.True(t, math.IsNaN(autodiff.Value(fn, []float64{-1, 2})))
}

func TestQuote(t *testing.T) {
	assert.Equal(t, `"x^2"`, expr.Quote("x^2"))
	long := ""
	for range 30 {
		long += "x+1+"
	}
	assert.Equal(t, `"`+long[:60]+`"… (120 characters)`, expr.Quote(long))
}

func ExampleParseBox() {
	names, lo, hi, err := expr.ParseBox("--box", "x=-5:5,y=-1:2")
	fmt.Println(names, lo, hi, err)
	_, _, _, err = expr.ParseBox("--box", "x=5:-5")
	fmt.Println(err)
	fmt.Println(expr.PointString(names, lo))
	// Output:
	// [x y] [-5 -1] [5 2] <nil>
	// --box: x: min 5 is not below max -5
	// x=-5, y=-1
}
