package critical

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// solver runs the Levenberg–Marquardt iteration on the residual r(x) = ∇f(x),
// whose Jacobian is the symmetric Hessian H (Levenberg 1944; Marquardt 1963;
// Nocedal & Wright, Numerical Optimization, §10.3). With H = QΛQᵀ the step
//
//	s = −(H² + μI)⁻¹ H r = −Q diag(λᵢ/(λᵢ² + μ)) Qᵀ r
//
// is the damped Newton step for ∇f = 0: it tends to Newton's step −H⁻¹r as
// μ → 0 (quadratic convergence at a non-degenerate critical point) and to a
// short gradient step on ½‖∇f‖² as μ grows (the fallback far from a root or
// where H is singular). A step is accepted when it lowers ‖∇f‖; then μ
// shrinks, otherwise μ grows and the step is retried.
type solver struct {
	p       Problem
	n       int
	h       *mat.SymDense
	es      mat.EigenSym
	q       mat.Dense
	g, gNew []float64
	x, xNew []float64
	qr, s   []float64
}

func newSolver(p Problem, n int) *solver {
	return &solver{
		p: p, n: n, h: mat.NewSymDense(n, nil),
		g: make([]float64, n), gNew: make([]float64, n),
		x: make([]float64, n), xNew: make([]float64, n),
		qr: make([]float64, n), s: make([]float64, n),
	}
}

// result of one solve.
type result struct {
	x        []float64
	gradNorm float64
	ok       bool // ‖∇f‖ ≤ gradTol at the end
}

// solve iterates from x0. The iterate must stay inside [lo−w, hi+w], w the
// box width, or the start is abandoned. Once ‖∇f‖ ≤ gradTol the iteration
// goes on polishing while it keeps improving (at a degenerate critical point
// Newton converges only linearly, and a closer point gives a cleaner
// classification), until ‖∇f‖ ≤ gradTol·1e-8, the first rejected step, or
// maxIter iterations.
func (sv *solver) solve(x0, lo, hi []float64, gradTol float64, maxIter int) result {
	n := sv.n
	copy(sv.x, x0)
	sv.p.Grad(sv.x, sv.g)
	gn := norm(sv.g)
	if !finite(gn) {
		return result{}
	}
	nu := 1e-6 // μ = ν·max(λ²)
	polish := gradTol * 1e-8
	for it := 0; it < maxIter && gn > polish; it++ {
		sv.p.Hess(sv.x, sv.h)
		if !finiteSym(sv.h) || !sv.es.Factorize(sv.h, true) {
			break
		}
		lam := sv.es.RawValues()
		sv.es.VectorsTo(&sv.q)
		maxL2 := 0.0
		for _, l := range lam {
			maxL2 = math.Max(maxL2, l*l)
		}
		if maxL2 == 0 {
			break // H = 0: no model to follow
		}
		// qr = Qᵀ r
		for j := 0; j < n; j++ {
			s := 0.0
			for i := 0; i < n; i++ {
				s += sv.q.At(i, j) * sv.g[i]
			}
			sv.qr[j] = s
		}
		accepted := false
		for nu <= 1e16 {
			mu := nu * maxL2
			for i := 0; i < n; i++ {
				s := 0.0
				for j := 0; j < n; j++ {
					s += sv.q.At(i, j) * lam[j] / (lam[j]*lam[j] + mu) * sv.qr[j]
				}
				sv.xNew[i] = sv.x[i] - s
			}
			sv.p.Grad(sv.xNew, sv.gNew)
			gnNew := norm(sv.gNew)
			if finite(gnNew) && gnNew < gn {
				accepted = true
				sv.x, sv.xNew = sv.xNew, sv.x
				sv.g, sv.gNew = sv.gNew, sv.g
				gn = gnNew
				nu = math.Max(nu/10, 1e-16)
				break
			}
			if gn <= gradTol {
				break // converged, and polishing stopped paying
			}
			nu *= 10
		}
		if !accepted {
			break
		}
		for i := range sv.x {
			w := hi[i] - lo[i]
			if sv.x[i] < lo[i]-w || sv.x[i] > hi[i]+w {
				return result{}
			}
		}
	}
	return result{x: append([]float64(nil), sv.x...), gradNorm: gn, ok: gn <= gradTol}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func finiteSym(h *mat.SymDense) bool {
	n := h.SymmetricDim()
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			if !finite(h.At(i, j)) {
				return false
			}
		}
	}
	return true
}
