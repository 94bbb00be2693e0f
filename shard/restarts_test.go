package shard

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// w5 is workload W5 of docs/WORKLOADS.md: n restarts of the XOR 2-2-1
// sigmoid net (MSE), restart r from nn.W5Start(r), plain gradient descent
// with learning rate 0.5 for 2000 steps, success below 0.01.
func w5(t *testing.T, n int) (RestartsHeader, optim.RestartConfig) {
	t.Helper()
	prob, err := nn.Preset("xor")
	require.NoError(t, err)
	h := RestartsHeader{Net: "xor", Init: "workload-w5", Optimizer: "gd", LR: 0.5, N: n, Steps: 2000,
		SuccessBelow: 0.01, DistinctTol: 0.2, Bins: 10, Arch: ArchOf(prob.Net), Loss: string(prob.Loss), Data: DataDigest(prob.Data)}
	cfg := optim.RestartConfig{Workers: 2, Start: nn.W5Start, Train: optim.Config{Steps: h.Steps},
		Objective: func() optim.Objective { return optim.FromProblem(prob) },
		Optimizer: func(int) optim.Optimizer { return &optim.GD{LR: float64(h.LR)} }}
	return h, cfg
}

// TestRestartsInThreeShards: W5's first 300 restarts run as 3 shards and
// merged give bit for bit the result of one optim.Restarts call over all of
// them, summary included. (Example_restarts runs all 1000 and gets W5's
// reference count, 152.)
func TestRestartsInThreeShards(t *testing.T) {
	h, cfg := w5(t, 300)
	dir := t.TempDir()
	var paths []string
	for k := range 3 {
		b := NewRestartsBlock(k, 3, h.N)
		require.NoError(t, b.Run(cfg))
		assert.Empty(t, b.Todo)
		p, err := b.Part(h, map[string]string{"n": "300"})
		require.NoError(t, err)
		paths = append(paths, filepath.Join(dir, PartName("restarts", k, 3)))
		require.NoError(t, p.Write(paths[k]))
	}
	merged, gotHeader, err := Restarts().MergeFiles(paths...)
	require.NoError(t, err)
	assert.Equal(t, h, gotHeader)
	require.Positive(t, merged.Successes, "some successes, so that solutions are compared")

	whole := cfg
	whole.N = h.N
	one, err := optim.Restarts(whole)
	require.NoError(t, err)
	m, err := h.Arch.MLP()
	require.NoError(t, err)
	optim.SummarizeRestarts(&one, h.SummaryConfig(m))
	assert.Equal(t, one.FinalLoss, merged.FinalLoss, "every restart's final loss, bit for bit")
	assert.Equal(t, one.Stopped, merged.Stopped)
	assert.Equal(t, one.Solutions, merged.Solutions)
	assert.Equal(t, one.Histogram, merged.Histogram)
}

// TestRestartsResume: a block interrupted after some restarts, saved and
// resumed, holds what an uninterrupted run holds.
func TestRestartsResume(t *testing.T) {
	h, cfg := w5(t, 40)
	params := map[string]string{"n": "40"}
	want := NewRestartsBlock(1, 2, h.N)
	require.NoError(t, want.Run(cfg))

	b := interruptedBlock(t, cfg, 1, 2, h.N, 5)
	require.NotEmpty(t, b.Todo, "some restarts were cut off")
	assert.Equal(t, 20-len(b.Todo), b.Finished())
	p, err := b.Part(h, params)
	require.NoError(t, err)
	assert.Equal(t, len(b.Todo), p.Unfinished())
	path := filepath.Join(t.TempDir(), "saved.json")
	require.NoError(t, p.Write(path))

	saved, err := Read(path, map[string]string{"restarts": "restart"})
	require.NoError(t, err)
	_, _, err = Restarts().Merge([]string{path}, []*Part{saved})
	assert.ErrorContains(t, err, "interrupted run", "an interrupted part does not merge")
	resumed := NewRestartsBlock(1, 2, h.N)
	require.NoError(t, Resume(saved, resumed.Meta(params), h))
	require.NoError(t, resumed.Resume(saved, h))
	assert.Equal(t, b.Todo, resumed.Todo, "only the unfinished restarts are left")
	require.NoError(t, resumed.Run(cfg))
	assert.Equal(t, want.Result.FinalLoss, resumed.Result.FinalLoss)
	assert.Equal(t, want.Result.Stopped, resumed.Result.Stopped)
	// The part keeps the parameters of the successes only (the summary
	// reads no others): the resumed part is the uninterrupted one.
	wantPart, err := want.Part(h, params)
	require.NoError(t, err)
	gotPart, err := resumed.Part(h, params)
	require.NoError(t, err)
	assert.Equal(t, wantPart, gotPart)
}

// TestRestartsRejectsBadItems: a success without its parameters (the
// summary compares solutions) is refused, naming the restart.
func TestRestartsRejectsBadItems(t *testing.T) {
	h, _ := w5(t, 2)
	items := []RestartItem{{Loss: 0.5, Stopped: "steps"}, {Loss: 0.001, Stopped: "steps"}}
	_, err := Restarts().Summarize(h, items)
	assert.EqualError(t, err, "restart 1 succeeded but has 0 parameters, the net has 9")
	_, err = Restarts().Summarize(h, items[:1])
	assert.EqualError(t, err, "1 restarts in the parts, the study has --n 2")
	h.Arch.Hidden = "cosine"
	_, err = Restarts().Summarize(h, items)
	assert.ErrorContains(t, err, "net [2 2 1]")
}

// interruptedBlock runs the block of shard k of n of total restarts with
// cfg and cancels it once at restarts have finished.
func interruptedBlock(t *testing.T, cfg optim.RestartConfig, k, n, total, at int) *RestartsBlock {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg.Context = ctx
	cfg.Progress = func(done, _ int) {
		if done == at {
			cancel()
		}
	}
	b := NewRestartsBlock(k, n, total)
	require.ErrorIs(t, b.Run(cfg), context.Canceled)
	return b
}
