package tensorval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorgonia.org/tensor"
)

// TestFloat64sLayouts: every layout is read in the row-major order of its
// shape. The expected values are the matrices written out by hand.
func TestFloat64sLayouts(t *testing.T) {
	m := tensor.New(tensor.WithShape(2, 3), tensor.WithBacking([]float64{1, 2, 3, 4, 5, 6}))
	data, shape, err := Float64s(m)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3}, shape)
	assert.Equal(t, []float64{1, 2, 3, 4, 5, 6}, data)
	data[0] = 99
	assert.Equal(t, 1.0, m.Float64s()[0], "the values are copied")

	// [[1 2 3] [4 5 6]]ᵀ = [[1 4] [2 5] [3 6]]
	require.NoError(t, m.T())
	data, shape, err = Float64s(m)
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2}, shape)
	assert.Equal(t, []float64{1, 4, 2, 5, 3, 6}, data)

	// Columns 1..2 of [[1 2 3] [4 5 6] [7 8 9]].
	sq := tensor.New(tensor.WithShape(3, 3), tensor.WithBacking([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}))
	v, err := sq.Slice(nil, tensor.S(1, 3))
	require.NoError(t, err)
	data, shape, err = Float64s(v.(*tensor.Dense))
	require.NoError(t, err)
	assert.Equal(t, []int{3, 2}, shape)
	assert.Equal(t, []float64{2, 3, 5, 6, 8, 9}, data)

	// Column-major storage [1 2 3 4 5 6] of a (2,3) matrix is [[1 3 5] [2 4 6]].
	f := tensor.New(tensor.WithShape(2, 3), tensor.WithBacking([]float64{1, 2, 3, 4, 5, 6}), tensor.AsFortran(nil))
	data, _, err = Float64s(f)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 3, 5, 2, 4, 6}, data)

	data, shape, err = Float64s(tensor.New(tensor.FromScalar(2.5)))
	require.NoError(t, err)
	assert.Equal(t, []int{}, shape)
	assert.Equal(t, []float64{2.5}, data)
}

// TestFloat64sFloat32: float32 values widen exactly; 0.1f is
// 13421773·2⁻²⁷ = 0.100000001490116119384765625.
func TestFloat64sFloat32(t *testing.T) {
	data, shape, err := Float64s(tensor.New(tensor.WithShape(2), tensor.WithBacking([]float32{0.1, -2})))
	require.NoError(t, err)
	assert.Equal(t, []int{2}, shape)
	assert.Equal(t, []float64{13421773.0 / (1 << 27), -2}, data)
}

func TestFloat64sErrors(t *testing.T) {
	_, _, err := Float64s(tensor.New(tensor.Of(tensor.Int), tensor.WithShape(2, 2)))
	assert.EqualError(t, err, "tensor of dtype int and shape (2, 2), want float64 or float32")
	_, _, err = Float64s(nil)
	assert.EqualError(t, err, "nil tensor")
	masked := tensor.New(tensor.WithShape(2), tensor.WithBacking([]float64{1, 2}, []bool{false, true}))
	_, _, err = Float64s(masked)
	assert.EqualError(t, err, "masked tensor of shape (2), want one without a mask")
}
