package lessons

import (
	"math"

	"github.com/saddle-dev/saddle/optim"
)

// NewtonResult is the outcome of NewtonSaddle.
type NewtonResult struct {
	Start  []float64 `json:"start"`
	Newton Path      `json:"newton"`
	SFN    Path      `json:"saddle_free_newton"`
	Claims []Claim   `json:"claims"`
}

// NewtonSaddle is lesson 9, first half: Newton's method against saddle-free
// Newton (Dauphin et al., NIPS 2014, arXiv:1406.2572) on J = θ1² − θ2² from
// (1, 0.5), full steps (lr 1). With H = diag(2, −2), Newton's step H⁻¹∇J =
// (θ1, θ2) lands exactly on the saddle (0, 0) in one step and stays there
// (∇J = 0). Saddle-free Newton divides by |H| = diag(2, 2): its step is
// (θ1, −θ2), so θ ← (0, 2θ2) and θ2 doubles every step: J = −(0.5·2ᵏ)² after
// k steps, an escape.
func NewtonSaddle() NewtonResult {
	start := []float64{1, 0.5}
	obj := optim.FromFunc(Hyperbolic)
	hess := optim.HessianFromFunc(Hyperbolic)
	res := NewtonResult{Start: start}
	res.Newton = runPath("Newton", obj, optimizer("newton", optim.Settings{LR: 1, Hess: hess}), start, 5, nil)
	res.SFN = runPath("saddle-free Newton", obj, optimizer("sfn", optim.Settings{LR: 1, Hess: hess}), start, 5, nil)
	n1 := res.Newton.X[1]
	nEnd := res.Newton.X[len(res.Newton.X)-1]
	s := res.SFN.X[len(res.SFN.X)-1]
	k := res.SFN.Steps
	wantY := 0.5 * math.Pow(2, float64(k))
	const tol = 1e-12 // exact arithmetic on small powers of two, up to the eigensolver's rounding
	res.Claims = []Claim{
		claimf(math.Abs(n1[0]) < tol && math.Abs(n1[1]) < tol && math.Abs(nEnd[0]) < tol && math.Abs(nEnd[1]) < tol && res.Newton.GradNorm[len(res.Newton.X)-1] < tol,
			"Newton from (1, 0.5): after 1 step θ = (%.1g, %.1g), after %d steps (%.1g, %.1g), ‖∇J‖ = %.1g: attracted to the saddle",
			n1[0], n1[1], res.Newton.Steps, nEnd[0], nEnd[1], res.Newton.GradNorm[len(res.Newton.X)-1]),
		claimf(math.Abs(s[0]) < tol && near(s[1], wantY, tol*wantY) && near(res.SFN.Loss[k], -wantY*wantY, tol*wantY*wantY),
			"saddle-free Newton from (1, 0.5): after %d steps θ = (%.1g, %g) = (0, 0.5·2^%d), J = %g: repelled by the saddle",
			k, s[0], s[1], k, res.SFN.Loss[k]),
	}
	return res
}

// optimizer makes the named optimizer of the registry (optim.New); the
// lessons' names and settings are fixed, so an error is a bug.
func optimizer(name string, s optim.Settings) optim.Optimizer {
	o, err := optim.New(name, s)
	if err != nil {
		panic("lessons: " + err.Error())
	}
	return o
}
