package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/saddle-dev/saddle/nn"
)

// loadNetCheckpoint reads the checkpoint that flag (--params, --init,
// --resume, …) names and checks that it holds the net m
// (nn.LoadCheckpointFor). Every subcommand reads checkpoints through it, so
// one mistake gets one exit code: a checkpoint of another net is a usage
// error (exit 2: the flags and the file disagree); a missing, unreadable or
// malformed file is exit 1.
func loadNetCheckpoint(flag, path string, m nn.MLP) (nn.Checkpoint, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nn.Checkpoint{}, fmt.Errorf("--%s %s: no such file", flag, path)
	}
	ck, err := nn.LoadCheckpointFor(path, m)
	var mis *nn.NetMismatchError
	if errors.As(err, &mis) {
		return nn.Checkpoint{}, usagef("--%s %s holds a %v net, but the flags describe %v (give matching --net or --sizes/--act/--out-act)", flag, path, mis.Got, m)
	}
	return ck, err
}
