package critical

import "math"

// FlatSet describes a connected set of critical points that Find found
// spread over a region (a continuum, such as every point of a constant f, or
// a valley floor of equal value), which it reports as one Point.
type FlatSet struct {
	Found int       `json:"points_found"` // converged points merged into the set
	Lo    []float64 `json:"lo"`           // the bounding box of those points
	Hi    []float64 `json:"hi"`
}

// mergeFlatSets merges the Degenerate points that lie on one continuum of
// critical points into one Point with a FlatSet. Two degenerate points of
// equal value are on one continuum when f keeps that value and ∇f stays
// below gradTol at ¼, ½ and ¾ of the segment between them; the sets are the
// connected components of that relation (Find's merge by distance only
// merges points closer than DistTol, so without this a constant f over a
// grid of starts gives one point per start). The first point of a set in
// points' order represents it. points must be sorted (SortPoints).
func mergeFlatSets(p Problem, points []Point, gradTol float64) []Point {
	parent := make([]int, len(points))
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	g := make([]float64, 0)
	m := make([]float64, 0)
	onSegment := func(a, b []float64, value float64) bool {
		for _, t := range []float64{0.25, 0.5, 0.75} {
			m = m[:0]
			for k := range a {
				m = append(m, a[k]+t*(b[k]-a[k]))
			}
			if !tied(p.Func(m), value) {
				return false
			}
			g = append(g[:0], make([]float64, len(m))...)
			p.Grad(m, g)
			if !(norm(g) <= gradTol) {
				return false
			}
		}
		return true
	}
	for i := range points {
		if points[i].Kind != Degenerate {
			continue
		}
		for j := i + 1; j < len(points) && tied(points[j].Value, points[i].Value); j++ {
			if points[j].Kind != Degenerate || root(i) == root(j) {
				continue
			}
			if onSegment(points[i].X, points[j].X, points[i].Value) {
				parent[root(j)] = root(i)
			}
		}
	}
	out := make([]Point, 0, len(points))
	at := map[int]int{} // root → index in out
	for i, pt := range points {
		r := root(i)
		k, seen := at[r]
		if !seen {
			at[r] = len(out)
			out = append(out, pt)
			continue
		}
		s := &out[k]
		if s.Flat == nil {
			s.Flat = &FlatSet{Found: 1, Lo: append([]float64(nil), s.X...), Hi: append([]float64(nil), s.X...)}
		}
		s.Flat.Found++
		s.Hits += pt.Hits
		for d, v := range pt.X {
			s.Flat.Lo[d] = math.Min(s.Flat.Lo[d], v)
			s.Flat.Hi[d] = math.Max(s.Flat.Hi[d], v)
		}
	}
	return out
}

// tied reports whether two values are equal to 1e-9 relative (the tie rule
// of SortPoints).
func tied(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
