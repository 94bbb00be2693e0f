package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/saddle-dev/saddle/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parallel studies split their work by index and seed every item from
// (seed, index), so their JSON must be byte-for-byte the same for any
// number of workers and for two runs with the same seed, and must change
// with the seed (otherwise the comparison proves nothing).

type determinismCase struct {
	name string
	args []string // without --workers and --seed; {a}, {b}: two XOR checkpoints
	seed string   // the seed used; seed+"1" must give different output…
	// …unless the output does not depend on the seed when all goes well:
	// critical lists the critical points, found from any seeded starts.
	seedFree bool
}

var determinismCases = []determinismCase{
	{"restarts", []string{"restarts", "--net", "xor", "--n", "16", "--steps", "200"}, "7", false},
	{"restarts-adam-xavier", []string{"restarts", "--net", "xor", "--n", "8", "--steps", "100", "--opt", "adam", "--init", "xavier"}, "3", false},
	{"landscape-plane", []string{"landscape", "--mode", "plane", "--params", "{a}", "--grid", "15"}, "3", false},
	{"landscape-plane-filter-norm", []string{"landscape", "--mode", "plane", "--params", "{a}", "--grid", "9", "--filter-norm"}, "4", false},
	{"landscape-line", []string{"landscape", "--mode", "line", "--params", "{a}", "--grid", "21"}, "5", false},
	{"escape-xy", []string{"escape", "--saddle", "xy", "--n", "16", "--steps", "100"}, "5", false},
	{"escape-xor", []string{"escape", "--saddle", "xor", "--n", "6", "--steps", "300", "--methods", "gd,adam,pgd"}, "2", false},
	{"critical-himmelblau", []string{"critical", "-f", "(x^2+y-11)^2+(x+y^2-7)^2", "--box", "x=-5:5,y=-5:5", "--grid", "4", "--starts", "40"}, "2", true},
}

func TestDeterminismAcrossWorkersAndRuns(t *testing.T) {
	dir := t.TempDir()
	ck := `{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"mse","params":[%s]}`
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	require.NoError(t, os.WriteFile(a, []byte(strings.Replace(ck, "%s", "0.5,-0.4,-0.3,0.6,0.1,-0.2,0.7,-0.5,0.05", 1)), 0o644))
	require.NoError(t, os.WriteFile(b, []byte(strings.Replace(ck, "%s", "-0.3,0.6,0.5,-0.4,-0.2,0.1,-0.5,0.7,0.05", 1)), 0o644))
	for _, c := range determinismCases {
		t.Run(c.name, func(t *testing.T) {
			args := make([]string, len(c.args))
			for i, s := range c.args {
				args[i] = strings.NewReplacer("{a}", a, "{b}", b).Replace(s)
			}
			runJSON := func(workers, seed string) string {
				t.Helper()
				code, stdout, stderr := runCLI(t, append(args, "--workers", workers, "--seed", seed, "--json")...)
				require.Equal(t, 0, code, "stderr: %s", stderr)
				require.True(t, json.Valid([]byte(stdout)), "one JSON document")
				return stdout
			}
			w1 := runJSON("1", c.seed)
			assert.Equal(t, w1, runJSON("4", c.seed), "--workers 4 differs from --workers 1")
			assert.Equal(t, w1, runJSON("3", c.seed), "--workers 3 differs from --workers 1")
			assert.Equal(t, w1, runJSON("1", c.seed), "a second run with the same seed differs")
			if other := runJSON("4", c.seed+"1"); c.seedFree {
				// The same points, found from other starts: equal up to
				// the last bits of Newton's convergence.
				p1, p2 := criticalPoints(t, w1), criticalPoints(t, other)
				require.Len(t, p2, len(p1))
				for i := range p1 {
					assert.Equal(t, p1[i].Kind, p2[i].Kind)
					assert.InDeltaSlice(t, p1[i].At, p2[i].At, samePointTol)
				}
			} else {
				assert.NotEqual(t, w1, other, "the seed must matter")
			}
		})
	}
}

// samePointTol: Newton's iterates from different starts stop within a few
// ulps of the same root (|x| ≤ 5 here, ulp ~1e-15).
const samePointTol = 1e-9

type critPoint struct {
	At   []float64 `json:"at"`
	Kind string    `json:"kind"`
}

