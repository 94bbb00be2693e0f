package landscape

import (
	"context"
	"fmt"
	"math"
	"runtime"
)

// Mode is the kind of slice a Study samples.
type Mode string

// The modes of Study.
const (
	ModeLine   Mode = "line"   // the loss along Center + t·d, t in [−Span, Span]
	ModePlane  Mode = "plane"  // the loss on Center + α·d1 + β·d2, α, β in [−Span, Span]
	ModeInterp Mode = "interp" // the loss on the segment from Center to To (Interpolate)
	ModePCA    Mode = "pca"    // the loss on the plane of Path's top-2 principal directions (PCA)
)

// Modes returns the modes of Study in display order.
func Modes() []Mode { return []Mode{ModeLine, ModePlane, ModeInterp, ModePCA} }

// Config is what a Study samples. Zero fields take the defaults named
// beside them.
type Config struct {
	Mode Mode // must be set
	// Grid is the points per axis (line, plane, pca) or along the segment
	// (interp, raised to MinInterpolationPoints); 0 means 51 (Li et al.).
	Grid int
	Span float64 // line, plane: the coordinates run from −Span to Span; 0 means 1
	// Seed seeds the random directions of line and plane: direction k is
	// RandomDirection(n, Seed, k).
	Seed uint64
	// Filters, when not nil, filter-normalise the random directions about
	// Center (FilterNormalize; MLPFilters gives a net's).
	Filters []Filter
	// Center is the centre (line, plane, pca) or the first endpoint
	// (interp); must be set.
	Center []float64
	To     []float64   // interp: the second endpoint; must be set
	Path   [][]float64 // pca: the training trajectory that ends at Center; must be set
	// First and End restrict plane and pca to the grid rows First…End−1
	// (a shard, see PlaneRows); End 0 means all rows.
	First, End int
	Workers    int // goroutines sharing the grid rows; 0 means one per core. Results do not depend on it.
	// Progress, if not nil, is called after each grid row (plane, pca) with
	// the rows done and the rows to do, one call at a time.
	Progress func(done, total int)
	Context  context.Context // cancels the study between grid rows; nil means never
	// Batch, when set, evaluates the loss of line, interp and the grid rows
	// Batch.Size points at a time (PlaneRowsBatch): the same values as f.
	Batch *Batch
}

// Result is the outcome of a Study. Which fields are set depends on the
// mode, as noted beside them.
type Result struct {
	Mode       Mode
	CenterLoss float64 // the loss at Center (interp: at the first endpoint)

	T    []float64 // line, interp: the coordinates along the line or segment
	Loss []float64 // line, interp: the loss at each T

	Barrier float64 // interp: the barrier of Interpolation
	ArgMax  float64 // interp: the T of the highest loss

	// plane, pca: Grid[j][i] is the loss at Center + Alpha[i]·d1 + Beta[j]·d2
	// (d1, d2 unit principal directions for pca); rows outside First…End−1
	// are nil.
	Alpha, Beta []float64
	Grid        [][]float64

	Explained [2]float64   // pca: the share of the path's variance along d1 and d2
	PathXY    [][2]float64 // pca: the path in the (α, β) coordinates
}

