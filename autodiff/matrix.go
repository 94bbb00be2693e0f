package autodiff

import "fmt"

// MatMul returns the matrix product of x (m,k) and y (k,n).
// d/dx = g·yᵀ, d/dy = xᵀ·g.
func MatMul(x, y *Node) *Node {
	if len(x.shape) != 2 || len(y.shape) != 2 || x.shape[1] != y.shape[0] {
		panic(fmt.Sprintf("autodiff: MatMul: shapes %s and %s do not match", shapeString(x.shape), shapeString(y.shape)))
	}
	m, k, n := x.shape[0], x.shape[1], y.shape[1]
	return newNode("MatMul", []int{m, n}, []*Node{x, y}, func(dst []float64, in [][]float64) {
		matmul(dst, in[0], in[1], m, k, n)
	}, func(g *Node, i int) *Node {
		if i == 0 {
			return MatMul(g, Transpose(y))
		}
		return MatMul(Transpose(x), g)
	})
}

// matmul sets dst (m,n) = a (m,k) · b (k,n), all row-major. The i-k-j loop
// order streams rows of b and dst.
func matmul(dst, a, b []float64, m, k, n int) {
	clear(dst)
	for i := range m {
		row := dst[i*n : (i+1)*n]
		for p, av := range a[i*k : (i+1)*k] {
			if av == 0 {
				continue
			}
			brow := b[p*n : (p+1)*n]
			for j, bv := range brow {
				row[j] += av * bv
			}
		}
	}
}

// Transpose returns the transpose of a 2-D x. d/dx = gᵀ.
func Transpose(x *Node) *Node {
	if len(x.shape) != 2 {
		panic(fmt.Sprintf("autodiff: Transpose: shape %s is not 2-D", shapeString(x.shape)))
	}
	r, c := x.shape[0], x.shape[1]
	return newNode("Transpose", []int{c, r}, []*Node{x}, func(dst []float64, in [][]float64) {
		for i := range r {
			for j := range c {
				dst[j*r+i] = in[0][i*c+j]
			}
		}
	}, func(g *Node, _ int) *Node { return Transpose(g) })
}

// Slice returns elements lo..hi−1 of a 1-D x. Its VJP pads the gradient with
// zeros back to x's length.
func Slice(x *Node, lo, hi int) *Node {
	if len(x.shape) != 1 || lo < 0 || hi > x.shape[0] || lo > hi {
		panic(fmt.Sprintf("autodiff: Slice: [%d:%d] out of range for shape %s", lo, hi, shapeString(x.shape)))
	}
	n := x.shape[0]
	out := newNode("Slice", []int{hi - lo}, []*Node{x}, func(dst []float64, in [][]float64) {
		copy(dst, in[0][lo:hi])
	}, func(g *Node, _ int) *Node { return pad(g, lo, n) })
	out.aux = []int{lo}
	return out
}

// pad embeds a 1-D x at offset lo of a zero vector of length n, the adjoint
// of Slice.
func pad(x *Node, lo, n int) *Node {
	hi := lo + len(x.data)
	out := newNode("Pad", []int{n}, []*Node{x}, func(dst []float64, in [][]float64) {
		clear(dst[:lo])
		copy(dst[lo:hi], in[0])
		clear(dst[hi:])
	}, func(g *Node, _ int) *Node { return Slice(g, lo, hi) })
	out.aux = []int{lo}
	return out
}
