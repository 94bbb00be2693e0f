package nn

import (
	"math"
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

func TestInitFor(t *testing.T) {
	xor := MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}
	// W1's start is docs/WORKLOADS.md's W1 = [[0.5, −0.4], [−0.3, 0.6]],
	// b1 = [0.1, −0.2], W2 = [[0.7, −0.5]], b2 = [0.05], for every restart.
	p, ok, err := InitFor(xor, "workload-w1", 0, 1, 3)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, []float64{0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05}, p)
	// W5's restart r: p_k = sin(9.1·r + 1.7·k + 0.3).
	p, _, _ = InitFor(xor, "workload-w5", 0, 1, 2)
	for k, v := range p {
		assert.InDelta(t, math.Sin(9.1*2+1.7*float64(k)+0.3), v, 1e-15, "k %d", k)
	}
	_, ok, err = InitFor(MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: Identity}, "workload-w5", 0, 1, 0)
	assert.True(t, ok)
	assert.EqualError(t, err, "workload-w5 is for the 2-2-1 net (9 parameters), the net is 2-3-1 tanh/identity")
	// Seeded inits: restart r uses RestartSeed(seed, r); restart 0 the seed.
	u, _, _ := InitFor(xor, "uniform", 1, 7, 0)
	assert.Equal(t, InitUniform(xor, 1, 7), u)
	u, _, _ = InitFor(xor, "uniform", 1, 7, 2)
	golden := uint64(0x9e3779b97f4a7c15) // ⌊2⁶⁴/φ⌋, SplitMix64's increment
	assert.Equal(t, InitUniform(xor, 1, 7+2*golden), u, "wraps modulo 2⁶⁴")
	_, ok, err = InitFor(xor, "file.json", 1, 7, 0)
	assert.False(t, ok)
	assert.NoError(t, err)
}
