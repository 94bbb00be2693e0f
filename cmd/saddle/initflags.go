package main

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"strings"

	"github.com/saddle-dev/saddle/nn"
)

// initNames are the built-in initialisations of --init; anything else is
// read as a checkpoint file.
var initNames = []string{"formula", "uniform", "xavier", "he", "workload-w1", "workload-w5"}

// initFlags are --init, --init-scale and --seed, shared by the subcommands
// that start nets.
type initFlags struct {
	init  *string
	scale *float64
	seed  *uint64
}

// addInitFlags registers the flags on fs with def as the default --init.
// The default "preset" (the preset's own start, nn.PresetStart) is offered
// only by subcommands that handle it themselves (train, sweep).
func addInitFlags(fs *flag.FlagSet, def string) *initFlags {
	choices := strings.Join(initNames, "|")
	if def == "preset" {
		choices = "preset (W1's start for xor/and/or, else the formula init)|" + choices
	}
	return &initFlags{
		init: fs.String("init", def, "initial parameters: "+choices+
			"|FILE (a checkpoint); workload-w1/w5 are docs/WORKLOADS.md's starts of the 2-2-1 net"),
		scale: fs.Float64("init-scale", 0, "uniform: half-width a of uniform(−a, a) (0 means 1); "+
			"formula, xavier, he: a factor on the parameters (0 means 1)"),
		seed: fs.Uint64("seed", 1, "seed of random initialisations (and mini-batch shuffles)"),
	}
}

// check validates the flags before any work: a usage error for a bad scale.
func (f *initFlags) check() error {
	if *f.scale < 0 {
		return usagef("--init-scale must be ≥ 0, got %v", *f.scale)
	}
	if *f.init == "" {
		return usagef("--init must not be empty (one of %s, or a checkpoint file)", strings.Join(initNames, ", "))
	}
	return nil
}

// start returns the initial parameters of net m for restart r (r = 0 for a
// single run), nn.InitFor's: a usage error for an unknown --init or a
// workload start on another net; an error naming the file for a bad
// checkpoint.
func (f *initFlags) start(m nn.MLP, r int) ([]float64, error) {
	p, ok, err := nn.InitFor(m, *f.init, *f.scale, *f.seed, r)
	switch {
	case err != nil:
		return nil, usagef("--init %v", err)
	case ok:
		return p, nil
	case *f.init == "preset":
		return nil, usagef("--init preset is not available here (one of %s, or a checkpoint file)", strings.Join(initNames, ", "))
	}
	return f.fromFile(m)
}

// fromFile reads the parameters of m from the checkpoint named by --init.
func (f *initFlags) fromFile(m nn.MLP) ([]float64, error) {
	path := *f.init
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, usagef("--init %q: not one of %s, and no such file", path, strings.Join(initNames, ", "))
	}
	ck, err := loadNetCheckpoint("init", path, m)
	return ck.Params, err
}
