package nn

import (
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBigStringAndShortFloats(t *testing.T) {
	assert.Equal(t, "123456789012345", bigString(big.NewInt(123456789012345)))
	// 10²⁰ has 21 digits: 1.000e+20.
	assert.Equal(t, "1.000e+20", bigString(new(big.Int).Exp(big.NewInt(10), big.NewInt(20), nil)))
	assert.Equal(t, "[1 2]", shortFloats([]float64{1, 2}, 4))
	assert.Equal(t, "[1 2 … (2 more) … 5 6]", shortFloats([]float64{1, 2, 3, 4, 5, 6}, 4))
}

func TestOrbitReport(t *testing.T) {
	p, err := Preset("xor")
	require.NoError(t, err)
	x := InitUniform(p.Net, 1, 1)
	st, err := StudyOrbit(p, x, DefaultOrbitConfig())
	require.NoError(t, err)
	r := NewOrbitReport("xor", p, x, "here", st, "never")
	// The 2-2-1 sigmoid net: 2!·2² = 8 equivalent points, all enumerated.
	assert.Equal(t, "8", r.OrbitSize.String())
	assert.True(t, r.Enumerated)
	assert.Equal(t, st.Losses[0], r.LossAt)
	assert.Empty(t, r.HessianSkipped, "the 9-parameter net's spectra are computed")
	var b strings.Builder
	require.NoError(t, r.WriteText(&b))
	assert.Contains(t, b.String(), "8 equivalent points, 8 distinct\n")
}
