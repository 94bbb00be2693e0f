// Package vmath holds the batched transcendental kernels of the compiled
// engine's batched replay (autodiff.BatchProgram): Exp, Sigmoid, Tanh, Log
// and Softplus over whole slices, each dst[i] = f(src[i]).
//
// They compute what Go's math package computes, faster per element:
//
//   - Exp is the algorithm of Go's amd64 math.Exp (Shibata, "Efficient
//     evaluation methods of elementary functions suitable for SIMD
//     computation", ISC 2010: x = k·ln2 + r, e^(r/16) by a Taylor
//     polynomial, squared back four times), written as lane-wise AVX2/FMA
//     loops four elements at a time on amd64 and as Go elsewhere. On amd64
//     it is bit for bit math.Exp; Sigmoid and Tanh, built on it with the
//     formulas of autodiff.Sigmoid and math.Tanh, are then bit for bit those.
//   - Arguments outside |x| ≤ 708 (where eˣ is subnormal or overflows) and
//     NaN take the scalar path, which calls math.Exp.
//   - Log is math.Log's algorithm in Go; Softplus is max(x,0) +
//     log1p(e^−|x|) with Exp.
//
// Accuracy: within 2 ulp of the math package over the whole float64 range
// (tested with random bit patterns, ±Inf, NaN, subnormal results and the
// tails); 0 ulp on amd64. The build tag purego drops the assembly.
//
// Speed (vmath's BenchmarkExp against BenchmarkMathExp, 1,024 values of
// magnitude up to 8, one run on the project's 2-core machine): Exp 7×,
// Sigmoid 4×, Tanh 4.5×, Log 1.2× faster than calling math per element.
package vmath

//go:generate go run gen_avx512.go
