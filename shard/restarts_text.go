package shard

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// WriteText writes r for a reader: the settings, the success count and
// rate, the distinct solutions, the diverged runs, the chance that some of
// k restarts succeeds, 1 − (1 − p)^k for k = 2, 5, 10, 20 (when 0 < p < 1),
// and the final-loss histogram with bars of up to 40 '#', in one write.
func (r RestartsReport) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d restarts of %s: %s lr %g, %d steps, init %s\n", r.N, r.Net, r.Optimizer, r.LR, r.Steps, r.Init)
	fmt.Fprintf(&b, "success (final loss < %g): %d of %d (%.1f%%)\n", r.SuccessBelow, r.Successes, r.N, 100*r.SuccessRate)
	fmt.Fprintf(&b, "distinct solutions up to hidden-unit symmetry: %d\n", r.Distinct)
	if r.Diverged > 0 {
		fmt.Fprintf(&b, "diverged: %d\n", r.Diverged)
	}
	if p := r.SuccessRate; p > 0 && p < 1 {
		var parts []string
		for _, k := range []int{2, 5, 10, 20} {
			parts = append(parts, fmt.Sprintf("%d: %.1f%%", k, 100*(1-math.Pow(1-p, float64(k)))))
		}
		fmt.Fprintf(&b, "P(some success within k restarts) = 1 − (1 − p)^k, k = %s\n", strings.Join(parts, ", "))
	}
	if h := r.Histogram; len(h.Counts) > 0 {
		fmt.Fprintf(&b, "\nfinal loss (log-scale bins)\n")
		most := 1
		for _, c := range h.Counts {
			most = max(most, c)
		}
		for i, c := range h.Counts {
			fmt.Fprintf(&b, "  [%9.3g, %9.3g) %5d %s\n", h.Edges[i], h.Edges[i+1], c, strings.Repeat("#", (40*c+most-1)/most))
		}
		if h.Other > 0 {
			fmt.Fprintf(&b, "  zero or not finite  %5d\n", h.Other)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
