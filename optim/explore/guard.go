package explore

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/saddle-dev/saddle/optim/critical"
)

// guard holds the first panic of a guarded problem's funcs.
type guard struct {
	mu  sync.Mutex
	msg string
}

func (g *guard) recover(fill func()) {
	if p := recover(); p != nil {
		g.mu.Lock()
		if g.msg == "" {
			g.msg = strings.SplitN(fmt.Sprint(p), "\n", 2)[0]
		}
		g.mu.Unlock()
		fill()
	}
}

func (g *guard) err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.msg == "" {
		return nil
	}
	return fmt.Errorf("explore: evaluating the formula failed: %s", g.msg)
}

// guarded returns p with funcs that turn a panic into NaN results and
// remember it. critical.Find calls them from its own goroutines, where a
// panic could not be recovered by a server and would end it.
func guarded(p critical.Problem) (critical.Problem, *guard) {
	g := &guard{}
	return critical.Problem{
		Func: func(x []float64) (v float64) {
			defer g.recover(func() { v = math.NaN() })
			return p.Func(x)
		},
		Grad: func(x, dst []float64) {
			defer g.recover(func() {
				for i := range dst {
					dst[i] = math.NaN()
				}
			})
			p.Grad(x, dst)
		},
		Hess: func(x []float64, dst *mat.SymDense) {
			defer g.recover(func() {
				n := dst.SymmetricDim()
				for i := range n {
					for j := i; j < n; j++ {
						dst.SetSym(i, j, math.NaN())
					}
				}
			})
			p.Hess(x, dst)
		},
	}, g
}
