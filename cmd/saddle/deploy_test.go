package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// The deploy files (deploy/k8s/*.yaml, deploy/slurm/*.sbatch) are shell
// scripts around saddle. No Kubernetes cluster runs here (Slurm does:
// deploy/slurm/test-local.sh), so these tests run the scripts themselves
// with /bin/sh and the scheduler's variables set as the scheduler sets
// them, with `saddle` on PATH being this test binary (TestMain), and check
// the parts they write and the merge.

// deployScriptTimeout bounds one run of a deploy script: a shrunken study
// takes well under a second; the generous bound only stops a script that
// waits forever (the merge Job's loop when a part is missing).
const deployScriptTimeout = 2 * time.Minute

// fakeSaddle writes a `saddle` into a new directory for PATH: it runs this
// test binary as saddle and records its arguments, one per line, in
// $SADDLE_TEST_ARGS (when set); the study's flags are followed by
// $SADDLE_TEST_SHRINK, which makes the deploy file's study small (a later
// flag wins in Go's flag package).
func fakeSaddle(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	script := `#!/bin/sh
if [ -n "${SADDLE_TEST_ARGS:-}" ]; then printf '%s\n' "$@" > "$SADDLE_TEST_ARGS"; fi
# shellcheck disable=SC2086
exec "$SADDLE_TEST_BINARY" -test.run='^$' -- "$@" $SADDLE_TEST_SHRINK
`
	require.NoError(t, os.WriteFile(filepath.Join(bin, "saddle"), []byte(script), 0o755))
	return bin
}

// runDeployScript runs argv in dir with env added to this process's
// environment and the fake saddle first on PATH; it returns the combined
// output and fails the test on a non-zero exit.
func runDeployScript(t *testing.T, bin, dir string, env []string, argv ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), deployScriptTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"SADDLE_TEST_MAIN=1", "SADDLE_TEST_BINARY="+os.Args[0])
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%v in %s: %s", argv, dir, out)
	return string(out)
}

