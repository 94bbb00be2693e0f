package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runEscapeJSON(t *testing.T, args ...string) escapeResult {
	t.Helper()
	code, out, errb := runCLI(t, append([]string{"escape", "--json"}, args...)...)
	require.Equal(t, 0, code, errb)
	var r escapeResult
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	return r
}

func TestEscapeXYStableManifold(t *testing.T) {
	// From (1e-3, 0), on the stable manifold y = 0 of x² − y², GD maps
	// (x, y) → (0.8x, 1.2y): y stays 0 and GD never escapes; perturbed GD
	// adds noise in y when the gradient is small and escapes.
	r := runEscapeJSON(t, "--saddle", "xy", "--at", "x=0.001,y=0", "--eps", "0", "--methods", "gd,pgd", "--n", "10", "--steps", "300")
	require.Len(t, r.Methods, 2)
	assert.Equal(t, 0, r.Methods[0].Escaped)
	assert.Equal(t, -1, r.Methods[0].MedianSteps)
	assert.Equal(t, 10, r.Methods[1].Escaped)
	// The same with random starts on the manifold (--perturb x only).
	r = runEscapeJSON(t, "--saddle", "xy", "--perturb", "x", "--methods", "gd,pgd", "--n", "10", "--steps", "300")
	assert.Equal(t, 0, r.Methods[0].Escaped)
	assert.Equal(t, 10, r.Methods[1].Escaped)
	// Generic nearby starts: momentum and Adam escape.
	r = runEscapeJSON(t, "--saddle", "xy", "--methods", "momentum,adam", "--n", "10", "--steps", "300")
	assert.Equal(t, 10, r.Methods[0].Escaped)
	assert.Equal(t, 10, r.Methods[1].Escaped)
}

func TestEscapeDeterministic(t *testing.T) {
	args := []string{"escape", "--json", "--saddle", "xy", "--methods", "gd,pgd,adam", "--n", "8", "--steps", "200", "--seed", "5"}
	_, a, _ := runCLI(t, append(args, "--workers", "1")...)
	_, b, _ := runCLI(t, append(args, "--workers", "2")...)
	_, c, _ := runCLI(t, append(args, "--workers", "2")...)
	assert.JSONEq(t, a, b)
	assert.Equal(t, b, c)
}

func TestEscapeXORSmallBudget(t *testing.T) {
	// docs/LITERATURE.md: from ±0.001 around the XOR origin GD essentially never
	// escapes; Adam with lr 1e-3 does (after ~700 steps).
	dir := t.TempDir()
	plot := filepath.Join(dir, "esc.svg")
	r := runEscapeJSON(t, "--saddle", "xor", "--methods", "gd,adam", "--n", "4", "--steps", "3000", "--plot", plot)
	assert.Equal(t, 0.25, r.SaddleValue)
	assert.Equal(t, 0, r.Methods[0].Escaped)
	assert.Equal(t, 4, r.Methods[1].Escaped)
	assert.Equal(t, 0.001, r.Methods[1].LR)
	_, err := os.Stat(plot)
	require.NoError(t, err)
}

func TestEscapeLearningRateFlag(t *testing.T) {
	// GD on x² − y² from (0, 1e-3) with lr 0.25: y_k = 1.5^k·1e-3, escaped
	// (f ≤ −0.01) once y_k ≥ 0.1, at k = ⌈ln 100/ln 1.5⌉ = 12.
	r := runEscapeJSON(t, "--saddle", "xy", "--at", "x=0,y=0.001", "--eps", "0", "--methods", "gd", "--lr", "gd=0.25", "--n", "1")
	assert.Equal(t, 0.25, r.Methods[0].LR)
	assert.Equal(t, 12, r.Methods[0].MedianSteps)
}

func TestEscapeTextOutput(t *testing.T) {
	code, out, errb := runCLI(t, "escape", "-f", "x^2 - y^2", "--at", "x=0,y=0", "--methods", "gd", "--n", "5", "--steps", "100")
	require.Equal(t, 0, code, errb)
	assert.Contains(t, out, "5/5 (100%)")
}

func TestEscapeBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--saddle", "xy", "--methods", "gd,sgd9"}, `unknown method "sgd9"`},
		{[]string{"--saddle", "xy", "--n", "0"}, "--n must be ≥ 1"},
		{[]string{"--saddle", "xy", "--methods", "gd", "--lr", "adam=0.1"}, "not in --methods"},
		{[]string{"--saddle", "xy", "--methods", "gd", "--lr", "gd"}, `"gd" is not METHOD=RATE`},
		{[]string{"--saddle", "xy", "--methods", "gd", "--lr", "gd=-1"}, "> 0"},
		{[]string{"-f", "x^2-y^2"}, "-f needs --at"},
		{[]string{"--saddle", "xy", "-f", "x"}, "not both"},
		{[]string{"--saddle", "tri"}, "unknown saddle"},
		{[]string{"--saddle", "xy", "--perturb", "z"}, `unknown variable "z"`},
		{[]string{"--saddle", "xy", "--eps", "-1"}, "--eps"},
		{[]string{"--saddle", "xy", "--n", "1000000", "--steps", "1000000"}, "the limit"},
		{[]string{}, "give --saddle"},
	}
	for _, c := range cases {
		code, out, errb := runCLI(t, append([]string{"escape"}, c.args...)...)
		assertOneLineError(t, code, out, errb, 2, c.want)
	}
}
