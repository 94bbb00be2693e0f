package autodiff

import (
	"fmt"
	"math"
	"runtime"
)

// Program is the compiled form of a scalar function f of a flat vector
// (DESIGN §1, fast path): f is traced once, its gradient is built as a
// recorded graph with Gradients, and every node of the two graphs that
// depends on x is kept, in topological order, as one step: the op's own
// value kernel (the code the define-by-run engine runs) over preallocated
// []float64 buffers. Replaying the steps evaluates f and ∇f with no
// allocation. No second set of derivative rules exists: the gradient steps
// are the VJP rules' own ops. Before replay the steps are simplified
// (compile_opt.go: views instead of copies, matrix products that read
// transposes in place, no materialised broadcasts, gradient pieces written in
// place, dead steps dropped); the values stay those of define-by-run.
//
// A Program is not safe for concurrent use: each goroutine compiles its own or
// takes a Clone.
type Program struct {
	n       int
	t       *tape
	x, y, g memRef // the variable, the value and the gradient
	xb      []float64
	yb      []float64
	gb      []float64
	nval    int // steps[:nval] compute the value alone
	steps   []pstep
}

// bindIO locates the program's input and outputs in its tape.
func (p *Program) bindIO(xv, y, g *Node) {
	if xv != nil {
		p.x, p.y, p.g = p.t.refOf[xv], p.t.refOf[y], p.t.refOf[g]
	}
	p.xb, p.yb, p.gb = p.t.slice(p.x), p.t.slice(p.y), p.t.slice(p.g)
	p.steps, p.nval = p.t.steps, p.t.nfirst
}

// Compile traces f at a point of dimension n and returns a program that
// evaluates f and its gradient with no allocation.
//
// Replay follows the graph that f builds at the trace point, so f must build
// the same graph of ops and shapes at every x: shapes are fixed, and f must
// not branch in Go on the values of nodes nor copy them into constants
// (Const(x.Data()) freezes them). Ops whose result depends on values are
// fine, because their masks are nodes recomputed on replay (ReLU, Abs, Where
// with a node condition, MaxAxis, LogSumExp). Compile checks the rule: after
// tracing at one point it evaluates f define-by-run at a second point and
// compares the replay with it; a difference, an output that is not a scalar,
// or a panic in f is an error.
func Compile(f Func, n int) (*Program, error) {
	if n < 1 {
		return nil, fmt.Errorf("autodiff: Compile: dimension %d, want at least 1", n)
	}
	xv := Variable(tracePoint(n, 0))
	var y, g *Node
	if err := protect(func() {
		y = f(xv)
		if y == nil {
			panic("f returned nil")
		}
		if len(y.data) != 1 {
			panic(fmt.Sprintf("f returned shape %s, want a scalar", shapeString(y.shape)))
		}
		g = gradients("Compile", y, []*Node{xv}, false)[0]
	}); err != nil {
		return nil, fmt.Errorf("autodiff: Compile: %v", err)
	}
	t := newTape([]*Node{y, g}, []*Node{xv})
	p := &Program{n: n, t: t}
	p.bindIO(xv, y, g)
	t.refOf = nil // let the traced graph go; the tape keeps what it needs
	if err := p.verify(f); err != nil {
		return nil, err
	}
	return p, nil
}

// verify compares the replay with define-by-run at a second point.
func (p *Program) verify(f Func) error {
	x := tracePoint(p.n, 1)
	var want float64
	var wantGrad []float64
	if err := protect(func() { want, wantGrad = ValueAndGrad(f, x) }); err != nil {
		return fmt.Errorf("autodiff: Compile: at a second point: %v", err)
	}
	grad := make([]float64, p.n)
	got := p.ValueAndGrad(x, grad)
	if !closeEnough(got, want) {
		return fmt.Errorf("autodiff: Compile: f builds a different graph at another point (replayed value %.17g, define-by-run %.17g): it depends on values in a way replay cannot follow", got, want)
	}
	if v := p.Value(x); !closeEnough(v, want) {
		return fmt.Errorf("autodiff: Compile: value-only replay %.17g differs from define-by-run %.17g", v, want)
	}
	for i := range grad {
		if !closeEnough(grad[i], wantGrad[i]) {
			return fmt.Errorf("autodiff: Compile: f builds a different graph at another point (gradient[%d] replayed %.17g, define-by-run %.17g): it depends on values in a way replay cannot follow", i, grad[i], wantGrad[i])
		}
	}
	return nil
}

