package nn

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCanonicalZeroBiases: at the formula init every bias is 0, so the sign
// of a unit is decided by its first in-weight; the forms still agree.
func TestCanonicalZeroBiases(t *testing.T) {
	m := MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: Identity}
	p := InitFormula(m)
	orbit, err := Orbit(m, p)
	require.NoError(t, err)
	c0, err := Canonical(m, p)
	require.NoError(t, err)
	for _, q := range orbit {
		c, err := Canonical(m, q)
		require.NoError(t, err)
		assert.Equal(t, c0, c)
	}
	for i := range 3 {
		assert.Positive(t, m.Layers(c0)[0].Row(i)[0], "first in-weight made positive")
	}
}

func TestLossCheckNet(t *testing.T) {
	for _, tc := range []struct {
		m    MLP
		l    Loss
		want string
	}{
		{MLP{Sizes: []int{2, 3, 2}, Hidden: Tanh, Output: Identity}, BCE, "loss bce needs 1 output"},
		{MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: Identity}, SoftmaxCE, "needs at least 2 outputs"},
		{MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: Identity}, Logistic, "is for a linear model"},
		{MLP{Sizes: []int{2, 3, 3}, Hidden: Tanh, Output: Softplus}, SoftmaxCE, "must be identity, not softplus"},
		{MLP{Sizes: []int{2, 1}, Output: Identity}, "hinge", `unknown loss "hinge"`},
	} {
		assert.ErrorContains(t, tc.l.CheckNet(tc.m), tc.want)
	}
	assert.NoError(t, MSE.CheckNet(MLP{Sizes: []int{2, 3, 2}, Hidden: ReLU, Output: Softplus}))
}

func TestSymmetryApplyErrors(t *testing.T) {
	m := MLP{Sizes: []int{2, 3, 1}, Hidden: ReLU, Output: Identity}
	p := InitUniform(m, 1, 1)
	s := IdentitySymmetry(m)
	s.Flip[1] = []bool{true, false, false}
	_, err := s.Apply(m, p)
	assert.ErrorContains(t, err, "activation relu has no sign-flip symmetry")
	s = IdentitySymmetry(m)
	s.Perm[2] = []int{0}
	_, err = s.Apply(m, p)
	assert.ErrorContains(t, err, "layer 2 of net [2 3 1] is not hidden")
	s = IdentitySymmetry(m)
	s.Perm[1] = []int{0, 0, 1}
	_, err = s.Apply(m, p)
	assert.ErrorContains(t, err, "is not a permutation")
	got, err := IdentitySymmetry(m).Apply(m, p)
	require.NoError(t, err)
	assert.Equal(t, p, got)
}

func TestReadCSVQuoting(t *testing.T) {
	// Quoted cells are read as in RFC 4180; a bare quote is an error at its column.
	d, err := ReadCSV(strings.NewReader("\"x\",\"y\"\n\"1.5\",2\n"), "q.csv", "q")
	require.NoError(t, err)
	assert.Equal(t, []float64{1.5}, d.X)
	_, err = ReadCSV(strings.NewReader("x,y\n1,2\"3\n"), "bad.csv", "bad")
	var ce *CSVError
	require.True(t, errors.As(err, &ce), "%v", err)
	assert.Equal(t, [2]int{2, 4}, [2]int{ce.Line, ce.Column}, "the quote is byte 4 of line 2")
	_, err = ReadCSV(strings.NewReader("x\n1\n"), "one.csv", "one")
	assert.ErrorContains(t, err, "one.csv:1:1: header has 1 column")
	_, err = ReadCSV(strings.NewReader("x,,y\n1,2,3\n"), "h.csv", "h")
	assert.ErrorContains(t, err, "h.csv:1:3: header: column 2 has no name")
	_, err = ReadCSV(strings.NewReader("x,y\n1e999,2\n"), "r.csv", "r")
	assert.ErrorContains(t, err, `r.csv:2:1: "1e999" in column "x" is out of the float64 range`)
}
