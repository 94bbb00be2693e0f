// Package tensorval reads the values of a gorgonia.org/tensor *tensor.Dense
// as float64, the one conversion behind the tensor interchange of autodiff
// and nn.
package tensorval

import (
	"fmt"

	"gorgonia.org/tensor"
)

// Float64s returns the values of t in row-major order of its shape, and the
// shape ([] for a scalar). float64 values are copied; float32 values are
// converted, exactly (every float32 is a float64). Views, transposes and
// column-major tensors are read in the order of their shape. A nil or masked
// tensor, or a dtype other than float64 and float32, is an error, whose text
// the caller prefixes with its package and op.
func Float64s(t *tensor.Dense) ([]float64, []int, error) {
	if t == nil {
		return nil, nil, fmt.Errorf("nil tensor")
	}
	shape := append([]int{}, t.Shape()...)
	var at func(i int) float64
	switch t.Dtype() {
	case tensor.Float64:
		d := t.Float64s()
		at = func(i int) float64 { return d[i] }
	case tensor.Float32:
		d := t.Float32s()
		at = func(i int) float64 { return float64(d[i]) }
	default:
		return nil, nil, fmt.Errorf("tensor of dtype %v and shape %v, want float64 or float32", t.Dtype(), t.Shape())
	}
	if t.IsMasked() {
		return nil, nil, fmt.Errorf("masked tensor of shape %v, want one without a mask", t.Shape())
	}
	if t.IsScalar() {
		return []float64{at(0)}, shape, nil
	}
	out := make([]float64, 0, t.Shape().TotalSize())
	it := t.Iterator()
	for i, err := it.Start(); err == nil; i, err = it.Next() {
		out = append(out, at(i))
	}
	return out, shape, nil
}
