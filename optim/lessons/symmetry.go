package lessons

import (
	"context"
	"fmt"
	"math"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/landscape"
)

// SymmetryConfig sets the restarts of lesson 6; zero fields take the
// defaults of DefaultSymmetryConfig.
type SymmetryConfig struct {
	N       int             // restarts
	Steps   int             // gradient-descent steps per restart
	Workers int             // goroutines for the restarts; 0 means one per core; results do not depend on it
	Context context.Context `json:"-"` // cancellation; nil means never
}

// DefaultSymmetryConfig is the configuration of `saddle lessons`.
func DefaultSymmetryConfig() SymmetryConfig { return SymmetryConfig{N: 40, Steps: 20000, Workers: 2} }

// SymmetryNet is the net of lesson 6: 2-3-1, tanh hidden units, a linear
// output, trained on XOR with the MSE plus SymmetryDecay·‖θ‖². The weight
// decay keeps the minima at finite, isolated points (without it the set of
// zero-loss weights is a manifold), and it is invariant under permutations
// and sign flips of tanh units, so the symmetry group is unchanged.
func SymmetryNet() nn.MLP { return nn.MLP{Sizes: []int{2, 3, 1}, Hidden: nn.Tanh, Output: nn.Identity} }

// SymmetryDecay is the weight-decay coefficient of lesson 6.
const SymmetryDecay = 1e-3

// SymmetryRestart is one restart of lesson 6.
type SymmetryRestart struct {
	Restart  int     `json:"restart"`
	Loss     float64 `json:"loss"`
	GradNorm float64 `json:"grad_norm"`
	Class    int     `json:"solution"` // index into SymmetryResult.Solutions
	Member   int     `json:"member"`   // index of the orbit member of that solution's representative
	Distance float64 `json:"distance"` // max-abs distance to that member
}

// SymmetryResult is the outcome of Symmetry.
type SymmetryResult struct {
	Config       SymmetryConfig            `json:"config"`
	Reference    []float64                 `json:"reference"` // the best solution found
	RefLoss      float64                   `json:"reference_loss"`
	OrbitSize    int                       `json:"orbit_size"`
	LossSpread   float64                   `json:"orbit_loss_spread"`  // max |L(member) − L(reference)|
	MinPairDist  float64                   `json:"orbit_min_distance"` // smallest max-abs distance between two members
	Restarts     []SymmetryRestart         `json:"restarts"`
	Solutions    [][]float64               `json:"-"`                  // one representative per solution, in order of appearance
	MembersHit   []int                     `json:"members_hit"`        // per solution: distinct orbit members reached
	RawDistinct  int                       `json:"raw_distinct"`       // distinct end points without symmetry
	Nearest      int                       `json:"nearest_distinct"`   // distinct NearestMember forms (the verdict's canonical form)
	Canonical    int                       `json:"canonical_distinct"` // distinct nn.Canonical forms
	Matched      int                       `json:"matched_distinct"`   // distinct after nn.MatchWeights to the reference
	Notes        []string                  `json:"notes,omitempty"`
	Interp       []landscape.Interpolation `json:"-"`
	InterpLabels []string                  `json:"-"`
	Claims       []Claim                   `json:"claims"`
}

// symmetryLoss is the loss of lesson 6: MSE of SymmetryNet on XOR plus
// SymmetryDecay·‖θ‖².
func symmetryLoss() autodiff.Func {
	base := nn.Problem{Net: SymmetryNet(), Loss: nn.MSE, Data: nn.XOR()}.Func()
	return func(x *autodiff.Node) *autodiff.Node {
		return autodiff.Add(base(x), autodiff.Scale(autodiff.Sum(autodiff.Square(x)), SymmetryDecay))
	}
}

// maxAbs returns max |aᵢ − bᵢ|.
func maxAbs(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(a[i]-b[i]))
	}
	return d
}

