package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// symTol: a symmetry reorders sums and (for the sigmoid flip) rounds c + v,
// so outputs agree to a few ulps; the issue asks for invariance to ~1e-12.
const symTol = 1e-12

// genericPoint returns a point with no ties between units (uniform(−1, 1)).
func genericPoint(m MLP, seed uint64) []float64 { return InitUniform(m, 1, seed) }

// grid returns a few inputs spread over [−1, 2]^in.
func grid(in int) []float64 {
	r := rand.New(rand.NewPCG(11, 12))
	x := make([]float64, 7*in)
	for i := range x {
		x[i] = 3*r.Float64() - 1
	}
	return x
}

func assertSameFunction(t *testing.T, m MLP, a, b []float64, msg string) {
	t.Helper()
	x := grid(m.In())
	ya, yb := m.Predict(a, x), m.Predict(b, x)
	for i := range ya {
		assert.InDelta(t, ya[i], yb[i], symTol, msg)
	}
}

func TestPermuteHiddenKeepsFunction(t *testing.T) {
	for _, act := range []Activation{Sigmoid, Tanh, ReLU, Softplus} {
		m := MLP{Sizes: []int{2, 3, 4, 2}, Hidden: act, Output: Sigmoid}
		p := genericPoint(m, 1)
		q, err := PermuteHidden(m, p, 2, []int{2, 0, 3, 1})
		require.NoError(t, err)
		assert.NotEqual(t, p, q)
		assertSameFunction(t, m, p, q, string(act))
		// New unit 0 is old unit 2: its bias moved.
		assert.Equal(t, m.Layers(p)[1].B[2], m.Layers(q)[1].B[0])
	}
}

func TestPermuteHiddenErrors(t *testing.T) {
	p := W1Start()
	_, err := PermuteHidden(xorNet, p, 2, []int{1, 0})
	assert.ErrorContains(t, err, "layer 2 is not a hidden layer of net [2 2 1] (want 1..1)")
	_, err = PermuteHidden(xorNet, p, 1, []int{1, 1})
	assert.ErrorContains(t, err, "is not a permutation")
	_, err = PermuteHidden(xorNet, p[:5], 1, []int{1, 0})
	assert.ErrorContains(t, err, "5 parameters, net [2 2 1] needs 9")
}

func TestFlipUnitKeepsFunction(t *testing.T) {
	for _, act := range []Activation{Sigmoid, Tanh, Identity} {
		m := MLP{Sizes: []int{2, 3, 3, 1}, Hidden: act, Output: Identity}
		p := genericPoint(m, 2)
		for _, layer := range []int{1, 2} {
			q, err := FlipUnit(m, p, layer, 1)
			require.NoError(t, err)
			assert.NotEqual(t, p, q)
			assertSameFunction(t, m, p, q, string(act))
		}
	}
	// The sigmoid flip of docs/LITERATURE.md on the XOR net:
	// (w, b, v, c) → (−w, −b, −v, c + v) for hidden unit 0.
	p := W1Start()
	q, err := FlipUnit(xorNet, p, 1, 0)
	require.NoError(t, err)
	assert.Equal(t, []float64{-0.5, 0.4, -0.3, 0.6, -0.1, -0.2, -0.7, -0.5, 0.05 + 0.7}, q)
	// The tanh flip negates (w, b, v) and leaves c.
	m := MLP{Sizes: []int{2, 2, 1}, Hidden: Tanh, Output: Identity}
	q, err = FlipUnit(m, p, 1, 1)
	require.NoError(t, err)
	assert.Equal(t, []float64{0.5, -0.4, 0.3, -0.6, 0.1, 0.2, 0.7, 0.5, 0.05}, q)
}

func TestFlipUnitErrors(t *testing.T) {
	for _, act := range []Activation{ReLU, Softplus} {
		m := MLP{Sizes: []int{2, 2, 1}, Hidden: act, Output: Identity}
		_, err := FlipUnit(m, W1Start(), 1, 0)
		assert.ErrorContains(t, err, "activation "+string(act)+" has no sign-flip symmetry")
	}
	_, err := FlipUnit(xorNet, W1Start(), 1, 2)
	assert.ErrorContains(t, err, "unit 2 out of range")
	_, err = FlipUnit(MLP{Sizes: []int{1, 1}, Output: Identity}, []float64{1, 2}, 1, 0)
	assert.ErrorContains(t, err, "has no hidden layer")
}

func factorial(n int) int {
	if n <= 1 {
		return 1
	}
	return n * factorial(n-1)
}

func TestOrbitSizeAndDistinct(t *testing.T) {
	for n := 1; n <= 4; n++ {
		m := MLP{Sizes: []int{2, n, 1}, Hidden: Tanh, Output: Identity}
		p := genericPoint(m, uint64(n))
		orbit, err := Orbit(m, p)
		require.NoError(t, err)
		want := factorial(n) << n // n!·2ⁿ
		assert.Equal(t, int64(want), OrbitSize(m).Int64())
		require.Len(t, orbit, want)
		assert.Equal(t, p, orbit[0], "the first member is the point itself")
		seen := map[[32]float64]bool{}
		for _, q := range orbit {
			var key [32]float64
			copy(key[:], q)
			seen[key] = true
		}
		assert.Len(t, seen, want, "2-%d-1 tanh: all members distinct", n)
	}
	// Two hidden layers: the product over layers; relu has no flips.
	m := MLP{Sizes: []int{2, 2, 3, 1}, Hidden: ReLU, Output: Identity}
	assert.Equal(t, int64(2*6), OrbitSize(m).Int64())
	orbit, err := Orbit(m, genericPoint(m, 3))
	require.NoError(t, err)
	assert.Len(t, orbit, 12)
	for _, q := range orbit {
		assertSameFunction(t, m, orbit[0], q, "relu orbit")
	}
}

