package explore

import (
	"context"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/saddle-dev/saddle/internal/limits"
	"github.com/saddle-dev/saddle/optim"
)

// RaceConfig sets up a race: every method runs Steps steps (0: 200) from
// Start (one value per axis of the view); Seed seeds perturbed GD.
type RaceConfig struct {
	Start   []float64 `json:"start"`
	Steps   int       `json:"steps"`
	Seed    uint64    `json:"seed"`
	Methods []Method  `json:"methods"`

	Context context.Context `json:"-"` // cancellation; nil means never
}

// Path is one method's run, step by step: Points[k] is the point after k
// updates (Points[0] is the start), with the loss, the gradient, its norm
// and the smallest Hessian eigenvalue there. The step taken at k is
// Points[k+1] − Points[k]; −Gradient[k] is the direction of steepest
// descent. Stop is "steps" when the budget was used, "diverged" when the
// loss or the gradient stopped being finite (the last point is the last
// finite one).
type Path struct {
	Method   string      `json:"method"`
	LR       float64     `json:"lr"`
	Settings Method      `json:"settings"`
	Points   [][]float64 `json:"path"`
	Loss     Floats      `json:"loss"`
	GradNorm Floats      `json:"gradient_norm"`
	MinEig   Floats      `json:"min_eigenvalue"`
	Gradient [][]float64 `json:"gradient"`
	Stop     string      `json:"stop"`
}

// Race is the outcome of RunRace.
type Race struct {
	Expr    string             `json:"expr"`
	Vars    []string           `json:"vars"`
	Fixed   map[string]float64 `json:"fixed,omitempty"`
	Start   []float64          `json:"start"`
	Steps   int                `json:"steps"`
	Seed    uint64             `json:"seed"`
	Methods []Path             `json:"methods"`
}

// RunRace resolves v and runs every method of cfg from cfg.Start on the view's function
// and traces each step. Gradients come from a compiled autodiff program
// and Hessians from a compiled Hessian-vector program (optim.Compiled).
// Method k's perturbed GD is seeded with (Seed, k), so the same config
// gives the same race bit for bit. It stops with the context's error when
// cfg.Context is cancelled.
func RunRace(v View, cfg RaceConfig) (Race, error) {
	ctx := orBackground(cfg.Context)
	r, err := v.Resolve()
	if err != nil {
		return Race{}, err
	}
	d := len(r.Axes)
	if cfg.Steps == 0 {
		cfg.Steps = 200
	}
	if len(cfg.Start) != d {
		return Race{}, inputErr("start", "%d values for %d variables (%v)", len(cfg.Start), d, r.Axes)
	}
	for i, v := range cfg.Start {
		if !finite(v) {
			return Race{}, inputErr("start", "%s = %v is not a finite number", r.Axes[i], v)
		}
	}
	if len(cfg.Methods) == 0 {
		return Race{}, inputErr("methods", "no optimizer given (known: %v)", Methods())
	}
	// Each step keeps the point and the gradient (2d) and three numbers.
	held := float64(cfg.Steps+1) * float64(len(cfg.Methods)) * float64(2*d+3)
	if cfg.Steps < 0 || cfg.Steps > limits.TrainSteps || held > limits.HeldValues {
		return Race{}, inputErr("steps", "%d steps × %d optimizers; give 1 … %d steps", cfg.Steps, len(cfg.Methods),
			min(limits.TrainSteps, int(limits.HeldValues/float64(len(cfg.Methods)*(2*d+3)))-1))
	}
	for k, m := range cfg.Methods {
		if err := m.check(k); err != nil {
			return Race{}, err
		}
	}
	obj, hess := optim.Compiled(r.Func)
	race := Race{Expr: r.Expr, Vars: r.Axes, Fixed: r.Fixed, Start: cfg.Start, Steps: cfg.Steps, Seed: cfg.Seed}
	for k, m := range cfg.Methods {
		m = m.withDefaults()
		p, err := trace(ctx, obj, hess, cfg.Start, m, m.optimizer(hess, raceSeed(cfg.Seed, k)), cfg.Steps)
		if err != nil {
			return Race{}, err
		}
		race.Methods = append(race.Methods, p)
	}
	return race, nil
}

// raceSeed mixes the race's seed with the method's index (a splitmix64
// finaliser), so that two perturbed GDs of one race draw different noise.
func raceSeed(seed uint64, k int) uint64 {
	z := seed + uint64(k+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// trace runs opt from start for steps steps, recording each point.
func trace(ctx context.Context, obj optim.Objective, hess optim.HessFunc, start []float64, m Method, opt optim.Optimizer, steps int) (Path, error) {
	d := len(start)
	p := Path{Method: m.Name, LR: m.LR, Settings: m, Stop: "steps"}
	x := append([]float64(nil), start...)
	h := mat.NewSymDense(d, nil)
	grad := make([]float64, d)
	for k := 0; ; k++ {
		if k%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Path{}, err
			}
		}
		loss := obj(x, grad)
		minEig := math.NaN()
		if finite(loss) && allFinite(grad) {
			hess(x, h)
			if vals, _, ok := eigen(h); ok {
				minEig = vals[0]
			}
		} else {
			p.Stop = "diverged"
			break
		}
		p.Points = append(p.Points, append([]float64(nil), x...))
		p.Loss = append(p.Loss, loss)
		p.GradNorm = append(p.GradNorm, optim.Norm(grad))
		p.MinEig = append(p.MinEig, minEig)
		p.Gradient = append(p.Gradient, append([]float64(nil), grad...))
		if k == steps {
			break
		}
		opt.Step(x, grad)
	}
	return p, nil
}
