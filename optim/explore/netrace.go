package explore

import (
	"context"
	"math"
	"strconv"
)

// NetRaceRequest races optimizers on a net from one start (Init, Scale and
// Seed as in NetRun, or an explicit Start): the plateau study of the XOR
// net, whose origin is a degenerate saddle (Hessian eigenvalues 0 ×8 and
// 0.1875) that gradient descent and momentum leave only slowly while
// RMSprop and Adam, which rescale the tiny gradient, and perturbed gradient
// descent (Jin et al. 2017) escape.
type NetRaceRequest struct {
	Net     NetSpec   `json:"net"`
	Methods []Method  `json:"methods"`
	Init    string    `json:"init,omitempty"`
	Scale   float64   `json:"scale,omitempty"`
	Start   []float64 `json:"start,omitempty"`
	Seed    uint64    `json:"seed"`
	Steps   int       `json:"steps"`
	Every   int       `json:"every,omitempty"`

	Context context.Context `json:"-"` // cancellation; nil means never
}

// NetRacer is one optimizer's run in a race: per frame the step, loss,
// gradient norm and smallest Hessian eigenvalue, and the end of the run.
type NetRacer struct {
	Method        string  `json:"method"`
	Step          []int   `json:"step"`
	Loss          Exact   `json:"loss"`
	GradNorm      Exact   `json:"grad_norm"`
	MinEigenvalue Exact   `json:"min_eigenvalue"`
	Done          NetDone `json:"done"`
}

// NetRace is the result of a race: the start and each optimizer's run.
type NetRace struct {
	Start []float64  `json:"start"`
	Runs  []NetRacer `json:"runs"`
}

// maxRacers bounds the optimizers of one race.
const maxRacers = 16

// RunNetRace runs every method of r from the same start, one after
// another (each run is deterministic for the seed). It stops with the
// context's error when r.Context is cancelled.
func RunNetRace(r NetRaceRequest) (NetRace, error) {
	if len(r.Methods) == 0 || len(r.Methods) > maxRacers {
		return NetRace{}, inputErr("methods", "%d optimizers; give 1 … %d", len(r.Methods), maxRacers)
	}
	var race NetRace
	for k, m := range r.Methods {
		if err := m.check(k); err != nil {
			return NetRace{}, err
		}
		t, err := NewTraining(NetRun{Net: r.Net, Method: m, Init: r.Init, Scale: r.Scale, Start: r.Start,
			Seed: r.Seed, Steps: r.Steps, Every: r.Every, Context: r.Context})
		if err != nil {
			if ie := AsInput(err); ie != nil && ie.Field == "methods[0]" {
				ie.Field = "methods[" + strconv.Itoa(k) + "]"
			}
			return NetRace{}, err
		}
		t.Info.Box = nil // no heatmaps in a race
		race.Start = t.start
		run := NetRacer{Method: m.Name}
		done, err := t.Run(func(f Frame) error {
			run.Step = append(run.Step, f.Step)
			run.Loss = append(run.Loss, float64(f.Loss))
			run.GradNorm = append(run.GradNorm, float64(f.GradNorm))
			lmin := math.NaN()
			if len(f.Eigenvalues) > 0 {
				lmin = f.Eigenvalues[0]
			}
			run.MinEigenvalue = append(run.MinEigenvalue, lmin)
			return nil
		})
		if err != nil {
			return NetRace{}, err
		}
		run.Done = done
		race.Runs = append(race.Runs, run)
	}
	return race, nil
}
