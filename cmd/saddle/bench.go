package main

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/internal/eigen"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
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

// benchKV is one key=value of a line's extra field, in print order.
type benchKV struct {
	key string
	val any
}

// benchLine is one workload's result, in the format of the hand-written
// yardstick described in docs/WORKLOADS.md (it prints the same fields).
type benchLine struct {
	Peer      string         `json:"peer"`
	Workload  string         `json:"workload"`
	Steps     int            `json:"steps"`
	NsPerStep float64        `json:"ns_per_step"`
	Min       float64        `json:"min"`
	Max       float64        `json:"max"`
	FinalLoss *float64       `json:"final_loss"` // null for W5 (no single loss)
	RefOK     bool           `json:"ref_ok"`
	Extra     map[string]any `json:"extra"`
	extra     []benchKV
}

// benchReport is the JSON document of `saddle bench --json`.
type benchReport struct {
	Peer       string      `json:"peer"`
	Reps       int         `json:"reps"`
	GOMAXPROCS int         `json:"gomaxprocs"`
	RefOK      bool        `json:"ref_ok"`
	Workloads  []benchLine `json:"workloads"`
}

// benchWorkloads are the names --w accepts; W4 stands for W4a and W4b.
var benchWorkloads = []string{"W1", "W2", "W3", "W4", "W4a", "W4b", "W5", "W5-batched"}

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
	var names []string
	for _, w := range strings.Split(*ws, ",") {
		w = strings.TrimSpace(w)
		i := slices.IndexFunc(benchWorkloads, func(s string) bool { return strings.EqualFold(s, w) })
		if i < 0 {
			return usagef("--w: unknown workload %q (want some of %s)", w, strings.Join(benchWorkloads, ","))
		}
		names = append(names, benchWorkloads[i])
	}
	rep := benchReport{Peer: "saddle", Reps: *reps, GOMAXPROCS: runtime.GOMAXPROCS(0), RefOK: true}
	for _, w := range names {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		lines, err := benchRun(w, *reps)
		if err != nil {
			return fmt.Errorf("%s: %v", w, err)
		}
		benchAddLimits(lines)
		for _, l := range lines {
			if !*jsonOut {
				fmt.Fprintln(e.stdout, l.String())
			}
			rep.RefOK = rep.RefOK && l.RefOK
			rep.Workloads = append(rep.Workloads, l)
		}
	}
	if *jsonOut {
		if err := writeJSON(e, rep); err != nil {
			return err
		}
	}
	var bad []string
	for _, l := range rep.Workloads {
		if !l.RefOK {
			bad = append(bad, l.Workload)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s: result differs from the docs/WORKLOADS.md reference", strings.Join(bad, ","))
	}
	return nil
}

func benchRun(w string, reps int) ([]benchLine, error) {
	switch w {
	case "W1":
		return benchW1(reps)
	case "W2":
		return benchW2(reps)
	case "W3":
		return benchW3(reps)
	case "W4":
		a, err := benchW4("W4a", reps)
		if err != nil {
			return nil, err
		}
		b, err := benchW4("W4b", reps)
		return append(a, b...), err
	case "W4a", "W4b":
		return benchW4(w, reps)
	case "W5-batched":
		return benchW5Batched(reps)
	}
	return benchW5(reps)
}

// String formats l as one line: peer=saddle workload=W1 steps=… extra=k=v,…
func (l benchLine) String() string {
	loss := "NA"
	if l.FinalLoss != nil {
		loss = fmt.Sprintf("%.17g", *l.FinalLoss)
	}
	var b strings.Builder
	for i, kv := range l.extra {
		if i > 0 {
			b.WriteByte(',')
		}
		switch v := kv.val.(type) {
		case float64:
			switch {
			case strings.HasPrefix(kv.key, "eig_"):
				fmt.Fprintf(&b, "%s=%.17g", kv.key, v) // compared with references to 1e-8
			case strings.HasPrefix(kv.key, "ns_"):
				fmt.Fprintf(&b, "%s=%.1f", kv.key, v)
			case strings.HasPrefix(kv.key, "wall_ms"):
				fmt.Fprintf(&b, "%s=%.2f", kv.key, v)
			default:
				fmt.Fprintf(&b, "%s=%.3g", kv.key, v)
			}
		default:
			fmt.Fprintf(&b, "%s=%v", kv.key, v)
		}
	}
	return fmt.Sprintf("peer=%s workload=%s steps=%d ns_per_step=%.1f min=%.1f max=%.1f final_loss=%s extra=%s",
		l.Peer, l.Workload, l.Steps, l.NsPerStep, l.Min, l.Max, loss, b.String())
}

