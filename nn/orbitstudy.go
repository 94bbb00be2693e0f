package nn

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/saddle-dev/saddle/autodiff"
	symeig "github.com/saddle-dev/saddle/internal/eigen"
)

// OrbitConfig controls StudyOrbit. Zero fields take the defaults named
// beside them.
type OrbitConfig struct {
	MaxOrbit int    // evaluate the whole orbit up to this size (at most the constant MaxOrbit); 0 means 10,000
	Samples  int    // else evaluate this many members: the point and random symmetries; 0 means 100
	Seed     uint64 // seed of the random symmetries (member k uses RandomSymmetry(m, Seed+k))
	// MaxHessian: the Hessian spectra are compared only for nets with at
	// most this many parameters; 0 means 128, negative means never.
	MaxHessian int
	Context    context.Context // cancels the study between members; nil means never
}

// DefaultOrbitConfig returns the defaults of OrbitConfig's zero fields.
func DefaultOrbitConfig() OrbitConfig {
	return OrbitConfig{MaxOrbit: 10000, Samples: 100, MaxHessian: 128}
}

func (c OrbitConfig) withDefaults() OrbitConfig {
	def := DefaultOrbitConfig()
	if c.MaxOrbit == 0 {
		c.MaxOrbit = def.MaxOrbit
	}
	if c.Samples == 0 {
		c.Samples = def.Samples
	}
	if c.MaxHessian == 0 {
		c.MaxHessian = def.MaxHessian
	}
	if c.Context == nil {
		c.Context = context.Background()
	}
	return c
}

// Members returns how many orbit members StudyOrbit evaluates for net m,
// and whether that is the whole orbit (enumerated) or a random sample.
func (c OrbitConfig) Members(m MLP) (count float64, enumerate bool) {
	c = c.withDefaults()
	size := OrbitSize(m)
	if size.Cmp(big.NewInt(int64(min(c.MaxOrbit, MaxOrbit)))) <= 0 {
		return float64(size.Int64()), true
	}
	return float64(c.Samples), false
}

// OrbitStudy is what StudyOrbit finds about the symmetry orbit of a point.
type OrbitStudy struct {
	OrbitSize      *big.Int // Π over hidden layers of n!·2ⁿ (n! for activations without a sign symmetry)
	OrbitSizeLog10 float64  // log₁₀ OrbitSize, also beyond float64's range
	Enumerated     bool     // the whole orbit was evaluated; else Evaluated random members
	Evaluated      int
	Distinct       int       // different parameter vectors among those evaluated
	Losses         []float64 // the loss of each member evaluated; Losses[0] is the point's
	LossMin        float64
	LossMax        float64
	Canonical      []float64 // the orbit's canonical representative (Canonical)
	CanonicalLoss  float64
	// Permuted is the point with every hidden layer's units in reverse
	// order; Permutation[h] maps new unit i to old unit Permutation[h][i].
	Permuted    []float64
	Permutation [][]int
	// Eigenvalues of the Hessian at the point and at Permuted, ascending,
	// and their largest difference; nil when HessianSkipped.
	Eigenvalues         []float64
	EigenvaluesPermuted []float64
	EigenvalueMaxDiff   float64
	HessianSkipped      bool
}

// StudyOrbit evaluates the loss of p over the symmetry orbit of params
// (every member when the orbit has at most cfg.MaxOrbit members, else
// cfg.Samples of them), counts the distinct members, and compares the
// Hessian spectrum at params with that at a permuted copy
// (docs/LITERATURE.md, "Symmetries"). Hidden-unit permutations and the
// sign flips leave the loss unchanged; a permutation is an orthogonal map,
// so it also keeps the Hessian's spectrum. The sigmoid flip is linear but
// not orthogonal: it keeps the loss and the Hessian's inertia, not its
// spectrum, which is why the permuted point is a pure permutation. It
// stops between members when cfg.Context is cancelled.
func StudyOrbit(p Problem, params []float64, cfg OrbitConfig) (OrbitStudy, error) {
	c := cfg.withDefaults()
	ctx := c.Context
	m := p.Net
	var r OrbitStudy
	r.OrbitSize = OrbitSize(m)
	f, _ := new(big.Float).SetInt(r.OrbitSize).Float64()
	r.OrbitSizeLog10 = math.Log10(f)
	if math.IsInf(f, 1) { // beyond float64: count the digits
		r.OrbitSizeLog10 = float64(len(r.OrbitSize.String()) - 1)
	}
	members, err := orbitMembers(m, params, c)
	if err != nil {
		return r, err
	}
	_, r.Enumerated = c.Members(m)
	r.Evaluated = len(members)
	seen := map[[sha256.Size]byte]bool{} // members by the SHA-256 of their bits
	r.Losses = make([]float64, len(members))
	buf := make([]byte, 0, 8*len(params))
	for i, q := range members {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		buf = buf[:0]
		for _, v := range q {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		seen[sha256.Sum256(buf)] = true
		r.Losses[i] = p.LossValue(q)
	}
	r.Distinct = len(seen)
	r.LossMin, r.LossMax = slices.Min(r.Losses), slices.Max(r.Losses)
	if r.Canonical, err = Canonical(m, params); err != nil {
		return r, err
	}
	r.CanonicalLoss = p.LossValue(r.Canonical)
	if err := r.permuted(m, params); err != nil {
		return r, err
	}
	if c.MaxHessian < 0 || p.NumParams() > c.MaxHessian {
		r.HessianSkipped = true
		return r, nil
	}
	fn := p.Func()
	r.Eigenvalues = symeig.Sym(autodiff.Hessian(fn, params))
	r.EigenvaluesPermuted = symeig.Sym(autodiff.Hessian(fn, r.Permuted))
	if r.Eigenvalues == nil || r.EigenvaluesPermuted == nil {
		return r, fmt.Errorf("the Hessian has non-finite entries at the point")
	}
	for i := range r.Eigenvalues {
		r.EigenvalueMaxDiff = max(r.EigenvalueMaxDiff, math.Abs(r.Eigenvalues[i]-r.EigenvaluesPermuted[i]))
	}
	return r, nil
}

// orbitMembers returns the members StudyOrbit evaluates: the whole orbit,
// or params and Samples−1 random symmetries of it.
func orbitMembers(m MLP, params []float64, c OrbitConfig) ([][]float64, error) {
	if _, enumerate := c.Members(m); enumerate {
		return Orbit(m, params)
	}
	members := [][]float64{params}
	for k := 1; k < c.Samples; k++ {
		q, err := RandomSymmetry(m, c.Seed+uint64(k)).Apply(m, params)
		if err != nil {
			return nil, err
		}
		members = append(members, q)
	}
	return members, nil
}

// permuted sets Permuted and Permutation: every hidden layer's units in
// reverse order.
func (r *OrbitStudy) permuted(m MLP, params []float64) error {
	s := IdentitySymmetry(m)
	r.Permutation = [][]int{}
	for h := 1; h < len(m.Sizes)-1; h++ {
		perm := make([]int, m.Sizes[h])
		for i := range perm {
			perm[i] = len(perm) - 1 - i
		}
		s.Perm[h] = perm
		r.Permutation = append(r.Permutation, perm)
	}
	var err error
	r.Permuted, err = s.Apply(m, params)
	return err
}
