package main

import (
	"encoding/json"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/workload/ref"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workloadRel: docs/WORKLOADS.md's reference final losses agree between four
// independent implementations to 1e-9 relative.
const workloadRel = ref.LossRel

// w1Loss is docs/WORKLOADS.md W1's reference final loss.
const w1Loss = ref.W1FinalLoss

func decodeTrain(t *testing.T, out string) optim.TrainReport {
	t.Helper()
	var r optim.TrainReport
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	return r
}

func TestTrainW1(t *testing.T) {
	code, out, stderr := runCLI(t, "train", "--net", "xor", "--init", "workload-w1", "--opt", "gd", "--lr", "0.5", "--steps", "10000", "--json")
	require.Equal(t, 0, code, stderr)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	for _, k := range []string{"final_loss", "steps", "stopped", "params", "accuracy", "trace"} {
		assert.Contains(t, raw, k, "DESIGN §5 contract plus accuracy and trace")
	}
	r := decodeTrain(t, out)
	assert.InEpsilon(t, w1Loss, float64(r.FinalLoss), workloadRel)
	assert.Equal(t, 10000, r.Steps)
	assert.Equal(t, "steps", r.Stopped)
	assert.Len(t, r.Params, 9)
	require.NotNil(t, r.Accuracy)
	assert.Equal(t, 1.0, float64(*r.Accuracy), "W1 ends with every XOR pattern on the right side of 0.5")
	require.NotEmpty(t, r.Trace)
	assert.Equal(t, 0, r.Trace[0].Step)
	assert.InDelta(t, ref.W4aLoss, float64(r.Trace[0].Loss), 1e-12, "W4a: the W1 loss at W1's start")
	last := r.Trace[len(r.Trace)-1]
	assert.Equal(t, 10000, last.Step)
	assert.Equal(t, r.FinalLoss, last.Loss)
	assert.Empty(t, stderr)
}

func TestTrainDefaultSolvesXOR(t *testing.T) {
	// The README's main command: no flag but the net.
	code, out, stderr := runCLI(t, "train", "--net", "xor")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "accuracy  100.0% (4 of 4)")
	assert.Contains(t, out, "input  target  output")
	// Its defaults are W1 (preset start, gd, lr 0.5, 10000 steps).
	code, out, _ = runCLI(t, "train", "--json")
	require.Equal(t, 0, code)
	r := decodeTrain(t, out)
	assert.InEpsilon(t, w1Loss, float64(r.FinalLoss), workloadRel)
	assert.Equal(t, 1.0, float64(*r.Accuracy))
}

func TestTrainBadInput(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	require.NoError(t, os.WriteFile(corrupt, []byte(`{"version": 1, "sizes": [2,2`), 0o644))
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--opt", "lbfgs"}, 2, `unknown optimizer "lbfgs"`},
		{[]string{"--lr", "-0.1"}, 2, "--lr must be"},
		{[]string{"--lr", "0"}, 2, "--lr must be"},
		{[]string{"--steps", "0"}, 2, "--steps must be > 0"},
		{[]string{"--batch", "-1"}, 2, "--batch"},
		{[]string{"--init", "nosuchinit"}, 2, `--init "nosuchinit"`},
		{[]string{"--init", "workload-w1", "--sizes", "2,3,1"}, 2, "2-2-1"},
		{[]string{"--plot", "loss.pdf"}, 2, ".png or .svg"},
		{[]string{"--schedule", "step:0.5"}, 2, "--schedule"},
		{[]string{"--resume", filepath.Join(dir, "missing.json")}, 1, "no such file"},
		{[]string{"--resume", corrupt}, 1, "corrupt.json"},
		{[]string{"--resume", corrupt, "--init", "he"}, 2, "exclude each other"},
	}
	for _, c := range cases {
		// (--steps 10 keeps the valid cases short; a later --steps wins.)
		code, out, stderr := runCLI(t, append([]string{"train", "--steps", "10"}, c.args...)...)
		assertOneLineError(t, code, out, stderr, c.code, c.want)
	}
}

