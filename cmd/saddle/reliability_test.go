package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 15: classes of input that crashed saddle or got a wrong answer
// with exit 0. Each test checks the class through the command line.

func TestCriticalLinearAndConstantFormulas(t *testing.T) {
	code, out, errs := runCLI(t, "critical", "-f", "x + 2*y", "--box", "x=-1:1,y=-1:1")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "no critical point found")
	code, out, errs = runCLI(t, "critical", "-f", "x - x + 3", "--box", "x=-1:1")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "1 critical point(s)")
	assert.Contains(t, out, "flat set of critical points of value 3: 101 found, within x=-1:1")
}

func TestCriticalNetAtANonCriticalPoint(t *testing.T) {
	code, out, errs := runCLI(t, "critical", "--net", "xor", "--at", "start")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "is not critical")
	assert.NotContains(t, out, "saddle")
	// The all-zero point is critical (every gradient term has a factor 0).
	code, out, _ = runCLI(t, "critical", "--net", "xor", "--at", "origin")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "degenerate")
}

func TestCriticalNotesAnIncompleteSearch(t *testing.T) {
	// 100 random starts for the 81 critical points of Σ(xᵢ²−1)² in 4-D:
	// many points are reached once, and the output says how to widen.
	code, out, _ := runCLI(t, "critical", "-f", "(x^2-1)^2+(y^2-1)^2+(z^2-1)^2+(w^2-1)^2",
		"--box", "x=-2:2,y=-2:2,z=-2:2,w=-2:2", "--starts", "100")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "note: the search may be incomplete")
	assert.Contains(t, out, "--starts 1024")
}

func TestEscapeRefusesANonSaddle(t *testing.T) {
	code, out, errs := runCLI(t, "escape", "-f", "x^2+y^2", "--at", "x=0,y=0")
	assertOneLineError(t, code, out, errs, 2, "is a minimum")
	code, out, errs = runCLI(t, "escape", "-f", "x^2+y^2", "--at", "x=1,y=0")
	assertOneLineError(t, code, out, errs, 2, "not critical (gradient norm 2")
}

func TestFloatFlagsRefuseNaNAndInf(t *testing.T) {
	for _, args := range [][]string{
		{"train", "--momentum", "NaN"}, {"train", "--loss-tol", "NaN"}, {"train", "--grad-tol", "Inf"},
		{"escape", "--saddle", "xy", "--drop", "-Inf"}, {"critical", "--net", "xor", "--at", "origin", "--radius", "NaN"},
		{"gradcheck", "-f", "x", "--at", "x=1", "--atol", "NaN"},
	} {
		code, out, errs := runCLI(t, args...)
		assertOneLineError(t, code, out, errs, 2, "must be a finite number")
	}
}

func TestTwoOutputsNamingOneFileAreRefused(t *testing.T) {
	dir := t.TempDir()
	s := filepath.Join(dir, "s.json")
	code, out, errs := runCLI(t, "train", "--save", s, "--trace", dir+"/./s.json")
	assertOneLineError(t, code, out, errs, 2, "--save and --trace both name")
	_, err := os.Stat(s)
	assert.True(t, errors.Is(err, os.ErrNotExist), "nothing written")
}

// failingWriter fails every write, as /dev/full does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestEveryStdoutWriteIsChecked(t *testing.T) {
	for _, args := range [][]string{
		{"train", "--steps", "10"}, {"grad", "-f", "x^2", "--at", "x=1"}, {"critical", "-f", "x^2", "--box", "x=-1:1"},
		{"train", "--steps", "10", "--json"},
	} {
		var errb bytes.Buffer
		code := run(&env{ctx: context.Background(), stdout: failingWriter{}, stderr: &errb}, args)
		assert.Equal(t, 1, code, "%q", args)
		assert.Contains(t, errb.String(), "no space left on device", "%q", args)
		assert.Equal(t, 1, strings.Count(errb.String(), "\n"), "%q: %s", args, errb.String())
	}
}

func TestStepCountsBeyondTheBudgetAreRefused(t *testing.T) {
	code, out, errs := runCLI(t, "train", "--net", "w3", "--steps", "999999999")
	assertOneLineError(t, code, out, errs, 2, "the limit is 1e+13")
	code, out, errs = runCLI(t, "restarts", "--steps", "100000000", "--n", "1000")
	assertOneLineError(t, code, out, errs, 2, "split the runs with --shards")
}

func TestGradPrintsFiniteDerivativesWhenTheHessianOverflows(t *testing.T) {
	// f = log x + y at x = 1e-300: df/dx = 1/x = 1e300, df/dy = 1, but
	// d²f/dx² = −1/x² overflows to −Inf.
	code, out, errs := runCLI(t, "grad", "-f", "log(x) + y", "--at", "x=1e-300,y=2")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "df/dy  1\n")
	assert.Contains(t, out, "not finite (overflow or a singularity): d2f/dx2 = -Inf")
	code, out, _ = runCLI(t, "grad", "-f", "x^y", "--at", "x=0,y=2")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "df/dy  0\n", "d/dy x^y = x^y·log x → 0 at x = 0")
}

func TestACheckpointOfAnotherNetIsExit2Everywhere(t *testing.T) {
	dir := t.TempDir()
	ck := filepath.Join(dir, "linreg.json")
	code, _, errs := runCLI(t, "train", "--net", "linreg", "--steps", "5", "--save", ck)
	require.Equal(t, 0, code, errs)
	for _, args := range [][]string{
		{"train", "--net", "xor", "--resume", ck}, {"train", "--net", "xor", "--init", ck},
		{"critical", "--net", "xor", "--params", ck}, {"symmetry", "--net", "xor", "--params", ck},
		{"landscape", "--mode", "line", "--net", "xor", "--params", ck},
	} {
		code, out, errs := runCLI(t, args...)
		assertOneLineError(t, code, out, errs, 2, "holds a 1-1")
	}
}

func TestInterruptedTrainSaysWhatItWrote(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "t.csv")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(&env{ctx: ctx, stdout: &out, stderr: &errb}, []string{"train", "--trace", trace})
	assert.Equal(t, 1, code)
	assert.Contains(t, errb.String(), "the parameters are not saved")
	assert.Contains(t, errb.String(), "wrote the trace to "+trace)
	_, err := os.Stat(trace)
	assert.NoError(t, err, "the message says the trace was written: it was")
}

func TestLinregPresetTrainsWithItsDefaults(t *testing.T) {
	// linreg's λmax is 7.88: gd at the generic 0.5 diverges; its own rate
	// 0.1 converges to the least-squares line (b, w) = (8/7, 9/14) with the
	// mean squared residual 1/42 (the residuals are −1/7, 3/14, −1/14).
	code, out, errs := runCLI(t, "train", "--net", "linreg")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "optimizer gd, lr 0.1, 10000 steps")
	assert.Contains(t, out, "loss      0.0238095 ")
}
