package main

import (
	"encoding/json"
	"github.com/saddle-dev/saddle/workload/ref"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// benchField returns the value of key=value in a bench line (searching the
// extra list too).
func benchField(line, key string) string {
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
		f = strings.TrimPrefix(f, "extra=")
		if k, v, ok := strings.Cut(f, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// benchW1RefTol is docs/WORKLOADS.md's stated agreement for W1's final loss.
const benchW1RefTol = ref.LossRel

// benchEigTol is docs/WORKLOADS.md's stated agreement for W4's eigenvalues.
const benchEigTol = ref.EigAbs

// TestBenchW1AndW4aLines checks the printed lines: their format and that
// the printed digits carry the references (the results themselves are
// tested in package workload).
func TestBenchW1AndW4aLines(t *testing.T) {
	code, out, errb := runCLI(t, "bench", "--w", "W1,W4a", "--reps", "1")
	require.Equal(t, 0, code, "stderr: %s", errb)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, out)

	w1 := lines[0]
	assert.True(t, strings.HasPrefix(w1, "peer=saddle workload=W1 steps=10000 ns_per_step="), w1)
	loss, err := strconv.ParseFloat(benchField(w1, "final_loss"), 64)
	require.NoError(t, err, w1)
	assert.InEpsilon(t, ref.W1FinalLoss, loss, benchW1RefTol, "docs/WORKLOADS.md W1 reference")
	assert.Equal(t, "0", benchField(w1, "allocs_per_step"), "the compiled step must not allocate")
	assert.Equal(t, "true", benchField(w1, "ref_ok"))
	ns, err := strconv.ParseFloat(benchField(w1, "ns_per_step"), 64)
	require.NoError(t, err)
	assert.Greater(t, ns, 0.0)

	w4 := lines[1]
	assert.Contains(t, w4, "workload=W4a steps=1 ")
	for key, want := range map[string]float64{"eig_min": ref.W4aEigMin, "eig_max": ref.W4aEigMax} {
		v, err := strconv.ParseFloat(benchField(w4, key), 64)
		require.NoError(t, err, w4)
		assert.InDelta(t, want, v, benchEigTol, key)
	}
	for _, key := range []string{"ns_per_hvp", "symmetry_error"} {
		assert.NotEmpty(t, benchField(w4, key), key)
	}
	assert.Equal(t, "true", benchField(w4, "ref_ok"))
}

func TestBenchJSON(t *testing.T) {
	code, out, errb := runCLI(t, "bench", "--w", "w4a", "--reps", "1", "--json")
	require.Equal(t, 0, code, "stderr: %s", errb)
	var rep struct {
		Peer      string `json:"peer"`
		RefOK     bool   `json:"ref_ok"`
		Workloads []struct {
			Workload  string         `json:"workload"`
			NsPerStep float64        `json:"ns_per_step"`
			FinalLoss *float64       `json:"final_loss"`
			RefOK     bool           `json:"ref_ok"`
			Extra     map[string]any `json:"extra"`
		} `json:"workloads"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
	assert.Equal(t, "saddle", rep.Peer)
	assert.True(t, rep.RefOK)
	require.Len(t, rep.Workloads, 1)
	w := rep.Workloads[0]
	assert.Equal(t, "W4a", w.Workload)
	require.NotNil(t, w.FinalLoss)
	// docs/WORKLOADS.md W4a: loss at W1's start, to 1e-8 absolute.
	assert.InDelta(t, ref.W4aLoss, *w.FinalLoss, benchEigTol)
	assert.InDelta(t, ref.W4aEigMax, w.Extra["eig_max"], benchEigTol)
	assert.Greater(t, w.NsPerStep, 0.0)
}

func TestBenchUsageErrors(t *testing.T) {
	code, out, errb := runCLI(t, "bench", "--w", "W9")
	assertOneLineError(t, code, out, errb, 2, `unknown workload "W9"`)
	code, out, errb = runCLI(t, "bench", "--reps", "0")
	assertOneLineError(t, code, out, errb, 2, "--reps must be at least 1")
}
