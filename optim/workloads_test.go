package optim

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workloadRel: docs/WORKLOADS.md's reference final losses agree between four
// independent implementations to 1e-9 relative.
const workloadRel = ref.LossRel

func TestW2MoonsAdam(t *testing.T) {
	// W2: 2-16-16-1 tanh, logit output, BCE on the moons, formula init,
	// Adam lr 0.01 (β₁ 0.9, β₂ 0.999, ε 1e-8), full batch, 1000 steps.
	p, err := nn.Preset("moons")
	require.NoError(t, err)
	r := Train(FromProblem(p), nn.InitFormula(p.Net), &Adam{LR: ref.W2LR, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8},
		Config{Steps: ref.W2Steps, TraceEvery: -1})
	assert.Equal(t, StopSteps, r.Stopped)
	assert.InEpsilon(t, ref.W2FinalLoss, r.FinalLoss, workloadRel)
}

func TestW3MomentumSGD(t *testing.T) {
	// W3: 64-128-128-10 ReLU, softmax cross-entropy on W3's batch, formula
	// init, v ← 0.9·v + g; p ← p − 0.05·v, 200 steps.
	p, err := nn.Preset("w3")
	require.NoError(t, err)
	r := Train(FromProblem(p), nn.InitFormula(p.Net), &GD{LR: ref.W3LR, Momentum: ref.W3Momentum}, Config{Steps: ref.W3Steps, TraceEvery: -1})
	assert.Equal(t, StopSteps, r.Stopped)
	assert.InEpsilon(t, ref.W3FinalLoss, r.FinalLoss, workloadRel)
}
