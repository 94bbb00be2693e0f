package nn

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInitByName(t *testing.T) {
	m := MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: Identity}
	u, ok := InitByName(m, "uniform", 0.5, 7)
	require.True(t, ok)
	require.Len(t, u, m.NumParams())
	for _, v := range u {
		assert.LessOrEqual(t, v, 0.5)
		assert.GreaterOrEqual(t, v, -0.5)
	}
	assert.Equal(t, InitUniform(m, 0.5, 7), u, "uniform's scale is its half-width")
	f, ok := InitByName(m, "formula", 2, 0)
	require.True(t, ok)
	for i, v := range InitFormula(m) {
		assert.Equal(t, 2*v, f[i], "the others are multiplied by the scale")
	}
	x, _ := InitByName(m, "xavier", 0, 3)
	assert.Equal(t, InitXavier(m, 3), x, "scale 0 means 1")
	_, ok = InitByName(m, "zeros", 1, 0)
	assert.False(t, ok)
}
