package workload

import (
	"fmt"
	"math"
	"runtime"
	"time"
)

// transcendentals counts the transcendental calls of one step of a
// workload (per restart-step for W5), read off its ops: W1/W5 the 8 hidden
// and 4 output sigmoids of the XOR net; W2 the 2·1,024·16 tanh of its
// hidden layers and, in BCE from logits, 1,024 exp and log1p forward and
// 1,024 sigmoids backward; W3 LogSumExp's 128·10 exp and 128 log forward
// and the softmax's 128·10 exp backward.
type transcendentals struct{ tanh, sigmoid, exp, log, log1p int }

// transcendentalsOf returns the counts of workload w, and whether it has a
// limit line.
func transcendentalsOf(w string) (transcendentals, bool) {
	c, ok := map[string]transcendentals{
		"W1": {sigmoid: 12},
		"W2": {tanh: 2 * 1024 * 16, exp: 1024, log1p: 1024, sigmoid: 1024},
		"W3": {exp: 2 * 128 * 10, log: 128},
		"W5": {sigmoid: 12},
	}[w]
	return c, ok
}

// AddLimits adds to the lines of W1, W2, W3 and W5 the limit they are
// measured against: the time of their transcendental calls alone through
// the math package, as the unbatched program makes them, timed here in the
// same run (limit_ns_per_step), and the ratio of the step's time to it
// (x_limit). W4 (Hessians) and W5-batched state theirs elsewhere (W4: none;
// W5-batched: its own sigmoid micro-benchmark). Run calls it on every
// workload's lines.
func AddLimits(lines []Line) {
	for i := range lines {
		l := &lines[i]
		c, ok := transcendentalsOf(l.Workload)
		if !ok {
			continue
		}
		lim := c.nsPerStep()
		if w, ok := l.Extra["workers"].(int); ok && w > 1 {
			lim /= float64(w) // W5's ns per restart-step are wall time over all workers
		}
		add := func(k string, v any) {
			l.Ordered = append(l.Ordered, KV{k, v})
			l.Extra[k] = v
		}
		add("limit", fmt.Sprintf("transcendental calls alone (math: %s)", c))
		add("limit_ns_per_step", lim)
		add("x_limit", l.NsPerStep/lim)
	}
}

func (c transcendentals) String() string {
	s := ""
	for _, kv := range []struct {
		name string
		n    int
	}{{"tanh", c.tanh}, {"sigmoid", c.sigmoid}, {"exp", c.exp}, {"log", c.log}, {"log1p", c.log1p}} {
		if kv.n > 0 {
			if s != "" {
				s += " "
			}
			s += fmt.Sprintf("%d %s", kv.n, kv.name)
		}
	}
	return s
}

// nsPerStep times one step's transcendental calls through math, in arrays
// of one step's counts with arguments of a trained net's magnitude: the
// median of five repeats of about 10 ms each, in ns per step.
func (c transcendentals) nsPerStep() float64 {
	z := preActivations(max(c.tanh, c.sigmoid, c.exp, c.log, c.log1p))
	step := func() {
		s := 0.0
		for _, v := range z[:c.tanh] {
			s += math.Tanh(v)
		}
		for _, v := range z[:c.sigmoid] {
			if v >= 0 {
				s += 1 / (1 + math.Exp(-v))
			} else {
				e := math.Exp(v)
				s += e / (1 + e)
			}
		}
		for _, v := range z[:c.exp] {
			s += math.Exp(v)
		}
		for _, v := range z[:c.log] {
			s += math.Log(math.Abs(v) + 1)
		}
		for _, v := range z[:c.log1p] {
			s += math.Log1p(math.Exp(-math.Abs(v)))
		}
		runtime.KeepAlive(s) // the calls are not optimised away
	}
	med, _, _ := Stats(repeatFor(5, 10*time.Millisecond, step))
	return med
}
