package optim

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xorAtZero is the XOR preset with every parameter 0: the net outputs
// sigmoid(0) = 1/2 for every row, so the MSE is (1/2)² = 1/4 and, as
// 1/2 > 1/2 is false, every row is classed 0: right for the targets 0 of
// (0,0) and (1,1), wrong for the two 1s — accuracy 1/2.
func xorAtZero(t *testing.T) (nn.Problem, []float64) {
	t.Helper()
	prob, err := nn.Preset("xor")
	require.NoError(t, err)
	return prob, make([]float64, prob.NumParams())
}

func TestNewTrainReport(t *testing.T) {
	prob, zero := xorAtZero(t)
	res := Result{Params: zero, FinalLoss: 0.25, FinalGradNorm: 0, Steps: 10, Stopped: StopSteps,
		Trace: []Point{{Step: 5, Loss: 0.25, LR: 0.1}, {Step: 15, Loss: 0.25, LR: 0.1}}}
	r := NewTrainReport("xor", "gd", 0.1, prob, res, 5)
	require.NotNil(t, r.Accuracy)
	assert.Equal(t, JSONFloat(0.5), *r.Accuracy)
	assert.Nil(t, r.DivergedAt)
	assert.Equal(t, 5, r.ResumedAt)
	assert.Equal(t, []TracePoint{{Step: 5, Loss: 0.25, LR: 0.1}, {Step: 15, Loss: 0.25, LR: 0.1}}, r.Trace, "steps as given")
	assert.Len(t, r.Params, 9)

	res.Stopped, res.DivergedAt, res.FinalLoss = StopDiverged, 3, math.NaN()
	r = NewTrainReport("xor", "gd", 10, prob, res, 5)
	require.NotNil(t, r.DivergedAt)
	assert.Equal(t, 8, *r.DivergedAt, "counted from the start of the whole run")
	assert.Nil(t, r.Accuracy, "no accuracy for a diverged run")
	js, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"final_loss":null`, "NaN is null in JSON")
	assert.Contains(t, string(js), `"diverged_at":8`)
}

func TestTrainReportText(t *testing.T) {
	prob, zero := xorAtZero(t)
	r := NewTrainReport("xor", "gd", 0.5, prob, Result{Params: zero, FinalLoss: 0.25, Steps: 3, Stopped: StopSteps}, 0)
	var b strings.Builder
	require.NoError(t, r.WriteText(&b, prob))
	text := b.String()
	assert.Contains(t, text, "optimizer gd, lr 0.5, 3 steps, stopped: all steps done\n")
	assert.Contains(t, text, "loss      0.25 (gradient norm 0)\n")
	assert.Contains(t, text, "accuracy  50.0% (2 of 4)\n")
	assert.Contains(t, text, "\n1 0    1       0.5000\n", "row (1, 0): target 1, output 1/2")
	assert.Contains(t, text, "\n  0 0 0 0 0 0 0 0 0\n")
}

func TestWriteTraceCSV(t *testing.T) {
	var b strings.Builder
	require.NoError(t, WriteTraceCSV(&b, []Point{{Step: 0, Loss: 1.5, GradNorm: 2, LR: 0.1}, {Step: 10, Loss: math.NaN(), GradNorm: math.Inf(1), LR: 0.05}}))
	assert.Equal(t, "step,loss,grad_norm,lr\n0,1.5,2,0.1\n10,NaN,+Inf,0.05\n", b.String())
}

func TestStopText(t *testing.T) {
	assert.Equal(t, "all steps done", StopSteps.Text())
	assert.Equal(t, "diverged", StopDiverged.Text())
}

// TestCheckpointResume: Adam's state saved after 7 steps is restored by the
// same optimizer and ignored by another.
func TestCheckpointResume(t *testing.T) {
	prob, x := xorAtZero(t)
	obj := FromProblem(prob)
	grad := make([]float64, len(x))
	a := &Adam{LR: 0.01}
	for range 7 {
		obj(x, grad)
		a.Step(x, grad)
	}
	ck := Checkpoint(prob, x, 7, a, "adam")
	assert.Equal(t, "adam", ck.Optimizer)
	assert.Equal(t, 7, ck.Step)

	b := &Adam{LR: 0.01}
	step, err := Resume(b, "adam", ck)
	require.NoError(t, err)
	assert.Equal(t, 7, step)
	assert.Equal(t, a.State(), b.State())

	c := &Adam{LR: 0.01}
	step, err = Resume(c, "rmsprop", ck)
	require.NoError(t, err)
	assert.Equal(t, 7, step, "the step is resumed, not the other optimizer's state")
	assert.Equal(t, 0, c.State().Step)
}

func TestJSONFloat(t *testing.T) {
	js, err := json.Marshal(JSONFloats([]float64{0.1, math.NaN(), math.Inf(-1), 1e300}))
	require.NoError(t, err)
	assert.Equal(t, "[0.1,null,null,1e+300]", string(js))
	js, err = json.Marshal(JSONFloats(nil))
	require.NoError(t, err)
	assert.Equal(t, "[]", string(js))
}
