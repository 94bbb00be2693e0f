package explore

import (
	"context"
	"math"

	"github.com/saddle-dev/saddle/internal/limits"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

// maxFrames bounds the frames of one run: each carries the parameters, the
// Hessian spectrum and the output heatmap.
const maxFrames = 5_000

// NetRun is a training run of the net view: a net, an optimizer with its
// settings, a start (Init with Scale and Seed, or explicit Start), Steps
// full-batch updates and a frame every Every steps. It is the run of `saddle
// train` with the same settings: same objective, optimizer and start, so
// the same losses bit for bit.
type NetRun struct {
	Net    NetSpec   `json:"net"`
	Method Method    `json:"method"`
	Init   string    `json:"init,omitempty"`  // Inits; "": preset
	Scale  float64   `json:"scale,omitempty"` // init scale; 0: 1
	Start  []float64 `json:"start,omitempty"` // explicit start; overrides Init
	Seed   uint64    `json:"seed"`
	Steps  int       `json:"steps"`
	Every  int       `json:"every,omitempty"` // steps per frame; 0: Steps/500 (at least 1)
	Grid   int       `json:"grid,omitempty"`  // output heatmap points per axis (2-input nets); 0: 31

	Context context.Context `json:"-"` // cancellation of Training.Run; nil means never
}

// NetInfo describes the net of a run for drawing: its layer sizes and
// activations, its loss, its data, and the box of the output heatmap.
type NetInfo struct {
	Sizes  []int     `json:"sizes"`
	Hidden string    `json:"hidden"`
	Output string    `json:"output"`
	Loss   string    `json:"loss"`
	Params int       `json:"params"`
	Data   string    `json:"data"`
	X      []float64 `json:"x"` // N×In, row-major
	Y      []float64 `json:"y"` // N×Out, row-major
	In     int       `json:"in"`
	Out    int       `json:"out"`
	Box    []float64 `json:"box,omitempty"` // x0, x1, y0, y1 of the heatmap (2-input nets)
	Grid   int       `json:"grid,omitempty"`
	Start  []float64 `json:"start"`
	// The net view's caps, for the page to say when a net is over them:
	// the parameters of a net (maxNetParams) and of a net whose frames
	// carry the Hessian spectrum (frameEigenParams).
	ParamsMax   int `json:"params_max"`
	SpectrumMax int `json:"spectrum_max"`
}

// Frame is the state of a run after Step updates.
type Frame struct {
	Step        int       `json:"step"`
	Loss        Float     `json:"loss"`
	GradNorm    Float     `json:"grad_norm"`
	Params      Exact     `json:"params"`
	Eigenvalues Exact     `json:"eigenvalues"`      // the Hessian's, ascending; nil if not finite or the net is large
	Output      []float32 `json:"output,omitempty"` // Grid×Grid net outputs over Box, rows of y
}

// NetDone ends a run: `saddle train --json`'s final_loss, grad_norm,
// steps, stopped and params, and the accuracy.
type NetDone struct {
	FinalLoss Float    `json:"final_loss"`
	GradNorm  Float    `json:"grad_norm"`
	Steps     int      `json:"steps"`
	Stopped   string   `json:"stopped"`
	Detail    string   `json:"detail,omitempty"`
	Params    Exact    `json:"params"`
	Accuracy  *float64 `json:"accuracy,omitempty"`
}

// Training is a checked NetRun, ready to run.
type Training struct {
	run   NetRun
	prob  nn.Problem
	start []float64
	Info  NetInfo
}

// NewTraining checks r (every mistake an *InputError naming its field) and
// builds its problem and start.
func NewTraining(r NetRun) (*Training, error) {
	p, err := r.Net.Problem()
	if err != nil {
		return nil, err
	}
	if err := r.Method.check(0); err != nil {
		return nil, err
	}
	r.Method = r.Method.withDefaults()
	if r.Steps < 1 || r.Steps > limits.TrainSteps {
		return nil, inputErr("steps", "%d must be 1 … %d", r.Steps, limits.TrainSteps)
	}
	if r.Every == 0 {
		r.Every = max(1, r.Steps/500)
	}
	if r.Every < 1 || r.Steps/r.Every > maxFrames {
		return nil, inputErr("every", "%d steps per frame make %d frames of %d steps; the limit is %d frames", r.Every, r.Steps/max(r.Every, 1), r.Steps, maxFrames)
	}
	if r.Grid == 0 {
		r.Grid = 31
	}
	if r.Grid < 2 || r.Grid > 101 {
		return nil, inputErr("grid", "%d points per axis; give 2 … 101", r.Grid)
	}
	var start []float64
	if r.Start != nil {
		if err := checkParams(p, r.Start, "start"); err != nil {
			return nil, err
		}
		start = append([]float64(nil), r.Start...)
	} else if start, err = r.Net.Start(p, r.Init, r.Scale, r.Seed); err != nil {
		return nil, err
	}
	t := &Training{run: r, prob: p, start: start}
	t.Info = netInfo(p, r.Grid, start)
	return t, nil
}

func netInfo(p nn.Problem, grid int, start []float64) NetInfo {
	d := p.Data
	info := NetInfo{Sizes: p.Net.Sizes, Hidden: string(p.Net.Hidden), Output: string(p.Net.Output), Loss: string(p.Loss),
		Params: p.NumParams(), Data: d.Name, X: d.X, Y: d.Y, In: d.In, Out: d.Out, Start: start,
		ParamsMax: maxNetParams, SpectrumMax: frameEigenParams}
	if d.In == 2 {
		info.Box, info.Grid = dataBox(d), grid
	}
	return info
}

// dataBox is the box of a 2-feature dataset's points, widened by a quarter
// of its size on every side (at least ±0.25 around each point).
func dataBox(d nn.Dataset) []float64 {
	lo := [2]float64{math.Inf(1), math.Inf(1)}
	hi := [2]float64{math.Inf(-1), math.Inf(-1)}
	for i := range d.N {
		for k := range 2 {
			lo[k], hi[k] = math.Min(lo[k], d.X[2*i+k]), math.Max(hi[k], d.X[2*i+k])
		}
	}
	box := make([]float64, 4)
	for k := range 2 {
		pad := math.Max((hi[k]-lo[k])/4, 0.25)
		box[2*k], box[2*k+1] = lo[k]-pad, hi[k]+pad
	}
	return box
}

// Run trains, calling emit with every frame (steps 0, Every, 2·Every, … and
// the last) in order, and returns the end of the run. It stops early when
// the run's Context is cancelled or emit fails (the client went away).
func (t *Training) Run(emit func(Frame) error) (NetDone, error) {
	ctx, cancel := context.WithCancel(orBackground(t.run.Context))
	defer cancel()
	obj := optim.FromProblem(t.prob)
	hess := optim.HessianFromProblem(t.prob)
	step, last := 0, -1
	var emitErr error
	send := func(x []float64, loss, gnorm float64, k int) {
		if emitErr != nil {
			return
		}
		if emitErr = emit(t.frame(hess, x, loss, gnorm, k)); emitErr != nil {
			cancel()
		}
		last = k
	}
	watch := func(x, grad []float64) float64 {
		loss := obj(x, grad)
		if grad != nil { // Train's evaluation of step `step` (nil: a cancelled run's last look)
			if step%t.run.Every == 0 || step == t.run.Steps {
				send(x, loss, optim.Norm(grad), step)
			}
			step++
		}
		return loss
	}
	opt := t.run.Method.optimizer(hess, t.run.Seed)
	res := optim.Train(watch, t.start, opt, optim.Config{Steps: t.run.Steps, TraceEvery: -1, Context: ctx})
	if emitErr != nil {
		return NetDone{}, emitErr
	}
	if err := ctx.Err(); err != nil {
		return NetDone{}, err
	}
	if res.Steps != last {
		send(res.Params, res.FinalLoss, res.FinalGradNorm, res.Steps)
	}
	done := NetDone{FinalLoss: Float(res.FinalLoss), GradNorm: Float(res.FinalGradNorm), Steps: res.Steps, Stopped: string(res.Stopped),
		Detail: res.Detail, Params: res.Params}
	if res.Stopped != optim.StopDiverged {
		if acc := t.prob.Accuracy(res.Params); !math.IsNaN(acc) {
			done.Accuracy = &acc
		}
	}
	return done, emitErr
}

// frame makes the frame at parameters x after k steps.
func (t *Training) frame(hess optim.HessFunc, x []float64, loss, gnorm float64, k int) Frame {
	f := Frame{Step: k, Loss: Float(loss), GradNorm: Float(gnorm), Params: append(Exact(nil), x...)}
	if len(x) <= frameEigenParams {
		f.Eigenvalues = spectrum(hess, x)
	}
	if t.Info.Box != nil {
		f.Output = outputGrid(t.prob.Net, x, t.Info.Box, t.Info.Grid)
	}
	return f
}
