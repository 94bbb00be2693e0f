package autodiff

import (
	"sync"

	"github.com/saddle-dev/saddle/internal/parallel"
)

// gemmSpec is a compiled matrix product dst (m,n) = op(A)·op(B) with A
// stored (m,k), or (k,m) when ta, and B stored (k,n), or (n,k) when tb.
//
// Four loop forms, chosen by layout, all adding the k products of each
// output in increasing order (so the result is the engine's MatMul on the
// materialised transposes, bit for bit):
//   - axpy: dst row i += A(i,p)·(row p of B) over p, skipping zero A(i,p)
//     where that is exact (zeroSkip; ReLU gradients are half zeros), four
//     rows of B per pass over dst;
//   - dot: dst(i,j) = ⟨row i of A, row j of Bᵀ⟩, two by two outputs at a
//     time, for B stored (n,k); operands in another layout are first
//     transposed into scratch buffers;
//   - tn: for A stored (k,m) and B stored (k,n) with few columns (weight
//     gradients of narrow layers), 2×4 outputs at a time, accumulated over p
//     in registers;
//   - outer: k = 1.
//
// The axpy form is chosen for rows of 32 or more (long rows stream well) and
// for fewer than 8 rows (where transposing B would cost as much as the
// product); otherwise the register forms are faster (measured on W2–W4
// shapes). For
// narrow A·B with both stored row-major, the dot form (after transposing B)
// is faster unless A has many zeros: run counts them and takes the axpy form
// when at least a quarter are zero.
//
// This file is longer than the project's ~400 lines on purpose: the four
// register-blocked forms are one kernel, chosen by layout, and their loops
// are unrolled by hand (2×4 and 2×2 accumulators) because the compiler does
// not keep such sums in registers otherwise; split apart they would only be
// harder to compare.
type gemmSpec struct {
	m, n, k        int
	ta, tb         bool
	form           int
	zeroSwitch     bool // use the axpy form when A has many zeros
	transA, transB bool // dot form: transpose A (resp. B) into scratch first
	bias           bool // add in[2][i mod nb] to every output i after its sum
	nb             int
}

const (
	formDot = iota
	formAxpy
	formTN
	formOuter
)

// newGemm chooses the loop form of a product.
func newGemm(m, n, k int, ta, tb bool) *gemmSpec {
	g := &gemmSpec{m: m, n: n, k: k, ta: ta, tb: tb}
	bRowMajor := !tb || n == 1 // B readable as (k,n)
	dotInPlace := (!ta || m == 1) && (tb || n == 1)
	switch {
	case k == 1:
		g.form = formOuter
	case dotInPlace && (n < 4 || !bRowMajor):
		g.form = formDot
	case !bRowMajor:
		g.form = formDot
		g.transA = true
	case ta && m > 1 && n < 32:
		g.form = formTN
	case ta && m > 1, n < 4, n >= 32, m < 8:
		g.form = formAxpy
	default:
		g.form = formDot
		g.transB = n > 1
		g.zeroSwitch = true
	}
	return g
}

// scratch returns the sizes of the scratch buffers the product needs.
func (g *gemmSpec) scratch() []int {
	var s []int
	if g.transA {
		s = append(s, g.m*g.k)
	}
	if g.transB {
		s = append(s, g.n*g.k)
	}
	return s
}

// parallelMin is the number of multiply-adds below which a product is not
// split across workers (the hand-off costs a few microseconds).
const parallelMin = 1 << 16

// run computes the product; in holds A, B and the scratch buffers.
func (g *gemmSpec) run(dst []float64, in [][]float64, pool *workerPool) {
	a, b := in[0], in[1]
	s := 2
	var bias []float64
	if g.bias {
		bias, s = in[2], 3
	}
	form := g.form
	if g.zeroSwitch && manyZeros(a) {
		form = formAxpy
	}
	if form == formDot {
		if g.transA {
			transposeInto(in[s], a, g.k, g.m)
			a = in[s]
			s++
		}
		if g.transB {
			transposeInto(in[s], b, g.k, g.n)
			b = in[s]
		}
	}
	if pool == nil || g.m < 2 || g.m*g.n*g.k < parallelMin {
		g.rows(form, dst, a, b, bias, 0, g.m)
		return
	}
	pool.do(g, form, dst, a, b, bias)
}

// manyZeros reports whether at least a quarter of a is zero.
func manyZeros(a []float64) bool {
	z := 0
	for _, v := range a {
		if v == 0 {
			z++
		}
	}
	return 4*z >= len(a)
}