func criticalPoints(t *testing.T, js string) []critPoint {
	t.Helper()
	var r struct {
		Points []critPoint `json:"points"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &r))
	require.NotEmpty(t, r.Points)
	return r.Points
}

// interruptAfter is how long the interrupted runs below train before the
// context is cancelled (as Ctrl-C does through e.ctx): long enough for
// some steps, far shorter than the run.
const interruptAfter = 300 * time.Millisecond

// TestTrainInterruptSavesAndResumes: cancelling `train --save F` mid-run
// stops it with one line naming the step, leaves a checkpoint of that
// step in F, and `--resume F` for the remaining steps ends with exactly
// the parameters of an uninterrupted run (for a stateless and a stateful
// optimizer).
func TestTrainInterruptSavesAndResumes(t *testing.T) {
	for _, opt := range []string{"gd", "adam"} {
		t.Run(opt, func(t *testing.T) {
			dir := t.TempDir()
			ck := filepath.Join(dir, "ck.json")
			ctx, cancel := context.WithCancel(context.Background())
			timer := time.AfterFunc(interruptAfter, cancel)
			defer timer.Stop()
			var out, errb bytes.Buffer
			code := run(&env{ctx: ctx, stdout: &out, stderr: &errb},
				[]string{"train", "--net", "xor", "--opt", opt, "--steps", "100000000", "--save", ck})
			assertOneLineError(t, code, out.String(), errb.String(), 1, "interrupted at step")
			var saved struct {
				Step int `json:"step"`
			}
			data, err := os.ReadFile(ck)
			require.NoError(t, err, "the checkpoint of the last finished step is written")
			require.NoError(t, json.Unmarshal(data, &saved))
			require.Positive(t, saved.Step)
			assert.Contains(t, errb.String(), fmt.Sprintf("interrupted at step %d ", saved.Step), "the message names the saved step")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "no temporary file is left beside the checkpoint")

			const more = 300
			type trained struct {
				FinalLoss float64   `json:"final_loss"`
				Params    []float64 `json:"params"`
			}
			trainJSON := func(args ...string) trained {
				t.Helper()
				code, stdout, stderr := runCLI(t, append([]string{"train", "--net", "xor", "--opt", opt, "--json"}, args...)...)
				require.Equal(t, 0, code, "stderr: %s", stderr)
				var r trained
				require.NoError(t, json.Unmarshal([]byte(stdout), &r))
				return r
			}
			whole := trainJSON("--steps", fmt.Sprint(saved.Step+more))
			resumed := trainJSON("--resume", ck, "--steps", fmt.Sprint(more))
			assert.Equal(t, whole.Params, resumed.Params, "resumed run ends where the uninterrupted one does")
			assert.Equal(t, whole.FinalLoss, resumed.FinalLoss)
		})
	}
}

// shardedStudies are the studies that can be split with --shard K/N.
var shardedStudies = [][]string{
	{"restarts", "--net", "xor", "--n", "11", "--steps", "150", "--seed", "9"},
	{"sweep", "--net", "xor", "--lrs", "0.1,0.5,1,2,4", "--steps", "50"},
}

// TestShardedStudiesMergeToTheWholeRun: a study split into 3 shards (each
// with its own worker count, one of them picking its index from the
// environment as in a Kubernetes Indexed Job) and joined by merge gives
// byte for byte the JSON of the unsharded run.
func TestShardedStudiesMergeToTheWholeRun(t *testing.T) {
	for _, args := range shardedStudies {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			code, whole, stderr := runCLI(t, append(args, "--json")...)
			require.Equal(t, 0, code, "stderr: %s", stderr)
			var parts []string
			for k, workers := range []string{"1", "3", "4"} {
				path := filepath.Join(dir, fmt.Sprintf("part%d.json", k))
				shard := []string{"--shard", fmt.Sprintf("%d/3", k), "--part", path}
				if k == 1 {
					t.Setenv("JOB_COMPLETION_INDEX", "1")
					shard = []string{"--shards", "3", "--part", path}
				}
				if args[0] == "restarts" {
					shard = append(shard, "--workers", workers)
				}
				code, _, stderr := runCLI(t, append(args, shard...)...)
				require.Equal(t, 0, code, "stderr: %s", stderr)
				parts = append(parts, path)
			}
			// Any order of the part files.
			code, merged, stderr := runCLI(t, "merge", parts[2], parts[0], parts[1], "--json")
			require.Equal(t, 0, code, "stderr: %s", stderr)
			assert.Equal(t, whole, merged)
			out := filepath.Join(dir, "merged.json")
			code, _, stderr = runCLI(t, "merge", parts[0], parts[1], parts[2], "--out", out)
			require.Equal(t, 0, code, "stderr: %s", stderr)
			data, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Equal(t, whole, string(data), "--out holds the unsharded run's --json output")
		})
	}
}

// interruptGrace bounds the time from cancelling the context to the
// subcommand's return: a worker finishes its current item (milliseconds
// here) and stops.
const interruptGrace = 5 * time.Second

// TestInterruptStopsPromptly: a long study stops soon after Ctrl-C (the
// context is cancelled), exits 1 and says on one line that it was
// interrupted.
func TestInterruptStopsPromptly(t *testing.T) {
	for _, args := range [][]string{
		{"restarts", "--net", "xor", "--n", "100000", "--steps", "2000", "--save", filepath.Join(t.TempDir(), "r.json")},
		{"escape", "--saddle", "xor", "--n", "50000", "--steps", "10000"},
		{"sweep", "--net", "xor", "--lrs", "0.1", "--steps", "10000000"},
		{"landscape", "--mode", "pca", "--steps", "100000000", "--grid", "5"},
		{"landscape", "--mode", "plane", "--net", "moons", "--steps", "10", "--grid", "1000"},
		{"critical", "-f", "(x^2+y-11)^2 + (x+y^2-7)^2", "--box", "x=-5:5,y=-5:5", "--grid", "1000"},
		{"train", "--net", "xor", "--steps", "100000000"},
	} {
		t.Run(strings.Join(args[:3], " "), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancelledAt := make(chan time.Time, 1)
			timer := time.AfterFunc(interruptAfter, func() { cancelledAt <- time.Now(); cancel() })
			defer timer.Stop()
			var out, errb bytes.Buffer
			code := run(&env{ctx: ctx, stdout: &out, stderr: &errb}, args)
			require.Error(t, ctx.Err(), "the run ended before it was interrupted")
			assert.Less(t, time.Since(<-cancelledAt), interruptGrace, "stopped promptly after the interrupt")
			assert.Equal(t, 1, code, "stderr: %s", errb.String())
			assert.Empty(t, out.String())
			assert.Equal(t, 1, strings.Count(errb.String(), "\n"), "one line: %q", errb.String())
			msg := strings.ToLower(errb.String())
			assert.True(t, strings.Contains(msg, "interrupted") || strings.Contains(msg, "cancel"), "says it was interrupted: %q", msg)
		})
	}
}

// TestLargeWorkerCountIsClamped: --workers at its limit, far more than the
// items of the study, starts no more goroutines than there are items, so
// it finishes at once with the result of --workers 1; beyond the limit it
// is refused (the bad-input table).
func TestLargeWorkerCountIsClamped(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	require.NoError(t, os.WriteFile(a, []byte(`{"version":1,"sizes":[2,2,1],"hidden":"sigmoid","output":"sigmoid","loss":"mse",`+
		`"params":[0.5,-0.4,-0.3,0.6,0.1,-0.2,0.7,-0.5,0.05]}`), 0o644))
	for _, args := range [][]string{
		{"landscape", "--mode", "line", "--params", a, "--grid", "5", "--json"},
		{"landscape", "--mode", "plane", "--params", a, "--grid", "5", "--json"},
		{"critical", "-f", "x^2 - y^2", "--box", "x=-1:1,y=-1:1", "--grid", "3", "--json"},
		{"escape", "--saddle", "xy", "--n", "3", "--methods", "gd,adam", "--json"},
		{"restarts", "--net", "xor", "--n", "3", "--steps", "50", "--json"},
	} {
		code, one, stderr := runCLIWithin(t, badInputTimeout, append(args, "--workers", "1")...)
		require.Equal(t, 0, code, "stderr: %s", stderr)
		code, many, stderr := runCLIWithin(t, badInputTimeout, append(args, "--workers", fmt.Sprint(maxWorkers))...)
		require.Equal(t, 0, code, "stderr: %s", stderr)
		assert.Equal(t, one, many, "%v", args)
	}
}

// countdownCtx is a context that is cancelled at its left-th Err call: an
// interrupt at a point fixed by the work done, not by the clock.
type countdownCtx struct {
	context.Context
	left atomic.Int64
	once sync.Once
	done chan struct{}
}

func newCountdownCtx(calls int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(calls)
	return c
}

func (c *countdownCtx) Err() error {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

func (c *countdownCtx) Done() <-chan struct{} { return c.done }

// TestRestartsInterruptSavesAndResumes: Ctrl-C in `saddle restarts` (its
// context cancelled after about a quarter of the steps) writes the
// finished restarts and says how many; merge refuses that file, --resume
// with other flags is refused, and --resume with the same flags (any
// worker count) prints exactly the uninterrupted run's JSON — also for a
// shard, whose part file is then byte for byte the uninterrupted shard's.
func TestRestartsInterruptSavesAndResumes(t *testing.T) {
	const n, steps = 24, 400
	// --batch 1: one restart at a time per worker (lockstep batches would
	// have all 24 in flight), so the countdown cuts between restarts.
	study := []string{"restarts", "--net", "xor", "--n", fmt.Sprint(n), "--steps", fmt.Sprint(steps), "--seed", "5", "--batch", "1"}
	// Train checks the context once per step: cancel in restart ~n/4.
	const cancelAfter = n / 4 * (steps + 1)
	for _, extra := range [][]string{nil, {"--shard", "1/2"}} {
		t.Run(fmt.Sprint(extra), func(t *testing.T) {
			dir := t.TempDir()
			saved := filepath.Join(dir, "saved.json")
			args := append(append([]string{}, study...), extra...)
			if extra != nil {
				args = append(args, "--part", filepath.Join(dir, "part.json"))
			} else {
				args = append(args, "--json")
			}
			var out, errb bytes.Buffer
			code := run(&env{ctx: newCountdownCtx(cancelAfter), stdout: &out, stderr: &errb}, append(args, "--save", saved, "--workers", "2"))
			assertOneLineError(t, code, out.String(), errb.String(), 1, "interrupted: ")
			assert.Contains(t, errb.String(), "saved to "+saved)
			pf, err := shard.Read(saved, shard.Indexes())
			require.NoError(t, err)
			finished := 0
			for _, it := range pf.Items {
				if string(it) != "null" {
					finished++
				}
			}
			assert.Positive(t, finished, "some restarts finished before the interrupt")
			assert.Less(t, finished, len(pf.Items), "some restarts were cut off")
			assert.Contains(t, errb.String(), fmt.Sprintf("interrupted: %d of %d restarts finished", finished, len(pf.Items)))
			_, err = os.Stat(filepath.Join(dir, "part.json"))
			assert.True(t, os.IsNotExist(err), "an interrupted shard writes no part file")

			code, stdout, stderr := runCLI(t, "merge", saved)
			assertOneLineError(t, code, stdout, stderr, 1, "interrupted run")
			code, stdout, stderr = runCLI(t, append(args, "--resume", saved, "--lr", "0.3")...)
			assertOneLineError(t, code, stdout, stderr, 2, "--lr")

			code, whole, stderr := runCLI(t, args...)
			require.Equal(t, 0, code, "stderr: %s", stderr)
			var wholePart []byte
			if extra != nil {
				wholePart, err = os.ReadFile(filepath.Join(dir, "part.json"))
				require.NoError(t, err)
				require.NoError(t, os.Remove(filepath.Join(dir, "part.json")))
			}
			code, resumed, stderr := runCLI(t, append(args, "--resume", saved, "--workers", "3")...)
			require.Equal(t, 0, code, "stderr: %s", stderr)
			assert.Equal(t, whole, resumed, "the resumed run prints the uninterrupted run's output")
			if extra != nil {
				resumedPart, err := os.ReadFile(filepath.Join(dir, "part.json"))
				require.NoError(t, err)
				assert.Equal(t, string(wholePart), string(resumedPart))
				// Without --json the resumed run says so (the Slurm test
				// script checks this line in the task's log).
				assert.Equal(t, fmt.Sprintf("restarts: resumed from %s: %d of %d restarts were finished, running the other %d\n",
					saved, finished, len(pf.Items), len(pf.Items)-finished), stderr)
			} else {
				assert.Empty(t, stderr, "--json: nothing on stderr")
			}
		})
	}
}
