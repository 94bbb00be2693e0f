package vmath

import "math"

// Sigmoid sets dst[i] = σ(x) = 1/(1+e⁻ˣ) for x = src[i], computed as
// 1/(1+e^−|x|) for x ≥ 0 and e^−|x|/(1+e^−|x|) for x < 0 so that it
// neither overflows nor loses relative accuracy in the lower tail: the
// formula of autodiff.Sigmoid, with Exp for math.Exp.
func Sigmoid(dst, src []float64) {
	src = src[:len(dst)]
	for i := 0; i < len(src); {
		i += sigmoidVec(dst[i:], src[i:])
		end := min(i+4, len(src))
		for ; i < end; i++ {
			dst[i] = Sigmoid1(src[i])
		}
	}
}

// Sigmoid1 is one element of Sigmoid.
func Sigmoid1(x float64) float64 {
	e := exp1(-math.Abs(x))
	if x < 0 {
		return e / (1 + e)
	}
	return 1 / (1 + e)
}

// Tanh sets dst[i] = tanh x for x = src[i]: the algorithm of math.Tanh (a
// rational approximation below 0.625, 1 − 2/(e²ˣ+1) above, ±1 beyond
// 44.01) with Exp for math.Exp, so bit for bit math.Tanh where Exp is
// math.Exp.
func Tanh(dst, src []float64) {
	src = src[:len(dst)]
	for i := 0; i < len(src); {
		i += tanhVec(dst[i:], src[i:])
		end := min(i+4, len(src))
		for ; i < end; i++ {
			dst[i] = Tanh1(src[i])
		}
	}
}

var (
	tanhP = [...]float64{-9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3}
	tanhQ = [...]float64{1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3}
)

// Tanh1 is one element of Tanh.
func Tanh1(x float64) float64 {
	const maxLog = 8.8029691931113054295988e+01 // log(2¹²⁷)
	z := math.Abs(x)
	switch {
	case z > 0.5*maxLog:
		if x < 0 {
			return -1
		}
		return 1
	case z >= 0.625:
		s := exp1(2 * z)
		z = 1 - 2/(s+1)
		if x < 0 {
			z = -z
		}
	default:
		if x == 0 {
			return x
		}
		s := x * x
		z = x + x*s*((tanhP[0]*s+tanhP[1])*s+tanhP[2])/(((s+tanhQ[0])*s+tanhQ[1])*s+tanhQ[2])
	}
	return z
}

// Softplus sets dst[i] = log(1+eˣ) for x = src[i], as max(x,0) +
// log1p(e^−|x|) (the formula of autodiff.Softplus) with Exp for math.Exp.
func Softplus(dst, src []float64) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = Softplus1(x)
	}
}

// Softplus1 is one element of Softplus.
func Softplus1(x float64) float64 {
	return math.Max(x, 0) + math.Log1p(exp1(-math.Abs(x)))
}

// Log sets dst[i] = log x for x = src[i]: the algorithm of Go's math.Log
// (FreeBSD's e_log.c: x = 2ᵏ·f with √2/2 ≤ f < √2, log f from a degree-14
// polynomial in s = (f−1)/(f+1)), written so that the compiler keeps the
// loop free of calls; arguments that are not positive normal numbers go to
// math.Log.
func Log(dst, src []float64) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = Log1(x)
	}
}

// Log1 is one element of Log.
func Log1(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		l1    = 6.666666666666735130e-01
		l2    = 3.999999999940941908e-01
		l3    = 2.857142874366239149e-01
		l4    = 2.222219843214978396e-01
		l5    = 1.818357216161805012e-01
		l6    = 1.531383769920937332e-01
		l7    = 1.479819860511658591e-01
	)
	if !(x >= 0x1p-1022 && x <= math.MaxFloat64) {
		return math.Log(x)
	}
	b := math.Float64bits(x)
	f1 := math.Float64frombits(b&(1<<52-1) | 0x3fe0000000000000)
	k := float64(int64(b>>52) - 0x3fe)
	if f1 < math.Sqrt2/2 {
		k--
		f1 *= 2
	}
	f := f1 - 1
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := s2 * (l1 + s4*(l3+s4*(l5+s4*l7)))
	t2 := s4 * (l2 + s4*(l4+s4*l6))
	r := t1 + t2
	hfsq := 0.5 * f * f
	return k*ln2Hi - ((hfsq - (s*(hfsq+r) + k*ln2Lo)) - f)
}
