package explore

import (
	"encoding/base64"
	"encoding/binary"
	"math"
)

// Packed is a []float64 that marshals to a JSON string: the standard
// base64 of its values as little-endian IEEE 754 float32 (4 bytes each),
// NaN where a value is not finite or beyond float32's range (where Floats
// writes null). The precision is Floats'; a 200×200 grid is 213 kB instead
// of about 390 kB of decimals, and neither side formats or parses a number.
type Packed []float64

// MarshalJSON implements json.Marshaler.
func (xs Packed) MarshalJSON() ([]byte, error) {
	raw := make([]byte, 4*len(xs))
	for i, v := range xs {
		f := float32(v)
		if !finite(v) || math.Abs(v) > math.MaxFloat32 {
			f = float32(math.NaN())
		}
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(f))
	}
	b := make([]byte, 0, 2+base64.StdEncoding.EncodedLen(len(raw)))
	b = append(b, '"')
	b = base64.StdEncoding.AppendEncode(b, raw)
	return append(b, '"'), nil
}

// PackedGrid is a Grid with its values Packed, for a client that asks for
// them so (the explorer's page): the same fields, "values" a base64 string
// and "encoding": "float32".
type PackedGrid struct {
	Grid
	Encoding string `json:"encoding"`
	Values   Packed `json:"values"` // shadows Grid.Values in JSON
}

// Packed returns g with its values packed.
func (g Grid) Packed() PackedGrid {
	return PackedGrid{Grid: g, Encoding: "float32", Values: Packed(g.Values)}
}
