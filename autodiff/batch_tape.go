package autodiff

import (
	"math"

	"github.com/saddle-dev/saddle/autodiff/vmath"
)

// batchTape is a tape replayed over B parameter vectors at once (JAX's vmap
// for a compiled program): every buffer the tape rewrites holds B copies,
// element e of copy l at e·B + l, so the batch is the innermost, contiguous
// dimension (structure of arrays) and every kernel is a loop over it.
// Constant buffers are shared by all copies. Each kernel does, for each copy,
// the floating-point operations of the tape's own kernel in the same order,
// so copy l's values are bit for bit those of the tape run on copy l alone
// (except for the sign of zero products skipped by the tape's sparse matrix
// loop, which only shows with infinite weights).
type batchTape struct {
	b      int
	t      *tape // the template (its constants are shared)
	bufs   [][]float64
	arena  []float64
	steps  []bstep
	lanes  [][]float64 // scratch of the per-copy fallback: inputs, then output
	expand [][]float64 // constants broadcast over the batch for elementwise kernels
}

// bstep is one batched step.
type bstep struct {
	run func(dst []float64, in [][]float64)
	dst []float64
	in  [][]float64
}

// elementwise lists the ops whose kernels compute dst[i] from the inputs'
// element i alone: run over B copies laid out element-major, they are the
// same loop over B times as many elements.
var elementwise = map[string]bool{
	"Neg": true, "Exp": true, "Log": true, "Sin": true, "Cos": true, "Tanh": true, "TanhGrad": true,
	"Sigmoid": true, "SigmoidGrad": true, "Softplus": true, "ReLU": true, "ReLUGrad": true,
	"Abs": true, "Sign": true, "Sqrt": true, "Pow": true, "Scale": true, "AddScalar": true,
	"Add": true, "Mul": true, "Div": true, "PowVar": true, "Where": true, "BCEWithLogits": true,
}

// fastKernels replace an elementwise op's loop by the batched
// transcendental kernels of vmath, which compute the same values (bit for
// bit on amd64, within 2 ulp elsewhere) several times faster.
var fastKernels = map[string]evalFunc{
	"Exp":      func(dst []float64, in [][]float64) { vmath.Exp(dst, in[0]) },
	"Sigmoid":  func(dst []float64, in [][]float64) { vmath.Sigmoid(dst, in[0]) },
	"Tanh":     func(dst []float64, in [][]float64) { vmath.Tanh(dst, in[0]) },
	"Log":      func(dst []float64, in [][]float64) { vmath.Log(dst, in[0]) },
	"Softplus": func(dst []float64, in [][]float64) { vmath.Softplus(dst, in[0]) },
	"BCEWithLogits": func(dst []float64, in [][]float64) {
		a, y := in[0][:len(dst)], in[1][:len(dst)]
		for i, v := range a {
			dst[i] = -math.Abs(v)
		}
		vmath.Exp(dst, dst)
		for i, v := range a {
			dst[i] = math.Max(v, 0) - v*y[i] + math.Log1p(dst[i])
		}
	},
}

// newBatchTape lays out t for b copies.
func newBatchTape(t *tape, b int) *batchTape {
	bt := &batchTape{b: b, t: t, bufs: make([][]float64, len(t.bufs))}
	size := 0
	for i, w := range t.written {
		if w {
			size += t.lens[i] * b
		}
	}
	bt.arena = make([]float64, size)
	off := 0
	for i, w := range t.written {
		if !w {
			bt.bufs[i] = t.bufs[i]
			continue
		}
		n := t.lens[i] * b
		buf := bt.arena[off : off+n : off+n]
		off += n
		for e, v := range t.bufs[i] {
			for l := range b {
				buf[e*b+l] = v
			}
		}
		bt.bufs[i] = buf
	}
	maxLane := 0
	for _, s := range t.steps {
		lane := s.dstr.n
		for _, r := range s.inr {
			lane += r.n
		}
		maxLane = max(maxLane, lane)
	}
	bt.lanes = [][]float64{make([]float64, maxLane)}
	bt.steps = bt.batchSteps(t.steps)
	return bt
}

// batchSteps returns the batched steps of steps (steps of t).
func (bt *batchTape) batchSteps(steps []pstep) []bstep {
	out := make([]bstep, len(steps))
	for i, s := range steps {
		out[i] = bt.step(s)
	}
	return out
}

