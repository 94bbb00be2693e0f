package autodiff

import "fmt"

// Func is a scalar function of one flat vector, written with engine ops.
type Func = func(x *Node) *Node

// ValueAndGrad returns f(x) and ∇f(x). The reverse sweep runs in no-record
// mode: it keeps values only.
func ValueAndGrad(f Func, x []float64) (float64, []float64) {
	v := Variable(x)
	y := f(v)
	g := gradients("ValueAndGrad", y, []*Node{v}, true)[0]
	return y.Item(), append([]float64(nil), g.data...)
}

// Grad returns ∇f(x).
func Grad(f Func, x []float64) []float64 {
	_, g := ValueAndGrad(f, x)
	return g
}

// Value returns f(x) without recording a graph.
func Value(f Func, x []float64) float64 {
	return f(valueOnly(append([]float64(nil), x...), []int{len(x)})).Item()
}

// NoGrad evaluates f at x without recording a graph and returns the output
// node, which carries no gradient.
func NoGrad(f Func, x []float64) *Node {
	return f(valueOnly(append([]float64(nil), x...), []int{len(x)}))
}

// HVP returns the Hessian-vector product ∇²f(x)·v, computed as the gradient
// of ⟨∇f(x), v⟩ (reverse over reverse).
func HVP(f Func, x, v []float64) []float64 {
	if len(v) != len(x) {
		panic(fmt.Sprintf("autodiff: HVP: x has %d elements, v has %d", len(x), len(v)))
	}
	xv := Variable(x)
	g := Gradients(f(xv), xv)[0]
	s := Dot(g, Const(v))
	return append([]float64(nil), gradients("HVP", s, []*Node{xv}, true)[0].data...)
}

// Hessian returns the matrix of second derivatives of f at x, row i being
// the gradient of ∂f/∂xᵢ: one recorded reverse sweep, then one value-only
// sweep per row over the gradient's graph.
func Hessian(f Func, x []float64) [][]float64 {
	xv := Variable(x)
	g := Gradients(f(xv), xv)[0]
	return jacobianRows("Hessian", g, xv)
}

// Jacobian returns the matrix ∂fᵢ/∂xⱼ of a function with any output shape
// (flattened row-major), one reverse sweep per output element.
func Jacobian(f Func, x []float64) [][]float64 {
	xv := Variable(x)
	return jacobianRows("Jacobian", f(xv), xv)
}

func jacobianRows(op string, y, x *Node) [][]float64 {
	flat := y
	if len(y.shape) != 1 {
		flat = Reshape(y, len(y.data))
	}
	rows := make([][]float64, len(y.data))
	for i := range rows {
		yi := Sum(Slice(flat, i, i+1))
		rows[i] = append([]float64(nil), gradients(op, yi, []*Node{x}, true)[0].data...)
	}
	return rows
}
