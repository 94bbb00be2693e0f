package explore

import "github.com/saddle-dev/saddle/jsonnum"

// Float is a float64 that marshals at full precision (the shortest decimal
// that reads back as the same float64), with null when it is not finite:
// JSON has no NaN or infinity, and a diverged run has them.
type Float = jsonnum.Float

// Exact is a []float64 that marshals as Float does, element by element.
type Exact = jsonnum.Exact