func TestTrainDivergenceReportsStep(t *testing.T) {
	// lr 100 on the linear model: the loss explodes. The error names the
	// step, which the saved trace confirms: the first loss above 1e10 times
	// the start (optim.DefaultExplode).
	dir := t.TempDir()
	trace := filepath.Join(dir, "trace.csv")
	plot := filepath.Join(dir, "loss.png")
	code, out, stderr := runCLI(t, "train", "--net", "linreg", "--lr", "100", "--trace-every", "1", "--trace", trace, "--plot", plot)
	assertOneLineError(t, code, out, stderr, 1, "diverged at step ")
	step := stderr[strings.Index(stderr, "diverged at step ")+len("diverged at step "):]
	k, err := strconv.Atoi(step[:strings.Index(step, ":")])
	require.NoError(t, err)

	data, err := os.ReadFile(trace)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Len(t, lines, k+2, "header and steps 0..k")
	loss := func(line string) float64 {
		v, err := strconv.ParseFloat(strings.Split(line, ",")[1], 64)
		require.NoError(t, err)
		return v
	}
	start := loss(lines[1])
	assert.Greater(t, loss(lines[k+1]), 1e10*start)
	assert.LessOrEqual(t, loss(lines[k]), 1e10*start)
	assert.FileExists(t, plot)

	// With --json the document is still printed, with the step.
	code, out, _ = runCLI(t, "train", "--net", "linreg", "--lr", "100", "--json")
	assert.Equal(t, 1, code)
	r := decodeTrain(t, out)
	assert.Equal(t, "diverged", r.Stopped)
	require.NotNil(t, r.DivergedAt)
	assert.Equal(t, k, *r.DivergedAt)
}

func TestTrainSaveResume(t *testing.T) {
	// W1 in two halves through a checkpoint ends where W1 does.
	dir := t.TempDir()
	ck := filepath.Join(dir, "half.json")
	code, _, stderr := runCLI(t, "train", "--init", "workload-w1", "--steps", "5000", "--save", ck, "--json")
	require.Equal(t, 0, code, stderr)
	code, out, stderr := runCLI(t, "train", "--resume", ck, "--steps", "5000", "--json")
	require.Equal(t, 0, code, stderr)
	r := decodeTrain(t, out)
	assert.InEpsilon(t, w1Loss, float64(r.FinalLoss), workloadRel)
	assert.Equal(t, 5000, r.ResumedAt)
	assert.Equal(t, 10000, r.Trace[len(r.Trace)-1].Step)

	// Adam's moments travel in the checkpoint: 100 + 100 steps = 200 steps.
	code, _, _ = runCLI(t, "train", "--opt", "adam", "--lr", "0.05", "--steps", "100", "--save", ck, "--json")
	require.Equal(t, 0, code)
	_, out, _ = runCLI(t, "train", "--opt", "adam", "--lr", "0.05", "--steps", "100", "--resume", ck, "--json")
	halves := decodeTrain(t, out)
	_, out, _ = runCLI(t, "train", "--opt", "adam", "--lr", "0.05", "--steps", "200", "--json")
	whole := decodeTrain(t, out)
	assert.Equal(t, whole.Params, halves.Params)

	// A checkpoint is also an --init FILE.
	code, out, stderr = runCLI(t, "train", "--init", ck, "--steps", "1", "--opt", "gd", "--json")
	require.Equal(t, 0, code, stderr)
	assert.Len(t, decodeTrain(t, out).Params, 9)
}

func TestTrainMiniBatchDeterministic(t *testing.T) {
	args := []string{"train", "--net", "moons", "--opt", "sgd", "--batch", "64", "--lr", "0.1", "--steps", "30", "--seed", "7", "--json"}
	_, a, _ := runCLI(t, args...)
	code, b, stderr := runCLI(t, args...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, decodeTrain(t, a).Params, decodeTrain(t, b).Params)
	args[len(args)-2] = "8"
	_, c, _ := runCLI(t, args...)
	assert.NotEqual(t, decodeTrain(t, a).Params, decodeTrain(t, c).Params, "another seed shuffles otherwise")
}

func TestTrainPlot(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"loss.png", "loss.svg"} {
		path := filepath.Join(dir, name)
		code, _, stderr := runCLI(t, "train", "--steps", "50", "--plot", path)
		require.Equal(t, 0, code, stderr)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		if strings.HasSuffix(name, ".png") {
			assert.Equal(t, "\x89PNG", string(data[:4]))
		} else {
			assert.Contains(t, string(data[:200]), "<svg")
		}
	}
}

func TestTrainW2W3(t *testing.T) {
	// docs/WORKLOADS.md W2 and W3 through the presets (references agree between
	// independent implementations to 1e-9 relative).
	code, out, stderr := runCLI(t, "train", "--net", "moons", "--init", "formula", "--opt", "adam", "--lr", "0.01", "--steps", "1000", "--json")
	require.Equal(t, 0, code, stderr)
	assert.InEpsilon(t, ref.W2FinalLoss, float64(decodeTrain(t, out).FinalLoss), workloadRel)
	code, out, stderr = runCLI(t, "train", "--net", "w3", "--init", "formula", "--opt", "momentum", "--momentum", "0.9", "--lr", "0.05", "--steps", "200", "--json")
	require.Equal(t, 0, code, stderr)
	assert.InEpsilon(t, ref.W3FinalLoss, float64(decodeTrain(t, out).FinalLoss), workloadRel)
}
