package main

import (
	"encoding/json"
	"github.com/saddle-dev/saddle/workload/ref"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// landscapeRoundTol: two evaluations of the same function that differ only
// in the order of floating-point operations (a loss ~1e-3).
const landscapeRoundTol = 1e-15

// landscapeW1Final is docs/WORKLOADS.md W1's reference loss after 10,000 GD steps (lr 0.5)
// from the W1 start: landscape's default centre is exactly that run.
const landscapeW1Final = ref.W1FinalLoss

// landscapeW1Tol: docs/WORKLOADS.md asks for agreement to 1e-9 relative.
const landscapeW1Tol = ref.LossRel

type landscapeDoc struct {
	Mode           string      `json:"mode"`
	CenterLoss     float64     `json:"center_loss"`
	T              []float64   `json:"t"`
	Loss           []float64   `json:"loss"`
	Barrier        *float64    `json:"barrier"`
	EndpointLosses []float64   `json:"endpoint_losses"`
	Alpha          []float64   `json:"alpha"`
	Beta           []float64   `json:"beta"`
	GridLoss       [][]float64 `json:"grid_loss"`
	Explained      []float64   `json:"explained"`
	Path           [][]float64 `json:"path"`
}

func runLandscapeJSON(t *testing.T, args ...string) landscapeDoc {
	t.Helper()
	code, out, errb := runCLI(t, append([]string{"landscape", "--json"}, args...)...)
	require.Equal(t, 0, code, errb)
	var d landscapeDoc
	require.NoError(t, json.Unmarshal([]byte(out), &d))
	return d
}

func TestLandscapePlaneCentre(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "plane.csv")
	d := runLandscapeJSON(t, "--net", "xor", "--mode", "plane", "--grid", "21", "--filter-norm", "--csv", csv, "--plot", filepath.Join(dir, "p.png"))
	assert.InEpsilon(t, landscapeW1Final, d.CenterLoss, landscapeW1Tol)
	require.Len(t, d.GridLoss, 21)
	// Index 10 of the 21-point grid on [−1, 1] is α = β = 0: the centre.
	assert.Equal(t, 0.0, d.Alpha[10])
	assert.InEpsilon(t, landscapeW1Final, d.GridLoss[10][10], landscapeW1Tol)
	data, err := os.ReadFile(csv)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	assert.Equal(t, "alpha,beta,loss", lines[0])
	assert.Len(t, lines, 1+21*21)
	_, err = os.Stat(filepath.Join(dir, "p.png"))
	require.NoError(t, err)
}

func TestLandscapeLine(t *testing.T) {
	d := runLandscapeJSON(t, "--net", "xor", "--mode", "line", "--grid", "11", "--span", "0.5")
	require.Len(t, d.Loss, 11)
	assert.Equal(t, 0.0, d.T[5])
	assert.InEpsilon(t, landscapeW1Final, d.Loss[5], landscapeW1Tol)
}

func TestLandscapeInterpPermutedCopy(t *testing.T) {
	// A trained XOR net and the copy with its two hidden units swapped compute
	// the same function: equal endpoint losses. The midpoint averages the
	// units, so the path crosses a worse region: a positive barrier.
	dir := t.TempDir()
	p, err := nn.Preset("xor")
	require.NoError(t, err)
	a := filepath.Join(dir, "a.json")
	code, _, errb := runCLI(t, "train", "--net", "xor", "--save", a, "--json")
	require.Equal(t, 0, code, errb)
	ck, err := nn.LoadCheckpoint(a)
	require.NoError(t, err)
	swapped, err := nn.PermuteHidden(p.Net, ck.Params, 1, []int{1, 0})
	require.NoError(t, err)
	b := filepath.Join(dir, "b.json")
	require.NoError(t, nn.SaveCheckpoint(b, nn.NewCheckpoint(p.Net, p.Loss, swapped)))
	d := runLandscapeJSON(t, "--net", "xor", "--mode", "interp", "--params", a, "--to", b)
	require.Len(t, d.EndpointLosses, 2)
	assert.InDelta(t, d.EndpointLosses[0], d.EndpointLosses[1], landscapeRoundTol) // same function
	require.NotNil(t, d.Barrier)
	assert.Greater(t, *d.Barrier, 0.01)
	// A segment from a point to itself is constant: barrier 0 up to the
	// rounding of (1−t)·a + t·a (a few ulps of the parameters).
	d = runLandscapeJSON(t, "--net", "xor", "--mode", "interp", "--params", a, "--to", a)
	assert.InDelta(t, 0.0, *d.Barrier, landscapeRoundTol)
}

func TestLandscapePCAFlags(t *testing.T) {
	// --mode pca trains for --steps and samples a --grid square (the
	// study itself is tested in optim/landscape).
	d := runLandscapeJSON(t, "--net", "xor", "--mode", "pca", "--grid", "7", "--steps", "500")
	require.Len(t, d.Explained, 2)
	assert.Len(t, d.GridLoss, 7)
	assert.Len(t, d.Path, 500/2+1, "the path keeps about 200 points: one per ⌊steps/200⌋ = 2 steps")
}

func TestLandscapeBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--grid", "1000000000"}, "the limit is 1000000"},
		{[]string{"--mode", "cube"}, "--mode"},
		{[]string{"--span", "0"}, "--span"},
		{[]string{"--to", "b.json"}, "--to goes with --mode interp"},
		{[]string{"--mode", "interp", "--grid", "10"}, "≥ 25"},
		{[]string{"--plot", "x.gif"}, ".png or .svg"},
		{[]string{"--net", "nope"}, "unknown preset"},
	}
	for _, c := range cases {
		code, out, errb := runCLI(t, append([]string{"landscape"}, c.args...)...)
		assertOneLineError(t, code, out, errb, 2, c.want)
	}
	code, out, errb := runCLI(t, "landscape", "--params", filepath.Join(t.TempDir(), "none.json"))
	assertOneLineError(t, code, out, errb, 1, "none.json")
}