func TestOrbitRefusesHugeOrbits(t *testing.T) {
	m := MLP{Sizes: []int{2, 16, 1}, Hidden: Tanh, Output: Identity}
	_, err := Orbit(m, InitFormula(m))
	assert.ErrorContains(t, err, "more than the limit 100000")
	// 16!·2¹⁶ = 20922789888000·65536.
	assert.Equal(t, "1371195958099968000", OrbitSize(m).String())
}

func TestCanonicalEqualOverOrbit(t *testing.T) {
	for _, tc := range []struct {
		m   MLP
		tol float64
	}{
		{MLP{Sizes: []int{2, 3, 1}, Hidden: Tanh, Output: Identity}, 0},          // exact
		{MLP{Sizes: []int{2, 2, 2, 1}, Hidden: Tanh, Output: Identity}, 0},       // exact
		{MLP{Sizes: []int{2, 3, 1}, Hidden: ReLU, Output: Identity}, 0},          // exact
		{MLP{Sizes: []int{2, 2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}, 1e-15}, // c+v−v rounds
	} {
		p := genericPoint(tc.m, 5)
		orbit, err := Orbit(tc.m, p)
		require.NoError(t, err)
		c0, err := Canonical(tc.m, p)
		require.NoError(t, err)
		assertSameFunction(t, tc.m, p, c0, "canonical form is equivalent")
		for _, q := range orbit {
			c, err := Canonical(tc.m, q)
			require.NoError(t, err)
			assert.InDeltaSlice(t, c0, c, tc.tol, tc.m.String())
		}
		// Different (non-equivalent) points have different forms.
		c1, _ := Canonical(tc.m, genericPoint(tc.m, 6))
		assert.NotEqual(t, c0, c1)
	}
}

func TestMatchWeightsRecoversSymmetry(t *testing.T) {
	for _, tc := range []struct {
		m   MLP
		tol float64
	}{
		{MLP{Sizes: []int{2, 8, 1}, Hidden: Tanh, Output: Identity}, 0},
		{MLP{Sizes: []int{3, 6, 5, 2}, Hidden: Tanh, Output: Identity}, 0},
		{MLP{Sizes: []int{3, 6, 5, 2}, Hidden: ReLU, Output: Identity}, 0},
		{MLP{Sizes: []int{2, 5, 4, 1}, Hidden: Sigmoid, Output: Sigmoid}, 1e-15},
	} {
		for seed := uint64(1); seed <= 5; seed++ {
			a := genericPoint(tc.m, seed)
			s := RandomSymmetry(tc.m, seed)
			b, err := s.Apply(tc.m, a)
			require.NoError(t, err)
			got, err := MatchWeights(tc.m, a, b)
			require.NoError(t, err)
			assert.InDeltaSlice(t, a, got, tc.tol, "%v seed %d", tc.m, seed)
			assertSameFunction(t, tc.m, b, got, "matched b is equivalent to b")
		}
	}
}

func TestMatchWeightsMovesTowardA(t *testing.T) {
	// For unrelated a and b the matched b is equivalent to b and no farther
	// from a than b was (the identity is one of the candidates).
	m := MLP{Sizes: []int{2, 6, 1}, Hidden: Tanh, Output: Identity}
	a, b := genericPoint(m, 1), genericPoint(m, 2)
	got, err := MatchWeights(m, a, b)
	require.NoError(t, err)
	dist := func(x, y []float64) float64 {
		s := 0.0
		for i := range x {
			s += (x[i] - y[i]) * (x[i] - y[i])
		}
		return math.Sqrt(s)
	}
	assert.Less(t, dist(a, got), dist(a, b))
	assertSameFunction(t, m, b, got, "matched b is equivalent to b")
}

// TestAssignBruteForce compares the Hungarian method with the minimum over
// all n! permutations (an independent reference) on random matrices.
func TestAssignBruteForce(t *testing.T) {
	// Both sums add the same n numbers in different orders.
	const sumTol = 1e-12
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 1 + trial%6
		cost := make([][]float64, n)
		for i := range cost {
			cost[i] = make([]float64, n)
			for j := range cost[i] {
				cost[i][j] = math.Round(10*r.NormFloat64()) / 2 // ties happen
			}
		}
		perm := Assign(cost)
		require.NoError(t, checkPerm("test", perm, n))
		total := func(p []int) float64 {
			s := 0.0
			for i, j := range p {
				s += cost[i][j]
			}
			return s
		}
		best := math.Inf(1)
		for _, p := range permutations(n) {
			best = min(best, total(p))
		}
		assert.InDelta(t, best, total(perm), sumTol, "trial %d", trial)
	}
	assert.Equal(t, []int{}, Assign(nil))
	assert.Panics(t, func() { Assign([][]float64{{1, 2}}) })
}

func TestPermutationsLexicographic(t *testing.T) {
	assert.Equal(t, [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}, permutations(3))
	assert.Len(t, permutations(5), 120)
}