// newBenchLine fills a line from the timed repeats (ns per step).
func newBenchLine(w string, steps int, ns []float64, loss *float64, refOK bool, extra ...benchKV) benchLine {
	med, lo, hi := benchStats(ns)
	extra = append(extra, benchKV{"ref_ok", refOK})
	m := make(map[string]any, len(extra))
	for _, kv := range extra {
		m[kv.key] = kv.val
	}
	return benchLine{Peer: "saddle", Workload: w, Steps: steps, NsPerStep: med, Min: lo, Max: hi,
		FinalLoss: loss, RefOK: refOK, Extra: m, extra: extra}
}

// benchStats returns the median, minimum and maximum of xs.
func benchStats(xs []float64) (med, lo, hi float64) {
	s := slices.Clone(xs)
	sort.Float64s(s)
	n := len(s)
	med = s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return med, s[0], s[n-1]
}

// benchRel reports whether got agrees with want to rel relative.
func benchRel(got, want, rel float64) bool { return math.Abs(got-want) <= rel*math.Abs(want) }

// The docs/WORKLOADS.md references and the agreement it states.
const (
	benchW1Ref    = 0.00102746942975
	benchW2Ref    = 1.19117735702968e-4
	benchW3Ref    = 2.17639751205570
	benchLossRel  = 1e-9 // final losses of W1–W3: relative
	benchEigAbs   = 1e-8 // W4 loss and eigenvalues: absolute
	benchW5Count  = 152
	benchW5Thresh = 0.01
)

// allocMeter counts heap allocations between start and stop.
type allocMeter struct{ before runtime.MemStats }

func (a *allocMeter) start() { runtime.ReadMemStats(&a.before) }

// perStep returns the allocations since start divided by steps.
func (a *allocMeter) perStep(steps int) float64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.Mallocs-a.before.Mallocs) / float64(steps)
}

// benchTrain times reps+1 training runs of steps (the first untimed), each
// from start, and returns the ns per step of the timed ones, the final loss
// (checked identical across runs) and the allocations per step.
func benchTrain(prog *autodiff.Program, start []float64, steps, reps int, newOpt func() optim.Optimizer) ([]float64, float64, float64, error) {
	var ns []float64
	var loss, allocs float64
	params := make([]float64, len(start))
	grad := make([]float64, len(start))
	for r := 0; r <= reps; r++ {
		copy(params, start)
		opt := newOpt()
		var am allocMeter
		am.start()
		t0 := time.Now()
		for range steps {
			prog.ValueAndGrad(params, grad)
			opt.Step(params, grad)
		}
		d := time.Since(t0)
		a := am.perStep(steps)
		l := prog.Value(params)
		if r == 0 {
			loss = l
			continue
		}
		if l != loss {
			return nil, 0, 0, fmt.Errorf("final loss changed between runs: %.17g then %.17g", loss, l)
		}
		ns = append(ns, float64(d.Nanoseconds())/float64(steps))
		allocs = max(allocs, a)
	}
	return ns, loss, allocs, nil
}

func benchW1(reps int) ([]benchLine, error) {
	const steps = 10000
	f, start, err := benchProblem("xor")
	if err != nil {
		return nil, err
	}
	prog, err := autodiff.Compile(f, len(start))
	if err != nil {
		return nil, err
	}
	ns, loss, allocs, err := benchTrain(prog, start, steps, reps, func() optim.Optimizer { return &optim.GD{LR: 0.5} })
	if err != nil {
		return nil, err
	}
	return []benchLine{newBenchLine("W1", steps, ns, &loss, benchRel(loss, benchW1Ref, benchLossRel),
		benchKV{"allocs_per_step", allocs}, benchKV{"num_ops", prog.NumOps()},
		benchKV{"rel_err_vs_ref", math.Abs(loss-benchW1Ref) / benchW1Ref})}, nil
}

