package optim

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// quad is f(x) = ½(x₁² + 10x₂²) with its gradient (x₁, 10x₂).
func quad(x, grad []float64) float64 {
	if grad != nil {
		grad[0], grad[1] = x[0], 10*x[1]
	}
	return 0.5 * (x[0]*x[0] + 10*x[1]*x[1])
}

// rosenbrock is (1−x)² + 100(y−x²)², minimum 0 at (1, 1), with its gradient
// (−2(1−x) − 400x(y−x²), 200(y−x²)) and Hessian
// [[2 − 400(y − 3x²), −400x], [−400x, 200]].
func rosenbrock(x, grad []float64) float64 {
	a, b := 1-x[0], x[1]-x[0]*x[0]
	if grad != nil {
		grad[0] = -2*a - 400*x[0]*b
		grad[1] = 200 * b
	}
	return a*a + 100*b*b
}

func rosenbrockHess(x []float64, dst *mat.SymDense) {
	dst.SetSym(0, 0, 2-400*(x[1]-3*x[0]*x[0]))
	dst.SetSym(0, 1, -400*x[0])
	dst.SetSym(1, 1, 200)
}

func TestConvergesOnConvexQuadratic(t *testing.T) {
	// Every optimizer reaches loss < 1e-10 on ½(x₁² + 10x₂²) from (1, 1)
	// within the stated steps (constant lr for GD-like methods, a cosine
	// decay for the adaptive ones, whose constant-lr iterates hover at a
	// distance ~lr from the minimum).
	const lossTol = 1e-10
	cases := []struct {
		name  string
		opt   Optimizer
		steps int
		sched Schedule
	}{
		{"gd", &GD{LR: 0.1}, 200, nil},
		{"momentum", &GD{LR: 0.05, Momentum: 0.5}, 300, nil},
		{"nesterov", &GD{LR: 0.05, Momentum: 0.5, Nesterov: true}, 300, nil},
		{"adagrad", &Adagrad{LR: 0.5}, 500, nil},
		{"rmsprop", &RMSprop{}, 2000, Cosine(0.01, 0, 2000)},
		{"adam", &Adam{}, 2000, Cosine(0.05, 0, 2000)},
		{"newton", &Newton{LR: 1, Hess: diagHess(1, 10)}, 2, nil},
		{"sfn", &SaddleFreeNewton{LR: 1, Hess: diagHess(1, 10)}, 2, nil},
		{"pgd", &PerturbedGD{LR: 0.1, Threshold: 1e-9, Seed: 1}, 200, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Train(quad, []float64{1, 1}, c.opt, Config{Steps: c.steps, LossTol: lossTol, Schedule: c.sched})
			assert.Equal(t, StopLossTol, r.Stopped, "final loss %g after %d steps", r.FinalLoss, r.Steps)
			assert.Less(t, r.FinalLoss, lossTol)
		})
	}
}

func TestConvergesOnRosenbrock(t *testing.T) {
	// From the classic start (−1.2, 1), every optimizer ends within 1e-3 of
	// the minimum (1, 1) within the stated steps.
	const distTol = 1e-3
	cases := []struct {
		name  string
		opt   Optimizer
		steps int
		sched Schedule
	}{
		{"gd", &GD{LR: 1e-3}, 30000, nil},
		{"momentum", &GD{LR: 1e-4, Momentum: 0.9}, 30000, nil},
		{"nesterov", &GD{LR: 1e-4, Momentum: 0.9, Nesterov: true}, 30000, nil},
		{"adagrad", &Adagrad{LR: 0.5}, 30000, nil},
		{"rmsprop", &RMSprop{}, 30000, Cosine(1e-3, 0, 30000)},
		{"adam", &Adam{}, 30000, Cosine(0.01, 0, 30000)},
		{"newton", &Newton{LR: 1, Hess: rosenbrockHess}, 10, nil},
		{"sfn", &SaddleFreeNewton{LR: 1, Hess: rosenbrockHess}, 50, nil},
		{"pgd", &PerturbedGD{LR: 1e-3, Threshold: 1e-6, Radius: 1e-6, Seed: 1}, 30000, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Train(rosenbrock, []float64{-1.2, 1}, c.opt, Config{Steps: c.steps, Schedule: c.sched, TraceEvery: -1})
			require.NotEqual(t, StopDiverged, r.Stopped, r.Detail)
			d := math.Hypot(r.Params[0]-1, r.Params[1]-1)
			assert.Less(t, d, distTol, "ended at %v", r.Params)
		})
	}
}

