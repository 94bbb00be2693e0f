// Package workload runs and times the benchmark workloads W1–W5 of
// docs/WORKLOADS.md on the compiled engine and checks their results against
// the references of package workload/ref — the harness behind `saddle bench`,
// callable from any Go program:
//
//	ws, _ := workload.Select("W1,W4")   // W4 stands for W4a and W4b
//	rep, err := workload.Run(ws, workload.Options{Reps: 5, Context: ctx}, func(l workload.Line) { fmt.Println(l) })
//
// A workload is a Workload value: a name and a function that runs it reps
// timed times (after one untimed warm-up) and returns its result lines. Each
// Line carries the fields the peers' harnesses print (peer, workload, steps,
// ns_per_step as the median of the repeats with min and max, final_loss,
// ref_ok) and workload-specific extras in print order; Line.String is the
// one-line text format, and Line and Report marshal to the JSON of
// `saddle bench --json`.
//
// Timing follows docs/WORKLOADS.md: every timed repeat starts again from the
// initial parameters, the median of the repeats is reported, and
// allocations are counted per step; results are checked identical across
// repeats (the engine is deterministic), so a changed result is an error.
package workload
