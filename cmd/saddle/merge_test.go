package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference of every merge test is the single-machine run of the same
// command: N shards merged must print the same bytes with --json.

// shardCase is a small study that runs in well under a second.
type shardCase struct {
	name string
	args []string // the study's command line, without --json and sharding flags
}

var shardCases = []shardCase{
	// W5 starts, 1500 steps: some restarts succeed, so the distinct-solution
	// count over symmetry orbits is exercised, not only the losses; 11
	// restarts make 7 shards of 1 or 2.
	{"restarts", []string{"restarts", "--net", "xor", "--init", "workload-w5", "--n", "11", "--steps", "1500", "--lr", "0.5", "--success-below", "0.05"}},
	// Random starts and Adam: the per-restart seed (seed, r) matters.
	{"restarts-xavier-adam", []string{"restarts", "--net", "xor", "--init", "xavier", "--seed", "9", "--n", "5", "--steps", "200", "--opt", "adam"}},
	// Perturbed GD from near the all-zero saddle (gradient below its 1e-3
	// threshold): its noise is seeded from (seed, r) too.
	{"restarts-pgd", []string{"restarts", "--net", "xor", "--init", "uniform", "--init-scale", "0.001", "--n", "6", "--steps", "400", "--opt", "pgd"}},
	// Formula sweep, 5 rates across both thresholds (one diverges): 7
	// shards leave two parts empty.
	{"sweep-formula", []string{"sweep", "-f", seedLoss, "--at", "b0=0,b1=0", "--lrs", "0.005,0.042,0.043,0.084,0.085"}},
	// --lrs auto on a net: the rates come from λmax, computed by every shard.
	{"sweep-net-auto", []string{"sweep", "--net", "xor", "--steps", "50"}},
	// Grid rows of a plane with filter-normalised random directions around
	// a centre trained for 300 steps (every shard trains the same centre).
	{"landscape-plane", []string{"landscape", "--mode", "plane", "--grid", "9", "--steps", "300", "--filter-norm", "--seed", "3"}},
	// The plane of the training path's top two principal directions: every
	// shard redoes the training and the PCA.
	{"landscape-pca", []string{"landscape", "--mode", "pca", "--grid", "7", "--steps", "300"}},
	// Escape from x² − y²: run r starts at the perturbation seeded by
	// (seed, r) in every method; perturbed GD adds noise seeded by (seed, r, method).
	{"escape-xy", []string{"escape", "--saddle", "xy", "--n", "16", "--steps", "100", "--seed", "5"}},
	// Starts on the stable manifold (y = 0): GD never escapes there.
	{"escape-xy-stable-manifold", []string{"escape", "--saddle", "xy", "--n", "8", "--steps", "60", "--perturb", "x", "--methods", "gd,pgd"}},
	// The XOR saddle with a Hessian method.
	{"escape-xor", []string{"escape", "--saddle", "xor", "--n", "5", "--steps", "300", "--methods", "gd,pgd,sfn"}},
}

// shardCaseArgs returns the arguments of the shard case name.
func shardCaseArgs(t *testing.T, name string) []string {
	t.Helper()
	for _, c := range shardCases {
		if c.name == name {
			return c.args
		}
	}
	t.Fatalf("no shard case %q", name)
	return nil
}

// runShards runs shards 0…n−1 of args into dir and returns the part paths.
func runShards(t *testing.T, dir string, args []string, n int) []string {
	t.Helper()
	var parts []string
	for k := range n {
		part := filepath.Join(dir, fmt.Sprintf("%s-%d-of-%d.json", args[0], k, n))
		code, out, stderr := runCLI(t, append(append([]string{}, args...), "--shard", fmt.Sprintf("%d/%d", k, n), "--part", part)...)
		require.Equal(t, 0, code, "shard %d/%d: %s", k, n, stderr)
		require.Contains(t, out, part)
		parts = append(parts, part)
	}
	return parts
}