func TestTrainStopsAtTolerances(t *testing.T) {
	// GD lr 0.1 on ½(x₁² + 10x₂²) from (1,1): after k ≥ 1 steps x = (0.9ᵏ, 0),
	// loss ½·0.81ᵏ, ‖g‖ = 0.9ᵏ. Loss ≤ 1e-6 first at k = ⌈ln(2e-6)/ln 0.81⌉ = 63;
	// ‖g‖ ≤ 1e-3 first at k = ⌈ln(1e-3)/ln 0.9⌉ = 66.
	r := Train(quad, []float64{1, 1}, &GD{LR: 0.1}, Config{Steps: 1000, LossTol: 1e-6})
	assert.Equal(t, StopLossTol, r.Stopped)
	assert.Equal(t, 63, r.Steps)
	r = Train(quad, []float64{1, 1}, &GD{LR: 0.1}, Config{Steps: 1000, GradTol: 1e-3})
	assert.Equal(t, StopGradTol, r.Stopped)
	assert.Equal(t, 66, r.Steps)
	assert.Equal(t, -1, r.DivergedAt)
	assert.NoError(t, r.Err())

	// Steps done: the final loss is ½·0.81ᵏ at k = 10 (an extra evaluation).
	r = Train(quad, []float64{1, 1}, &GD{LR: 0.1}, Config{Steps: 10})
	assert.Equal(t, StopSteps, r.Stopped)
	assert.Equal(t, 10, r.Steps)
	assert.InEpsilon(t, 0.5*math.Pow(0.81, 10), r.FinalLoss, stepTol)
}

func TestTrainDoesNotModifyStart(t *testing.T) {
	start := []float64{1, 1}
	Train(quad, start, &GD{LR: 0.1}, Config{Steps: 3})
	assert.Equal(t, []float64{1, 1}, start)
}

func TestTrainReportsDivergence(t *testing.T) {
	// GD lr 0.3: x₂ ← (1 − 3)x₂ = −2x₂, so x₂ = (−2)ᵏ and the loss is
	// ½(0.49ᵏ + 10·4ᵏ). With the default Explode 1e10 and loss₀ = 5.5, the
	// first loss above 5.5e10 is at k = 17 (5·4¹⁷ ≈ 8.6e10; 5·4¹⁶ ≈ 2.1e10).
	r := Train(quad, []float64{1, 1}, &GD{LR: 0.3}, Config{Steps: 1000})
	assert.Equal(t, StopDiverged, r.Stopped)
	assert.Equal(t, 17, r.DivergedAt)
	assert.Equal(t, 17, r.Steps)
	require.Error(t, r.Err())
	assert.Contains(t, r.Err().Error(), "diverged at step 17")

	// Without the explosion rule the loss overflows: 10·4ᵏ = 10·2²ᵏ exceeds
	// MaxFloat64 ≈ 2¹⁰²⁴ first at k = 511.
	r = Train(quad, []float64{1, 1}, &GD{LR: 0.3}, Config{Steps: 1000, Explode: math.MaxFloat64})
	assert.Equal(t, StopDiverged, r.Stopped)
	assert.Equal(t, 511, r.DivergedAt)
	assert.Contains(t, r.Err().Error(), "loss is +Inf")
	assert.Len(t, r.Trace, 512, "steps 0..511 recorded")
	assert.True(t, math.IsInf(r.Trace[511].Loss, 1))
}

func TestTrainTrace(t *testing.T) {
	// Every 10 steps plus the last; parameters in every 2nd recorded point.
	r := Train(quad, []float64{1, 1}, &GD{LR: 0.1}, Config{Steps: 25, TraceEvery: 10, ParamsEvery: 2})
	require.Len(t, r.Trace, 4)
	for i, step := range []int{0, 10, 20, 25} {
		pt := r.Trace[i]
		assert.Equal(t, step, pt.Step)
		x1 := math.Pow(0.9, float64(step)) // x = (0.9ᵏ, 0) for k ≥ 1, (1,1) at 0
		if step == 0 {
			assert.InDelta(t, 5.5, pt.Loss, stepTol)
			assert.InDelta(t, math.Sqrt(101), pt.GradNorm, stepTol)
		} else {
			assert.InEpsilon(t, 0.5*x1*x1, pt.Loss, stepTol)
			assert.InEpsilon(t, x1, pt.GradNorm, stepTol)
		}
		assert.Equal(t, 0.1, pt.LR)
	}
	assert.NotNil(t, r.Trace[0].Params)
	assert.Nil(t, r.Trace[1].Params)
	assert.NotNil(t, r.Trace[2].Params)
	assert.Equal(t, r.Params, r.Trace[3].Params, "last point keeps the final parameters")

	none := Train(quad, []float64{1, 1}, &GD{LR: 0.1}, Config{Steps: 25, TraceEvery: -1})
	assert.Empty(t, none.Trace)
}

