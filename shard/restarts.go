package shard

import (
	"fmt"
	"math"
	"math/big"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
)

// RestartsHeader is what a part of a restarts study (optim.Restarts)
// records besides the per-restart results: how the study was run (Net,
// Init and Optimizer are names for the reader), and what the summary needs
// (the net, for comparing solutions up to symmetry, the tolerance, the
// bins). Loss and Data (DataDigest) make parts computed from different data
// refuse to merge.
type RestartsHeader struct {
	Net          string `json:"net"`
	Init         string `json:"init"`
	Optimizer    string `json:"optimizer"`
	LR           Float  `json:"lr"`
	N            int    `json:"n"`
	Steps        int    `json:"steps"`
	SuccessBelow Float  `json:"success_below"`
	DistinctTol  Float  `json:"distinct_tol"`
	Bins         int    `json:"bins"`
	Arch         Arch   `json:"arch"`
	Loss         string `json:"loss"`
	Data         string `json:"data_sha256"`
}

// RestartItem is the result of one restart in a part; Params only for a
// success (the summary reads no others).
type RestartItem struct {
	Loss    Float   `json:"loss"`
	Stopped string  `json:"stopped"`
	Params  []Float `json:"params,omitempty"`
}

// maxOrbitCompare bounds the orbit size for which solutions are compared
// against every equivalent copy (one hidden layer of 5 flippable units:
// 5!·2⁵ = 3840); larger orbits use canonical forms.
const maxOrbitCompare = 10000

// maxBins bounds the histogram's bins a part may ask for (one printed line
// each; the command line's --bins has the same limit).
const maxBins = 10_000

// Restarts is the restarts study: its parts merge into the
// optim.RestartResult of one optim.Restarts call over all N restarts,
// summarised by optim.SummarizeRestarts with the header's SummaryConfig.
func Restarts() Study[RestartsHeader, RestartItem, optim.RestartResult] {
	return Study[RestartsHeader, RestartItem, optim.RestartResult]{Name: "restarts", Index: "restart", Summarize: summarizeRestarts}
}

func summarizeRestarts(h RestartsHeader, items []RestartItem) (optim.RestartResult, error) {
	if len(items) != h.N {
		return optim.RestartResult{}, fmt.Errorf("%d restarts in the parts, the study has --n %d", len(items), h.N)
	}
	if h.Bins < 1 || h.Bins > maxBins {
		return optim.RestartResult{}, fmt.Errorf("the parts give bins %d, want 1..%d", h.Bins, maxBins)
	}
	m, err := h.Arch.MLP()
	if err != nil {
		return optim.RestartResult{}, err
	}
	res := newRestartSlots(len(items))
	for r, it := range items {
		if err := it.store(&res, r, float64(h.SuccessBelow), m.NumParams()); err != nil {
			return optim.RestartResult{}, &ItemError{Index: r, Msg: fmt.Sprintf("restart %d %v", r, err)}
		}
	}
	optim.SummarizeRestarts(&res, h.SummaryConfig(m))
	return res, nil
}

// newRestartSlots returns the results of n restarts, none finished yet.
func newRestartSlots(n int) optim.RestartResult {
	res := optim.RestartResult{FinalLoss: make([]float64, n), Stopped: make([]optim.Stop, n), Params: make([][]float64, n)}
	for i := range res.FinalLoss {
		res.FinalLoss[i] = math.NaN()
	}
	return res
}

// store puts the restart it into slot i of res; a success (loss below
// below) must carry all numParams parameters of the net.
func (it RestartItem) store(res *optim.RestartResult, i int, below float64, numParams int) error {
	if float64(it.Loss) < below && len(it.Params) != numParams {
		return fmt.Errorf("succeeded but has %d parameters, the net has %d", len(it.Params), numParams)
	}
	res.FinalLoss[i], res.Stopped[i], res.Params[i] = float64(it.Loss), optim.Stop(it.Stopped), FromFloats(it.Params)
	return nil
}

// SummaryConfig is what optim.SummarizeRestarts needs, for the net m. Solutions are compared over
// the whole orbit when it is small enough to list (exact), else by
// canonical forms.
func (h RestartsHeader) SummaryConfig(m nn.MLP) optim.SummaryConfig {
	cfg := optim.SummaryConfig{SuccessBelow: float64(h.SuccessBelow), DistinctTol: float64(h.DistinctTol), Bins: h.Bins,
		Canonical: func(params []float64) []float64 {
			if c, err := nn.Canonical(m, params); err == nil {
				return c
			}
			return params
		}}
	if nn.OrbitSize(m).Cmp(big.NewInt(maxOrbitCompare)) <= 0 {
		cfg.Orbit = func(params []float64) [][]float64 {
			if o, err := nn.Orbit(m, params); err == nil {
				return o
			}
			return [][]float64{params}
		}
	}
	return cfg
}

// Summarize fills the summary of res (the restarts of the whole study)
// with optim.SummarizeRestarts and the header's SummaryConfig.
func (h RestartsHeader) Summarize(res *optim.RestartResult) error {
	m, err := h.Arch.MLP()
	if err != nil {
		return err
	}
	optim.SummarizeRestarts(res, h.SummaryConfig(m))
	return nil
}
