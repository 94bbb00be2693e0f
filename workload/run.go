package workload

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
)

// Workload is one benchmark workload: its name and the function that runs
// it reps timed times (after one untimed warm-up) and returns its lines
// (W3 has one per thread count).
type Workload struct {
	Name string
	Run  func(reps int) ([]Line, error)
}

// All returns the workloads W1, W2, W3, W4a, W4b, W5 and W5-batched (W5 on
// the batched replay, autodiff.BatchProgram), in that order.
func All() []Workload {
	return []Workload{
		{"W1", runW1}, {"W2", runW2}, {"W3", runW3},
		{"W4a", func(reps int) ([]Line, error) { return runW4(w4a, reps) }},
		{"W4b", func(reps int) ([]Line, error) { return runW4(w4b, reps) }},
		{"W5", runW5}, {"W5-batched", runW5Batched},
	}
}

// Names are the names Select accepts (any case); W4 stands for W4a and W4b.
func Names() []string { return []string{"W1", "W2", "W3", "W4", "W4a", "W4b", "W5", "W5-batched"} }

// Select returns the workloads of a comma-separated list of Names, in the
// list's order; an unknown name is an error naming it.
func Select(list string) ([]Workload, error) {
	all := All()
	byName := func(n string) Workload {
		return all[slices.IndexFunc(all, func(w Workload) bool { return w.Name == n })]
	}
	var ws []Workload
	for _, w := range strings.Split(list, ",") {
		w = strings.TrimSpace(w)
		names := Names()
		i := slices.IndexFunc(names, func(s string) bool { return strings.EqualFold(s, w) })
		switch {
		case i < 0:
			return nil, fmt.Errorf("unknown workload %q (want some of %s)", w, strings.Join(names, ","))
		case names[i] == "W4":
			ws = append(ws, byName("W4a"), byName("W4b"))
		default:
			ws = append(ws, byName(names[i]))
		}
	}
	return ws, nil
}

// DefaultReps is the number of timed repeats of Options.Reps 0 (and of
// `saddle bench`).
const DefaultReps = 5

// Options controls Run.
type Options struct {
	Reps    int             // timed repeats per workload after one untimed warm-up; 0 means DefaultReps
	Context context.Context // checked between workloads; nil means never
}

// Run runs ws in order with o.Reps timed repeats each, calling each (if not
// nil) with every line as soon as it is measured. A result that differs from
// its reference is not an error: see Report.RefOK and Failed. A negative
// Reps panics.
func Run(ws []Workload, o Options, each func(Line)) (Report, error) {
	reps := o.Reps
	if reps == 0 {
		reps = DefaultReps
	}
	if reps < 1 {
		panic(fmt.Sprintf("workload: Run: reps = %d, want at least 1", reps))
	}
	rep := Report{Peer: "saddle", Reps: reps, GOMAXPROCS: runtime.GOMAXPROCS(0), RefOK: true}
	for _, w := range ws {
		if o.Context != nil && o.Context.Err() != nil {
			return rep, o.Context.Err()
		}
		lines, err := w.Run(reps)
		if err != nil {
			return rep, fmt.Errorf("%s: %v", w.Name, err)
		}
		AddLimits(lines)
		for _, l := range lines {
			if each != nil {
				each(l)
			}
			rep.RefOK = rep.RefOK && l.RefOK
			rep.Workloads = append(rep.Workloads, l)
		}
	}
	return rep, nil
}
