package optim

import (
	"sync"

	"github.com/saddle-dev/saddle/autodiff"
)

// compiled holds the compiled forms of an autodiff function (DESIGN §1, fast
// path): an autodiff.Program for the value and gradient and an
// autodiff.HVPProgram for the Hessian, each compiled on first use for the
// length of that x. The compiled templates are never run; every caller takes
// a clone from a pool and gives it back, so one compiled function is safe for
// concurrent use. When f does not compile (its graph depends on values in a
// way replay cannot follow), or x has another length than at the first call,
// the define-by-run engine is used instead: same results, slower.
type compiled struct {
	f autodiff.Func

	progOnce sync.Once
	progN    int
	progs    sync.Pool // of *autodiff.Program; New is nil when f did not compile

	hvpOnce sync.Once
	hvpN    int
	hvps    sync.Pool // of *hvpScratch
}

type hvpScratch struct {
	prog *autodiff.HVPProgram
	h    [][]float64
}

func newCompiled(f autodiff.Func) *compiled { return &compiled{f: f} }

// valueAndGrad returns f(x) and, when grad is not nil, writes ∇f(x) into it.
func (c *compiled) valueAndGrad(x, grad []float64) float64 {
	c.progOnce.Do(func() {
		c.progN = len(x)
		if tmpl, err := autodiff.Compile(c.f, len(x)); err == nil {
			c.progs.New = func() any { return tmpl.Clone() }
		}
	})
	if c.progs.New == nil || len(x) != c.progN {
		if grad == nil {
			return autodiff.Value(c.f, x)
		}
		v, g := autodiff.ValueAndGrad(c.f, x)
		copy(grad, g)
		return v
	}
	p := c.progs.Get().(*autodiff.Program)
	v := p.ValueAndGrad(x, grad)
	c.progs.Put(p)
	return v
}

// hessian calls use with the Hessian of f at x (rows; valid only during use).
func (c *compiled) hessian(x []float64, use func(h [][]float64)) {
	c.hvpOnce.Do(func() {
		n := len(x)
		c.hvpN = n
		if tmpl, err := autodiff.CompileHVP(c.f, n); err == nil {
			c.hvps.New = func() any {
				h := make([][]float64, n)
				for i := range h {
					h[i] = make([]float64, n)
				}
				return &hvpScratch{prog: tmpl.Clone(), h: h}
			}
		}
	})
	if c.hvps.New == nil || len(x) != c.hvpN {
		use(autodiff.Hessian(c.f, x))
		return
	}
	s := c.hvps.Get().(*hvpScratch)
	s.prog.Hessian(x, s.h)
	use(s.h)
	c.hvps.Put(s)
}