func benchW2(reps int) ([]benchLine, error) {
	const steps = 1000
	f, start, err := benchProblem("moons")
	if err != nil {
		return nil, err
	}
	prog, err := autodiff.Compile(f, len(start))
	if err != nil {
		return nil, err
	}
	ns, loss, allocs, err := benchTrain(prog, start, steps, reps, func() optim.Optimizer { return &optim.Adam{LR: 0.01} })
	if err != nil {
		return nil, err
	}
	return []benchLine{newBenchLine("W2", steps, ns, &loss, benchRel(loss, benchW2Ref, benchLossRel),
		benchKV{"allocs_per_step", allocs}, benchKV{"num_ops", prog.NumOps()},
		benchKV{"rel_err_vs_ref", math.Abs(loss-benchW2Ref) / benchW2Ref})}, nil
}

func benchW3(reps int) ([]benchLine, error) {
	const steps = 200
	threads := []int{1}
	if n := runtime.GOMAXPROCS(0); n > 1 {
		threads = append(threads, n)
	}
	f, start, err := benchProblem("w3")
	if err != nil {
		return nil, err
	}
	var lines []benchLine
	for _, th := range threads {
		prog, err := autodiff.Compile(f, len(start))
		if err != nil {
			return nil, err
		}
		prog.SetWorkers(th)
		ns, loss, allocs, err := benchTrain(prog, start, steps, reps, func() optim.Optimizer { return &optim.GD{LR: 0.05, Momentum: 0.9} })
		prog.SetWorkers(1)
		if err != nil {
			return nil, err
		}
		lines = append(lines, newBenchLine("W3", steps, ns, &loss, benchRel(loss, benchW3Ref, benchLossRel),
			benchKV{"threads", th}, benchKV{"allocs_per_step", allocs}, benchKV{"num_ops", prog.NumOps()},
			benchKV{"rel_err_vs_ref", math.Abs(loss-benchW3Ref) / benchW3Ref}))
	}
	return lines, nil
}

// benchW4Case is one of W4's Hessians with its docs/WORKLOADS.md reference.
type benchW4Case struct {
	preset         string
	f              autodiff.Func
	x              []float64
	loss, min, max float64
}

func benchW4(w string, reps int) ([]benchLine, error) {
	c := benchW4Case{preset: "xor", loss: 0.252868459475519, min: -0.00887508328076912, max: 0.190959812648818}
	if w == "W4b" {
		c = benchW4Case{preset: "w4b", loss: 0.760278246595765, min: -0.350808881953973, max: 0.940475569557462}
	}
	var err error
	if c.f, c.x, err = benchProblem(c.preset); err != nil {
		return nil, err
	}
	n := len(c.x)
	hp, err := autodiff.CompileHVP(c.f, n)
	if err != nil {
		return nil, err
	}
	H := make([][]float64, n)
	for i := range H {
		H[i] = make([]float64, n)
	}
	x := slices.Clone(c.x)
	hessNs := benchRepeat(reps, func() { hp.Hessian(x, H) })
	var am allocMeter
	am.start()
	hp.Hessian(x, H)
	allocs := am.perStep(1)
	// HVPs alternate between two points so that the per-point part (the
	// forward pass and the gradient) is never reused: the full cost.
	x2 := slices.Clone(c.x)
	x2[0] = math.Nextafter(x2[0], 1)
	v := benchW4Vector(n)
	hv := make([]float64, n)
	flip := false
	hvpNs := benchRepeat(reps, func() {
		if flip {
			hp.HVP(x2, v, hv)
		} else {
			hp.HVP(x, v, hv)
		}
		flip = !flip
	})
	hp.Hessian(x, H)
	var symErr float64
	for i := range n {
		for j := range n {
			symErr = max(symErr, math.Abs(H[i][j]-H[j][i]))
		}
	}
	ev := eigen.Sym(H) // ascending
	if ev == nil {
		return nil, fmt.Errorf("the eigen-decomposition of the Hessian did not converge")
	}
	loss := autodiff.Value(c.f, c.x)
	ok := math.Abs(loss-c.loss) <= benchEigAbs && math.Abs(ev[0]-c.min) <= benchEigAbs && math.Abs(ev[n-1]-c.max) <= benchEigAbs
	hvpMed, _, _ := benchStats(hvpNs)
	return []benchLine{newBenchLine(w, 1, hessNs, &loss, ok,
		benchKV{"method", "compiled-reverse-over-reverse"}, benchKV{"ns_per_hessian", median(hessNs)},
		benchKV{"ns_per_hvp", hvpMed}, benchKV{"symmetry_error", symErr},
		benchKV{"eig_min", ev[0]}, benchKV{"eig_max", ev[n-1]}, benchKV{"allocs_per_hessian", allocs},
		benchKV{"num_ops", hp.NumOps()})}, nil
}

