package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"strings"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/optim"
)

// Interrupted restarts. On Ctrl-C, `saddle restarts` writes the restarts
// that finished to a file in the part format of sharded runs (shard 0 of 1
// when the run is not sharded), with null for every restart that did not
// finish, and exits 1 saying so. --resume FILE with the same flags runs only
// the missing restarts: each restart depends on its index alone, so the
// result is bit for bit the uninterrupted run's. merge refuses such a file.

// newRestartSlots returns the results of n restarts, none finished yet.
func newRestartSlots(n int) optim.RestartResult {
	res := optim.RestartResult{FinalLoss: make([]float64, n), Stopped: make([]optim.Stop, n), Params: make([][]float64, n)}
	for i := range res.FinalLoss {
		res.FinalLoss[i] = math.NaN()
	}
	return res
}

// restartItems are the part items of res: nil for an unfinished restart,
// the parameters only for a success (the summary reads no others).
func restartItems(res optim.RestartResult, below float64) []any {
	items := make([]any, len(res.FinalLoss))
	for r, loss := range res.FinalLoss {
		if res.Stopped[r] == "" {
			continue
		}
		it := restartItem{Loss: partFloat(loss), Stopped: string(res.Stopped[r])}
		if loss < below {
			it.Params = partFloats(res.Params[r])
		}
		items[r] = it
	}
	return items
}

// interruptedName is the default file of an interrupted run:
// restarts.interrupted.json, or for a shard its part's name with
// .interrupted before .json.
func interruptedName(sf *shardFlags, k, n int, sharded bool) string {
	if !sharded {
		return "restarts.interrupted.json"
	}
	return strings.TrimSuffix(sf.path("restarts", k, n), ".json") + ".interrupted.json"
}

// saveInterrupted writes the finished restarts of res (indices first…) to
// path and returns the error that reports the interruption.
func saveInterrupted(path string, fs *flag.FlagSet, hdr restartsHeader, k, n int, sharded bool, first int, res optim.RestartResult, below float64) error {
	finished := 0
	for _, s := range res.Stopped {
		if s != "" {
			finished++
		}
	}
	if finished == 0 {
		return fmt.Errorf("interrupted before any restart finished; nothing saved")
	}
	if !sharded {
		k, n = 0, 1
	}
	data, err := encodePart(fs, "restarts", "restart", k, n, hdr.N, first, hdr, restartItems(res, below))
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return fmt.Errorf("interrupted; the %d finished restarts could not be saved: %v", finished, err)
	}
	return fmt.Errorf("interrupted: %d of %d restarts finished, saved to %s; to finish, run the same command with --resume %s",
		finished, len(res.Stopped), path, path)
}

// resumeRestarts reads the file of an interrupted run into res (the
// restarts first…) and returns the indices still to run. The file must come
// from the same build with the same flags and shard.
func resumeRestarts(path string, fs *flag.FlagSet, hdr restartsHeader, k, n int, sharded bool, first int, res *optim.RestartResult) ([]int, error) {
	pf, err := readPart(path)
	if err != nil {
		return nil, fmt.Errorf("--resume %v", err)
	}
	if !sharded {
		k, n = 0, 1
	}
	switch {
	case pf.Study != "restarts":
		return nil, usagef("--resume %s: the file is from a %s run, not restarts", path, pf.Study)
	case pf.Saddle != saddleVersion():
		return nil, fmt.Errorf("--resume %s: written by saddle %s, this is %s: the results could differ; rerun with one build", path, pf.Saddle, saddleVersion())
	case pf.Shard != k || pf.Shards != n:
		return nil, usagef("--resume %s: the file is shard %d/%d, this run is shard %d/%d", path, pf.Shard, pf.Shards, k, n)
	}
	if name, was, now, ok := firstDiff(pf.Params, studyParams(fs)); ok {
		return nil, usagef("--resume %s: it was run with --%s %s, this command has %s (give the same flags)", path, name, was, now)
	}
	want, err := json.Marshal(hdr)
	if err != nil {
		return nil, err
	}
	if key, err := headerDiff(pf.Header, want); err != nil || key != "" {
		return nil, fmt.Errorf("--resume %s: the file's %q differs from this run's (different data or build?)", path, key)
	}
	m, err := hdr.Arch.mlp()
	if err != nil {
		return nil, err
	}
	var todo []int
	for i, raw := range pf.Items {
		r := pf.First + i
		if string(raw) == "null" {
			todo = append(todo, r)
			continue
		}
		var it restartItem
		if err := strictUnmarshal(raw, &it); err != nil {
			return nil, fmt.Errorf("--resume %s: restart %d: %v", path, r, err)
		}
		if it.Stopped == "" {
			return nil, fmt.Errorf("--resume %s: restart %d is incomplete (no stop reason)", path, r)
		}
		if err := it.store(res, r-first, float64(hdr.SuccessBelow), m.NumParams()); err != nil {
			return nil, fmt.Errorf("--resume %s: restart %d %v", path, r, err)
		}
	}
	return todo, nil
}
