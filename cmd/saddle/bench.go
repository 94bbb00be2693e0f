package main

import (
	"fmt"
	"strings"

	"github.com/saddle-dev/saddle/workload"
)

func init() {
	register(&command{
		name:    "bench",
		summary: "time the benchmark workloads W1–W5 on the compiled engine and check their results",
		usage:   "saddle bench [--w W1,W2,W3,W4,W5] [--reps 5] [--json]",
		example: "saddle bench --w W1,W4a --reps 3",
		run:     runBench,
	})
}

func runBench(e *env, args []string) error {
	c := commands["bench"]
	fs := newFlags(c)
	ws := fs.String("w", "W1,W2,W3,W4,W5,W5-batched", "comma-separated workloads of docs/WORKLOADS.md (W4a, W4b select one Hessian)")
	reps := fs.Int("reps", 5, "timed repeats after one untimed warm-up; the median is reported")
	jsonOut := fs.Bool("json", false, "print one JSON document")
	if _, err := parseFlags(e, c, fs, args, false); err != nil {
		return err
	}
	if *reps < 1 {
		return usagef("--reps must be at least 1, got %d", *reps)
	}
	selected, err := workload.Select(*ws)
	if err != nil {
		return usagef("--w: %v", err)
	}
	rep, err := workload.Run(selected, workload.Options{Reps: *reps, Context: e.ctx}, func(l workload.Line) {
		if !*jsonOut {
			fmt.Fprintln(e.stdout, l.String())
		}
	})
	if err != nil {
		return err
	}
	if *jsonOut {
		if err := writeJSON(e, rep); err != nil {
			return err
		}
	}
	if bad := rep.Failed(); len(bad) > 0 {
		return fmt.Errorf("%s: result differs from the docs/WORKLOADS.md reference", strings.Join(bad, ","))
	}
	return nil
}
