package vmath

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxULP is the accuracy the issue asks of the batched kernels against Go's
// math package: at most 2 units in the last place. (On amd64 they are in
// fact the same operations, 0 ulp; elsewhere the algorithms differ.)
const maxULP = 2

// ulps returns the number of math.Nextafter steps from a to b, capped at
// maxULP+1; NaN is 0 steps from NaN and maxULP+1 from anything else.
func ulps(a, b float64) int {
	if math.IsNaN(a) || math.IsNaN(b) {
		if math.IsNaN(a) && math.IsNaN(b) {
			return 0
		}
		return maxULP + 1
	}
	n := 0
	for a != b && n <= maxULP {
		a = math.Nextafter(a, b)
		n++
	}
	if a == b && math.Signbit(a) != math.Signbit(b) && a == 0 {
		return maxULP + 1 // −0 against +0
	}
	return n
}

// inputs returns edge values, values around every threshold of the
// kernels, a sweep of the range where the results go subnormal or overflow,
// and random values of every magnitude (random bit patterns) and of the
// magnitudes the nets see.
func inputs() []float64 {
	xs := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 0x1p-1022, -0x1p-1022,
		math.MaxFloat64, -math.MaxFloat64, 1, -1, 0.625, -0.625, 44.014845965556527, -44.014845965556527,
		708, -708, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -746, 710, -1e300, 1e300}
	for _, t := range []float64{0.625, 44.014845965556527, 708, 709.78, 745.13, 20, 36.8, 40} {
		for _, s := range []float64{1, -1} {
			x := s * t
			for range 20 {
				xs = append(xs, x)
				x = math.Nextafter(x, 0)
			}
		}
	}
	for x := -760.0; x <= 760; x += 0.0371 {
		xs = append(xs, x)
	}
	rng := rand.New(rand.NewPCG(18, 1))
	for range 200000 {
		xs = append(xs, math.Float64frombits(rng.Uint64()))
		xs = append(xs, 30*rng.NormFloat64())
		xs = append(xs, rng.NormFloat64())
	}
	return xs
}

// check runs the batched kernel on xs (in odd lengths and offsets, so that
// every element goes through both the vector loop and the tail) and
// compares each element with want.
func check(t *testing.T, name string, kernel func(dst, src []float64), want func(float64) float64) {
	xs := inputs()
	got := make([]float64, len(xs))
	kernel(got, xs)
	bad := 0
	for i, x := range xs {
		if d := ulps(got[i], want(x)); d > maxULP {
			bad++
			if bad <= 5 {
				t.Errorf("%s(%v) = %v, want %v (%d ulp or more)", name, x, got[i], want(x), d)
			}
		}
	}
	assert.Zero(t, bad, "%s: elements beyond %d ulp", name, maxULP)
	// In place and misaligned: the same values.
	in := append([]float64(nil), xs[3:1003]...)
	kernel(in, in)
	for i := range in {
		require.Equal(t, math.Float64bits(got[3+i]), math.Float64bits(in[i]), "%s in place, element %d", name, i)
	}
}

func TestExp(t *testing.T) { check(t, "Exp", Exp, math.Exp) }

func TestLog(t *testing.T) {
	check(t, "Log", Log, math.Log)
	// Positive arguments over the whole range, including subnormals.
	xs := []float64{math.SmallestNonzeroFloat64, 0x1p-1060, 0x1p-1022, 0.5, 1, 2, math.MaxFloat64}
	got := make([]float64, len(xs))
	Log(got, xs)
	for i, x := range xs {
		assert.LessOrEqual(t, ulps(got[i], math.Log(x)), maxULP, "Log(%v)", x)
	}
}

func TestTanh(t *testing.T) { check(t, "Tanh", Tanh, math.Tanh) }

