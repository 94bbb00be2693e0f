package optim

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Settings tune an optimizer made by New. Start from DefaultSettings(name)
// and change what you need: New uses every field as given, except LR,
// whose zero value means the optimizer's default learning rate. Fields an
// optimizer does not use are ignored. Settings encode to JSON (without
// Hess) for clients that choose an optimizer remotely.
type Settings struct {
	LR       float64  `json:"lr"`       // learning rate (step length for newton and sfn); 0 means the default of DefaultSettings
	Momentum float64  `json:"momentum"` // μ of momentum and nesterov, in [0, 1); 0 is plain gradient descent
	Damping  float64  `json:"damping"`  // newton: δ added to the Hessian's diagonal; sfn: floor on |λ| (0 means 1e-4)
	Hess     HessFunc `json:"-"`        // the Hessian of the loss: newton and sfn need it
	Rho      float64  `json:"rho"`      // rmsprop: ρ, in [0, 1); 0 means 0.9 (RMSprop)
	Beta1    float64  `json:"beta1"`    // adam: β₁, in [0, 1); 0 means 0.9 (Adam)
	Beta2    float64  `json:"beta2"`    // adam: β₂, in [0, 1); 0 means 0.999 (Adam)

	// Perturbed GD (pgd): the seed of the perturbations and the fields of
	// PerturbedGD (0 means its defaults).
	Seed      uint64  `json:"seed"`
	Threshold float64 `json:"threshold"`
	Radius    float64 `json:"radius"`
	Interval  int     `json:"interval"`
}

// entry is one optimizer of the registry.
type entry struct {
	name     string
	lr       float64 // default learning rate
	momentum float64 // default μ (momentum, nesterov)
	about    string
	make     func(s Settings) Optimizer
}

// registry lists the optimizers of New in the order of Names.
func registry() []entry {
	gd := func(s Settings) Optimizer { return &GD{LR: s.LR} }
	return []entry{
		{"gd", 0.5, 0, "gradient descent", gd},
		{"sgd", 0.5, 0, "gradient descent, meant for mini-batches (Config.MiniBatch)", gd},
		{"momentum", 0.05, 0.9, "heavy-ball momentum (Polyak 1964)",
			func(s Settings) Optimizer { return &GD{LR: s.LR, Momentum: s.Momentum} }},
		{"nesterov", 0.05, 0.9, "Nesterov momentum (Sutskever et al. 2013)",
			func(s Settings) Optimizer { return &GD{LR: s.LR, Momentum: s.Momentum, Nesterov: true} }},
		{"adagrad", 0.5, 0, "Adagrad (Duchi et al. 2011)", func(s Settings) Optimizer { return &Adagrad{LR: s.LR} }},
		{"rmsprop", 0.01, 0, "RMSprop (Tieleman & Hinton 2012)", func(s Settings) Optimizer { return &RMSprop{LR: s.LR, Rho: s.Rho} }},
		{"adam", 0.01, 0, "Adam (Kingma & Ba 2015)", func(s Settings) Optimizer { return &Adam{LR: s.LR, Beta1: s.Beta1, Beta2: s.Beta2} }},
		{"newton", 1, 0, "damped Newton", func(s Settings) Optimizer { return &Newton{LR: s.LR, Damping: s.Damping, Hess: s.Hess} }},
		{"sfn", 1, 0, "saddle-free Newton (Dauphin et al. 2014)",
			func(s Settings) Optimizer { return &SaddleFreeNewton{LR: s.LR, Damping: s.Damping, Hess: s.Hess} }},
		{"pgd", 0.5, 0, "perturbed gradient descent (Jin et al. 2017)", func(s Settings) Optimizer {
			return &PerturbedGD{LR: s.LR, Seed: s.Seed, Threshold: s.Threshold, Radius: s.Radius, Interval: s.Interval}
		}},
	}
}

func lookup(name string) (entry, error) {
	reg := registry()
	k := slices.IndexFunc(reg, func(e entry) bool { return e.name == name })
	if k < 0 {
		return entry{}, fmt.Errorf("optim: unknown optimizer %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	return reg[k], nil
}

// Names returns the names New knows, in a fixed order: gd, sgd, momentum,
// nesterov, adagrad, rmsprop, adam, newton, sfn, pgd.
func Names() []string {
	var names []string
	for _, e := range registry() {
		names = append(names, e.name)
	}
	return names
}

// About returns a few words on the optimizer name ("" for an unknown name).
func About(name string) string {
	e, _ := lookup(name)
	return e.about
}

// NeedsHessian reports whether the optimizer name needs Settings.Hess
// (newton and sfn).
func NeedsHessian(name string) bool { return name == "newton" || name == "sfn" }

// DefaultSettings returns the settings New uses for name when none are
// changed: its default learning rate and, for momentum and nesterov,
// μ = 0.9 (the defaults of saddle train); an unknown name gives the zero
// Settings.
func DefaultSettings(name string) Settings {
	e, _ := lookup(name)
	return Settings{LR: e.lr, Momentum: e.momentum}
}

// New returns a fresh optimizer of the given name (see Names) with the
// given settings. It fails on an unknown name, a learning rate that is
// not a finite number ≥ 0, a momentum, rho, beta1 or beta2 outside [0, 1),
// a negative damping, and for newton and sfn when s.Hess is nil.
func New(name string, s Settings) (Optimizer, error) {
	e, err := lookup(name)
	if err != nil {
		return nil, err
	}
	switch {
	case !(s.LR >= 0) || math.IsInf(s.LR, 0):
		return nil, fmt.Errorf("optim: New %s: learning rate must be a finite number ≥ 0, got %v", name, s.LR)
	case !(s.Momentum >= 0 && s.Momentum < 1):
		return nil, fmt.Errorf("optim: New %s: momentum must be in [0, 1), got %v", name, s.Momentum)
	case !(s.Damping >= 0):
		return nil, fmt.Errorf("optim: New %s: damping must be ≥ 0, got %v", name, s.Damping)
	case !(s.Rho >= 0 && s.Rho < 1) || !(s.Beta1 >= 0 && s.Beta1 < 1) || !(s.Beta2 >= 0 && s.Beta2 < 1):
		return nil, fmt.Errorf("optim: New %s: rho, beta1 and beta2 must be in [0, 1), got %v, %v, %v", name, s.Rho, s.Beta1, s.Beta2)
	case NeedsHessian(name) && s.Hess == nil:
		return nil, fmt.Errorf("optim: New %s: Settings.Hess must be set", name)
	}
	if s.LR == 0 {
		s.LR = e.lr
	}
	return e.make(s), nil
}
