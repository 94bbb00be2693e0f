//go:build !purego

package vmath

import "github.com/saddle-dev/saddle/internal/cpufeat"

// The AVX2 loops handle four elements at a time with the lane-wise
// operations of expFused; each returns how many leading elements it did (a
// multiple of four), stopping before the first group with an argument
// outside the fast range, which the caller finishes in Go.

//go:noescape
func expAVX2(dst, src []float64) int

//go:noescape
func sigmoidAVX2(dst, src []float64) int

//go:noescape
func tanhAVX2(dst, src []float64) int

// The AVX-512 loops (vmath_avx512_amd64.s, written by gen_avx512.go) do
// the same lane-wise operations 24 elements at a time; the AVX2 loops
// finish the groups of four after them.

//go:noescape
func expAVX512(dst, src []float64) int

//go:noescape
func sigmoidAVX512(dst, src []float64) int

//go:noescape
func tanhAVX512(dst, src []float64) int

// haveAVX2 is set when the CPU has AVX2 and FMA and the scalar kernels are
// the fused ones (the vector loops reproduce those).
var haveAVX2 = cpufeat.AVX2FMA() && fused

// haveAVX512 is set when the CPU has AVX-512F as well.
var haveAVX512 = haveAVX2 && cpufeat.AVX512F()

// vec runs the AVX-512 loop v512, then the AVX2 loop v2 on what it left,
// and returns the elements done.
func vec(dst, src []float64, v512, v2 func(dst, src []float64) int) int {
	if !haveAVX2 {
		return 0
	}
	n := 0
	if haveAVX512 {
		n = v512(dst, src)
	}
	return n + v2(dst[n:], src[n:])
}

func expVec(dst, src []float64) int     { return vec(dst, src, expAVX512, expAVX2) }
func sigmoidVec(dst, src []float64) int { return vec(dst, src, sigmoidAVX512, sigmoidAVX2) }
func tanhVec(dst, src []float64) int    { return vec(dst, src, tanhAVX512, tanhAVX2) }
