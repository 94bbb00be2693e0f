package vmath

import "math"

// The constants of Go's amd64 math.Exp (Shibata, "Efficient evaluation
// methods of elementary functions suitable for SIMD computation", ISC 2010;
// the SLEEF constants): x = k·ln2 + r with k = round(x·log₂e), ln2 split in
// two for an exact reduction; e^(r/16) − 1 by a degree-8 Taylor polynomial,
// then squared back four times in the form y ← y·(y + 2), which keeps the
// relative accuracy of eʳ − 1; the result is (y + 1)·2ᵏ.
const (
	log2e = 1.4426950408889634073599246810018920
	ln2U  = 0.69314718055966295651160180568695068359375
	ln2L  = 0.28235290563031577122588448175013436025525412068e-12
	c0    = 0.5
	c3    = 1.6666666666666666667e-1
	c4    = 4.1666666666666666667e-2
	c5    = 8.3333333333333333333e-3
	c6    = 1.3888888888888888889e-3
	c7    = 1.9841269841269841270e-4
	c8    = 2.4801587301587301587e-5

	// fastMax bounds the arguments the loops handle themselves: for
	// |x| ≤ 708 the exponent k lies in [−1022, 1022], so 2ᵏ is a normal
	// number and the result needs no subnormal or overflow handling. Other
	// arguments (and NaN) go to math.Exp.
	fastMax = 708
	// roundMagic rounds a float64 below 2⁵¹ in magnitude to the nearest
	// integer, ties to even (what the amd64 CVTSD2SL of math.Exp does),
	// by adding and subtracting 1.5·2⁵².
	roundMagic = 0x1.8p52
)

// expFused is math.Exp's algorithm with fused multiply-adds where the amd64
// assembly uses them (on CPUs with FMA).
func expFused(x float64) float64 {
	k := (x*log2e + roundMagic) - roundMagic
	r := math.FMA(-k, ln2U, x)
	r = math.FMA(-k, ln2L, r)
	r *= 0.0625
	p := math.FMA(c8, r, c7)
	p = math.FMA(p, r, c6)
	p = math.FMA(p, r, c5)
	p = math.FMA(p, r, c4)
	p = math.FMA(p, r, c3)
	p = math.FMA(p, r, c0)
	p = math.FMA(p, r, 1)
	y := p * r
	y *= y + 2
	y *= y + 2
	y *= y + 2
	y = math.FMA(y, y+2, 1)
	return y * math.Float64frombits(uint64(int64(k)+1023)<<52)
}

// expSeparate is the same algorithm with every product rounded on its own
// (math.Exp on amd64 CPUs without FMA; the portable form elsewhere).
func expSeparate(x float64) float64 {
	k := (x*log2e + roundMagic) - roundMagic
	r := x - k*ln2U
	r -= k * ln2L
	r *= 0.0625
	p := c8*r + c7
	p = p*r + c6
	p = p*r + c5
	p = p*r + c4
	p = p*r + c3
	p = p*r + c0
	p = p*r + 1
	y := p * r
	y *= y + 2
	y *= y + 2
	y *= y + 2
	y *= y + 2
	y++
	return y * math.Float64frombits(uint64(int64(k)+1023)<<52)
}

// fused reports whether the fused variant is in use, and exact whether the
// variant in use reproduces math.Exp; set once by init.
var fused, exact = pickFused()

// pickFused returns whether expFused reproduces math.Exp on this machine
// (amd64 with FMA) bit for bit over a set of probes, and whether the form
// it picks does; otherwise the separate form is used (amd64 without FMA
// reproduces math.Exp with it; on other architectures math.Exp is another
// algorithm and both are within the tested ulps of it).
func pickFused() (fused, exact bool) {
	fusedOK, sepOK := true, true
	for i := range 2000 {
		x := -700 + 1400*float64(i)/2000 + 1e-3*math.Sin(float64(i))
		want := math.Float64bits(math.Exp(x))
		fusedOK = fusedOK && math.Float64bits(expFused(x)) == want
		sepOK = sepOK && math.Float64bits(expSeparate(x)) == want
	}
	return fusedOK, fusedOK || sepOK
}

// Exact reports whether the kernels reproduce the math package bit for bit
// on this machine (math.Exp's own operations: amd64). Elsewhere math.Exp
// is another algorithm and the kernels are within 2 ulp of it.
func Exact() bool { return exact }

// Fused reports whether the kernels use fused multiply-adds (they then
// reproduce math.Exp on amd64 CPUs with FMA bit for bit).
func Fused() bool { return fused }

// Exp sets dst[i] = eˣ for x = src[i], bit for bit as math.Exp on amd64
// (see Fused). dst and src must have the same length; they may be the same
// slice.
func Exp(dst, src []float64) {
	src = src[:len(dst)]
	for i := 0; i < len(src); {
		i += expVec(dst[i:], src[i:])
		end := min(i+4, len(src)) // the group the vector loop left, or the tail
		for ; i < end; i++ {
			dst[i] = exp1(src[i])
		}
	}
}

// exp1 is one element of Exp.
func exp1(x float64) float64 {
	if !(math.Abs(x) <= fastMax) {
		return math.Exp(x)
	}
	if fused {
		return expFused(x)
	}
	return expSeparate(x)
}
