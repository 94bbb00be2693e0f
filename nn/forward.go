package nn

import (
	"fmt"

	"github.com/saddle-dev/saddle/autodiff"
)

// Forward returns the net's outputs for a batch: params is a 1-D node of
// NumParams values (the flat layout), X a (batch, In) node; the result is
// (batch, Out). Each layer computes act(H·Wᵀ + b), the bias broadcast over
// the rows, with W and b sliced out of params, so gradients and Hessians
// with respect to the flat vector come out of autodiff directly. It panics
// with both shapes if params or X do not fit the net (a programmer error).
func (m MLP) Forward(params, x *autodiff.Node) *autodiff.Node {
	if err := m.Validate(); err != nil {
		panic("nn: Forward: " + unwrapNN(err).Error())
	}
	ps, xs := params.Shape(), x.Shape()
	if len(ps) != 1 || ps[0] != m.NumParams() {
		panic(fmt.Sprintf("nn: Forward: parameters have shape %v, net %v needs [%d]", ps, m.Sizes, m.NumParams()))
	}
	if len(xs) != 2 || xs[1] != m.In() {
		panic(fmt.Sprintf("nn: Forward: input has shape %v, net %v expects (batch, %d)", xs, m.Sizes, m.In()))
	}
	h := x
	off := 0
	for l := 1; l < len(m.Sizes); l++ {
		in, out := m.Sizes[l-1], m.Sizes[l]
		w := autodiff.Reshape(autodiff.Slice(params, off, off+out*in), out, in)
		b := autodiff.Slice(params, off+out*in, off+out*in+out)
		off += out*in + out
		h = m.Activation(l - 1).Node(autodiff.Add(autodiff.MatMul(h, autodiff.Transpose(w)), b))
	}
	return h
}
