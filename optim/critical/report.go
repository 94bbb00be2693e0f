package critical

import "fmt"

// Report is the document of `saddle critical --json`: the critical points
// of a formula (Expr) in a box or of a net's loss (Net) around a point,
// with the names of the coordinates (Vars).
type Report struct {
	Expr   string   `json:"expr,omitempty"`
	Net    string   `json:"net,omitempty"`
	Vars   []string `json:"vars"`
	Points []Point  `json:"points"`
	// Center is, for a search around a given point (Around), that point.
	Center *Point `json:"center,omitempty"`
	// Note says when the search may have missed critical points
	// (IncompleteNote), and how to widen it.
	Note string `json:"note,omitempty"`
	// GradTol and Radius are, for a given point, the gradient tolerance
	// it was checked with and the half-width of the cube searched around
	// it (0: none); WriteText says them.
	GradTol float64 `json:"-"`
	Radius  float64 `json:"-"`
}

// IncompleteNote says, when MayBeIncomplete finds points that were reached
// from a single start, that the search of opts in n dimensions may be
// incomplete and how to widen it, in the words of saddle critical's flags:
// a grid of 2·g+1 points per axis (the old grid points and one between
// each two), or four times the random starts (at least 1024). It is empty
// when every point was reached from two starts or more.
func IncompleteNote(points []Point, opts Options, n int) string {
	miss := MayBeIncomplete(points)
	if miss == 0 {
		return ""
	}
	g, total := opts.StartCount(n)
	widen := fmt.Sprintf("--starts %d", max(4*int(total), 1024))
	if g > 0 {
		widen = fmt.Sprintf("--grid %d", 2*g+1)
	}
	return fmt.Sprintf("the search may be incomplete: some points were reached from one start only (about %.2g%% of new starts would find a new point); widen it with %s", 100*miss, widen)
}

// AroundStarts is the number of random starts of Around when opts.Starts
// is 0.
const AroundStarts = 64

// Around searches the cube of half-width radius around x for critical
// points with opts.Starts random starts (AroundStarts when 0; the grid is
// not used): Find in the box [x − radius, x + radius].
func Around(p Problem, x []float64, radius float64, opts Options) ([]Point, error) {
	if !(radius > 0) {
		return nil, fmt.Errorf("critical: Around needs a radius > 0, got %v", radius)
	}
	opts.Grid = 0
	if opts.Starts == 0 {
		opts.Starts = AroundStarts
	}
	lo, hi := make([]float64, len(x)), make([]float64, len(x))
	for i := range x {
		lo[i], hi[i] = x[i]-radius, x[i]+radius
	}
	return Find(p, lo, hi, opts)
}