func TestShardsMergedEqualSingleRun(t *testing.T) {
	clearShardEnv(t)
	for _, c := range shardCases {
		t.Run(c.name, func(t *testing.T) {
			code, want, stderr := runCLI(t, append(append([]string{}, c.args...), "--json")...)
			require.Equal(t, 0, code, stderr)
			require.NotEmpty(t, want)
			for _, n := range []int{1, 3, 7} {
				dir := t.TempDir()
				parts := runShards(t, dir, c.args, n)
				// Give the parts out of order: merge orders them by shard.
				for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
					parts[i], parts[j] = parts[j], parts[i]
				}
				outFile := filepath.Join(dir, "merged.json")
				code, got, stderr := runCLI(t, append(append([]string{"merge"}, parts...), "--json", "--out", outFile)...)
				require.Equal(t, 0, code, "N=%d: %s", n, stderr)
				assert.Equal(t, want, got, "N=%d: merged --json differs from the single run", n)
				file, err := os.ReadFile(outFile)
				require.NoError(t, err)
				assert.Equal(t, want, string(file), "N=%d: --out differs from the single run's --json", n)
			}
		})
	}
}

// TestMergeTextIsTheStudysText: without --json, merge prints what the
// single run prints.
func TestMergeTextIsTheStudysText(t *testing.T) {
	clearShardEnv(t)
	args := shardCaseArgs(t, "restarts")
	code, want, stderr := runCLI(t, args...)
	require.Equal(t, 0, code, stderr)
	parts := runShards(t, t.TempDir(), args, 3)
	code, got, stderr := runCLI(t, append([]string{"merge"}, parts...)...)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, want, got)
}

// TestShardsFromEnvironmentMergeEqualSingleRun runs the shards the way the
// deploy scripts do: --shards N and the scheduler's index variable.
func TestShardsFromEnvironmentMergeEqualSingleRun(t *testing.T) {
	args := shardCaseArgs(t, "restarts")
	code, want, stderr := runCLI(t, append(append([]string{}, args...), "--json")...)
	require.Equal(t, 0, code, stderr)
	for _, sched := range []string{"kubernetes", "slurm", "slurm-one-task-arrays"} {
		t.Run(sched, func(t *testing.T) {
			clearShardEnv(t)
			dir := t.TempDir()
			const n = 3
			var parts []string
			for k := range n {
				switch sched {
				case "kubernetes":
					t.Setenv(shard.EnvK8sIndex, fmt.Sprint(k))
				case "slurm": // sbatch --array=0-2
					setSlurmArrayEnv(t, k, 0, n)
				default: // each shard resubmitted alone: sbatch --array=K
					setSlurmArrayEnv(t, k, k, 1)
				}
				part := filepath.Join(dir, shard.PartName("restarts", k, n))
				code, _, stderr := runCLI(t, append(append([]string{}, args...), "--shards", fmt.Sprint(n), "--part", part)...)
				require.Equal(t, 0, code, stderr)
				parts = append(parts, part)
			}
			code, got, stderr := runCLI(t, append([]string{"merge", "--json"}, parts...)...)
			require.Equal(t, 0, code, stderr)
			assert.Equal(t, want, got)
		})
	}
}

