package autodiff

import (
	"fmt"

	"github.com/saddle-dev/saddle/internal/tensorval"
	"gorgonia.org/tensor"
)

// The edges of the engine speak gorgonia.org/tensor: a node can be made from
// a *tensor.Dense (ConstTensor, VariableTensor) and read back as one (Value).

// ConstTensor returns a constant node with t's shape and values (copied; a
// float32 tensor is converted to float64, exactly). Views and transposes are
// read in the order of their shape. It panics, naming the op, for a nil or
// masked tensor or a dtype other than float64 and float32.
func ConstTensor(t *tensor.Dense) *Node {
	data, shape := tensorData("ConstTensor", t)
	return Const(data, shape...)
}

// VariableTensor is ConstTensor for a leaf to differentiate with respect to,
// as Variable.
func VariableTensor(t *tensor.Dense) *Node {
	data, shape := tensorData("VariableTensor", t)
	return Variable(data, shape...)
}

func tensorData(op string, t *tensor.Dense) ([]float64, []int) {
	data, shape, err := tensorval.Float64s(t)
	if err != nil {
		panic(fmt.Sprintf("autodiff: %s: %v", op, err))
	}
	return data, shape
}

// Value returns the value as a float64 *tensor.Dense of the node's shape
// that shares the node's memory: do not modify it (Clone it to keep a copy).
func (n *Node) Value() *tensor.Dense {
	return tensor.New(tensor.WithShape(n.shape...), tensor.WithBacking(n.data))
}