func TestTrainSchedule(t *testing.T) {
	// The trace shows the schedule's rate at each step; the steps use it:
	// x₁ after 3 steps = Π(1 − lr_k) with lr_k = 0.1·0.5^⌊k/2⌋ = 0.1, 0.1, 0.05.
	r := Train(quad, []float64{1, 0}, &GD{}, Config{Steps: 3, Schedule: StepDecay(0.1, 0.5, 2)})
	lrs := []float64{}
	for _, pt := range r.Trace[:3] {
		lrs = append(lrs, pt.LR)
	}
	assert.Equal(t, []float64{0.1, 0.1, 0.05}, lrs)
	assert.InDelta(t, 0.9*0.9*0.95, r.Params[0], stepTol)
}

func TestSchedules(t *testing.T) {
	assert.Equal(t, 0.3, Constant(0.3)(1000))
	assert.InDelta(t, 0.1*0.25, StepDecay(0.1, 0.5, 10)(25), stepTol)
	assert.InDelta(t, 0.1*math.Pow(0.99, 7), Exponential(0.1, 0.99)(7), stepTol)
	c := Cosine(1, 0.1, 100)
	assert.InDelta(t, 1, c(0), stepTol)
	assert.InDelta(t, 0.55, c(50), stepTol, "halfway: the mean of lr and lrMin")
	assert.InDelta(t, 0.1, c(100), stepTol)
	assert.InDelta(t, 0.1, c(500), stepTol)
}

func TestTrainCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := Train(quad, []float64{1, 1}, &GD{LR: 0.1}, Config{Steps: 1000, Context: ctx,
		OnStep: func(step int, _ float64) {
			if step == 5 {
				cancel()
			}
		}})
	assert.Equal(t, StopCancelled, r.Stopped)
	assert.Equal(t, 6, r.Steps, "the update of step 5 is done, step 6 sees the cancellation")
	assert.InEpsilon(t, 0.5*math.Pow(0.81, 6), r.FinalLoss, stepTol)
}

// lsq is the least-squares loss ½Σ (a_i·x − b_i)² over the given rows of a
// consistent system with solution (1, −2).
func lsq(rows []int) Objective {
	a := [][2]float64{{1, 0}, {0, 1}, {1, 1}, {1, -1}, {2, 1}, {0.5, 3}}
	return func(x, grad []float64) float64 {
		if grad != nil {
			grad[0], grad[1] = 0, 0
		}
		var loss float64
		for _, i := range rows {
			b := a[i][0]*1 + a[i][1]*(-2)
			r := a[i][0]*x[0] + a[i][1]*x[1] - b
			loss += 0.5 * r * r
			if grad != nil {
				grad[0] += r * a[i][0]
				grad[1] += r * a[i][1]
			}
		}
		return loss
	}
}

func TestMiniBatch(t *testing.T) {
	all := []int{0, 1, 2, 3, 4, 5}
	mb := &MiniBatch{Rows: 6, Size: 4, Seed: 3, Objective: lsq}
	// Each epoch visits every row once: batches of 4 and 2.
	b := newBatcher(mb)
	for epoch := 0; epoch < 3; epoch++ {
		seen := map[int]int{}
		for _, size := range []int{4, 2} {
			rows := b.next()
			require.Len(t, rows, size)
			for _, r := range rows {
				seen[r]++
			}
		}
		assert.Len(t, seen, 6)
	}
	// Same seed, same order; SGD on a consistent system reaches its solution.
	r1 := Train(lsq(all), []float64{0, 0}, &GD{LR: 0.05}, Config{Steps: 3000, MiniBatch: mb})
	r2 := Train(lsq(all), []float64{0, 0}, &GD{LR: 0.05}, Config{Steps: 3000, MiniBatch: mb})
	assert.Equal(t, r1.Params, r2.Params)
	assert.InDelta(t, 1, r1.Params[0], 1e-6, "a consistent system: every batch gradient vanishes at the solution")
	assert.InDelta(t, -2, r1.Params[1], 1e-6)
}