// sigmoidRef is autodiff's sigmoid with math.Exp.
func sigmoidRef(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

func TestSigmoid(t *testing.T) {
	check(t, "Sigmoid", Sigmoid, sigmoidRef)
	// The lower tail keeps its relative accuracy down to the subnormals:
	// for x < −40, 1 + eˣ rounds to 1, so σ(x) = eˣ exactly in float64
	// (an independent reference), including subnormal results.
	for _, x := range []float64{-40, -100, -700, -708.5, -720, -740, -745} {
		got := make([]float64, 5)
		Sigmoid(got, []float64{x, x, x, x, x})
		assert.LessOrEqual(t, ulps(got[0], math.Exp(x)), maxULP, "σ(%v)", x)
		if math.Exp(x) > 0 { // Go's portable math.Exp flushes e⁻⁷⁴⁵ to 0
			assert.Positive(t, got[0], "σ(%v) must not underflow to 0 before eˣ does", x)
		}
	}
}

func TestSoftplus(t *testing.T) {
	check(t, "Softplus", Softplus, func(v float64) float64 {
		return math.Max(v, 0) + math.Log1p(math.Exp(-math.Abs(v)))
	})
	// Tails: log(1+eˣ) = eˣ to double precision below −37 (eˣ < 2⁻⁵³), and
	// x above 37 (the e⁻ˣ term is below half an ulp of x).
	got := make([]float64, 2)
	Softplus(got, []float64{-50, 50})
	assert.LessOrEqual(t, ulps(got[0], math.Exp(-50)), maxULP)
	assert.Equal(t, 50.0, got[1])
}

// TestFusedMatchesMath: on amd64 the kernels are math.Exp's own operations,
// and Tanh and Sigmoid those of math.Tanh and of autodiff's sigmoid on top
// of it, so they agree bit for bit with them (the batched replay's results
// against the unbatched path rest on it). The sign of a NaN is not kept.
func TestFusedMatchesMath(t *testing.T) {
	if !exact {
		t.Skip("math.Exp uses another algorithm on this architecture")
	}
	xs := inputs()
	got := make([]float64, len(xs))
	for _, k := range []struct {
		name   string
		kernel func(dst, src []float64)
		want   func(float64) float64
	}{{"Exp", Exp, math.Exp}, {"Tanh", Tanh, math.Tanh}, {"Sigmoid", Sigmoid, sigmoidRef}} {
		k.kernel(got, xs)
		for i, x := range xs {
			if math.IsNaN(x) {
				require.True(t, math.IsNaN(got[i]), "%s(NaN)", k.name)
				continue
			}
			require.Equal(t, math.Float64bits(k.want(x)), math.Float64bits(got[i]), "%s(%v)", k.name, x)
		}
	}
}

// TestSeparateForm: the unfused form (used where FMA is missing) is within
// maxULP of math.Exp too.
func TestSeparateForm(t *testing.T) {
	for _, x := range inputs() {
		if math.Abs(x) <= fastMax {
			require.LessOrEqual(t, ulps(expSeparate(x), math.Exp(x)), maxULP, "expSeparate(%v)", x)
			require.LessOrEqual(t, ulps(expFused(x), math.Exp(x)), maxULP, "expFused(%v)", x)
		}
	}
}

// TestWideLoopsMatchNarrow: the AVX-512 loops give the bits of the AVX2
// loops (and of the Go kernels), whatever the length and offset.
func TestWideLoopsMatchNarrow(t *testing.T) {
	if !haveAVX512 {
		t.Skip("no AVX-512 on this CPU")
	}
	xs := inputs()
	for _, k := range []struct {
		name string
		f    func(dst, src []float64)
	}{{"Exp", Exp}, {"Sigmoid", Sigmoid}, {"Tanh", Tanh}} {
		wide := make([]float64, len(xs))
		k.f(wide, xs)
		haveAVX512 = false
		for _, off := range []int{0, 1, 5, 23} {
			narrow := make([]float64, len(xs)-off)
			k.f(narrow, xs[off:])
			for i := range narrow {
				require.Equal(t, math.Float64bits(wide[off+i]), math.Float64bits(narrow[i]), "%s(%v)", k.name, xs[off+i])
			}
		}
		haveAVX512 = true
	}
}
