package nn

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"text/tabwriter"
)

// OrbitReport is an orbit study (StudyOrbit) of a point of a problem as
// `saddle symmetry --json` writes it: the problem, the point and where it
// came from, and the study's findings.
type OrbitReport struct {
	Net          string    `json:"net"`
	Sizes        []int     `json:"sizes"`
	Hidden       string    `json:"hidden"`
	Output       string    `json:"output"`
	Loss         string    `json:"loss"`
	Data         string    `json:"data"`
	ParamsSource string    `json:"params_source"`
	Params       []float64 `json:"params"`
	// OrbitSize is Π over hidden layers of n!·2ⁿ (n! without flips).
	OrbitSize *big.Int `json:"orbit_size"`
	// OrbitSizeLog10 is log₁₀ of OrbitSize, for readers whose JSON numbers are float64.
	OrbitSizeLog10 float64 `json:"orbit_size_log10"`
	// Enumerated: the whole orbit was evaluated; otherwise Evaluated random
	// members (seeded) were.
	Enumerated bool `json:"enumerated"`
	Evaluated  int  `json:"evaluated"`
	// Distinct counts the different parameter vectors among those evaluated.
	Distinct   int       `json:"distinct"`
	LossAt     float64   `json:"loss_at_params"`
	Losses     []float64 `json:"losses"`
	LossMin    float64   `json:"loss_min"`
	LossMax    float64   `json:"loss_max"`
	Canonical  []float64 `json:"canonical"`
	CanonLoss  float64   `json:"canonical_loss"`
	Permuted   []float64 `json:"permuted"`
	PermutedBy [][]int   `json:"permutation"` // per hidden layer: new unit i is old unit p[i]
	// Eigenvalues of the Hessian at the point and at the permuted point,
	// ascending; omitted (with HessianSkipped saying why) for large nets.
	Eigenvalues         []float64 `json:"eigenvalues,omitempty"`
	EigenvaluesPermuted []float64 `json:"eigenvalues_permuted,omitempty"`
	EigenvalueMaxDiff   float64   `json:"eigenvalue_max_diff"`
	HessianSkipped      string    `json:"hessian_skipped,omitempty"`
}

// NewOrbitReport is the report of the study st of the point params of p;
// name names the problem (a preset's name), source says where params came
// from, and skipped why the Hessian spectra were skipped when they were.
func NewOrbitReport(name string, p Problem, params []float64, source string, st OrbitStudy, skipped string) OrbitReport {
	r := OrbitReport{Net: name, Sizes: p.Net.Sizes, Hidden: string(p.Net.Hidden), Output: string(p.Net.Output),
		Loss: string(p.Loss), Data: p.Data.Name, ParamsSource: source, Params: params}
	r.OrbitSize, r.OrbitSizeLog10, r.Enumerated, r.Evaluated, r.Distinct = st.OrbitSize, st.OrbitSizeLog10, st.Enumerated, st.Evaluated, st.Distinct
	r.Losses, r.LossAt, r.LossMin, r.LossMax = st.Losses, st.Losses[0], st.LossMin, st.LossMax
	r.Canonical, r.CanonLoss, r.Permuted, r.PermutedBy = st.Canonical, st.CanonicalLoss, st.Permuted, st.Permutation
	r.Eigenvalues, r.EigenvaluesPermuted, r.EigenvalueMaxDiff = st.Eigenvalues, st.EigenvaluesPermuted, st.EigenvalueMaxDiff
	if st.HessianSkipped {
		r.HessianSkipped = skipped
	}
	return r
}

// orbitShown is the number of orbit members listed by WriteText.
const orbitShown = 8

// WriteText writes r as `saddle symmetry` prints it: the net, the orbit's
// size, the losses of its first members, the canonical point and the two
// Hessian spectra (long spectra shortened to their extremes).
func (r OrbitReport) WriteText(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "net\t%s: %s, %s on %s\n", r.Net, MLP{Sizes: r.Sizes, Hidden: Activation(r.Hidden), Output: Activation(r.Output)}, r.Loss, r.Data)
	fmt.Fprintf(w, "params\t%s\n", r.ParamsSource)
	if r.Enumerated {
		fmt.Fprintf(w, "orbit\t%s equivalent points, %d distinct\n", bigString(r.OrbitSize), r.Distinct)
	} else {
		fmt.Fprintf(w, "orbit\t%s equivalent points; %d random members evaluated (%d distinct)\n", bigString(r.OrbitSize), r.Evaluated, r.Distinct)
	}
	fmt.Fprintf(w, "loss\t%.15g at the point; over the orbit min %.15g, max %.15g (spread %.2g)\n",
		r.LossAt, r.LossMin, r.LossMax, r.LossMax-r.LossMin)
	shown := min(len(r.Losses), orbitShown)
	for i := range shown {
		fmt.Fprintf(w, "  #%d\t%.15g\n", i, r.Losses[i])
	}
	if shown < len(r.Losses) {
		fmt.Fprintf(w, "  …\t%d more (see --json)\n", len(r.Losses)-shown)
	}
	fmt.Fprintf(w, "canonical\t%s (loss %.15g)\n", shortFloats(r.Canonical, 12), r.CanonLoss)
	if r.HessianSkipped != "" {
		fmt.Fprintf(w, "hessian\tskipped: %s\n", r.HessianSkipped)
	} else {
		fmt.Fprintf(w, "hessian eigenvalues\t%s\n", shortFloats(r.Eigenvalues, 12))
		fmt.Fprintf(w, "  at a permuted point\t%s\n", shortFloats(r.EigenvaluesPermuted, 12))
		fmt.Fprintf(w, "  permutation\t%v per hidden layer (new unit i is old unit p[i])\n", r.PermutedBy)
		fmt.Fprintf(w, "  max difference\t%.2g\n", r.EigenvalueMaxDiff)
	}
	return w.Flush()
}

// bigString writes n in full up to 15 digits, else as "1.487e+410".
func bigString(n *big.Int) string {
	s := n.String()
	if len(s) <= 15 {
		return s
	}
	return fmt.Sprintf("%s.%se+%d", s[:1], s[1:4], len(s)-1)
}

// shortFloats formats xs with 6 significant digits; beyond limit values it
// shows the first and last limit/2 (the extremes of a sorted spectrum).
func shortFloats(xs []float64, limit int) string {
	format := func(vs []float64) string {
		parts := make([]string, len(vs))
		for i, x := range vs {
			parts[i] = fmt.Sprintf("%.6g", x)
		}
		return strings.Join(parts, " ")
	}
	if len(xs) <= limit {
		return "[" + format(xs) + "]"
	}
	k := limit / 2
	return fmt.Sprintf("[%s … (%d more) … %s]", format(xs[:k]), len(xs)-2*k, format(xs[len(xs)-k:]))
}
