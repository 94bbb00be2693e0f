package autodiff

import (
	"fmt"
	"math"
)

// MatMul returns the matrix product of x (m,k) and y (k,n).
// d/dx = g·yᵀ, d/dy = xᵀ·g.
func MatMul(x, y *Node) *Node {
	if len(x.shape) != 2 || len(y.shape) != 2 || x.shape[1] != y.shape[0] {
		panic(fmt.Sprintf("autodiff: MatMul: shapes %s and %s do not match", shapeString(x.shape), shapeString(y.shape)))
	}
	m, k, n := x.shape[0], x.shape[1], y.shape[1]
	return newNode(opMatMul, []int{m, n}, []*Node{x, y}, func(dst []float64, in [][]float64) {
		matmul(dst, in[0], in[1], m, k, n)
	}, func(g *Node, i int) *Node {
		if i == 0 {
			return MatMul(g, Transpose(y))
		}
		return MatMul(Transpose(x), g)
	})
}

// matmul sets dst (m,n) = a (m,k) · b (k,n), all row-major. The i-k-j loop
// order streams rows of b and dst. Zeros of a are skipped when that is exact
// (zeroSkip).
func matmul(dst, a, b []float64, m, k, n int) {
	clear(dst)
	zs := zeroSkip{b: b[:k*n]}
	for i := range m {
		row := dst[i*n : (i+1)*n]
		for p, av := range a[i*k : (i+1)*k] {
			if av == 0 && zs.exact() {
				continue
			}
			brow := b[p*n : (p+1)*n]
			for j, bv := range brow {
				row[j] += av * bv
			}
		}
	}
}

// zeroSkip decides whether a product may skip the terms 0·b of the zeros of
// its left operand (ReLU gradients are half zeros), as Mul would compute
// them. For finite b, 0·b is ±0, and adding ±0 changes no sum that starts
// at +0: under round-to-nearest x + y is −0 only when x and y both are, so
// the sum is never −0, and s + (±0) = s for every other s. Skipping is then
// exact, bit for bit. But 0·∞ and 0·NaN are NaN (IEEE 754 §7.2), which must
// reach the result as it does in Mul, so with a non-finite value in b
// nothing is skipped. b is scanned once, when the first zero is met.
type zeroSkip struct {
	b         []float64
	known, ok bool
}

// exact reports whether the terms of a zero may be skipped.
func (z *zeroSkip) exact() bool {
	if !z.known {
		z.known = true
		z.ok = true
		for _, v := range z.b {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				z.ok = false
				break
			}
		}
	}
	return z.ok
}

// Transpose returns the transpose of a 2-D x. d/dx = gᵀ.
func Transpose(x *Node) *Node {
	if len(x.shape) != 2 {
		panic(fmt.Sprintf("autodiff: Transpose: shape %s is not 2-D", shapeString(x.shape)))
	}
	r, c := x.shape[0], x.shape[1]
	return newNode(opTranspose, []int{c, r}, []*Node{x}, func(dst []float64, in [][]float64) {
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
	out := newNode(opSlice, []int{hi - lo}, []*Node{x}, func(dst []float64, in [][]float64) {
		copy(dst, in[0][lo:hi])
	}, func(g *Node, _ int) *Node { return pad(g, lo, n) })
	out.aux = []int{lo}
	return out
}

// pad embeds a 1-D x at offset lo of a zero vector of length n, the adjoint
// of Slice.
func pad(x *Node, lo, n int) *Node {
	hi := lo + len(x.data)
	out := newNode(opPad, []int{n}, []*Node{x}, func(dst []float64, in [][]float64) {
		clear(dst[:lo])
		copy(dst[lo:hi], in[0])
		clear(dst[hi:])
	}, func(g *Node, _ int) *Node { return Slice(g, lo, hi) })
	out.aux = []int{lo}
	return out
}
