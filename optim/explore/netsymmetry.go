package explore

import (
	"math"

	"github.com/saddle-dev/saddle/nn"
)

// NetSymmetryRequest applies one hidden-unit symmetry to a net's
// parameters: "permute" reorders the units of hidden layer Layer (an index
// into the layer sizes, 1 … L−1) by Perm (new unit i is old unit Perm[i]);
// "flip" applies the sign flip to unit Unit of that layer (tanh, sigmoid,
// identity nets: nn.FlipUnit).
type NetSymmetryRequest struct {
	Net    NetSpec   `json:"net"`
	Params []float64 `json:"params"`
	Op     string    `json:"op"`
	Layer  int       `json:"layer"`
	Perm   []int     `json:"perm,omitempty"`
	Unit   int       `json:"unit,omitempty"`
}

// NetSymmetry is the image of a point under a symmetry: the new parameters,
// the state there (the same loss, up to rounding), how far the point moved
// and the state before.
type NetSymmetry struct {
	Params Exact    `json:"params"`
	At     NetPoint `json:"at"`
	Before NetPoint `json:"before"`
	Moved  float64  `json:"moved"` // ‖new − old‖
}

// ApplySymmetry applies the symmetry of r. The loss is invariant because
// the net computes the same function (Hecht-Nielsen 1990; Chen, Lu &
// Hecht-Nielsen 1993): permuted units sum in another order and a flipped
// unit's sign is undone by its out-weights.
func ApplySymmetry(r NetSymmetryRequest) (NetSymmetry, error) {
	p, err := r.Net.problemAt(r.Params, "params")
	if err != nil {
		return NetSymmetry{}, err
	}
	if r.Layer < 1 || r.Layer >= len(p.Net.Sizes)-1 {
		return NetSymmetry{}, inputErr("layer", "%d is not a hidden layer of the %v net (1 … %d)", r.Layer, p.Net, len(p.Net.Sizes)-2)
	}
	var out []float64
	switch r.Op {
	case "permute":
		out, err = nn.PermuteHidden(p.Net, r.Params, r.Layer, r.Perm)
		if err != nil {
			return NetSymmetry{}, inputErr("perm", "%s", trimNN(err))
		}
	case "flip":
		out, err = nn.FlipUnit(p.Net, r.Params, r.Layer, r.Unit)
		if err != nil {
			return NetSymmetry{}, inputErr("unit", "%s", trimNN(err))
		}
	default:
		return NetSymmetry{}, inputErr("op", "unknown symmetry %q (known: permute, flip)", r.Op)
	}
	moved := 0.0
	for i := range out {
		moved += (out[i] - r.Params[i]) * (out[i] - r.Params[i])
	}
	return NetSymmetry{Params: out, At: netPoint(p, out), Before: netPoint(p, r.Params), Moved: math.Sqrt(moved)}, nil
}