func median(xs []float64) float64 {
	m, _, _ := benchStats(xs)
	return m
}

// benchRepeat times f as the yardstick does for W4: one warm-up, then reps repeats
// of enough calls to last about 20 ms; it returns ns per call of each repeat.
func benchRepeat(reps int, f func()) []float64 {
	f()
	t0 := time.Now()
	f()
	inner := int(20*time.Millisecond/(time.Since(t0)+1)) + 1
	ns := make([]float64, reps)
	for r := range ns {
		t0 := time.Now()
		for range inner {
			f()
		}
		ns[r] = float64(time.Since(t0).Nanoseconds()) / float64(inner)
	}
	return ns
}

func benchW5(reps int) ([]benchLine, error) {
	const restarts, steps = 1000, 2000
	prog, err := benchXOR()
	if err != nil {
		return nil, err
	}
	workers := runtime.GOMAXPROCS(0)
	progs := make([]*autodiff.Program, workers)
	for i := range progs {
		progs[i] = prog.Clone()
	}
	final := make([]float64, restarts)
	run := func() (time.Duration, int) {
		var next atomic.Int64
		var wg sync.WaitGroup
		t0 := time.Now()
		for _, p := range progs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				params := make([]float64, 9)
				grad := make([]float64, 9)
				for {
					r := int(next.Add(1) - 1)
					if r >= restarts {
						return
					}
					copy(params, nn.W5Start(r))
					for range steps {
						p.ValueAndGrad(params, grad)
						for k, g := range grad {
							params[k] -= 0.5 * g
						}
					}
					final[r] = p.Value(params)
				}
			}()
		}
		wg.Wait()
		d := time.Since(t0)
		count := 0
		for _, l := range final {
			if l < benchW5Thresh {
				count++
			}
		}
		return d, count
	}
	_, count := run()
	ms := make([]float64, reps)
	for r := range ms {
		d, c := run()
		if c != count {
			return nil, fmt.Errorf("count changed between runs: %d then %d", count, c)
		}
		ms[r] = float64(d.Nanoseconds()) / 1e6
	}
	med, lo, hi := benchStats(ms)
	ns := make([]float64, len(ms))
	for i, m := range ms {
		ns[i] = m * 1e6 / (restarts * steps)
	}
	return []benchLine{newBenchLine("W5", steps, ns, nil, count == benchW5Count,
		benchKV{"restarts", restarts}, benchKV{"count_loss_lt_0.01", count},
		benchKV{"wall_ms", med}, benchKV{"wall_ms_min", lo}, benchKV{"wall_ms_max", hi}, benchKV{"workers", workers})}, nil
}

// benchProblem returns the loss of an nn preset (the workloads of
// docs/WORKLOADS.md: xor is W1, moons W2, w3 W3, w4b W4b) and its start.
func benchProblem(name string) (autodiff.Func, []float64, error) {
	p, err := nn.Preset(name)
	if err != nil {
		return nil, nil, err
	}
	start, err := nn.PresetStart(name)
	if err != nil {
		return nil, nil, err
	}
	return p.Func(), start, nil
}

// benchW4Vector is W4's HVP direction v_k = cos(0.7·k + 0.2).
func benchW4Vector(n int) []float64 {
	v := make([]float64, n)
	for k := range v {
		v[k] = math.Cos(0.7*float64(k) + 0.2)
	}
	return v
}