// k8sObject holds the fields of a Kubernetes manifest these tests read.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Template       struct {
			Spec struct {
				Containers []k8sContainer `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type k8sContainer struct {
	Name       string   `yaml:"name"`
	WorkingDir string   `yaml:"workingDir"`
	Command    []string `yaml:"command"`
	Args       []string `yaml:"args"`
	Env        []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
}

// argv is the container's command line (command, then args) and env its
// environment as NAME=VALUE.
func (c k8sContainer) argv() (argv, env []string) {
	for _, e := range c.Env {
		env = append(env, e.Name+"="+e.Value)
	}
	return append(slices.Clone(c.Command), c.Args...), env
}

// readK8sObjects decodes every document of every deploy/k8s/*.yaml file.
func readK8sObjects(t *testing.T) []k8sObject {
	t.Helper()
	files, err := filepath.Glob("../../deploy/k8s/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var objs []k8sObject
	for _, path := range files {
		f, err := os.Open(path)
		require.NoError(t, err)
		dec := yaml.NewDecoder(f)
		for {
			var o k8sObject
			if err := dec.Decode(&o); err != nil {
				require.ErrorContains(t, err, "EOF", path)
				break
			}
			objs = append(objs, o)
		}
		require.NoError(t, f.Close())
	}
	return objs
}

// singleRunArgs turns a shard's saddle arguments into the single-machine
// run: without the sharding and interruption flags, with --json.
func singleRunArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if nonResultFlags[name] && name != "json" {
			if !hasValue {
				i++ // --shards 8
			}
			continue
		}
		out = append(out, args[i])
	}
	return append(out, "--json")
}

// TestK8sIndexedJobsWriteEveryShard runs each Indexed Job of deploy/k8s
// for JOB_COMPLETION_INDEX = 0…completions−1 as Kubernetes would (its
// command and env, in a shared working directory), checks that index K
// writes the part of shard K of completions, then runs the Job that merges
// them and compares the result with the single run of the same flags.
func TestK8sIndexedJobsWriteEveryShard(t *testing.T) {
	clearShardEnv(t)
	objs := readK8sObjects(t)
	bin := fakeSaddle(t)
	indexed := 0
	for _, job := range objs {
		if job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" {
			continue
		}
		indexed++
		t.Run(job.Metadata.Name, func(t *testing.T) {
			n := job.Spec.Completions
			require.Positive(t, n, "completions")
			require.Len(t, job.Spec.Template.Spec.Containers, 1)
			argv, env := job.Spec.Template.Spec.Containers[0].argv()
			require.NotEmpty(t, argv)
			dir := t.TempDir()
			argsLog := filepath.Join(t.TempDir(), "args")
			shrink := "SADDLE_TEST_SHRINK=--n 12 --steps 20"
			var study, want string
			for k := range n {
				runDeployScript(t, bin, dir, append(env, fmt.Sprintf("JOB_COMPLETION_INDEX=%d", k), shrink, "SADDLE_TEST_ARGS="+argsLog), argv...)
				logged, err := os.ReadFile(argsLog)
				require.NoError(t, err)
				args := strings.Split(strings.TrimSpace(string(logged)), "\n")
				study = args[0]
				pf, err := shard.Read(filepath.Join(dir, shard.PartName(study, k, n)), nil)
				require.NoError(t, err, "index %d", k)
				assert.Equal(t, [2]int{k, n}, [2]int{pf.Shard, pf.Shards}, "JOB_COMPLETION_INDEX=%d", k)
				if k == 0 {
					code, out, stderr := runCLI(t, append(singleRunArgs(args), strings.Fields(strings.TrimPrefix(shrink, "SADDLE_TEST_SHRINK="))...)...)
					require.Equal(t, 0, code, stderr)
					want = out
				}
			}
			mergeK8sParts(t, objs, bin, dir, study, n, want)
		})
	}
	assert.Positive(t, indexed, "deploy/k8s has an Indexed Job")
}

// mergeK8sParts runs the merge Job of deploy/k8s (the Job whose command
// runs `saddle merge`) in dir and compares STUDY.json with want. Its N
// must be the Indexed Job's completions n: with another N it would wait
// for parts that never appear.
func mergeK8sParts(t *testing.T, objs []k8sObject, bin, dir, study string, n int, want string) {
	for _, job := range objs {
		if job.Kind != "Job" || job.Spec.CompletionMode == "Indexed" || len(job.Spec.Template.Spec.Containers) != 1 {
			continue
		}
		argv, env := job.Spec.Template.Spec.Containers[0].argv()
		if !strings.Contains(strings.Join(argv, " "), "saddle merge "+study+".part-") {
			continue
		}
		require.Contains(t, env, fmt.Sprintf("N=%d", n), "%s: N is the Indexed Job's completions", job.Metadata.Name)
		runDeployScript(t, bin, dir, env, argv...)
		got, err := os.ReadFile(filepath.Join(dir, study+".json"))
		require.NoError(t, err, job.Metadata.Name)
		assert.Equal(t, want, string(got), "%s: the merged result is the single run's --json", job.Metadata.Name)
		return
	}
	t.Errorf("deploy/k8s has no Job that merges the %s parts", study)
}

// TestSlurmShardTasksAndMerge runs deploy/slurm/shard.sbatch as the tasks
// of `sbatch --array=0-3` would (Slurm's array variables set), then the
// failed task 2 again as `sbatch --array=2` (a one-task array: MIN 2,
// COUNT 1), then merge.sbatch: each task writes its own shard of 4 and the
// merge is the single run's --json. The same files run under a real Slurm
// in deploy/slurm/test-local.sh.
func TestSlurmShardTasksAndMerge(t *testing.T) {
	clearShardEnv(t)
	bin := fakeSaddle(t)
	dir := t.TempDir()
	study := []string{"restarts", "--net", "xor", "--n", "10", "--steps", "30", "--seed", "4"}
	code, want, stderr := runCLI(t, append(slices.Clone(study), "--json")...)
	require.Equal(t, 0, code, stderr)
	const n = 4
	task := func(id, lo, count int) {
		env := []string{fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", id), fmt.Sprintf("%s=%d", slurmArrayMin, lo),
			fmt.Sprintf("%s=%d", slurmArrayCount, count), "SLURM_CPUS_PER_TASK=2", "SADDLE_TEST_SHRINK="}
		runDeployScript(t, bin, dir, env, append([]string{"bash", abs(t, "../../deploy/slurm/shard.sbatch"), study[0], "--shards", fmt.Sprint(n)}, study[1:]...)...)
		pf, err := shard.Read(filepath.Join(dir, shard.PartName("restarts", id, n)), nil)
		require.NoError(t, err, "task %d", id)
		assert.Equal(t, [2]int{id, n}, [2]int{pf.Shard, pf.Shards}, "task %d of an array of %d from %d", id, count, lo)
	}
	for id := range n {
		task(id, 0, n)
	}
	require.NoError(t, os.Remove(filepath.Join(dir, shard.PartName("restarts", 2, n))))
	task(2, 2, 1)
	out := runDeployScript(t, bin, dir, []string{"SADDLE_TEST_SHRINK="}, "bash", abs(t, "../../deploy/slurm/merge.sbatch"), "restarts", fmt.Sprint(n))
	assert.Contains(t, out, "10 restarts of xor", "the merge job's log has the text summary")
	got, err := os.ReadFile(filepath.Join(dir, "restarts.json"))
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}

func abs(t *testing.T, path string) string {
	t.Helper()
	p, err := filepath.Abs(path)
	require.NoError(t, err)
	return p
}
