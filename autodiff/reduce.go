package autodiff

import (
	"fmt"
	"math"
	"slices"
)

// BroadcastTo returns x broadcast NumPy-style to shape. Its VJP sums the
// gradient over the broadcast axes (SumTo).
func BroadcastTo(x *Node, shape ...int) *Node { return broadcastTo("BroadcastTo", x, shape) }

func broadcastTo(op string, x *Node, shape []int) *Node {
	if slices.Equal(x.shape, shape) {
		return x
	}
	idx := broadcastIndex(op, x.shape, shape)
	shape = append([]int{}, shape...)
	return newNode(opBroadcastTo, shape, []*Node{x}, func(dst []float64, in [][]float64) {
		src := in[0]
		for i, k := range idx {
			dst[i] = src[k]
		}
	}, func(g *Node, _ int) *Node { return SumTo(g, x.shape...) })
}

// SumTo sums x over the axes along which shape broadcasts to x's shape, the
// adjoint of BroadcastTo: SumTo(x) of shape [] is the total.
func SumTo(x *Node, shape ...int) *Node {
	if slices.Equal(x.shape, shape) {
		return x
	}
	idx := broadcastIndex("SumTo", shape, x.shape)
	shape = append([]int{}, shape...)
	return newNode(opSumTo, shape, []*Node{x}, sumToKernel(idx, sizeOf(shape)),
		func(g *Node, _ int) *Node { return BroadcastTo(g, x.shape...) })
}

// broadcastLayout classifies an index map idx (for each element of the
// large operand, its element among the nb of the small one): rows when the
// small operand repeats along the rows (idx[i] = i mod nb, a bias), cols
// when each of its elements covers one contiguous run of r = len(idx)/nb
// (idx[i] = i div r). The broadcast and SumTo kernels give both layouts
// plain loops.
func broadcastLayout(idx []int, nb int) (rows, cols bool, r int) {
	rows, cols = true, true
	r = len(idx) / max(nb, 1)
	for i, k := range idx {
		rows = rows && k == i%nb
		cols = cols && k == i/max(r, 1)
	}
	return rows, cols, r
}

// sumToKernel returns the kernel of SumTo for the index map idx (for each
// input element, the output element it adds to) onto nb outputs. Sums over
// rows (idx[i] = i mod nb: bias gradients) and within rows (idx[i] = i div r)
// get plain loops; all forms add in input order, so they agree bit for bit.
func sumToKernel(idx []int, nb int) evalFunc {
	rows, cols, r := broadcastLayout(idx, nb)
	switch {
	case rows:
		return func(dst []float64, in [][]float64) {
			clear(dst)
			x := in[0][:len(idx)]
			for o := 0; o < len(x); o += nb {
				for j, v := range x[o : o+nb : o+nb] {
					dst[j] += v
				}
			}
		}
	case cols:
		return func(dst []float64, in [][]float64) {
			x := in[0][:len(idx)]
			for i := range dst {
				s := 0.0
				for _, v := range x[i*r : (i+1)*r : (i+1)*r] {
					s += v
				}
				dst[i] = s
			}
		}
	}
	return func(dst []float64, in [][]float64) {
		clear(dst)
		for i, k := range idx {
			dst[k] += in[0][i]
		}
	}
}

// Sum returns the sum of all elements, a 0-d node.
func Sum(x *Node) *Node {
	if len(x.shape) == 0 {
		return x
	}
	return newNode(opSum, []int{}, []*Node{x}, func(dst []float64, in [][]float64) {
		s := 0.0
		for _, v := range in[0] {
			s += v
		}
		dst[0] = s
	}, func(g *Node, _ int) *Node { return BroadcastTo(g, x.shape...) })
}

// Mean returns the mean of all elements, a 0-d node.
func Mean(x *Node) *Node { return Scale(Sum(x), 1/float64(len(x.data))) }

// keepDims returns shape with axis set to 1.
func keepDims(shape []int, axis int) []int {
	k := append([]int{}, shape...)
	k[axis] = 1
	return k
}

// dropAxis returns shape without axis.
func dropAxis(shape []int, axis int) []int {
	return append(append([]int{}, shape[:axis]...), shape[axis+1:]...)
}

