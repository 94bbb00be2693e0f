package explore

import (
	"context"
	"math"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/lessons"
)

// The bounds of a restart study in the net view: at most 200 restarts of
// 20 000 steps and 2·10⁶ steps in all (about half a second for the XOR net
// on 2 cores, batched: 200 × 4000 steps take 0.25 s), and 12 failures
// followed.
const (
	maxRestarts     = 200
	maxRestartSteps = 20_000
	maxRestartWork  = 2_000_000
	maxFollowed     = 12
)

// NetRestartsRequest is a restart study of a net (lesson 7 in small): N
// runs of Method, restart r from uniform(±Scale) seeded Seed + r, for Steps
// full-batch steps each; a run whose final loss is below Success succeeds.
// The first Follow failures are run again from their starts to 4·Steps,
// traced, to show where they go. Zero fields take the defaults named
// beside them (lesson 7's settings).
type NetRestartsRequest struct {
	Net     NetSpec         `json:"net"`
	Method  Method          `json:"method"`            // a first-order method; "": gd with lr 2
	Scale   float64         `json:"scale,omitempty"`   // 0: 4
	Seed    uint64          `json:"seed"`              // restart r uses seed Seed + r
	N       int             `json:"n,omitempty"`       // 0: 200
	Steps   int             `json:"steps,omitempty"`   // 0: 4000
	Success float64         `json:"success,omitempty"` // 0: 0.01
	Follow  int             `json:"follow,omitempty"`  // 0: 6
	Context context.Context `json:"-"`                 // cancellation; nil means never
}

// RestartEnd is where one restart ended.
type RestartEnd struct {
	Loss       Float `json:"loss"`
	GradNorm   Float `json:"grad_norm"`
	WeightNorm Float `json:"weight_norm"` // ‖θ‖
	Success    bool  `json:"success"`
	// Plateau is the index into NetRestarts.Plateaus of the level within
	// 0.01 of the loss of a failure, else −1.
	Plateau int `json:"plateau"`
}

// FailurePath is one followed failure: its restart and, at 33 steps evenly
// spaced from 0 to 4·Steps, the loss, gradient norm and weight norm.
type FailurePath struct {
	Restart    int   `json:"restart"`
	Step       []int `json:"step"`
	Loss       Exact `json:"loss"`
	GradNorm   Exact `json:"grad_norm"`
	WeightNorm Exact `json:"weight_norm"`
}

// NetRestarts is the result of a restart study: every restart's end, the
// plateau levels of the net's failures when they are known (the XOR data
// with MSE: 1/8, 1/6 and 1/4, lessons.Plateaus), and the followed failures.
type NetRestarts struct {
	Steps     int           `json:"steps"`
	Success   float64       `json:"success"`
	Plateaus  []float64     `json:"plateaus"`
	Restarts  []RestartEnd  `json:"restarts"`
	Successes int           `json:"successes"`
	Failures  []FailurePath `json:"failures"`
}

// withDefaults fills r's zero fields and checks it.
func (r NetRestartsRequest) withDefaults() (NetRestartsRequest, error) {
	if r.Method.Name == "" {
		r.Method = Method{Name: "gd", LR: 2}
	}
	if err := r.Method.check(0); err != nil {
		return r, err
	}
	if r.Method.Name == "newton" || r.Method.Name == "sfn" {
		return r, inputErr("methods[0].name", "%s needs a Hessian per step; a restart study takes a first-order method", r.Method.Name)
	}
	r.Method = r.Method.withDefaults()
	r.Scale = nonzero(r.Scale, 4)
	r.N = int(nonzero(float64(r.N), 200))
	r.Steps = int(nonzero(float64(r.Steps), 4000))
	r.Success = nonzero(r.Success, 0.01)
	r.Follow = int(nonzero(float64(r.Follow), 6))
	switch {
	case !(r.Scale > 0 && r.Scale < 1e6):
		return r, inputErr("scale", "%v must be > 0 and below 1e6", r.Scale)
	case r.N < 1 || r.N > maxRestarts:
		return r, inputErr("n", "%d restarts; give 1 … %d", r.N, maxRestarts)
	case r.Steps < 1 || r.Steps > maxRestartSteps:
		return r, inputErr("steps", "%d steps; give 1 … %d", r.Steps, maxRestartSteps)
	case r.N*r.Steps > maxRestartWork:
		return r, inputErr("steps", "%d restarts × %d steps = %d steps in all; the limit is %d", r.N, r.Steps, r.N*r.Steps, maxRestartWork)
	case !(r.Success > 0):
		return r, inputErr("success", "%v must be > 0", r.Success)
	case r.Follow < 0 || r.Follow > maxFollowed:
		return r, inputErr("follow", "%d failures to follow; give 0 … %d", r.Follow, maxFollowed)
	}
	return r, nil
}

