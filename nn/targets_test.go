package nn

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadCSVRefusesANumericFirstRow: a file without a header would lose
// its first sample as the header; a first row of numbers only is refused
// at line 1 with a header to add, while a header with one numeric name
// among words is a header.
func TestReadCSVRefusesANumericFirstRow(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("0,0,0\n0,1,1\n"), "nh.csv", "nh")
	var ce *CSVError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 1, ce.Line)
	assert.Contains(t, err.Error(), "x1,x2,y")
	d, err := ReadCSV(strings.NewReader("x,2,y\n0,1,1\n"), "h.csv", "h")
	require.NoError(t, err)
	assert.Equal(t, 1, d.N)
}

// TestValidateRefusesTargetsTheOutputCannotProduce: a sigmoid output lies in
// (0, 1), tanh in (−1, 1), relu and softplus are ≥ 0; the cross-entropies
// take probabilities in [0, 1]. Targets on the boundary are allowed (the
// XOR targets 0 and 1 for a sigmoid output).
func TestValidateRefusesTargetsTheOutputCannotProduce(t *testing.T) {
	xorWith := func(y []float64, out Activation, loss Loss) Problem {
		d := XOR()
		d.Y = y
		return Problem{Net: MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: out}, Loss: loss, Data: d}
	}
	cases := []struct {
		y    []float64
		out  Activation
		loss Loss
		ok   bool
	}{
		{[]float64{0, 1, 1, 0}, Sigmoid, MSE, true},
		{[]float64{0, 2, 1, 0}, Sigmoid, MSE, false},
		{[]float64{0, 2, 1, 0}, Identity, MSE, true},
		{[]float64{-1, 1, 1, -1}, Tanh, MSE, true},
		{[]float64{-1.5, 1, 1, 0}, Tanh, MSE, false},
		{[]float64{0, -1, 1, 0}, ReLU, MSE, false},
		{[]float64{0, 1, 1, 0}, Identity, BCE, true},
		{[]float64{0, 1, 3, 0}, Identity, BCE, false},
	}
	for _, c := range cases {
		err := xorWith(c.y, c.out, c.loss).Validate()
		if c.ok {
			assert.NoError(t, err, "%v with a %s output and %s", c.y, c.out, c.loss)
			continue
		}
		require.Error(t, err, "%v with a %s output and %s", c.y, c.out, c.loss)
		assert.Contains(t, err.Error(), "sample ")
		assert.NotContains(t, err.Error(), "OneHot")
	}
	_, err := OneHot(XOR(), 1)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "OneHot", "messages name no internal function")
}