// TestMergeRejectsBadParts: each bad set of parts gives exit 1 and one line
// naming the culprit. (The checks themselves are tested against structs in
// the shard package: TestJoinRejects, TestMergeNamesThePartOfABadItem.)
func TestMergeRejectsBadParts(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	restarts := shardCaseArgs(t, "restarts-xavier-adam")
	parts := runShards(t, dir, restarts, 3)
	sweep := runShards(t, dir, shardCaseArgs(t, "sweep-formula"), 3)
	other := filepath.Join(dir, "other-steps.json")
	code, _, stderr := runCLI(t, append(append([]string{}, restarts...), "--steps", "201", "--shard", "2/3", "--part", other)...)
	require.Equal(t, 0, code, stderr)

	data, err := os.ReadFile(parts[1])
	require.NoError(t, err)
	truncated := filepath.Join(dir, "truncated.json")
	require.NoError(t, os.WriteFile(truncated, data[:len(data)/2], 0o644))
	garbage := filepath.Join(dir, "garbage.json")
	require.NoError(t, os.WriteFile(garbage, []byte("{\"format\": \"saddle-part\",\n \"shard\": x}"), 0o644))
	notPart := filepath.Join(dir, "checkpoint.json")
	require.NoError(t, os.WriteFile(notPart, []byte(`{"format":"saddle-checkpoint","format_version":1}`), 0o644))
	badItems := filepath.Join(dir, "bad-items.json")
	require.NoError(t, os.WriteFile(badItems, []byte(strings.Replace(string(data), `"stopped"`, `"stoped"`, 1)), 0o644))
	lostItem := filepath.Join(dir, "lost-item.json")
	lines := strings.Split(string(data), "\n")
	var kept []string
	dropped := false
	for _, l := range lines {
		if !dropped && strings.HasPrefix(l, "  {\"loss\"") {
			dropped = true
			continue
		}
		kept = append(kept, l)
	}
	require.True(t, dropped)
	require.NoError(t, os.WriteFile(lostItem, []byte(strings.Join(kept, "\n")), 0o644))

	otherData := filepath.Join(dir, "other-data.json")
	withDigest := strings.Replace(string(data), `"data_sha256": "`, `"data_sha256": "0`, 1)
	require.NotEqual(t, string(data), withDigest)
	require.NoError(t, os.WriteFile(otherData, []byte(withDigest), 0o644))

	cases := []struct {
		name  string
		parts []string
		want  []string
	}{
		{"missing shard", []string{parts[0], parts[2]}, []string{"missing shard 1 of 3"}},
		{"another study", []string{parts[0], parts[1], sweep[2]}, []string{parts[0], "restarts", sweep[2], "sweep"}},
		{"other parameters", []string{parts[0], parts[1], other}, []string{"--steps", `"200"`, `"201"`, parts[0], other}},
		{"other data", []string{parts[0], otherData, parts[2]}, []string{"different \"data_sha256\"", otherData}},
		{"truncated", []string{parts[0], truncated, parts[2]}, []string{truncated, "truncated or corrupt", "ends early"}},
		{"corrupt", []string{parts[0], garbage}, []string{garbage, "line 2:"}},
		{"not a part", []string{notPart}, []string{notPart, `format is "saddle-checkpoint"`}},
		{"bad item", []string{parts[0], badItems, parts[2]}, []string{badItems, "stoped"}},
		{"item count", []string{parts[0], lostItem, parts[2]}, []string{lostItem, "items for indices"}},
		{"no such file", []string{parts[0], filepath.Join(dir, "nope.json")}, []string{"nope.json", "no such file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"merge", "--json"}, c.parts...)...)
			assertOneLineError(t, code, stdout, stderr, 1, c.want[0])
			for _, w := range c.want[1:] {
				assert.Contains(t, stderr, w)
			}
		})
	}
}

func TestMergeUsageErrors(t *testing.T) {
	code, stdout, stderr := runCLI(t, "merge")
	assertOneLineError(t, code, stdout, stderr, 2, "no part files")
	code, stdout, stderr = runCLI(t, "merge", "a.json", "--bogus")
	assertOneLineError(t, code, stdout, stderr, 2, "bogus")
	code, stdout, stderr = runCLI(t, "restarts", "--n", "3", "--shard", "0/2", "--plot", "x.png")
	assertOneLineError(t, code, stdout, stderr, 2, "--plot")
	code, stdout, stderr = runCLI(t, "landscape", "--mode", "line", "--shard", "0/2")
	assertOneLineError(t, code, stdout, stderr, 2, "modes plane and pca")
	code, stdout, stderr = runCLI(t, "landscape", "--mode", "plane", "--grid", "5", "--shard", "0/2", "--csv", "x.csv")
	assertOneLineError(t, code, stdout, stderr, 2, "--csv")
	code, stdout, stderr = runCLI(t, "escape", "--saddle", "xy", "--shard", "0/2", "--plot", "x.png")
	assertOneLineError(t, code, stdout, stderr, 2, "--plot")
	code, stdout, stderr = runCLI(t, "merge", "a.json", "--plot", "x.pdf")
	assertOneLineError(t, code, stdout, stderr, 2, ".png or .svg")
}

