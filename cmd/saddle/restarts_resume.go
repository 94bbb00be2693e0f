package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/saddle-dev/saddle/shard"
)

// Interrupted restarts. On Ctrl-C, `saddle restarts` writes the restarts
// that finished to a file in the part format of sharded runs (shard 0 of 1
// when the run is not sharded), with null for every restart that did not
// finish, and exits 1 saying so. --resume FILE with the same flags runs only
// the missing restarts: each restart depends on its index alone, so the
// result is bit for bit the uninterrupted run's. merge refuses such a file.
// The logic is shard.RestartsBlock and shard.Resume.

// interruptedName is the default file of an interrupted run:
// restarts.interrupted.json, or for a shard its part's name with
// .interrupted before .json.
func interruptedName(sf *shardFlags, k, n int, sharded bool) string {
	if !sharded {
		return "restarts.interrupted.json"
	}
	return strings.TrimSuffix(sf.path("restarts", k, n), ".json") + ".interrupted.json"
}

// saveInterrupted writes the finished restarts of block to path
// (shard.RestartsBlock.Save) and returns the error that reports the
// interruption.
func saveInterrupted(path string, fs *flag.FlagSet, hdr shard.RestartsHeader, block *shard.RestartsBlock) error {
	finished, err := block.Save(path, hdr, studyParams(fs))
	switch {
	case finished == 0:
		return fmt.Errorf("interrupted before any restart finished; nothing saved")
	case err != nil:
		return fmt.Errorf("interrupted; the %d finished restarts could not be saved: %v", finished, err)
	}
	return fmt.Errorf("interrupted: %d of %d restarts finished, saved to %s; to finish, run the same command with --resume %s",
		finished, len(block.Result.Stopped), path, path)
}