// Symmetry is lesson 6: permutation and sign-flip symmetry. N restarts of
// SymmetryNet (uniform ±1 starts, seed r; heavy-ball GD lr 0.1, μ 0.9, until
// ‖∇L‖ ≤ 1e-10) converge to a few solutions. The best one's orbit has
// 3!·2³ = 48 members (docs/LITERATURE.md), all with the same loss and pairwise
// distinct. Each restart is identified exactly (max-abs distance ≤ 1e-6) as
// one member of the orbit of one solution: restarts reach the same solution
// through different members. nn.Canonical and nn.MatchWeights must collapse
// them to the same number of solutions, while the raw end points are many.
// The straight line between two members of one orbit crosses a loss barrier.
func Symmetry(cfg SymmetryConfig) (SymmetryResult, error) {
	if cfg.N <= 0 {
		cfg.N = DefaultSymmetryConfig().N
	}
	if cfg.Steps <= 0 {
		cfg.Steps = DefaultSymmetryConfig().Steps
	}
	res := SymmetryResult{Config: cfg}
	f := symmetryLoss()
	m := SymmetryNet()
	prog, err := autodiff.Compile(f, m.NumParams())
	if err != nil {
		return res, fmt.Errorf("lessons: Symmetry: %v", err)
	}
	rr, err := symmetryRestarts(cfg, f, prog)
	if err != nil {
		return res, err
	}
	best := 0
	for r, l := range rr.FinalLoss {
		if l < rr.FinalLoss[best] {
			best = r
		}
	}
	value := func(p []float64) float64 { return autodiff.Value(f, p) }
	res.Reference = rr.Params[best]
	res.RefLoss = value(res.Reference)
	if err := res.measureOrbit(value); err != nil {
		return res, err
	}
	if err := res.identify(rr, prog); err != nil {
		return res, err
	}
	if err := res.countDistinct(rr.Params); err != nil {
		return res, err
	}
	res.interpolateCopies(value)
	res.Claims = res.claims()
	return res, nil
}

// symmetryRestarts runs lesson 6's cfg.N restarts of SymmetryNet on f (prog
// is f compiled): uniform ±1 starts with seed r, heavy-ball GD lr 0.1, μ 0.9,
// until ‖∇L‖ ≤ 1e-10 or cfg.Steps steps.
func symmetryRestarts(cfg SymmetryConfig, f autodiff.Func, prog *autodiff.Program) (optim.RestartResult, error) {
	m := SymmetryNet()
	return optim.Restarts(optim.RestartConfig{
		N: cfg.N, Workers: cfg.Workers, Context: cfg.Context,
		Start: func(r int) []float64 { return nn.InitUniform(m, 1, uint64(r)) },
		Objective: func() optim.Objective {
			q := prog.Clone()
			return func(x, grad []float64) float64 { return q.ValueAndGrad(x, grad) }
		},
		Batch:     optim.BatchFromFunc(f, m.NumParams(), 0),
		Optimizer: func(int) optim.Optimizer { return optimizer("momentum", optim.Settings{LR: 0.1, Momentum: 0.9}) },
		Train:     optim.Config{Steps: cfg.Steps, GradTol: 1e-10},
	})
}

// symmetrySame is the max-abs distance within which two end points of lesson
// 6 are the same point: restarts converge to ‖∇L‖ ≤ 1e-10 on curvature ≥
// ~1e-3, so positions agree to ~1e-7.
const symmetrySame = 1e-6

// measureOrbit sets OrbitSize, LossSpread and MinPairDist from the orbit of
// res.Reference.
func (res *SymmetryResult) measureOrbit(value func([]float64) float64) error {
	orbit, err := nn.Orbit(SymmetryNet(), res.Reference)
	if err != nil {
		return err
	}
	res.OrbitSize = len(orbit)
	res.MinPairDist = math.Inf(1)
	for i, a := range orbit {
		res.LossSpread = max(res.LossSpread, math.Abs(value(a)-res.RefLoss))
		for _, b := range orbit[i+1:] {
			res.MinPairDist = min(res.MinPairDist, maxAbs(a, b))
		}
	}
	return nil
}

