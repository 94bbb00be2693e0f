//go:build !amd64 || purego

package vmath

// Without the amd64 loops every element goes through the Go kernels.

func expVec(dst, src []float64) int     { return 0 }
func sigmoidVec(dst, src []float64) int { return 0 }
func tanhVec(dst, src []float64) int    { return 0 }

// No vector loops here.
var haveAVX2, haveAVX512 = false, false
