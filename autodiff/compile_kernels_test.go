package autodiff

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveProduct is the textbook triple loop over op(A)·op(B), adding the k
// products of each output in increasing order: the independent oracle of
// the matrix kernels. A is stored (m,k), or (k,m) when ta; B is (k,n), or
// (n,k) when tb.
func naiveProduct(a, b []float64, m, n, k int, ta, tb bool) []float64 {
	dst := make([]float64, m*n)
	for i := range m {
		for j := range n {
			s := 0.0
			for p := range k {
				av, bv := a[i*k+p], b[p*n+j]
				if ta {
					av = a[p*m+i]
				}
				if tb {
					bv = b[j*k+p]
				}
				s += av * bv
			}
			dst[i*n+j] = s
		}
	}
	return dst
}

// TestGemmFormsMatchNaive runs every loop form the kernel may pick (with and
// without the zero switch, with and without workers) on shapes with odd
// remainders, vectors and zeros, against the triple loop. The sums are added
// in the same order, so they must agree exactly.
func TestGemmFormsMatchNaive(t *testing.T) {
	shapes := [][3]int{{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {5, 3, 2}, {1, 7, 9}, {7, 1, 9}, {9, 33, 17}, {2, 3, 1}, {66, 40, 30}}
	pool := newWorkerPool(3)
	defer pool.stop()
	for _, sh := range shapes {
		m, n, k := sh[0], sh[1], sh[2]
		a := make([]float64, m*k)
		b := make([]float64, k*n)
		for i := range a {
			if i%3 != 1 { // a third of A is zero: exercises the zero switch
				a[i] = math.Sin(1.7*float64(i) + 0.3)
			}
		}
		for i := range b {
			b[i] = math.Cos(0.9*float64(i) + 0.1)
		}
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				want := naiveProduct(a, b, m, n, k, ta, tb)
				chosen := newGemm(m, n, k, ta, tb)
				for _, form := range []int{formDot, formAxpy, formTN, formOuter} {
					g := *chosen
					g.form, g.zeroSwitch = form, false
					switch form {
					case formDot:
						g.transA, g.transB = ta && m > 1, !tb && n > 1
					case formAxpy:
						if tb && n > 1 {
							continue // needs B stored (k,n)
						}
						g.transA, g.transB = false, false
					case formTN:
						if !ta || tb && n > 1 {
							continue // needs A stored (k,m) and B stored (k,n)
						}
						g.transA, g.transB = false, false
					case formOuter:
						if k != 1 {
							continue
						}
					}
					for _, p := range []*workerPool{nil, pool} {
						in := [][]float64{a, b}
						for _, sz := range g.scratch() {
							in = append(in, make([]float64, sz))
						}
						dst := make([]float64, m*n)
						for i := range dst {
							dst[i] = math.NaN() // every output must be written
						}
						g.run(dst, in, p)
						name := fmt.Sprintf("%dx%dx%d ta=%v tb=%v form=%d workers=%v", m, n, k, ta, tb, form, p != nil)
						for i := range want {
							require.True(t, want[i] == dst[i], "%s: element %d: %v, want %v", name, i, dst[i], want[i])
						}
					}
				}
				// With a bias epilogue: each output's sum, then its column's bias.
				bias := make([]float64, n)
				for j := range bias {
					bias[j] = 0.25 * float64(j+1)
				}
				gb := *chosen
				gb.bias, gb.nb = true, n
				for _, p := range []*workerPool{nil, pool} {
					in := [][]float64{a, b, bias}
					for _, sz := range gb.scratch() {
						in = append(in, make([]float64, sz))
					}
					dst := make([]float64, m*n)
					gb.run(dst, in, p)
					for i := range want {
						require.True(t, want[i]+bias[i%n] == dst[i], "%dx%dx%d ta=%v tb=%v with bias: element %d", m, n, k, ta, tb, i)
					}
				}
				// The form newGemm picks, with its zero switch, as compiled.
				in := [][]float64{a, b}
				for _, sz := range chosen.scratch() {
					in = append(in, make([]float64, sz))
				}
				dst := make([]float64, m*n)
				chosen.run(dst, in, nil)
				assert.Equal(t, want, dst, "%dx%dx%d ta=%v tb=%v as compiled", m, n, k, ta, tb)
			}
		}
	}
}

// TestBroadcastKernel checks the row, column and general loops of the fused
// broadcast and of SumTo against the index map of broadcastIndex.
func TestBroadcastKernel(t *testing.T) {
	cases := []struct{ from, to []int }{
		{[]int{4}, []int{3, 4}},          // rows
		{[]int{3, 1}, []int{3, 4}},       // columns
		{[]int{}, []int{2, 3}},           // a scalar
		{[]int{2, 1, 3}, []int{2, 4, 3}}, // general
	}
	for _, c := range cases {
		idx := broadcastIndex("test", c.from, c.to)
		nb := sizeOf(c.from)
		x := make([]float64, len(idx))
		src := make([]float64, nb)
		for i := range x {
			x[i] = float64(i) + 0.5
		}
		for i := range src {
			src[i] = 10 * float64(i+1)
		}
		// SumTo, the adjoint: every x[i] added into src-shaped sums at idx[i].
		sums := make([]float64, nb)
		sumToKernel(idx, nb)(sums, [][]float64{x})
		want := make([]float64, nb)
		for i, k := range idx {
			want[k] += x[i]
		}
		assert.Equal(t, want, sums, "SumTo %v→%v", c.to, c.from)
		for _, mul := range []bool{false, true} {
			dst := make([]float64, len(idx))
			broadcastKernel(mul, idx, nb)(dst, [][]float64{x, src})
			for i, k := range idx {
				want := x[i] + src[k]
				if mul {
					want = x[i] * src[k]
				}
				assert.Equal(t, want, dst[i], "%v→%v mul=%v element %d", c.from, c.to, mul, i)
			}
		}
	}
}
