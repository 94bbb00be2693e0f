package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/saddle-dev/saddle/shard"
)

// Sharding: a study whose work is a list of independent items (restarts,
// learning rates, grid rows, escape runs), each seeded by its own index,
// can run a slice of the list on each machine of a batch scheduler (a
// Slurm job array, a Kubernetes Indexed Job) and write a part file;
// `saddle merge` joins the parts into exactly the document the
// single-machine run prints with --json. The logic (index ranges, the part
// format, checking and joining, resuming) is the shard package; this file
// holds the flags.

// nonResultFlags are the flags that do not change a study's results; they
// are left out of a part's parameters (the rest must be equal in every part
// of a merge).
var nonResultFlags = map[string]bool{
	"json": true, "plot": true, "csv": true, "workers": true,
	"shard": true, "shards": true, "part": true, "save": true, "resume": true,
}

// shardFlags are --shard, --shards and --part.
type shardFlags struct {
	shard  *string
	shards *int
	part   *string
}

// addShardFlags registers --shard, --shards and --part on fs for the
// subcommand study; unit names what it splits ("restarts", "learning
// rates", …).
func addShardFlags(fs *flag.FlagSet, study, unit string) *shardFlags {
	return &shardFlags{
		shard: fs.String("shard", "", "run only shard K/N of the "+unit+" (K = 0…N−1, a contiguous block of indices) and write a part file for 'saddle merge'"),
		shards: fs.Int("shards", 0, "split into N shards and take this run's K from "+shard.EnvK8sIndex+" (Kubernetes Indexed Job) or "+
			shard.EnvSlurmID+" (Slurm job array numbered from 0); with --shard, N must agree"),
		part: fs.String("part", "", "the part file of a sharded run (default "+study+".part-K-of-N.json)"),
	}
}

// spec returns the shard this run is, and false when the run is not
// sharded. Usage errors name the flag or the environment variable.
//
// A shard sees only its slice of the study, so the flags that need the whole
// study (--plot, --csv) are refused with --shard: the figure is drawn by
// 'saddle merge --plot'.
func (sf *shardFlags) spec(fs *flag.FlagSet) (k, n int, sharded bool, err error) {
	k, n, sharded, err = sf.parse(fs)
	if err != nil || !sharded {
		return k, n, sharded, err
	}
	for _, name := range []string{"plot", "csv"} {
		if flagSet(fs, name) {
			return 0, 0, false, usagef("--%s needs the whole study: give it to 'saddle merge', not with --shard", name)
		}
	}
	return k, n, true, nil
}

// parse reads --shard, --shards and the scheduler's environment
// (shard.Select).
func (sf *shardFlags) parse(fs *flag.FlagSet) (k, n int, sharded bool, err error) {
	if *sf.shard == "" && !flagSet(fs, "shards") && *sf.part != "" {
		return 0, 0, false, usagef("--part goes with --shard K/N or --shards N")
	}
	k, n, sharded, err = shard.Select(*sf.shard, *sf.shards, flagSet(fs, "shards"))
	return k, n, sharded, asUsage(err)
}

// asUsage turns the shard package's *shard.UsageError into a usage error
// (exit code 2) with the same message; other errors are returned as they
// are.
func asUsage(err error) error {
	var u *shard.UsageError
	if errors.As(err, &u) {
		return usagef("%v", err)
	}
	return err
}

// fileFlags are the flags whose value may name an input file; its content
// is part of the parameters.
var fileFlags = map[string]bool{"data": true, "init": true, "params": true, "to": true}

// studyParams returns the flags of fs that affect the results, with the
// digests of the input files they name (shard.FlagParams).
func studyParams(fs *flag.FlagSet) map[string]string {
	return shard.FlagParams(fs, nonResultFlags, fileFlags)
}

// writePart writes the part of shard k of n of study (indices first…end−1
// of total) atomically to --part (or the default name) and reports it on
// stdout: one line, or one JSON document with --json.
func writePart[I any](e *env, sf *shardFlags, fs *flag.FlagSet, study, index string, k, n, total int, header any, items []I, jsonOut bool) error {
	p, err := shard.New(shard.Meta{Study: study, Index: index, Params: studyParams(fs), Shard: k, Shards: n, Total: total}, header, items)
	if err != nil {
		return err
	}
	return reportPart(e, p, sf.path(study, k, n), jsonOut)
}

// reportPart writes p to path and says so.
func reportPart(e *env, p *shard.Part, path string, jsonOut bool) error {
	if err := p.Write(path); err != nil {
		return err
	}
	if jsonOut {
		return writeJSON(e, p.Summary(path))
	}
	fmt.Fprintf(e.stdout, "wrote %s: %v; join the parts with 'saddle merge'\n", path, p)
	return nil
}

// path is the part file of shard k of n: --part, or the default name.
func (sf *shardFlags) path(study string, k, n int) string {
	if *sf.part != "" {
		return *sf.part
	}
	return shard.PartName(study, k, n)
}
