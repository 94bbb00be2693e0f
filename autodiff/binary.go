package autodiff

import (
	"math"
	"slices"
)

// broadcastPair broadcasts x and y to their common shape.
func broadcastPair(op string, x, y *Node) (*Node, *Node) {
	if slices.Equal(x.shape, y.shape) {
		return x, y
	}
	shape := broadcastShapes(op, x.shape, y.shape)
	return broadcastTo(op, x, shape), broadcastTo(op, y, shape)
}

// Add returns x + y (broadcast). d/dx = g, d/dy = g.
func Add(x, y *Node) *Node {
	x, y = broadcastPair("Add", x, y)
	return newNode("Add", x.shape, []*Node{x, y}, func(dst []float64, in [][]float64) {
		a, b := in[0][:len(dst)], in[1][:len(dst)]
		for i, v := range a {
			dst[i] = v + b[i]
		}
	}, func(g *Node, _ int) *Node { return g })
}

// Sub returns x − y (broadcast), composed as x + (−y).
func Sub(x, y *Node) *Node { return Add(x, Neg(y)) }

// Mul returns x·y elementwise (broadcast). d/dx = g·y, d/dy = g·x.
func Mul(x, y *Node) *Node {
	x, y = broadcastPair("Mul", x, y)
	return newNode("Mul", x.shape, []*Node{x, y}, func(dst []float64, in [][]float64) {
		a, b := in[0][:len(dst)], in[1][:len(dst)]
		for i, v := range a {
			dst[i] = v * b[i]
		}
	}, func(g *Node, i int) *Node {
		if i == 0 {
			return Mul(g, y)
		}
		return Mul(g, x)
	})
}

// Div returns x/y elementwise (broadcast). d/dx = g/y, d/dy = −g·x/y².
func Div(x, y *Node) *Node {
	x, y = broadcastPair("Div", x, y)
	var out *Node
	out = newNode("Div", x.shape, []*Node{x, y}, func(dst []float64, in [][]float64) {
		a, b := in[0], in[1][:len(in[0])]
		for i := range dst {
			dst[i] = a[i] / b[i]
		}
	}, func(g *Node, i int) *Node {
		if i == 0 {
			return Div(g, y)
		}
		return Neg(Div(Mul(g, out), y))
	})
	return out
}

// PowVar returns x^y elementwise for a variable exponent (broadcast).
// d/dx = g·y·x^(y−1), d/dy = g·x^y·log x.
func PowVar(x, y *Node) *Node {
	x, y = broadcastPair("PowVar", x, y)
	var out *Node
	out = newNode("PowVar", x.shape, []*Node{x, y}, func(dst []float64, in [][]float64) {
		a, b := in[0], in[1][:len(in[0])]
		for i := range dst {
			dst[i] = math.Pow(a[i], b[i])
		}
	}, func(g *Node, i int) *Node {
		if i == 0 {
			return Mul(g, Mul(y, PowVar(x, AddScalar(y, -1))))
		}
		// d/dy x^y = x^y·log x, which is 0 where x^y = 0 (x = 0 and y > 0:
		// the limit of t^y·log t at 0), not 0·(−∞) = NaN. The log reads 1
		// there, so that its own derivatives (the Hessian) stay finite too.
		return Mul(g, Mul(out, Log(Where(out, x, Scalar(1)))))
	})
	return out
}

// Where returns x where cond ≠ 0 and y elsewhere (all three broadcast).
// No gradient flows to cond; d/dx = g where cond ≠ 0, d/dy = g elsewhere.
func Where(cond, x, y *Node) *Node {
	shape := broadcastShapes("Where", broadcastShapes("Where", cond.shape, x.shape), y.shape)
	cond, x, y = broadcastTo("Where", cond, shape), broadcastTo("Where", x, shape), broadcastTo("Where", y, shape)
	return newNode("Where", shape, []*Node{cond, x, y}, func(dst []float64, in [][]float64) {
		c, a, b := in[0], in[1], in[2]
		for i := range dst {
			if c[i] != 0 {
				dst[i] = a[i]
			} else {
				dst[i] = b[i]
			}
		}
	}, func(g *Node, i int) *Node {
		switch i {
		case 1:
			return Where(cond, g, Scalar(0))
		case 2:
			return Where(cond, Scalar(0), g)
		}
		return nil
	})
}

// Dot returns Σ x·y over all elements (broadcast), a 0-d node.
func Dot(x, y *Node) *Node { return Sum(Mul(x, y)) }
