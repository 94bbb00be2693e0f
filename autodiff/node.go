package autodiff

import (
	"fmt"
	"strconv"
	"strings"
)

// evalFunc computes an op's value into dst from its inputs' values. It must
// not allocate: the compiled form replays it.
type evalFunc func(dst []float64, in [][]float64)

// vjpFunc returns the contribution of the incoming gradient g to the gradient
// of parent i, built from engine ops, or nil when no gradient flows to it.
type vjpFunc func(g *Node, i int) *Node

// Node is a value in a computation graph: a float64 array with a shape, the
// kind of op that made it, its parents and the op's VJP rule.
type Node struct {
	op      opKind
	data    []float64
	shape   []int
	parents []*Node
	eval    evalFunc
	vjp     vjpFunc
	// variable marks a leaf that gradients are taken with respect to.
	variable bool
	// requiresGrad: the value depends on a variable.
	requiresGrad bool
	// noRecord: value only; parents and rule were not kept.
	noRecord bool
	// detached is the node whose value a Detach constant shares; the
	// compiled form replays it before the constant's users.
	detached *Node
	// aux holds integer parameters of the op that the compiled form needs
	// (Slice and Pad: the offset).
	aux []int
}

// Variable returns a leaf node to differentiate with respect to. data is
// copied; shape defaults to [len(data)].
func Variable(data []float64, shape ...int) *Node {
	n := leaf(opVariable, data, shape)
	n.variable = true
	n.requiresGrad = true
	return n
}

// Const returns a constant leaf node. data is copied; shape defaults to
// [len(data)].
func Const(data []float64, shape ...int) *Node {
	return leaf(opConst, data, shape)
}

// Scalar returns a constant 0-d node holding v.
func Scalar(v float64) *Node {
	return &Node{op: opConst, data: []float64{v}, shape: []int{}}
}

func leaf(op opKind, data []float64, shape []int) *Node {
	if len(shape) == 0 && shape == nil {
		shape = []int{len(data)}
	}
	if sizeOf(shape) != len(data) {
		panic(fmt.Sprintf("autodiff: %s: %d values do not fill shape %s", op, len(data), shapeString(shape)))
	}
	return &Node{op: op, data: append([]float64(nil), data...), shape: append([]int{}, shape...)}
}

// newNode makes the node of an op: it allocates the value, computes it from
// the parents and, unless a parent is value-only, records parents and rule.
func newNode(op opKind, shape []int, parents []*Node, eval evalFunc, vjp vjpFunc) *Node {
	n := &Node{op: op, shape: shape, data: make([]float64, sizeOf(shape))}
	var buf [3][]float64
	in := buf[:0]
	for _, p := range parents {
		in = append(in, p.data)
	}
	eval(n.data, in)
	for _, p := range parents {
		if p.noRecord {
			n.noRecord = true
			return n
		}
		n.requiresGrad = n.requiresGrad || p.requiresGrad
	}
	n.parents = parents
	n.eval = eval
	n.vjp = vjp
	return n
}

// Data returns the node's values in row-major order. Do not modify them.
func (n *Node) Data() []float64 { return n.data }

// Shape returns the node's shape; [] for a scalar.
func (n *Node) Shape() []int { return n.shape }

// Size returns the number of elements.
func (n *Node) Size() int { return len(n.data) }

// Op returns the name of the op that made the node ("Variable", "Const" for leaves).
func (n *Node) Op() string { return n.op.String() }

// Parents returns the node's inputs (nil for leaves and value-only nodes).
func (n *Node) Parents() []*Node { return n.parents }

// Item returns the value of a one-element node. It panics for larger nodes.
func (n *Node) Item() float64 {
	if len(n.data) != 1 {
		panic(fmt.Sprintf("autodiff: Item: node %s has shape %s, want one element", n.op, shapeString(n.shape)))
	}
	return n.data[0]
}

// String returns the op, the shape and (for small nodes) the values, e.g.
// "Mul(2)[1 4]".
func (n *Node) String() string {
	var b strings.Builder
	b.WriteString(n.op.String())
	b.WriteString(shapeString(n.shape))
	if len(n.data) <= 8 {
		b.WriteByte('[')
		for i, v := range n.data {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatFloat(v, 'g', 6, 64))
		}
		b.WriteByte(']')
	}
	return b.String()
}

// Detach returns a constant with x's value (shared, not copied): no gradient
// flows through it.
func Detach(x *Node) *Node {
	return &Node{op: opConst, data: x.data, shape: x.shape, detached: x}
}

// valueOnly returns a leaf whose descendants keep values only (no-record mode).
func valueOnly(data []float64, shape []int) *Node {
	return &Node{op: opConst, data: data, shape: shape, noRecord: true}
}