// identify identifies every restart of rr as a member of a solution's orbit
// (a restart farther than symmetrySame from every known orbit founds a new
// solution) and sets Restarts, Solutions and MembersHit.
func (res *SymmetryResult) identify(rr optim.RestartResult, prog *autodiff.Program) error {
	m := SymmetryNet()
	var orbits [][][]float64
	var hit []map[int]bool
	grad := make([]float64, m.NumParams())
	for r, p := range rr.Params {
		sr := SymmetryRestart{Restart: r, Loss: rr.FinalLoss[r], Class: -1, Member: -1, Distance: math.Inf(1)}
		prog.ValueAndGrad(p, grad)
		sr.GradNorm = optim.Norm(grad)
		for c, o := range orbits {
			for k, q := range o {
				if d := maxAbs(p, q); d < sr.Distance {
					sr.Distance, sr.Class, sr.Member = d, c, k
				}
			}
			if sr.Distance <= symmetrySame {
				break
			}
		}
		if sr.Distance > symmetrySame {
			o, err := nn.Orbit(m, p)
			if err != nil {
				return err
			}
			orbits = append(orbits, o)
			hit = append(hit, map[int]bool{})
			res.Solutions = append(res.Solutions, p)
			sr.Class, sr.Member, sr.Distance = len(orbits)-1, 0, 0
		}
		hit[sr.Class][sr.Member] = true
		res.Restarts = append(res.Restarts, sr)
	}
	for _, h := range hit {
		res.MembersHit = append(res.MembersHit, len(h))
	}
	return nil
}

// countDistinct sets the numbers of distinct end points: raw, by
// NearestMember, by nn.Canonical and by nn.MatchWeights to the reference,
// with a note when the last two disagree with the solutions found.
func (res *SymmetryResult) countDistinct(params [][]float64) error {
	m := SymmetryNet()
	var nearest, canon, matched [][]float64
	for _, p := range params {
		q, err := NearestMember(m, p, symmetryAnchor(len(p)))
		if err != nil {
			return err
		}
		nearest = append(nearest, q)
		c, err := nn.Canonical(m, p)
		if err != nil {
			return err
		}
		canon = append(canon, c)
		mw, err := nn.MatchWeights(m, res.Reference, p)
		if err != nil {
			return err
		}
		matched = append(matched, mw)
	}
	res.RawDistinct = distinctPoints(params)
	res.Nearest = distinctPoints(nearest)
	res.Canonical = distinctPoints(canon)
	res.Matched = distinctPoints(matched)
	if res.Canonical != len(res.Solutions) || res.Matched != len(res.Solutions) {
		res.Notes = append(res.Notes, fmt.Sprintf("nn.Canonical gives %d distinct forms and nn.MatchWeights %d for %d solutions: "+
			"a solution whose hidden units tie (XOR's x1↔x2 symmetry makes two units mirror images with equal biases) "+
			"is sorted differently by perturbations of 1e-8; NearestMember has no such tie", res.Canonical, res.Matched, len(res.Solutions)))
	}
	return nil
}

// distinctPoints counts the points of ps that differ by more than
// symmetrySame, relative to the larger of 1 and a representative's size.
func distinctPoints(ps [][]float64) int {
	var reps [][]float64
next:
	for _, p := range ps {
		for _, q := range reps {
			if maxAbs(p, q) <= symmetrySame*max(1, maxAbs(q, make([]float64, len(q)))) {
				continue next
			}
		}
		reps = append(reps, p)
	}
	return len(reps)
}

// interpolateCopies sets Interp and InterpLabels: the loss along the
// straight lines between the reference and three of its copies (a swap of
// units 0 and 1, a sign flip of unit 0, and a swap with a flip).
func (res *SymmetryResult) interpolateCopies(value func([]float64) float64) {
	m := SymmetryNet()
	swap, _ := nn.PermuteHidden(m, res.Reference, 1, []int{1, 0, 2})
	flip, _ := nn.FlipUnit(m, res.Reference, 1, 0)
	both, _ := nn.FlipUnit(m, swap, 1, 2)
	for i, q := range [][]float64{swap, flip, both} {
		res.Interp = append(res.Interp, landscape.Interpolate(value, res.Reference, q, 101))
		res.InterpLabels = append(res.InterpLabels, []string{"swap units 1, 2", "flip unit 1", "swap 1, 2 and flip 3"}[i])
	}
}

