package optim

import (
	"math"
	"strconv"
)

// JSONFloat is a float64 that encodes as the shortest decimal that reads
// back to the same bits, and NaN and ±Inf as null: JSON has no such
// numbers, and a diverged run has them. The result documents of the
// studies (TrainReport, shard.SweepReport, shard.RestartsReport) use it.
type JSONFloat float64

// MarshalJSON implements json.Marshaler.
func (f JSONFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// JSONFloats converts xs element by element (a nil xs gives an empty,
// non-nil slice, which encodes as []).
func JSONFloats(xs []float64) []JSONFloat {
	out := make([]JSONFloat, len(xs))
	for i, x := range xs {
		out[i] = JSONFloat(x)
	}
	return out
}
