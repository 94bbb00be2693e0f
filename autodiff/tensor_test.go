package autodiff

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gorgonia.org/tensor"
)

// TestValueIsTensor: Value exposes the node as a gorgonia tensor sharing memory.
func TestValueIsTensor(t *testing.T) {
	m := Const([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	v := m.Value()
	assert.Equal(t, []int{2, 3}, []int(v.Shape()))
	assert.Equal(t, []float64{1, 2, 3, 4, 5, 6}, v.Float64s())
	s := Sum(m).Value()
	assert.Equal(t, 0, s.Dims())
	assert.Equal(t, 21.0, s.Float64s()[0])
}

// TestTensorRoundTrip: a node made from a tensor has its shape and values
// (copied), and Value gives them back; a scalar tensor makes a 0-d node.
func TestTensorRoundTrip(t *testing.T) {
	src := tensor.New(tensor.WithShape(2, 3), tensor.WithBacking([]float64{1, 2, 3, 4, 5, 6}))
	n := ConstTensor(src)
	assert.Equal(t, []int{2, 3}, n.Shape())
	assert.Equal(t, "Const", n.Op())
	back := n.Value()
	assert.Equal(t, []int(src.Shape()), []int(back.Shape()))
	assert.Equal(t, src.Float64s(), back.Float64s())
	src.Float64s()[0] = 7
	assert.Equal(t, 1.0, n.Data()[0], "the node owns a copy")

	s := ConstTensor(tensor.New(tensor.FromScalar(2.5)))
	assert.Equal(t, []int{}, s.Shape())
	assert.Equal(t, 2.5, s.Item())
}

// TestVariableTensorFloat32: a float32 tensor is widened exactly (0.5 and
// −1.25 are float32 values), and the node is a variable: for
// f = Σ x² over x = [[0.5], [−1.25]], ∇f = 2x = [[1], [−2.5]].
func TestVariableTensorFloat32(t *testing.T) {
	x := VariableTensor(tensor.New(tensor.WithShape(2, 1), tensor.WithBacking([]float32{0.5, -1.25})))
	assert.Equal(t, []int{2, 1}, x.Shape())
	g := Gradients(Sum(Square(x)), x)[0].Value()
	assert.Equal(t, []int{2, 1}, []int(g.Shape()))
	assert.Equal(t, []float64{1, -2.5}, g.Float64s())
}

// TestTensorPanics: a tensor the engine cannot hold is a programmer error,
// named with the package, the op, the dtype and the shape.
func TestTensorPanics(t *testing.T) {
	ints := tensor.New(tensor.Of(tensor.Int), tensor.WithShape(2, 2))
	assert.PanicsWithValue(t, "autodiff: ConstTensor: tensor of dtype int and shape (2, 2), want float64 or float32", func() { ConstTensor(ints) })
	assert.PanicsWithValue(t, "autodiff: VariableTensor: nil tensor", func() { VariableTensor(nil) })
	// A tensor of the wrong shape for an op panics in the op, as any node.
	x := ConstTensor(tensor.New(tensor.WithShape(2, 3), tensor.WithBacking(make([]float64, 6))))
	require.PanicsWithValue(t, "autodiff: MatMul: shapes (2,3) and (2,3) do not match", func() { MatMul(x, x) })
}
