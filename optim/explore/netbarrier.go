package explore

import (
	"math"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// NetBarrierRequest asks for the loss along the segment between two
// parameter vectors A and B of a net, before and after B is moved by weight
// matching to the member of its symmetry orbit nearest A.
type NetBarrierRequest struct {
	Net NetSpec   `json:"net"`
	A   []float64 `json:"a"`
	B   []float64 `json:"b"`
	N   int       `json:"n,omitempty"` // points on the segment; 0: 41 (at least landscape.MinInterpolationPoints)
}

// Segment is the loss at N evenly spaced points from A (T = 0) to B (T = 1)
// and its barrier: the largest loss minus the mean of the ends.
type Segment struct {
	T       Floats `json:"t"`
	Loss    Exact  `json:"loss"`
	Barrier Float  `json:"barrier"`
}

// NetBarrier is the barrier between two solutions before and after weight
// matching, and the matched B.
type NetBarrier struct {
	Before   Segment `json:"before"`
	After    Segment `json:"after"`
	MatchedB Exact   `json:"matched_b"`
	Moved    Float   `json:"moved"` // ‖matched B − B‖
}

// maxSegment bounds the points on a segment.
const maxSegment = 1_001

// Barrier interpolates linearly between A and B (Goodfellow, Vinyals & Saxe,
// ICLR 2015), then between A and B matched to A (nn.MatchWeights, the
// weight matching of Ainsworth, Hayase & Srinivasa, ICLR 2023). Solutions
// in different members of one orbit are separated by a barrier that
// matching removes; two solutions of different orbits may keep one.
func Barrier(r NetBarrierRequest) (NetBarrier, error) {
	p, err := r.Net.problemAt(r.A, "a")
	if err != nil {
		return NetBarrier{}, err
	}
	if err := checkParams(p, r.B, "b"); err != nil {
		return NetBarrier{}, err
	}
	if r.N == 0 {
		r.N = 41
	}
	if r.N < 2 || r.N > maxSegment {
		return NetBarrier{}, inputErr("n", "%d points; give 2 … %d", r.N, maxSegment)
	}
	matched, err := nn.MatchWeights(p.Net, r.A, r.B)
	if err != nil {
		return NetBarrier{}, inputErr("net", "%s", trimNN(err))
	}
	seg := func(b []float64) Segment {
		in := landscape.Interpolate(lossFunc(p), r.A, b, r.N)
		return Segment{T: in.T, Loss: in.Loss, Barrier: Float(in.Barrier)}
	}
	moved := 0.0
	for i := range matched {
		moved += (matched[i] - r.B[i]) * (matched[i] - r.B[i])
	}
	return NetBarrier{Before: seg(r.B), After: seg(matched), MatchedB: matched, Moved: Float(math.Sqrt(moved))}, nil
}