// SumAxis sums x along axis, removing it.
func SumAxis(x *Node, axis int) *Node {
	axis = normAxis("SumAxis", axis, x.shape)
	return Reshape(SumTo(x, keepDims(x.shape, axis)...), dropAxis(x.shape, axis)...)
}

// axisLayout splits shape around axis into (outer, n, inner) sizes.
func axisLayout(shape []int, axis int) (outer, n, inner int) {
	return sizeOf(shape[:axis]), shape[axis], sizeOf(shape[axis+1:])
}

// MaxAxis returns the maximum of x along axis, removing it. The gradient goes
// to the first maximal element of each slice.
func MaxAxis(x *Node, axis int) *Node {
	axis = normAxis("MaxAxis", axis, x.shape)
	outer, n, inner := axisLayout(x.shape, axis)
	kept := keepDims(x.shape, axis)
	return newNode(opMaxAxis, dropAxis(x.shape, axis), []*Node{x}, func(dst []float64, in [][]float64) {
		for o := range outer {
			for j := range inner {
				m := math.Inf(-1)
				for k := range n {
					m = math.Max(m, in[0][(o*n+k)*inner+j])
				}
				dst[o*inner+j] = m
			}
		}
	}, func(g *Node, _ int) *Node {
		return Mul(BroadcastTo(Reshape(g, kept...), x.shape...), argMaxMask(x, axis))
	})
}

// argMaxMask returns 1 at the first maximal element of each slice of x along
// axis and 0 elsewhere; its derivative is 0.
func argMaxMask(x *Node, axis int) *Node {
	outer, n, inner := axisLayout(x.shape, axis)
	return newNode(opArgMaxMask, x.shape, []*Node{x}, func(dst []float64, in [][]float64) {
		clear(dst)
		for o := range outer {
			for j := range inner {
				best := (o*n)*inner + j
				for k := 1; k < n; k++ {
					if i := (o*n+k)*inner + j; in[0][i] > in[0][best] {
						best = i
					}
				}
				dst[best] = 1
			}
		}
	}, nil)
}

// LogSumExp returns log Σ exp(x) along axis, removing it. It is a primitive
// for numerical stability: it is computed as m + log Σ exp(x − m) with m the
// maximum, which neither overflows nor underflows. d/dx = g·softmax(x).
func LogSumExp(x *Node, axis int) *Node {
	axis = normAxis("LogSumExp", axis, x.shape)
	outer, n, inner := axisLayout(x.shape, axis)
	kept := keepDims(x.shape, axis)
	var out *Node
	out = newNode(opLogSumExp, dropAxis(x.shape, axis), []*Node{x}, func(dst []float64, in [][]float64) {
		for o := range outer {
			for j := range inner {
				m := math.Inf(-1)
				for k := range n {
					m = math.Max(m, in[0][(o*n+k)*inner+j])
				}
				if math.IsInf(m, 0) {
					dst[o*inner+j] = m
					continue
				}
				s := 0.0
				for k := range n {
					s += math.Exp(in[0][(o*n+k)*inner+j] - m)
				}
				dst[o*inner+j] = m + math.Log(s)
			}
		}
	}, func(g *Node, _ int) *Node {
		softmax := Exp(Sub(x, BroadcastTo(Reshape(out, kept...), x.shape...)))
		return Mul(BroadcastTo(Reshape(g, kept...), x.shape...), softmax)
	})
	return out
}

// Reshape returns x with a new shape of the same size. One dimension may be
// -1 and is then inferred.
func Reshape(x *Node, shape ...int) *Node {
	shape = append([]int{}, shape...)
	infer := -1
	known := 1
	for i, d := range shape {
		if d == -1 && infer < 0 {
			infer = i
			continue
		}
		known *= d
	}
	if infer >= 0 && known > 0 {
		shape[infer] = len(x.data) / known
	}
	if sizeOf(shape) != len(x.data) {
		panic(fmt.Sprintf("autodiff: Reshape: shapes %s and %s do not match", shapeString(x.shape), shapeString(shape)))
	}
	if slices.Equal(shape, x.shape) {
		return x
	}
	return newNode(opReshape, shape, []*Node{x}, func(dst []float64, in [][]float64) {
		copy(dst, in[0])
	}, func(g *Node, _ int) *Node { return Reshape(g, x.shape...) })
}
