package explore

import (
	"slices"
	"strconv"

	"github.com/saddle-dev/saddle/optim"
)

// Methods lists the optimizers a race knows, in display order: gradient
// descent, heavy-ball momentum (Polyak 1964), Nesterov momentum (Sutskever
// et al. 2013), RMSprop (Tieleman & Hinton 2012), Adam (Kingma & Ba 2015),
// damped Newton (Nocedal & Wright §3.3), saddle-free Newton (Dauphin et al.
// 2014) and perturbed gradient descent (Jin et al. 2017); see package optim.
// They are optimizers of optim.New.
func Methods() []string {
	return []string{"gd", "momentum", "nesterov", "rmsprop", "adam", "newton", "sfn", "pgd"}
}

// DefaultLR returns the default learning rate of a method in the explorer:
// 0.1 for the first-order methods (stable for curvatures up to 20, GD
// leaves the saddle of x² − y² at 1.2× per step), 0.05 for Adam and 0.01
// for RMSprop (whose steps do not shrink with the gradient), and 1 for the
// Newton methods (the full step: one step to the critical point of a
// quadratic).
func DefaultLR(name string) float64 {
	switch name {
	case "rmsprop":
		return 0.01
	case "adam":
		return 0.05
	case "newton", "sfn":
		return 1
	}
	return 0.1
}

// Method is one optimizer of a race with its settings; zero fields take the
// defaults named beside them.
type Method struct {
	Name      string  `json:"name"`
	LR        float64 `json:"lr,omitempty"`        // learning rate; 0: DefaultLR
	Momentum  float64 `json:"momentum,omitempty"`  // μ of momentum and nesterov; 0: 0.9
	Rho       float64 `json:"rho,omitempty"`       // ρ of rmsprop; 0: 0.9
	Beta1     float64 `json:"beta1,omitempty"`     // β₁ of adam; 0: 0.9
	Beta2     float64 `json:"beta2,omitempty"`     // β₂ of adam; 0: 0.999
	Damping   float64 `json:"damping,omitempty"`   // δ of newton (0: none) and sfn (0: 1e-4)
	Radius    float64 `json:"radius,omitempty"`    // pgd's perturbation radius; 0: 1e-2
	Threshold float64 `json:"threshold,omitempty"` // pgd's gradient threshold; 0: 1e-3
	Interval  int     `json:"interval,omitempty"`  // pgd's steps between perturbations; 0: 50
}

// check validates m's name and settings; k is its index in the request.
func (m Method) check(k int) error {
	field := func(name string) string { return "methods[" + strconv.Itoa(k) + "]." + name }
	if !slices.Contains(Methods(), m.Name) {
		return inputErr(field("name"), "unknown optimizer %q (known: %v)", m.Name, Methods())
	}
	for _, s := range []struct {
		name string
		v    float64
		max  float64
	}{{"lr", m.LR, 1e6}, {"momentum", m.Momentum, 1}, {"rho", m.Rho, 1}, {"beta1", m.Beta1, 1}, {"beta2", m.Beta2, 1},
		{"damping", m.Damping, 1e12}, {"radius", m.Radius, 1e6}, {"threshold", m.Threshold, 1e12}} {
		if !(s.v >= 0 && s.v < s.max) {
			return inputErr(field(s.name), "%v must be ≥ 0 and below %g", s.v, s.max)
		}
	}
	if m.Interval < 0 || m.Interval > maxInterval {
		return inputErr(field("interval"), "%d must be 0 … %d", m.Interval, maxInterval)
	}
	return nil
}

const maxInterval = 1_000_000

// withDefaults returns m with its learning rate set.
func (m Method) withDefaults() Method {
	if m.LR == 0 {
		m.LR = DefaultLR(m.Name)
	}
	return m
}

// optimizer returns a fresh optimizer for m (optim.New); seed seeds
// perturbed GD.
func (m Method) optimizer(hess optim.HessFunc, seed uint64) optim.Optimizer {
	mu := m.Momentum
	if mu == 0 {
		mu = 0.9
	}
	opt, err := optim.New(m.Name, optim.Settings{LR: m.LR, Momentum: mu, Rho: m.Rho, Beta1: m.Beta1, Beta2: m.Beta2,
		Damping: m.Damping, Hess: hess, Radius: m.Radius, Threshold: m.Threshold, Interval: m.Interval, Seed: seed})
	if err != nil {
		panic("explore: " + err.Error()) // the settings are checked by check
	}
	return opt
}