// transposeInto writes the transpose of src (r,c) into dst (c,r).
func transposeInto(dst, src []float64, r, c int) {
	for i := range r {
		row := src[i*c : (i+1)*c]
		for j, v := range row {
			dst[j*r+i] = v
		}
	}
}

// rows computes output rows lo..hi−1 in the given form, then adds the bias.
func (g *gemmSpec) rows(form int, dst, a, b, bias []float64, lo, hi int) {
	g.products(form, dst, a, b, lo, hi)
	if bias == nil {
		return
	}
	nb := g.nb
	bias = bias[:nb]
	d := dst[lo*g.n : hi*g.n]
	for o := 0; o < len(d); o += nb {
		row := d[o : o+nb : o+nb]
		for j, v := range bias {
			row[j] += v
		}
	}
}

// products computes the sums of output rows lo..hi−1.
func (g *gemmSpec) products(form int, dst, a, b []float64, lo, hi int) {
	switch form {
	case formAxpy:
		g.axpyRows(dst, a, b, lo, hi)
	case formTN:
		g.tnRows(dst, a, b, lo, hi)
	case formDot:
		g.dotRows(dst, a, b, lo, hi)
	case formOuter:
		n := g.n
		b = b[:n]
		for i := lo; i < hi; i++ {
			v := a[i]
			row := dst[i*n : (i+1)*n : (i+1)*n]
			for j, u := range b {
				row[j] = v * u
			}
		}
	}
}

// tnRows computes rows lo..hi−1 of Aᵀ·B for A stored (k,m) and B stored
// (k,n), 2×4 outputs at a time with the sums over p in registers.
func (g *gemmSpec) tnRows(dst, a, b []float64, lo, hi int) {
	m, n, k := g.m, g.n, g.k
	a, b = a[:m*k], b[:n*k]
	i := lo
	for ; i+1 < hi; i += 2 {
		j := 0
		for ; j+3 < n; j += 4 {
			var s00, s01, s02, s03, s10, s11, s12, s13 float64
			for p := range k {
				ar := a[p*m+i : p*m+i+2 : p*m+i+2]
				br := b[p*n+j : p*n+j+4 : p*n+j+4]
				a0, a1 := ar[0], ar[1]
				b0, b1, b2, b3 := br[0], br[1], br[2], br[3]
				s00 += a0 * b0
				s01 += a0 * b1
				s02 += a0 * b2
				s03 += a0 * b3
				s10 += a1 * b0
				s11 += a1 * b1
				s12 += a1 * b2
				s13 += a1 * b3
			}
			d0 := dst[i*n+j : i*n+j+4 : i*n+j+4]
			d1 := dst[(i+1)*n+j : (i+1)*n+j+4 : (i+1)*n+j+4]
			d0[0], d0[1], d0[2], d0[3] = s00, s01, s02, s03
			d1[0], d1[1], d1[2], d1[3] = s10, s11, s12, s13
		}
		for ; j+1 < n; j += 2 {
			var s00, s01, s10, s11 float64
			for p := range k {
				ar := a[p*m+i : p*m+i+2 : p*m+i+2]
				br := b[p*n+j : p*n+j+2 : p*n+j+2]
				a0, a1, b0, b1 := ar[0], ar[1], br[0], br[1]
				s00 += a0 * b0
				s01 += a0 * b1
				s10 += a1 * b0
				s11 += a1 * b1
			}
			dst[i*n+j], dst[i*n+j+1] = s00, s01
			dst[(i+1)*n+j], dst[(i+1)*n+j+1] = s10, s11
		}
		for ; j < n; j++ {
			var s0, s1 float64
			for p := range k {
				bv := b[p*n+j]
				s0 += a[p*m+i] * bv
				s1 += a[p*m+i+1] * bv
			}
			dst[i*n+j], dst[(i+1)*n+j] = s0, s1
		}
	}
	if i < hi {
		for j := range n {
			s := 0.0
			for p := range k {
				s += a[p*m+i] * b[p*n+j]
			}
			dst[i*n+j] = s
		}
	}
}

func (g *gemmSpec) axpyRows(dst, a, b []float64, lo, hi int) {
	m, n, k := g.m, g.n, g.k
	zs := zeroSkip{b: b[:k*n]}
	for i := lo; i < hi; i++ {
		row := dst[i*n : (i+1)*n : (i+1)*n]
		clear(row)
		var av [4]float64
		var bp [4]int
		c := 0
		for p := range k {
			var v float64
			if g.ta {
				v = a[p*m+i]
			} else {
				v = a[i*k+p]
			}
			if v == 0 && zs.exact() {
				continue
			}
			av[c], bp[c] = v, p*n
			c++
			if c == 4 {
				axpy4(row, b, av, bp)
				c = 0
			}
		}
		for q := range c {
			axpy1(row, av[q], b[bp[q]:bp[q]+n])
		}
	}
}

