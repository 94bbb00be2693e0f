package optim

import (
	"context"
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xorHand is the W1 loss written out by hand, independent of autodiff and
// nn: the 2-2-1 sigmoid net, parameters W1 row by row, b1, W2, b2, loss the
// mean over the four XOR patterns of (ŷ − t)², with the gradient by the
// chain rule.
func xorHand(p, grad []float64) float64 {
	sig := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	xs := [4][2]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	ts := [4]float64{0, 1, 1, 0}
	if grad != nil {
		clear(grad)
	}
	var loss float64
	for n, x := range xs {
		var h [2]float64
		for o := 0; o < 2; o++ {
			h[o] = sig(p[2*o]*x[0] + p[2*o+1]*x[1] + p[4+o])
		}
		y := sig(p[6]*h[0] + p[7]*h[1] + p[8])
		d := y - ts[n]
		loss += d * d / 4
		if grad == nil {
			continue
		}
		dz2 := d / 2 * y * (1 - y) // d(d²/4)/dy = d/2
		grad[6] += dz2 * h[0]
		grad[7] += dz2 * h[1]
		grad[8] += dz2
		for o := 0; o < 2; o++ {
			dz1 := dz2 * p[6+o] * h[o] * (1 - h[o])
			grad[2*o] += dz1 * x[0]
			grad[2*o+1] += dz1 * x[1]
			grad[4+o] += dz1
		}
	}
	return loss
}

func TestW1HandWritten(t *testing.T) {
	// docs/WORKLOADS.md W1 through Train with the hand-written gradient: final loss
	// 0.00102746942975, agreeing to 1e-9 relative.
	start := ref.W1Start()
	r := Train(xorHand, start, &GD{LR: ref.W1LR}, Config{Steps: ref.W1Steps, TraceEvery: -1})
	assert.Equal(t, StopSteps, r.Stopped)
	assert.InEpsilon(t, ref.W1FinalLoss, r.FinalLoss, ref.LossRel)
}

func w5Config(workers int, obj func() Objective) RestartConfig {
	return RestartConfig{
		N: ref.W5Restarts, Workers: workers,
		Start:     ref.W5Start,
		Objective: obj,
		Optimizer: func(int) Optimizer { return &GD{LR: ref.W5LR} },
		Train:     Config{Steps: ref.W5Steps},
	}
}

// w5Summary is docs/WORKLOADS.md W5's success criterion: final loss below 0.01.
var w5Summary = SummaryConfig{SuccessBelow: ref.W5Threshold}

// summarized runs cfg's restarts and summarises them with sum.
func summarized(t *testing.T, cfg RestartConfig, sum SummaryConfig) RestartResult {
	t.Helper()
	r, err := Restarts(cfg)
	require.NoError(t, err)
	SummarizeRestarts(&r, sum)
	return r
}

func TestW5HandWrittenRestarts(t *testing.T) {
	// docs/WORKLOADS.md W5 with the hand-written gradient: exactly 152 of 1000
	// restarts end below 0.01, for 1 and 2 workers, bit for bit.
	hand := func() Objective { return xorHand }
	r1 := summarized(t, w5Config(1, hand), w5Summary)
	assert.Equal(t, ref.W5Successes, r1.Successes)
	assert.InDelta(t, float64(ref.W5Successes)/ref.W5Restarts, r1.SuccessRate, 1e-15)
	for _, w := range []int{2} {
		rw, err := Restarts(w5Config(w, hand))
		require.NoError(t, err)
		assert.Equal(t, r1.FinalLoss, rw.FinalLoss, "workers %d", w)
		assert.Equal(t, r1.Params, rw.Params, "workers %d", w)
	}
	// The histogram counts every restart once.
	total := r1.Histogram.Other
	for _, c := range r1.Histogram.Counts {
		total += c
	}
	assert.Equal(t, 1000, total)
	assert.NotEmpty(t, r1.Solutions)
	assert.LessOrEqual(t, len(r1.Solutions), 152)
}

func TestRestartsDistinctUpToSymmetry(t *testing.T) {
	// Three "restarts" that end where they start: two are the same point up
	// to a swap of the coordinates, which the canonical map sorts away.
	starts := [][]float64{{1, 2}, {2, 1}, {5, 7}}
	zero := func(x, grad []float64) float64 { clear(grad); return 0 }
	cfg := RestartConfig{
		N: 3, Workers: 2,
		Start:     func(r int) []float64 { return starts[r] },
		Objective: func() Objective { return zero },
		Optimizer: func(int) Optimizer { return &GD{LR: 1} },
		Train:     Config{Steps: 1},
	}
	sum := SummaryConfig{SuccessBelow: 1}
	r := summarized(t, cfg, sum)
	assert.Len(t, r.Solutions, 3, "without symmetry all differ")
	sum.Canonical = func(p []float64) []float64 {
		if p[0] > p[1] {
			p[0], p[1] = p[1], p[0]
		}
		return p
	}
	SummarizeRestarts(&r, sum)
	assert.Equal(t, [][]float64{{1, 2}, {5, 7}}, r.Solutions)

	// The same with the orbit {p, swapped p}: the representative is the
	// first solution as it came.
	sum.Canonical = nil
	sum.Orbit = func(p []float64) [][]float64 { return [][]float64{p, {p[1], p[0]}} }
	SummarizeRestarts(&r, sum)
	assert.Equal(t, [][]float64{{1, 2}, {5, 7}}, r.Solutions)

	// Closeness is relative to the representative's largest entry: with
	// DistinctTol 0.2, (6, 7) is within 0.2·7 = 1.4 of (5, 7); (7, 9) is not.
	sum.Orbit = nil
	starts = [][]float64{{5, 7}, {6, 7}, {7, 9}}
	sum.DistinctTol = 0.2
	r = summarized(t, cfg, sum)
	assert.Equal(t, [][]float64{{5, 7}, {7, 9}}, r.Solutions, "|6−5| ≤ 1.4; |7−5| > 1.4")
}

func TestRestartsProgress(t *testing.T) {
	// Progress counts 1, 2, …, N in order, with the total N.
	cfg := w5Config(2, func() Objective { return xorHand })
	cfg.N, cfg.Train.Steps = 20, 10
	var got [][2]int
	cfg.Progress = func(done, total int) { got = append(got, [2]int{done, total}) }
	_, err := Restarts(cfg)
	require.NoError(t, err)
	require.Len(t, got, 20)
	for i, g := range got {
		assert.Equal(t, [2]int{i + 1, 20}, g)
	}
}

func TestRestartsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := w5Config(2, func() Objective { return xorHand })
	cfg.Context = ctx
	_, err := Restarts(cfg)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestLogHistogram(t *testing.T) {
	// Values 1e-4 … 1e-1 over 3 decades in 3 bins: one decade per bin.
	h := LogHistogram([]float64{1e-4, 5e-4, 2e-3, 5e-2, 1e-1, 0, math.NaN()}, 3)
	require.Len(t, h.Edges, 4)
	assert.InEpsilon(t, 1e-4, h.Edges[0], 1e-12)
	assert.InEpsilon(t, 1e-3, h.Edges[1], 1e-12)
	assert.InEpsilon(t, 1e-1, h.Edges[3], 1e-12)
	assert.Equal(t, []int{2, 1, 2}, h.Counts)
	assert.Equal(t, 2, h.Other, "zero and NaN")
}

func TestW5EngineRestarts(t *testing.T) {
	// docs/WORKLOADS.md W5 through the engine (nn.Preset("xor"), FromProblem,
	// nn.W5Start) on 2 workers: 152 successes, and every restart's final
	// loss equal to that of the hand-written gradient on 1 worker (the
	// bit-for-bit worker invariance itself is TestW5HandWrittenRestarts;
	// one engine pass takes about a minute on the define-by-run engine).
	const w5Rel = ref.LossRel // docs/WORKLOADS.md: independent implementations agree to 1e-9 relative
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	cfg := w5Config(2, func() Objective { return FromProblem(p) })
	cfg.Start = nn.W5Start
	sum := w5Summary
	sum.Canonical = func(params []float64) []float64 {
		c, err := nn.Canonical(p.Net, params)
		require.NoError(t, err)
		return c
	}
	eng := summarized(t, cfg, sum)
	assert.Equal(t, ref.W5Successes, eng.Successes)
	hand, err := Restarts(w5Config(1, func() Objective { return xorHand }))
	require.NoError(t, err)
	var worst float64
	for r := range hand.FinalLoss {
		worst = math.Max(worst, math.Abs(eng.FinalLoss[r]-hand.FinalLoss[r])/hand.FinalLoss[r])
	}
	assert.Less(t, worst, w5Rel, "largest relative difference of a restart's final loss")
	assert.NotEmpty(t, eng.Solutions)
}

func TestW1Engine(t *testing.T) {
	// docs/WORKLOADS.md W1 through the engine: final loss 0.00102746942975 (1e-9 relative).
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	r := Train(FromProblem(p), nn.W1Start(), &GD{LR: ref.W1LR}, Config{Steps: ref.W1Steps, TraceEvery: -1})
	assert.InEpsilon(t, ref.W1FinalLoss, r.FinalLoss, ref.LossRel)
	assert.Equal(t, 1.0, p.Accuracy(r.Params))
}

func TestEngineMatchesHandGradient(t *testing.T) {
	// FromProblem and the hand-written chain rule agree at W5's first start.
	const gradTol = 1e-14 // two float64 evaluations of the same sums
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	x := ref.W5Start(3)
	g1, g2 := make([]float64, 9), make([]float64, 9)
	l1 := FromProblem(p)(x, g1)
	l2 := xorHand(x, g2)
	assert.InDelta(t, l2, l1, gradTol)
	for i := range g1 {
		assert.InDelta(t, g2[i], g1[i], gradTol, "component %d", i)
	}
}

func TestRestartsOrbitOfOneSolution(t *testing.T) {
	// The n!·2ⁿ = 8 symmetric copies of W1's solution (docs/LITERATURE.md:
	// permutation and sigmoid flip of 2 hidden units) have the same loss and
	// count as one solution up to symmetry, as 8 without it.
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	sol := Train(FromProblem(p), nn.W1Start(), &GD{LR: 0.5}, Config{Steps: 10000, TraceEvery: -1}).Params
	copies, err := nn.Orbit(p.Net, sol)
	require.NoError(t, err)
	require.Len(t, copies, 8)
	cfg := RestartConfig{
		N: 8, Workers: 2,
		Start:     func(r int) []float64 { return copies[r] },
		Objective: func() Objective { return FromProblem(p) },
		Optimizer: func(int) Optimizer { return &GD{LR: 1e-12} },
		Train:     Config{Steps: 1},
	}
	sum := SummaryConfig{SuccessBelow: 0.01}
	r := summarized(t, cfg, sum)
	assert.Equal(t, 8, r.Successes)
	for _, l := range r.FinalLoss {
		assert.InEpsilon(t, r.FinalLoss[0], l, 1e-12, "the loss is invariant under the symmetries")
	}
	assert.Len(t, r.Solutions, 8, "as plain vectors the copies differ")
	sum.Orbit = func(params []float64) [][]float64 {
		o, err := nn.Orbit(p.Net, params)
		require.NoError(t, err)
		return o
	}
	SummarizeRestarts(&r, sum)
	assert.Len(t, r.Solutions, 1)
	sum.Orbit = nil
	sum.Canonical = func(params []float64) []float64 {
		c, err := nn.Canonical(p.Net, params)
		require.NoError(t, err)
		return c
	}
	SummarizeRestarts(&r, sum)
	assert.Len(t, r.Solutions, 1)
}
