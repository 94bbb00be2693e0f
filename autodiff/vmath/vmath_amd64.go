//go:build !purego

package vmath

import "golang.org/x/sys/cpu"

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

// haveAVX2 is set when the CPU has AVX2 and FMA and the scalar kernels are
// the fused ones (the vector loops reproduce those).
var haveAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA && fused

func expVec(dst, src []float64) int {
	if !haveAVX2 {
		return 0
	}
	return expAVX2(dst, src)
}

func sigmoidVec(dst, src []float64) int {
	if !haveAVX2 {
		return 0
	}
	return sigmoidAVX2(dst, src)
}

func tanhVec(dst, src []float64) int {
	if !haveAVX2 {
		return 0
	}
	return tanhAVX2(dst, src)
}
