package nn

import "fmt"

// InitByName returns the initial parameters of m by the name of an
// initialisation: "formula" (InitFormula), "uniform" (InitUniform with
// half-width scale), "xavier" (InitXavier) or "he" (InitHe), the others
// multiplied by scale; a scale of 0 means 1. ok is false for another name.
func InitByName(m MLP, name string, scale float64, seed uint64) (params []float64, ok bool) {
	if scale == 0 {
		scale = 1
	}
	mul := func(p []float64) []float64 {
		for i := range p {
			p[i] *= scale
		}
		return p
	}
	switch name {
	case "formula":
		return mul(InitFormula(m)), true
	case "uniform":
		return InitUniform(m, scale, seed), true
	case "xavier":
		return mul(InitXavier(m, seed)), true
	case "he":
		return mul(InitHe(m, seed)), true
	}
	return nil, false
}

// RestartSeed is the seed of restart r of a study seeded with seed: seed
// advanced by r steps of the golden-ratio (SplitMix64) increment, so that
// every restart has its own random stream whatever the number of workers.
func RestartSeed(seed uint64, r int) uint64 {
	return seed + uint64(r)*0x9e3779b97f4a7c15
}

// InitFor returns the start of restart r of net m for the init name:
// InitByName's, seeded with RestartSeed(seed, r), or a workload's start of
// docs/WORKLOADS.md for the 2-2-1 net, "workload-w1" (W1Start, the same for
// every r) and "workload-w5" (W5Start(r)). ok is false for another name; a
// workload start for another net is an error.
func InitFor(m MLP, name string, scale float64, seed uint64, r int) (params []float64, ok bool, err error) {
	if p, ok := InitByName(m, name, scale, RestartSeed(seed, r)); ok {
		return p, true, nil
	}
	if name != "workload-w1" && name != "workload-w5" {
		return nil, false, nil
	}
	if m.NumParams() != 9 || m.In() != 2 || m.Out() != 1 {
		return nil, true, fmt.Errorf("%s is for the 2-2-1 net (9 parameters), the net is %v", name, m)
	}
	if name == "workload-w1" {
		return W1Start(), true, nil
	}
	return W5Start(r), true, nil
}