// nonzero returns v, or def when v is 0 (a field left to its default).
func nonzero(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// FailedRestarts runs the restart study of r with optim.Restarts (batched
// lockstep evaluations; the results do not depend on the number of
// workers) and follows the first failures. On the XOR net the failures are
// plateaus at infinity, not finite local minima (Sprinkhuizen-Kuyper & Boers
// 1999; docs/LITERATURE.md): their loss sits near 1/8, 1/6 or 1/4 while the
// gradient norm shrinks and the weight norm grows.
func FailedRestarts(r NetRestartsRequest) (NetRestarts, error) {
	r, err := r.withDefaults()
	if err != nil {
		return NetRestarts{}, err
	}
	p, err := r.Net.Problem()
	if err != nil {
		return NetRestarts{}, err
	}
	start := func(k int) []float64 { return nn.InitUniform(p.Net, r.Scale, r.Seed+uint64(k)) }
	obj, _ := optim.Compiled(p.Func())
	rr, err := optim.Restarts(optim.RestartConfig{
		N: r.N, Workers: 2, Start: start,
		Objective: func() optim.Objective { o, _ := optim.Compiled(p.Func()); return o },
		Batch:     optim.BatchFromProblem(p, 0),
		Optimizer: func(k int) optim.Optimizer { return r.Method.optimizer(nil, r.Seed+uint64(k)) },
		Train:     optim.Config{Steps: r.Steps},
		Context:   r.Context,
	})
	if err != nil {
		return NetRestarts{}, err
	}
	res := NetRestarts{Steps: r.Steps, Success: r.Success, Plateaus: plateausOf(p)}
	grad := make([]float64, p.NumParams())
	for k, loss := range rr.FinalLoss {
		obj(rr.Params[k], grad)
		end := RestartEnd{Loss: Float(loss), GradNorm: Float(optim.Norm(grad)), WeightNorm: Float(optim.Norm(rr.Params[k])),
			Success: loss < r.Success, Plateau: nearLevel(res.Plateaus, loss)}
		if end.Success {
			res.Successes++
		} else if len(res.Failures) < r.Follow {
			res.Failures = append(res.Failures, follow(obj, start(k), r.Method.optimizer(nil, r.Seed+uint64(k)), k, r.Steps))
		}
		res.Restarts = append(res.Restarts, end)
	}
	return res, nil
}

// plateausOf returns the loss levels where p's failures end, when known:
// lessons.Plateaus for the XOR data with MSE, else nil.
func plateausOf(p nn.Problem) []float64 {
	if p.Data.Name == "xor" && p.Loss == nn.MSE && p.Net.Out() == 1 {
		return lessons.Plateaus()
	}
	return nil
}

// plateauTol: a failure's loss within 0.01 of a level counts as on its
// plateau (lesson 7's rule; the levels are ≥ 0.04 apart).
const plateauTol = 0.01

func nearLevel(levels []float64, loss float64) int {
	for i, l := range levels {
		if math.Abs(loss-l) <= plateauTol {
			return i
		}
	}
	return -1
}

// follow runs restart k again from its start x with opt to 4·steps,
// recording the loss, gradient norm and weight norm every steps/8 steps.
func follow(obj optim.Objective, x []float64, opt optim.Optimizer, k, steps int) FailurePath {
	fp := FailurePath{Restart: k}
	total, every := 4*steps, max(1, steps/8)
	step := 0
	watch := func(x, grad []float64) float64 {
		loss := obj(x, grad)
		if grad != nil {
			if step%every == 0 || step == total {
				fp.Step = append(fp.Step, step)
				fp.Loss = append(fp.Loss, loss)
				fp.GradNorm = append(fp.GradNorm, optim.Norm(grad))
				fp.WeightNorm = append(fp.WeightNorm, optim.Norm(x))
			}
			step++
		}
		return loss
	}
	optim.Train(watch, x, opt, optim.Config{Steps: total, TraceEvery: -1})
	return fp
}