// axpy4 adds four scaled rows of b to row, in order, with one pass over row.
func axpy4(row, b []float64, av [4]float64, bp [4]int) {
	n := len(row)
	b0 := b[bp[0] : bp[0]+n : bp[0]+n]
	b1 := b[bp[1] : bp[1]+n : bp[1]+n]
	b2 := b[bp[2] : bp[2]+n : bp[2]+n]
	b3 := b[bp[3] : bp[3]+n : bp[3]+n]
	a0, a1, a2, a3 := av[0], av[1], av[2], av[3]
	for j := range row {
		r := row[j]
		r += a0 * b0[j]
		r += a1 * b1[j]
		r += a2 * b2[j]
		r += a3 * b3[j]
		row[j] = r
	}
}

func axpy1(row []float64, a float64, b []float64) {
	b = b[:len(row)]
	for j, v := range b {
		row[j] += a * v
	}
}

// dotRows computes rows lo..hi−1 with A as rows (m,k) and B as rows (n,k),
// 2×4 outputs at a time (eight independent sums keep the adder busy).
func (g *gemmSpec) dotRows(dst, a, b []float64, lo, hi int) {
	n, k := g.n, g.k
	if k == 2 { // first layers of 2-input nets: no inner loop
		b = b[:2*n]
		for i := lo; i < hi; i++ {
			a0, a1 := a[2*i], a[2*i+1]
			row := dst[i*n : (i+1)*n : (i+1)*n]
			for j := range row {
				s := 0.0
				s += a0 * b[2*j]
				s += a1 * b[2*j+1]
				row[j] = s
			}
		}
		return
	}
	i := lo
	for ; i+1 < hi; i += 2 {
		a0 := a[i*k : (i+1)*k : (i+1)*k]
		a1 := a[(i+1)*k : (i+2)*k : (i+2)*k]
		j := 0
		for ; j+3 < n; j += 4 {
			b0 := b[j*k : (j+1)*k : (j+1)*k]
			b1 := b[(j+1)*k : (j+2)*k : (j+2)*k]
			b2 := b[(j+2)*k : (j+3)*k : (j+3)*k]
			b3 := b[(j+3)*k : (j+4)*k : (j+4)*k]
			var s00, s01, s02, s03, s10, s11, s12, s13 float64
			for p, x0 := range a0 {
				x1 := a1[p]
				y0, y1, y2, y3 := b0[p], b1[p], b2[p], b3[p]
				s00 += x0 * y0
				s01 += x0 * y1
				s02 += x0 * y2
				s03 += x0 * y3
				s10 += x1 * y0
				s11 += x1 * y1
				s12 += x1 * y2
				s13 += x1 * y3
			}
			d0 := dst[i*n+j : i*n+j+4 : i*n+j+4]
			d1 := dst[(i+1)*n+j : (i+1)*n+j+4 : (i+1)*n+j+4]
			d0[0], d0[1], d0[2], d0[3] = s00, s01, s02, s03
			d1[0], d1[1], d1[2], d1[3] = s10, s11, s12, s13
		}
		for ; j < n; j++ {
			bj := b[j*k : (j+1)*k : (j+1)*k]
			dst[i*n+j] = dotSeq(a0, bj)
			dst[(i+1)*n+j] = dotSeq(a1, bj)
		}
	}
	if i < hi {
		a0 := a[i*k : (i+1)*k : (i+1)*k]
		j := 0
		for ; j+3 < n; j += 4 {
			b0 := b[j*k : (j+1)*k : (j+1)*k]
			b1 := b[(j+1)*k : (j+2)*k : (j+2)*k]
			b2 := b[(j+2)*k : (j+3)*k : (j+3)*k]
			b3 := b[(j+3)*k : (j+4)*k : (j+4)*k]
			var s0, s1, s2, s3 float64
			for p, x := range a0 {
				s0 += x * b0[p]
				s1 += x * b1[p]
				s2 += x * b2[p]
				s3 += x * b3[p]
			}
			d := dst[i*n+j : i*n+j+4 : i*n+j+4]
			d[0], d[1], d[2], d[3] = s0, s1, s2, s3
		}
		for ; j < n; j++ {
			dst[i*n+j] = dotSeq(a0, b[j*k:(j+1)*k])
		}
	}
}

// dotSeq is Σ x·y added in order.
func dotSeq(x, y []float64) float64 {
	y = y[:len(x)]
	s := 0.0
	for p, v := range x {
		s += v * y[p]
	}
	return s
}