// verifyTol is the relative tolerance of Compile's self-check: the replay
// runs the define-by-run kernels, possibly fused or reordered, so the two
// agree to rounding; a graph that changed with the values differs at O(1).
const verifyTol = 1e-9

func closeEnough(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if a == b {
		return true
	}
	return math.Abs(a-b) <= verifyTol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// tracePoint returns a deterministic point with distinct, non-zero
// coordinates of magnitude below 1; the second point (which = 1) has the
// opposite sign and another magnitude in every coordinate, so that a Go
// branch on a value's sign takes the other way there.
func tracePoint(n, which int) []float64 {
	x := make([]float64, n)
	for k := range x {
		x[k] = 0.5 * math.Sin(0.9*float64(k)+0.4)
		if which == 1 {
			x[k] *= -0.7
		}
	}
	return x
}

// protect runs fn and turns a panic into an error.
func protect(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	fn()
	return nil
}

// N returns the dimension of the program's input.
func (p *Program) N() int { return p.n }

// NumOps returns the number of steps one value-and-gradient replay runs.
func (p *Program) NumOps() int { return len(p.steps) }

// ValueAndGrad returns f(x) and, when grad is not nil, writes ∇f(x) into
// it. With grad nil only the steps of the value run. It does not allocate.
// The method value p.ValueAndGrad has the signature of optim.Objective.
func (p *Program) ValueAndGrad(x, grad []float64) float64 {
	if len(x) != p.n || grad != nil && len(grad) != p.n {
		panic(fmt.Sprintf("autodiff: Program.ValueAndGrad: program has dimension %d, x has %d, grad has %d", p.n, len(x), len(grad)))
	}
	copy(p.xb, x)
	if grad == nil {
		p.t.run(p.steps[:p.nval])
		return p.yb[0]
	}
	p.t.run(p.steps)
	copy(grad, p.gb)
	return p.yb[0]
}

// Value returns f(x), running only the steps of the value.
func (p *Program) Value(x []float64) float64 { return p.ValueAndGrad(x, nil) }

// Clone returns an independent copy of p (its own buffers; constants are
// shared, read-only) for use in another goroutine. The copy runs on one
// goroutine (see SetWorkers).
func (p *Program) Clone() *Program {
	q := &Program{n: p.n, t: p.t.clone(), x: p.x, y: p.y, g: p.g}
	q.bindIO(nil, nil, nil)
	return q
}

// SetWorkers makes the replay split each large matrix product (at least
// 65,536 multiply-adds) by rows across n goroutines, the caller's included;
// n = 0 means one per core (runtime.NumCPU), as Workers 0 does everywhere in
// saddle, and n = 1 (the default) runs everything on the caller's goroutine.
// A negative n panics. Every output
// row is computed by the same loop whatever n is, so results are bit for bit
// the same for any number of workers. The workers live until SetWorkers is
// called again or the program is garbage collected.
func (p *Program) SetWorkers(n int) {
	if n < 0 {
		panic(fmt.Sprintf("autodiff: SetWorkers: n = %d, want ≥ 0 (0: one per core)", n))
	}
	if n == 0 {
		n = runtime.NumCPU()
	}
	if pool := p.t.setWorkers(n); pool != nil {
		runtime.AddCleanup(p, func(w *workerPool) { w.stop() }, pool)
	}
}

// HVPProgram is the compiled Hessian-vector product of a scalar f: the
// recorded gradient g = ∇f is dotted with a constant v whose buffer is
// rewritten on each call, and the gradient of ⟨g, v⟩ is recorded again
// (reverse over reverse, Pearlmutter 1994). Steps that do not depend on v
// (the forward pass and the gradient) run once per point; only the steps that
// depend on v run once per direction. Not safe for concurrent use.
type HVPProgram struct {
	n      int
	t      *tape
	xb, vb []float64 // the point and the direction
	hb     []float64 // H·v
	xsteps []pstep
	vsteps []pstep
	lastX  []float64
	ready  bool // the x steps have run at lastX
	xr, vr memRef
	hr     memRef
}

// CompileHVP traces f at a point of dimension n and returns a program that
// computes Hessian-vector products and Hessians with no allocation. The rule
// of Compile applies; CompileHVP checks it the same way.
func CompileHVP(f Func, n int) (*HVPProgram, error) {
	if n < 1 {
		return nil, fmt.Errorf("autodiff: CompileHVP: dimension %d, want at least 1", n)
	}
	xv := Variable(tracePoint(n, 0))
	vc := Const(make([]float64, n))
	var h *Node
	if err := protect(func() {
		y := f(xv)
		if y == nil {
			panic("f returned nil")
		}
		if len(y.data) != 1 {
			panic(fmt.Sprintf("f returned shape %s, want a scalar", shapeString(y.shape)))
		}
		g := gradients("CompileHVP", y, []*Node{xv}, false)[0]
		h = gradients("CompileHVP", Dot(g, vc), []*Node{xv}, false)[0]
	}); err != nil {
		return nil, fmt.Errorf("autodiff: CompileHVP: %v", err)
	}
	t := newTape([]*Node{h}, []*Node{xv, vc})
	hp := &HVPProgram{n: n, t: t, lastX: make([]float64, n)}
	hp.bindIO(t.refOf[xv], t.refOf[vc], t.refOf[h])
	t.refOf = nil
	x := tracePoint(n, 1)
	v := tracePoint(n, 0)
	var want []float64
	if err := protect(func() { want = HVP(f, x, v) }); err != nil {
		return nil, fmt.Errorf("autodiff: CompileHVP: at a second point: %v", err)
	}
	got := make([]float64, n)
	hp.HVP(x, v, got)
	for i := range got {
		if !closeEnough(got[i], want[i]) {
			return nil, fmt.Errorf("autodiff: CompileHVP: f builds a different graph at another point (H·v[%d] replayed %.17g, define-by-run %.17g): it depends on values in a way replay cannot follow", i, got[i], want[i])
		}
	}
	return hp, nil
}

// bindIO locates the buffers and separates the steps that depend on the
// direction v from those that do not.
func (h *HVPProgram) bindIO(x, v, out memRef) {
	h.xr, h.vr, h.hr = x, v, out
	h.xb, h.vb, h.hb = h.t.slice(x), h.t.slice(v), h.t.slice(out)
	h.xsteps, h.vsteps = h.t.partition(1)
	h.ready = false
}

// N returns the dimension of the program's input.
func (h *HVPProgram) N() int { return h.n }

// NumOps returns the number of steps of one Hessian-vector product at a new
// point (those that run once per point plus those that run per direction).
func (h *HVPProgram) NumOps() int { return len(h.xsteps) + len(h.vsteps) }

// at runs the steps that depend on x only, unless they already ran at x.
func (h *HVPProgram) at(x []float64) {
	if h.ready && equalSlices(h.lastX, x) {
		return
	}
	copy(h.xb, x)
	copy(h.lastX, x)
	h.t.run(h.xsteps)
	h.ready = true
}

func equalSlices(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// HVP writes ∇²f(x)·v into dst. The steps that depend on x only are
// skipped when x equals the previous call's x (several directions at one
// point cost one forward and gradient pass). It does not allocate.
func (h *HVPProgram) HVP(x, v, dst []float64) {
	if len(x) != h.n || len(v) != h.n || len(dst) != h.n {
		panic(fmt.Sprintf("autodiff: HVPProgram.HVP: program has dimension %d, x has %d, v has %d, dst has %d", h.n, len(x), len(v), len(dst)))
	}
	h.at(x)
	copy(h.vb, v)
	h.t.run(h.vsteps)
	copy(dst, h.hb)
}

// Hessian writes ∇²f(x) into dst (n rows of n), one Hessian-vector product
// per unit vector: column k is H·e_k. The steps that do not depend on the
// direction run once per call. It does not allocate.
func (h *HVPProgram) Hessian(x []float64, dst [][]float64) {
	if len(x) != h.n || len(dst) != h.n {
		panic(fmt.Sprintf("autodiff: HVPProgram.Hessian: program has dimension %d, x has %d, dst has %d rows", h.n, len(x), len(dst)))
	}
	for i, row := range dst {
		if len(row) != h.n {
			panic(fmt.Sprintf("autodiff: HVPProgram.Hessian: dst row %d has %d elements, want %d", i, len(row), h.n))
		}
	}
	h.ready = false
	h.at(x)
	v, out := h.vb, h.hb
	clear(v)
	for k := range h.n {
		v[k] = 1
		h.t.run(h.vsteps)
		v[k] = 0
		for j, hv := range out {
			dst[j][k] = hv
		}
	}
}

// Clone returns an independent copy of h for use in another goroutine.
func (h *HVPProgram) Clone() *HVPProgram {
	q := &HVPProgram{n: h.n, t: h.t.clone(), lastX: make([]float64, h.n)}
	q.bindIO(h.xr, h.vr, h.hr)
	return q
}
