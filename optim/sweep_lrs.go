package optim

import "fmt"

// SweepAuto returns the multiples of 1/λmax that AutoLRs tries: two on
// each side of both thresholds 1/λmax and 2/λmax of Sweep.
func SweepAuto() []float64 { return []float64{0.1, 0.5, 0.9, 1.2, 1.8, 2.2, 3} }

// AutoLRs returns the learning rates k/λmax for k in SweepAuto, with λmax
// the largest eigenvalue of cfg.Hess at start (Sweep with no learning
// rates computes it). It is an error when λmax is not positive: there is
// then no 1/λmax scale.
func AutoLRs(obj Objective, start []float64, cfg SweepConfig) ([]float64, error) {
	th := Sweep(obj, start, nil, cfg)
	if !(th.LambdaMax > 0) {
		return nil, fmt.Errorf("the Hessian at the start has no positive eigenvalue (λmax = %.6g), so there is no 1/λmax scale", th.LambdaMax)
	}
	var lrs []float64
	for _, k := range SweepAuto() {
		lrs = append(lrs, k/th.LambdaMax)
	}
	return lrs, nil
}
