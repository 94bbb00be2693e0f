package workload

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// KV is one key=value of a line's extras, in print order.
type KV struct {
	Key string
	Val any
}

// Line is one workload's result, in the format the peers' harnesses print.
type Line struct {
	Peer      string         `json:"peer"`
	Workload  string         `json:"workload"`
	Steps     int            `json:"steps"`
	NsPerStep float64        `json:"ns_per_step"`
	Min       float64        `json:"min"`
	Max       float64        `json:"max"`
	FinalLoss *float64       `json:"final_loss"` // nil for W5 (no single loss)
	RefOK     bool           `json:"ref_ok"`
	Extra     map[string]any `json:"extra"`
	Ordered   []KV           `json:"-"` // Extra in print order
}

// Report is the outcome of Run: every line, and whether all agree with
// their references.
type Report struct {
	Peer       string `json:"peer"`
	Reps       int    `json:"reps"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	RefOK      bool   `json:"ref_ok"`
	Workloads  []Line `json:"workloads"`
}

// Failed returns the workloads whose result differs from the reference.
func (r Report) Failed() []string {
	var bad []string
	for _, l := range r.Workloads {
		if !l.RefOK {
			bad = append(bad, l.Workload)
		}
	}
	return bad
}

// NewLine fills a line of workload w from the timed repeats (ns per step):
// their median, minimum and maximum; ref_ok is appended to the extras.
func NewLine(w string, steps int, ns []float64, loss *float64, refOK bool, extra ...KV) Line {
	med, lo, hi := Stats(ns)
	extra = append(extra, KV{"ref_ok", refOK})
	m := make(map[string]any, len(extra))
	for _, kv := range extra {
		m[kv.Key] = kv.Val
	}
	return Line{Peer: "saddle", Workload: w, Steps: steps, NsPerStep: med, Min: lo, Max: hi,
		FinalLoss: loss, RefOK: refOK, Extra: m, Ordered: extra}
}

// String formats l as one line:
// peer=saddle workload=W1 steps=… ns_per_step=… min=… max=… final_loss=… extra=k=v,…
// Eigenvalues are printed to 17 digits (they are compared to 1e-8), times
// in ns to 0.1, wall times in ms to 0.01, other floats to 3 digits.
func (l Line) String() string {
	loss := "NA"
	if l.FinalLoss != nil {
		loss = fmt.Sprintf("%.17g", *l.FinalLoss)
	}
	var b strings.Builder
	for i, kv := range l.Ordered {
		if i > 0 {
			b.WriteByte(',')
		}
		switch v := kv.Val.(type) {
		case float64:
			switch {
			case strings.HasPrefix(kv.Key, "eig_"):
				fmt.Fprintf(&b, "%s=%.17g", kv.Key, v)
			case strings.HasPrefix(kv.Key, "ns_"):
				fmt.Fprintf(&b, "%s=%.1f", kv.Key, v)
			case strings.HasPrefix(kv.Key, "wall_ms"):
				fmt.Fprintf(&b, "%s=%.2f", kv.Key, v)
			default:
				fmt.Fprintf(&b, "%s=%.3g", kv.Key, v)
			}
		default:
			fmt.Fprintf(&b, "%s=%v", kv.Key, v)
		}
	}
	return fmt.Sprintf("peer=%s workload=%s steps=%d ns_per_step=%.1f min=%.1f max=%.1f final_loss=%s extra=%s",
		l.Peer, l.Workload, l.Steps, l.NsPerStep, l.Min, l.Max, loss, b.String())
}

// Stats returns the median, minimum and maximum of xs (not empty).
func Stats(xs []float64) (med, lo, hi float64) {
	s := slices.Clone(xs)
	sort.Float64s(s)
	n := len(s)
	med = s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return med, s[0], s[n-1]
}
