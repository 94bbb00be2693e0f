package landscape

import (
	"math"

	"github.com/saddle-dev/saddle/nn"
)

// Barrier compares the straight path between two solutions of a net before
// and after weight matching.
type Barrier struct {
	Before, After Interpolation // the loss from a to b, and from a to Matched
	Matched       []float64     // b with its hidden units matched to a's (nn.MatchWeights)
	// DistanceBefore and DistanceAfter are ‖a − b‖ and ‖a − Matched‖.
	DistanceBefore, DistanceAfter float64
}

// MatchedBarrier samples f at points evenly spaced points on the segment
// from a to b, and on the segment from a to b with its hidden units
// permuted to match a's (nn.MatchWeights, weight matching of Ainsworth,
// Hayase & Srinivasa, ICLR 2023): the barrier between two solutions often
// falls once the permutation symmetry is factored out (docs/LITERATURE.md,
// "Permutations, barriers, landscapes").
func MatchedBarrier(f Func, m nn.MLP, a, b []float64, points int) (Barrier, error) {
	matched, err := nn.MatchWeights(m, a, b)
	if err != nil {
		return Barrier{}, err
	}
	r := Barrier{Matched: matched, DistanceBefore: distance(a, b), DistanceAfter: distance(a, matched)}
	r.Before = Interpolate(f, a, b, points)
	r.After = Interpolate(f, a, matched, points)
	return r, nil
}

func distance(x, y []float64) float64 {
	s := 0.0
	for i := range x {
		s += (x[i] - y[i]) * (x[i] - y[i])
	}
	return math.Sqrt(s)
}