// Study samples f over the slice cfg describes: a random line or plane
// through a point (Goodfellow, Vinyals & Saxe 2015; Li et al. 2018, with
// filter normalisation), the segment between two solutions (Interpolate), or
// the plane of a training path's top-2 principal directions (Li et al. 2018,
// §7), its grid scaled to cover the path with a 25% margin. It is
// deterministic for a given cfg, whatever Workers. It stops between grid
// rows when cfg.Context is cancelled and returns the context's error. Errors: a bad mode,
// missing points, vectors of different lengths, a path that never moves.
func Study(f Func, cfg Config) (Result, error) {
	c, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	ctx := c.Context
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	r := Result{Mode: c.Mode, CenterLoss: f(c.Center)}
	newEval := loop(f)
	if c.Batch != nil {
		newEval = c.Batch.eval
	}
	switch c.Mode {
	case ModeLine:
		r.T = Linspace(-c.Span, c.Span, c.Grid)
		r.Loss = line(newEval(), c.Center, c.direction(0), r.T)
	case ModeInterp:
		in := interpolate(newEval(), c.Center, c.To, c.Grid)
		r.T, r.Loss, r.Barrier, r.ArgMax = in.T, in.Loss, in.Barrier, in.ArgMax
	case ModePlane:
		g, err := planeRows(ctx, newEval, c.Center, c.direction(0), c.direction(1), c.Grid, c.Span, c.First, c.End, c.Workers, c.Progress)
		if err != nil {
			return Result{}, err
		}
		r.Alpha, r.Beta, r.Grid = g.Alpha, g.Beta, g.Loss
	case ModePCA:
		tr, err := PCA(c.Path)
		if err != nil {
			return Result{}, fmt.Errorf("pca of the training path: %v", err)
		}
		// Scale the directions so that the grid covers the path with a margin.
		sa, sb := 0.0, 0.0
		for _, q := range tr.Path {
			sa, sb = math.Max(sa, math.Abs(q[0])), math.Max(sb, math.Abs(q[1]))
		}
		sa, sb = 1.25*math.Max(sa, 1e-3), 1.25*math.Max(sb, 1e-3)
		g, err := planeRows(ctx, newEval, c.Center, scaled(tr.Dirs[0], sa), scaled(tr.Dirs[1], sb), c.Grid, 1, c.First, c.End, c.Workers, c.Progress)
		if err != nil {
			return Result{}, err
		}
		r.Alpha, r.Beta, r.Grid = scaled(g.Alpha, sa), scaled(g.Beta, sb), g.Loss
		r.Explained, r.PathXY = tr.Explained, tr.Path
	}
	return r, ctx.Err()
}

// withDefaults checks cfg and fills in its defaults.
func (c Config) withDefaults() (Config, error) {
	if c.Grid == 0 {
		c.Grid = 51
	}
	if c.Span == 0 {
		c.Span = 1
	}
	if c.Workers == 0 {
		c.Workers = runtime.NumCPU()
	}
	if c.End == 0 {
		c.End = c.Grid
	}
	if c.Context == nil {
		c.Context = context.Background()
	}
	switch {
	case c.Grid < 2:
		return c, fmt.Errorf("landscape: Study: grid must be ≥ 2, got %d", c.Grid)
	case !(c.Span > 0) || math.IsInf(c.Span, 0):
		return c, fmt.Errorf("landscape: Study: span must be a finite number > 0, got %v", c.Span)
	case c.Workers < 0:
		return c, fmt.Errorf("landscape: Study: workers must be ≥ 0, got %d", c.Workers)
	case c.First < 0 || c.End > c.Grid || c.First > c.End:
		return c, fmt.Errorf("landscape: Study: rows %d..%d are not within the %d rows", c.First, c.End-1, c.Grid)
	case c.Center == nil:
		return c, fmt.Errorf("landscape: Study: the centre is not set")
	}
	switch c.Mode {
	case ModeLine, ModePlane:
	case ModeInterp:
		if len(c.To) != len(c.Center) {
			return c, fmt.Errorf("landscape: Study: interp needs a second endpoint of %d values, got %d", len(c.Center), len(c.To))
		}
	case ModePCA:
		if len(c.Path) < 2 {
			return c, fmt.Errorf("landscape: Study: pca needs a path of at least 2 points, got %d", len(c.Path))
		}
	default:
		return c, fmt.Errorf("landscape: Study: unknown mode %q (known: line, plane, interp, pca)", c.Mode)
	}
	return c, nil
}

// direction returns the random direction of stream k, filter-normalised
// when c.Filters is set.
func (c Config) direction(k uint64) []float64 {
	d := RandomDirection(len(c.Center), c.Seed, k)
	if c.Filters != nil {
		return FilterNormalize(d, c.Center, c.Filters)
	}
	return d
}

func scaled(v []float64, s float64) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i] * s
	}
	return out
}
