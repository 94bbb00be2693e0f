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
var elementwise = map[opKind]bool{
	opNeg: true, opExp: true, opLog: true, opSin: true, opCos: true, opTanh: true, opTanhGrad: true,
	opSigmoid: true, opSigmoidGrad: true, opSoftplus: true, opReLU: true, opReLUGrad: true,
	opAbs: true, opSign: true, opSqrt: true, opPow: true, opScale: true, opAddScalar: true,
	opAdd: true, opMul: true, opDiv: true, opPowVar: true, opWhere: true, opBCEWithLogits: true,
}

// fastKernels replace an elementwise op's loop by the batched
// transcendental kernels of vmath, which compute the same values several
// times faster; they are used only where vmath reproduces the math package
// bit for bit (vmath.Exact), so that batched results stay those of the
// unbatched program (elsewhere vmath is within 2 ulp of math).
var fastKernels = map[opKind]evalFunc{
	opExp:      func(dst []float64, in [][]float64) { vmath.Exp(dst, in[0]) },
	opSigmoid:  func(dst []float64, in [][]float64) { vmath.Sigmoid(dst, in[0]) },
	opTanh:     func(dst []float64, in [][]float64) { vmath.Tanh(dst, in[0]) },
	opLog:      func(dst []float64, in [][]float64) { vmath.Log(dst, in[0]) },
	opSoftplus: func(dst []float64, in [][]float64) { vmath.Softplus(dst, in[0]) },
	opBCEWithLogits: func(dst []float64, in [][]float64) {
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
		if f := fastKernels[s.op]; f != nil && vmath.Exact() {
			bs.run = f
		}
	case s.op == opSum && len(s.inr) == 1 && bt.batched(s.inr[0]):
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
