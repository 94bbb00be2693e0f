package critical

import (
	"math"
	"slices"

	gonumlapack "gonum.org/v1/gonum/lapack/gonum"
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
// where H is singular). A step is accepted when it lowers ‖∇f‖ below the
// largest of its last memory values, the nonmonotone rule of Grippo,
// Lampariello & Lucidi (1986, "A nonmonotone line search technique for
// Newton's method", SIAM J. Numer. Anal. 23(4)): in a curved valley such as
// Rosenbrock's, where Newton's step first raises ‖∇f‖ and then falls
// quickly, a monotone rule would crawl along the valley in short damped
// steps (hundreds of iterations per start instead of about ten). Then μ
// shrinks, otherwise μ grows and the step is retried.
type solver struct {
	p       Problem
	n       int
	h       *mat.SymDense
	es      mat.EigenSym // n > 2
	qd      mat.Dense    // n > 2
	lam     []float64    // eigenvalues of h
	q       []float64    // eigenvectors of h: q[i·n+j] is entry i of vector j
	g, gNew []float64
	x, xNew []float64
	qr      []float64
}

// memory is the number of past values of ‖∇f‖ the nonmonotone rule
// compares with (Grippo et al.'s M = 10).
const memory = 10

func newSolver(p Problem, n int) *solver {
	return &solver{
		p: p, n: n, h: mat.NewSymDense(n, nil),
		lam: make([]float64, n), q: make([]float64, n*n),
		g: make([]float64, n), gNew: make([]float64, n),
		x: make([]float64, n), xNew: make([]float64, n),
		qr: make([]float64, n),
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
// goes on polishing while it keeps improving (monotone again: at a
// degenerate critical point Newton converges only linearly, and a closer
// point gives a cleaner classification), until ‖∇f‖ ≤ gradTol·1e-8, the
// first rejected step, or maxIter iterations.
func (sv *solver) solve(x0, lo, hi []float64, gradTol float64, maxIter int) result {
	copy(sv.x, x0)
	sv.p.Grad(sv.x, sv.g)
	gn := norm(sv.g)
	if !finite(gn) {
		return result{}
	}
	nu := 1e-6 // μ = ν·max(λ²)
	polish := gradTol * 1e-8
	var past [memory]float64 // the last values of ‖∇f‖, the start's at first
	for k := range past {
		past[k] = gn
	}
	for it := 0; it < maxIter && gn > polish; it++ {
		ref := gn
		if gn > gradTol {
			ref = max(ref, slices.Max(past[:]))
		}
		sv.p.Hess(sv.x, sv.h)
		if !finiteSym(sv.h) || !sv.eigen() {
			break
		}
		var ok bool
		if nu, ok = sv.step(gn, ref, nu, gradTol); !ok {
			break
		}
		gn = norm(sv.g)
		past[it%memory] = gn
		for i := range sv.x {
			w := hi[i] - lo[i]
			if sv.x[i] < lo[i]-w || sv.x[i] > hi[i]+w {
				return result{}
			}
		}
	}
	return result{x: append([]float64(nil), sv.x...), gradNorm: gn, ok: gn <= gradTol}
}

// step tries damped steps from sv.x, with the factored Hessian, from
// damping ν upwards until one lowers ‖∇f‖ below ref. It moves sv.x and sv.g
// there and returns the next ν and true, or false when no step pays (ν
// beyond 1e16, or polishing, gn ≤ gradTol, no longer improves).
func (sv *solver) step(gn, ref, nu, gradTol float64) (float64, bool) {
	n, lam, q := sv.n, sv.lam, sv.q
	maxL2 := 0.0
	for _, l := range lam {
		maxL2 = math.Max(maxL2, l*l)
	}
	if maxL2 == 0 {
		return nu, false // H = 0: no model to follow
	}
	// qr = Qᵀ r
	for j := 0; j < n; j++ {
		s := 0.0
		for i := 0; i < n; i++ {
			s += q[i*n+j] * sv.g[i]
		}
		sv.qr[j] = s
	}
	for nu <= 1e16 {
		mu := nu * maxL2
		for i := 0; i < n; i++ {
			s := 0.0
			for j := 0; j < n; j++ {
				s += q[i*n+j] * lam[j] / (lam[j]*lam[j] + mu) * sv.qr[j]
			}
			sv.xNew[i] = sv.x[i] - s
		}
		sv.p.Grad(sv.xNew, sv.gNew)
		if gnNew := norm(sv.gNew); finite(gnNew) && gnNew < ref {
			sv.x, sv.xNew = sv.xNew, sv.x
			sv.g, sv.gNew = sv.gNew, sv.g
			return math.Max(nu/10, 1e-16), true
		}
		if gn <= gradTol {
			return nu, false // converged, and polishing stopped paying
		}
		nu *= 10
	}
	return nu, false
}

// eigen factors sv.h into sv.lam and sv.q; false when it fails. A 1×1 or
// 2×2 Hessian (the explorer's views) takes the closed form of LAPACK's
// dlaev2, the eigenvalue larger in magnitude first; a larger one
// gonum's EigenSym.
func (sv *solver) eigen() bool {
	h := sv.h
	switch sv.n {
	case 1:
		sv.lam[0], sv.q[0] = h.At(0, 0), 1
		return true
	case 2:
		rt1, rt2, cs, sn := lapack2.Dlaev2(h.At(0, 0), h.At(0, 1), h.At(1, 1))
		sv.lam[0], sv.lam[1] = rt1, rt2
		sv.q[0], sv.q[2] = cs, sn  // the vector of rt1: (cs, sn)
		sv.q[1], sv.q[3] = -sn, cs // of rt2: (−sn, cs)
		return true
	}
	if !sv.es.Factorize(h, true) {
		return false
	}
	copy(sv.lam, sv.es.RawValues())
	sv.es.VectorsTo(&sv.qd)
	for i := range sv.n {
		for j := range sv.n {
			sv.q[i*sv.n+j] = sv.qd.At(i, j)
		}
	}
	return true
}

// lapack2 is gonum's pure-Go LAPACK, for Dlaev2.
var lapack2 gonumlapack.Implementation

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