// TestMergeOutWithoutJSON: --out alone writes the file and prints the
// text summary, not JSON.
func TestMergeOutWithoutJSON(t *testing.T) {
	clearShardEnv(t)
	args := shardCaseArgs(t, "sweep-formula")
	code, want, stderr := runCLI(t, append(append([]string{}, args...), "--json")...)
	require.Equal(t, 0, code, stderr)
	dir := t.TempDir()
	parts := runShards(t, dir, args, 2)
	out := filepath.Join(dir, "sweep.json")
	code, text, stderr := runCLI(t, append([]string{"merge", "--out", out}, parts...)...)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, text, "lr·λmax", "the sweep's text table")
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.Contains(e.Name(), ".tmp-"), "no temporary file left: %s", e.Name())
	}
}

// TestMergeRejectsPartsFromOtherInputFiles: the shards read a checkpoint of
// the same name but different content (a stale copy on one node).
func TestMergeRejectsPartsFromOtherInputFiles(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	ck := filepath.Join(dir, "start.json")
	checkpoint := `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"mse","params":[%s]}`
	args := []string{"restarts", "--net", "xor", "--init", ck, "--n", "4", "--steps", "10"}
	var parts []string
	for k, params := range []string{"0.5,-0.4,-0.3,0.6,0.1,-0.2,0.7,-0.5,0.05", "-0.3,0.6,0.5,-0.4,-0.2,0.1,-0.5,0.7,0.05"} {
		require.NoError(t, os.WriteFile(ck, []byte(strings.Replace(checkpoint, "%s", params, 1)), 0o644))
		part := filepath.Join(dir, fmt.Sprintf("p%d.json", k))
		code, _, stderr := runCLI(t, append(append([]string{}, args...), "--shard", fmt.Sprintf("%d/2", k), "--part", part)...)
		require.Equal(t, 0, code, stderr)
		parts = append(parts, part)
	}
	code, stdout, stderr := runCLI(t, "merge", parts[0], parts[1])
	assertOneLineError(t, code, stdout, stderr, 1, "--init (file sha256)")
	assert.Contains(t, stderr, parts[1])
}

// mergePlotCases are the studies whose figure merge --plot redraws; the
// reference is the single run's --plot of the same study.
var mergePlotCases = []string{"restarts", "sweep-formula", "landscape-plane", "landscape-pca", "escape-xy"}

// TestMergePlotIsTheStudysPlot: merge --plot draws the figure the single
// run draws, from the parts alone: the same SVG elements. They are compared
// as sorted lists of lines, because gonum/plot emits contour paths in an
// order that varies from run to run (two single runs differ the same way).
func TestMergePlotIsTheStudysPlot(t *testing.T) {
	clearShardEnv(t)
	for _, name := range mergePlotCases {
		t.Run(name, func(t *testing.T) {
			args := shardCaseArgs(t, name)
			dir := t.TempDir()
			want := filepath.Join(dir, "single.svg")
			code, _, stderr := runCLI(t, append(append([]string{}, args...), "--plot", want)...)
			require.Equal(t, 0, code, stderr)
			parts := runShards(t, dir, args, 3)
			got := filepath.Join(dir, "merged.svg")
			code, _, stderr = runCLI(t, append([]string{"merge", "--plot", got}, parts...)...)
			require.Equal(t, 0, code, stderr)
			wantData, err := os.ReadFile(want)
			require.NoError(t, err)
			gotData, err := os.ReadFile(got)
			require.NoError(t, err)
			assert.Contains(t, string(gotData), "<svg")
			wantLines, gotLines := strings.Split(string(wantData), "\n"), strings.Split(string(gotData), "\n")
			slices.Sort(wantLines)
			slices.Sort(gotLines)
			assert.Equal(t, wantLines, gotLines)
		})
	}
}