// workerPool runs the rows of large products on long-lived goroutines; the
// caller does the first share. Row i is always computed by the same loop, so
// the result does not depend on the number of workers.
type workerPool struct {
	n      int
	jobs   []chan poolJob
	wg     sync.WaitGroup
	once   sync.Once
	panics []*parallel.PanicError // a panic of worker w, handed to do's caller
}

type poolJob struct {
	g               *gemmSpec
	form            int
	dst, a, b, bias []float64
	lo, hi          int
}

func newWorkerPool(n int) *workerPool {
	p := &workerPool{n: n, jobs: make([]chan poolJob, n-1), panics: make([]*parallel.PanicError, n-1)}
	for w := range p.jobs {
		ch := make(chan poolJob)
		p.jobs[w] = ch
		go func() {
			for j := range ch {
				p.panics[w] = parallel.Protect(w, func() {
					j.g.rows(j.form, j.dst, j.a, j.b, j.bias, j.lo, j.hi)
				})
				p.wg.Done()
			}
		}()
	}
	return p
}

// do splits the rows of g into p.n contiguous shares.
func (p *workerPool) do(g *gemmSpec, form int, dst, a, b, bias []float64) {
	chunk := (g.m + p.n - 1) / p.n
	chunk += chunk & 1 // even shares keep the dot form's row pairs
	lo := min(chunk, g.m)
	for w := range p.jobs {
		hi := min(lo+chunk, g.m)
		if lo >= hi {
			break
		}
		p.wg.Add(1)
		p.jobs[w] <- poolJob{g, form, dst, a, b, bias, lo, hi}
		lo = hi
	}
	g.rows(form, dst, a, b, bias, 0, min(chunk, g.m))
	p.wg.Wait()
	for w, pe := range p.panics {
		if pe != nil {
			p.panics[w] = nil
			panic(pe.Value) // on the caller's goroutine, where it can be recovered
		}
	}
}

// stop ends the workers; later calls do nothing.
func (p *workerPool) stop() {
	p.once.Do(func() {
		for _, ch := range p.jobs {
			close(ch)
		}
	})
}

// setWorkers gives t a pool of n workers (none for n ≤ 1), stopping the old
// one, and returns the new pool.
func (t *tape) setWorkers(n int) *workerPool {
	if t.pool != nil {
		t.pool.stop()
		t.pool = nil
	}
	if n > 1 {
		t.pool = newWorkerPool(n)
	}
	return t.pool
}

// broadcastKernel returns the kernel of x + b (or x·b when mul) where b is
// broadcast by idx (for each element of x, the index into b's nb values):
// rows (idx[i] = i mod nb) and columns (idx[i] = i div r) get plain loops.
func broadcastKernel(mul bool, idx []int, nb int) evalFunc {
	rows, cols, r := broadcastLayout(idx, nb)
	switch {
	case rows && mul:
		return func(dst []float64, in [][]float64) {
			x, b := in[0][:len(dst)], in[1][:nb]
			for o := 0; o < len(dst); o += nb {
				d, xs := dst[o:o+nb:o+nb], x[o:o+nb:o+nb]
				for j, v := range b {
					d[j] = xs[j] * v
				}
			}
		}
	case rows:
		return func(dst []float64, in [][]float64) {
			x, b := in[0][:len(dst)], in[1][:nb]
			for o := 0; o < len(dst); o += nb {
				d, xs := dst[o:o+nb:o+nb], x[o:o+nb:o+nb]
				for j, v := range b {
					d[j] = xs[j] + v
				}
			}
		}
	case cols && mul:
		return func(dst []float64, in [][]float64) {
			x, b := in[0][:len(dst)], in[1][:nb]
			for i, v := range b {
				d, xs := dst[i*r:(i+1)*r:(i+1)*r], x[i*r:(i+1)*r:(i+1)*r]
				for j, u := range xs {
					d[j] = u * v
				}
			}
		}
	case cols:
		return func(dst []float64, in [][]float64) {
			x, b := in[0][:len(dst)], in[1][:nb]
			for i, v := range b {
				d, xs := dst[i*r:(i+1)*r:(i+1)*r], x[i*r:(i+1)*r:(i+1)*r]
				for j, u := range xs {
					d[j] = u + v
				}
			}
		}
	case mul:
		return func(dst []float64, in [][]float64) {
			x, b := in[0][:len(dst)], in[1]
			for i, k := range idx {
				dst[i] = x[i] * b[k]
			}
		}
	}
	return func(dst []float64, in [][]float64) {
		x, b := in[0][:len(dst)], in[1]
		for i, k := range idx {
			dst[i] = x[i] + b[k]
		}
	}
}