// batched reports whether the buffer of r holds B copies.
func (bt *batchTape) batched(r memRef) bool { return bt.t.written[r.buf] }

// slice returns r's memory: all B copies of a rewritten buffer, or the
// constant.
func (bt *batchTape) slice(r memRef) []float64 {
	if !bt.batched(r) {
		return bt.t.slice(r)
	}
	b := bt.b
	return bt.bufs[r.buf][r.off*b : (r.off+r.n)*b : (r.off+r.n)*b]
}

// step chooses the batched kernel of s.
func (bt *batchTape) step(s pstep) bstep {
	bs := bstep{dst: bt.slice(s.dstr)}
	for _, r := range s.inr {
		bs.in = append(bs.in, bt.slice(r))
	}
	switch {
	case s.gemm != nil:
		k := &batchGemm{g: s.gemm, b: bt.b}
		k.aB, k.bB = bt.batched(s.inr[0]), bt.batched(s.inr[1])
		if s.gemm.bias {
			k.biasB = bt.batched(s.inr[2])
		}
		bs.run = k.run
	case elementwise[s.op] && bt.sameLength(s):
		for j, r := range s.inr {
			if !bt.batched(r) { // a constant operand, broadcast once over the batch
				e := make([]float64, r.n*bt.b)
				for i, v := range bs.in[j] {
					for l := range bt.b {
						e[i*bt.b+l] = v
					}
				}
				bt.expand = append(bt.expand, e)
				bs.in[j] = e
			}
		}
		bs.run = s.eval
		if f := fastKernels[s.op]; f != nil {
			bs.run = f
		}
	case s.op == "Sum" && len(s.inr) == 1 && bt.batched(s.inr[0]):
		b := bt.b
		bs.run = func(dst []float64, in [][]float64) {
			clear(dst)
			x := in[0]
			for o := 0; o < len(x); o += b {
				for l, v := range x[o : o+b : o+b] {
					dst[l] += v
				}
			}
		}
	default:
		bs.run = bt.perCopy(s)
	}
	return bs
}

// sameLength reports whether every input of s has the output's length (an
// elementwise op whose broadcast operand was not fused into it).
func (bt *batchTape) sameLength(s pstep) bool {
	for _, r := range s.inr {
		if r.n != s.dstr.n {
			return false
		}
	}
	return true
}

// perCopy returns the fallback kernel of s: for each copy, gather its
// inputs, run the tape's kernel, scatter the output.
func (bt *batchTape) perCopy(s pstep) func(dst []float64, in [][]float64) {
	b := bt.b
	isB := make([]bool, len(s.inr))
	for j, r := range s.inr {
		isB[j] = bt.batched(r)
	}
	ins := make([][]float64, len(s.inr))
	return func(dst []float64, in [][]float64) {
		lanes := bt.lanes[0]
		off := 0
		for j, x := range in {
			if !isB[j] {
				ins[j] = x
				continue
			}
			n := len(x) / b
			ins[j] = lanes[off : off+n : off+n]
			off += n
		}
		n := len(dst) / b
		out := lanes[off : off+n : off+n]
		for l := range b {
			for j, x := range in {
				if isB[j] {
					v := ins[j]
					for e := range v {
						v[e] = x[e*b+l]
					}
				}
			}
			s.eval(out, ins)
			for e, v := range out {
				dst[e*b+l] = v
			}
		}
	}
}

// run replays steps.
func (bt *batchTape) run(steps []bstep) {
	for i := range steps {
		s := &steps[i]
		s.run(s.dst, s.in)
	}
}

// batchGemm is a compiled matrix product over B copies: for each output
// and copy, the k products added in increasing order from zero, then the
// bias, as gemmSpec does.
type batchGemm struct {
	g             *gemmSpec
	b             int
	aB, bB, biasB bool // the operand holds B copies (else it is shared)
}

func (k *batchGemm) run(dst []float64, in [][]float64) {
	g, b := k.g, k.b
	m, n, kk := g.m, g.n, g.k
	a, w := in[0], in[1]
	as, ws := k.strides()
	for i := range m {
		for j := range n {
			o := i*n + j
			d := dst[o*b : (o+1)*b : (o+1)*b]
			a0, w0 := i*kk, j
			if g.ta {
				a0 = i
			}
			if g.tb {
				w0 = j * kk
			}
			var bias []float64
			bi := 0
			if g.bias {
				bias, bi = in[2], o%g.nb
			}
			if kk == 1 {
				k.madd(d, a, w, a0, w0, true)
				k.addBias(d, bias, bi, 0)
			} else {
				k.dots(d, a, w, bias, bi, a0, w0, as, ws)
			}
		}
	}
}

