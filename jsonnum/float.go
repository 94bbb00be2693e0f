package jsonnum

import (
	"math"
	"strconv"
)

// Float is a float64 that marshals at full precision, or as null when it
// is not finite.
type Float float64

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) { return appendFloat(nil, float64(f)), nil }

// Exact is a []float64 that marshals as Float does, element by element
// (nil as null).
type Exact []float64

// MarshalJSON implements json.Marshaler.
func (xs Exact) MarshalJSON() ([]byte, error) {
	if xs == nil {
		return []byte("null"), nil
	}
	b := make([]byte, 0, 2+20*len(xs))
	b = append(b, '[')
	for i, v := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFloat(b, v)
	}
	return append(b, ']'), nil
}

// Floats converts xs to Floats (nil gives an empty, non-nil slice).
func Floats(xs []float64) []Float {
	out := make([]Float, len(xs))
	for i, x := range xs {
		out[i] = Float(x)
	}
	return out
}

// Rows converts a matrix given by rows.
func Rows(rows [][]float64) [][]Float {
	out := make([][]Float, len(rows))
	for j, row := range rows {
		out[j] = Floats(row)
	}
	return out
}

// Values converts back to float64s.
func Values(xs []Float) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

func appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
