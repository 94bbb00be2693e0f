package explore

import "github.com/saddle-dev/saddle/optim"

// Float is a float64 that marshals at full precision (the shortest decimal
// that reads back as the same float64), with null when it is not finite:
// JSON has no NaN or infinity, and a diverged run has them.
type Float = optim.JSONFloat

// Exact is a []float64 that marshals as Float does, element by element.
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
		f, _ := Float(v).MarshalJSON() // never fails
		b = append(b, f...)
	}
	return append(b, ']'), nil
}