// strides returns the steps in p of the element indices of A(i,p) and
// B(p,j).
func (k *batchGemm) strides() (as, ws int) {
	g := k.g
	as, ws = 1, g.n
	if g.ta {
		as = g.m
	}
	if g.tb {
		ws = 1
	}
	return as, ws
}

// dots sets d[l] = Σ_p A(i,p)·B(p,j) (+ the bias) for every copy l, the sum
// over p in increasing order from zero, then the bias; 16 copies at a time
// in the vector loop, then four at a time in registers.
func (k *batchGemm) dots(d, a, w, bias []float64, bi, a0, w0, as, ws int) {
	b, kk := k.b, k.g.k
	l := 0
	for k.dots16(d, a, w, bias, bi, a0, w0, as, ws, l) {
		l += 16
	}
	defer k.addBias(d, bias, bi, l)
	for ; l+4 <= b; l += 4 {
		var s0, s1, s2, s3 float64
		ai, wi := a0, w0
		for range kk {
			var x0, x1, x2, x3, y0, y1, y2, y3 float64
			if k.aB {
				av := a[ai*b+l : ai*b+l+4 : ai*b+l+4]
				x0, x1, x2, x3 = av[0], av[1], av[2], av[3]
			} else {
				x0 = a[ai]
				x1, x2, x3 = x0, x0, x0
			}
			if k.bB {
				wv := w[wi*b+l : wi*b+l+4 : wi*b+l+4]
				y0, y1, y2, y3 = wv[0], wv[1], wv[2], wv[3]
			} else {
				y0 = w[wi]
				y1, y2, y3 = y0, y0, y0
			}
			s0 += x0 * y0
			s1 += x1 * y1
			s2 += x2 * y2
			s3 += x3 * y3
			ai += as
			wi += ws
		}
		dl := d[l : l+4 : l+4]
		dl[0], dl[1], dl[2], dl[3] = s0, s1, s2, s3
	}
	for ; l < b; l++ {
		s := 0.0
		ai, wi := a0, w0
		for range kk {
			x, y := a[ai], w[wi]
			if k.aB {
				x = a[ai*b+l]
			}
			if k.bB {
				y = w[wi*b+l]
			}
			s += x * y
			ai += as
			wi += ws
		}
		d[l] = s
	}
}

// addBias adds element bi of bias (nil: none) to the copies from l on.
func (k *batchGemm) addBias(d, bias []float64, bi, l int) {
	if bias == nil || l >= len(d) {
		return
	}
	b := k.b
	if k.biasB {
		bv := bias[bi*b+l : (bi+1)*b : (bi+1)*b]
		for t, v := range bv {
			d[l+t] += v
		}
		return
	}
	v := bias[bi]
	for t := l; t < len(d); t++ {
		d[t] += v
	}
}

// madd adds a[ai]·w[wi] to d for every copy; set (a product of one term)
// stores the product instead, as the tape's outer-product loop does.
func (k *batchGemm) madd(d, a, w []float64, ai, wi int, set bool) {
	b := k.b
	switch {
	case k.aB && k.bB:
		av := a[ai*b : (ai+1)*b : (ai+1)*b]
		wv := w[wi*b : (wi+1)*b : (wi+1)*b]
		if set {
			for l, x := range av {
				d[l] = x * wv[l]
			}
			return
		}
		for l, x := range av {
			d[l] += x * wv[l]
		}
	case k.aB:
		av := a[ai*b : (ai+1)*b : (ai+1)*b]
		s := w[wi]
		if set {
			for l, x := range av {
				d[l] = x * s
			}
			return
		}
		for l, x := range av {
			d[l] += x * s
		}
	default:
		s := a[ai]
		wv := w[wi*b : (wi+1)*b : (wi+1)*b]
		if set {
			for l, x := range wv {
				d[l] = s * x
			}
			return
		}
		for l, x := range wv {
			d[l] += s * x
		}
	}
}
