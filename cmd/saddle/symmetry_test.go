package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// symCLITol: equivalent points differ only by the order of floating-point
// sums (and the rounding of c + v for sigmoid flips): ~1e-16.
const symCLITol = 1e-12

func runSymmetryJSON(t *testing.T, args ...string) symmetryResult {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"symmetry", "--json"}, args...)...)
	require.Equal(t, 0, code, errOut)
	var r symmetryResult
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	return r
}

// TestSymmetryFlags: --samples and --max-hessian reach the study (its
// logic is tested in package nn), and the skip is explained.
func TestSymmetryFlags(t *testing.T) {
	r := runSymmetryJSON(t, "--net", "w4b", "--samples", "5", "--max-hessian", "10")
	assert.Equal(t, 5, r.Evaluated)
	assert.Contains(t, r.HessianSkipped, "65 parameters > --max-hessian 10")
	r = runSymmetryJSON(t, "--net", "xor", "--max-hessian", "0")
	assert.Contains(t, r.HessianSkipped, "9 parameters > --max-hessian 0")
}

func TestSymmetryText(t *testing.T) {
	code, out, errOut := runCLI(t, "symmetry", "--sizes", "2,3,1", "--act", "tanh", "--loss", "bce")
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)
	assert.Contains(t, out, "48 equivalent points, 48 distinct") // 3!·2³
	assert.Contains(t, out, "40 more (see --json)")
	assert.Contains(t, out, "canonical")
	assert.Contains(t, out, "max difference")
}

func saveCk(t *testing.T, dir, name string, m nn.MLP, params []float64) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, nn.SaveCheckpoint(path, nn.NewCheckpoint(m, nn.BCE, params)))
	return path
}

// TestSymmetryBarrier: B is A with its hidden units permuted and flipped, so
// L(A) = L(B); after matching, B' = A and the line is constant: barrier 0.
func TestSymmetryBarrier(t *testing.T) {
	dir := t.TempDir()
	m := nn.MLP{Sizes: []int{2, 4, 1}, Hidden: nn.Tanh, Output: nn.Identity}
	a := nn.InitUniform(m, 2, 5)
	b, err := nn.RandomSymmetry(m, 3).Apply(m, a)
	require.NoError(t, err)
	aPath, bPath := saveCk(t, dir, "a.json", m, a), saveCk(t, dir, "b.json", m, b)
	plotPath := filepath.Join(dir, "barrier.svg")
	code, out, errOut := runCLI(t, "symmetry", "--net", "moons", "--sizes", "2,4,1",
		"--barrier", aPath, bPath, "--plot", plotPath, "--json")
	require.Equal(t, 0, code, errOut)
	var r barrierResult
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	require.Len(t, r.T, 25)
	assert.InDelta(t, r.LossA, r.LossB, symCLITol)
	assert.InDelta(t, 0, r.DistanceAfter, symCLITol)
	assert.InDelta(t, 0, r.BarrierAfter, symCLITol)
	assert.Greater(t, r.DistanceBefore, 1.0)
	assert.GreaterOrEqual(t, r.BarrierBefore, 0.0, "L(A) = L(B): the maximum is at least the endpoints")
	for _, l := range r.LossAfter {
		assert.InDelta(t, r.LossA, l, symCLITol)
	}
	svg, err := os.ReadFile(plotPath)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")
}

func TestSymmetryBadInput(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.json")
	require.NoError(t, os.WriteFile(corrupt, []byte(`{"version":1,"sizes":[2,2`), 0o644))
	other := saveCk(t, dir, "other.json", nn.MLP{Sizes: []int{2, 3, 1}, Hidden: nn.Tanh, Output: nn.Identity}, make([]float64, 13))
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--net", "mnist"}, 2, `unknown preset "mnist"`},
		{[]string{"--sizes", "2,x,1"}, 2, `"x" is not a whole number`},
		{[]string{"--sizes", "5,2,1"}, 2, "has 5 inputs"},
		{[]string{"--params", filepath.Join(dir, "missing.json")}, 1, "missing.json: no such file"},
		{[]string{"--params", corrupt}, 1, "corrupt.json: truncated JSON"},
		{[]string{"--params", other}, 2, "holds a 2-3-1 tanh/identity net"},
		{[]string{"--data", csvFixture("ragged_short.csv")}, 1, "ragged_short.csv:3:4: row has 2 cells"},
		{[]string{"--barrier", corrupt}, 2, "--barrier needs two checkpoints"},
		{[]string{"--plot", "x.png"}, 2, "--plot draws the --barrier curves"},
		{[]string{"--barrier", other, other, "--plot", "x.pdf"}, 2, "the extension must be .png or .svg"},
		{[]string{"--barrier", corrupt, other, "--sizes", "2,3,1", "--act", "tanh", "--loss", "bce"}, 1, "truncated JSON"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--max-orbit", "0"}, 2, "--max-orbit must be ≥ 1"},
	} {
		code, out, errOut := runCLI(t, append([]string{"symmetry"}, tc.args...)...)
		assertOneLineError(t, code, out, errOut, tc.code, tc.want)
		assert.True(t, strings.HasPrefix(errOut, "saddle symmetry: "), errOut)
	}
}

func TestSymmetryHelp(t *testing.T) {
	code, out, _ := runCLI(t, "symmetry", "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "--barrier")
	assert.Contains(t, out, "saddle symmetry --net xor")
}