// claims states lesson 6's claims.
func (res *SymmetryResult) claims() []Claim {
	cfg := res.Config
	maxGrad, maxDist := 0.0, 0.0
	for _, sr := range res.Restarts {
		maxGrad = max(maxGrad, sr.GradNorm)
		maxDist = max(maxDist, sr.Distance)
	}
	minBarrier := math.Inf(1)
	for _, in := range res.Interp {
		minBarrier = min(minBarrier, in.Barrier)
	}
	main := 0
	for c, h := range res.MembersHit {
		if h > res.MembersHit[main] {
			main = c
		}
	}
	const lossTol = 1e-15 // permutations and tanh flips permute and negate exactly; the sums reorder (a few ulps)
	return []Claim{
		claimf(res.OrbitSize == 48 && res.LossSpread <= lossTol && res.MinPairDist > 1e-2,
			"the best solution (loss %.10f) has %d = 3!·2³ equivalent copies: the same loss (largest difference %.1e), pairwise distinct points (closest pair %.3f apart)",
			res.RefLoss, res.OrbitSize, res.LossSpread, res.MinPairDist),
		claimf(maxGrad <= 1e-9 && maxDist <= symmetrySame,
			"%d restarts (uniform ±1, seeds 0..%d) converge (‖∇L‖ ≤ %.1e); each is exactly (≤ %.1e) a member of the orbit of one of %d solution(s)",
			cfg.N, cfg.N-1, maxGrad, maxDist, len(res.Solutions)),
		claimf(len(res.MembersHit) > 0 && res.MembersHit[main] > 1,
			"solution %d was reached %s through %d different members of its orbit",
			main+1, countClass(res.Restarts, main), res.MembersHit[main]),
		claimf(res.Nearest == len(res.Solutions) && res.RawDistinct > len(res.Solutions),
			"distinct end points: %d as raw vectors, %d in canonical form (the orbit member nearest a fixed anchor), the %d solutions; nn.Canonical: %d, nn.MatchWeights to the best: %d",
			res.RawDistinct, res.Nearest, len(res.Solutions), res.Canonical, res.Matched),
		claimf(minBarrier > 1e-3, "the straight line from the best solution to three of its copies crosses a loss barrier of at least %.4f: copies are separate minima", minBarrier),
	}
}

// countClass formats how many restarts ended in class c.
func countClass(rs []SymmetryRestart, c int) string {
	n := 0
	for _, r := range rs {
		if r.Class == c {
			n++
		}
	}
	return fmt.Sprintf("by %d of %d restarts", n, len(rs))
}

// symmetryAnchor is the fixed generic point a_k = sin(1.3·k + 0.7) that
// NearestMember's canonical form of lesson 6 is measured from.
func symmetryAnchor(n int) []float64 {
	a := make([]float64, n)
	for k := range a {
		a[k] = math.Sin(1.3*float64(k) + 0.7)
	}
	return a
}

// NearestMember returns the member of params' orbit under m's hidden-unit
// symmetries (nn.Orbit) closest to anchor in Euclidean distance: a canonical
// form, since it depends on the orbit only. Unlike a lexicographic sort of
// the units (nn.Canonical) it does not jump when two units nearly tie; it is
// ambiguous only when two members are equally far from the anchor, which a
// generic anchor makes a measure-zero event.
func NearestMember(m nn.MLP, params, anchor []float64) ([]float64, error) {
	orbit, err := nn.Orbit(m, params)
	if err != nil {
		return nil, err
	}
	best, bestD := orbit[0], math.Inf(1)
	for _, q := range orbit {
		d := 0.0
		for i := range q {
			d += (q[i] - anchor[i]) * (q[i] - anchor[i])
		}
		if d < bestD {
			best, bestD = q, d
		}
	}
	return best, nil
}
