package vmath

import (
	"math"
	"testing"
)

func benchInput(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = 8 * math.Sin(1.3*float64(i)+0.2)
	}
	return x
}

func BenchmarkMathExp(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	for b.Loop() {
		for i, v := range x {
			d[i] = math.Exp(v)
		}
	}
}

func BenchmarkExp(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	for b.Loop() {
		Exp(d, x)
	}
}

func BenchmarkMathSigmoid(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	for b.Loop() {
		for i, v := range x {
			if v >= 0 {
				d[i] = 1 / (1 + math.Exp(-v))
			} else {
				e := math.Exp(v)
				d[i] = e / (1 + e)
			}
		}
	}
}

func BenchmarkSigmoid(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	for b.Loop() {
		Sigmoid(d, x)
	}
}

func BenchmarkMathTanh(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	for b.Loop() {
		for i, v := range x {
			d[i] = math.Tanh(v)
		}
	}
}

func BenchmarkTanh(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	for b.Loop() {
		Tanh(d, x)
	}
}

func BenchmarkMathLog(b *testing.B) {
	x := benchInput(1024)
	for i := range x {
		x[i] = math.Abs(x[i]) + 1e-3
	}
	d := make([]float64, len(x))
	for b.Loop() {
		for i, v := range x {
			d[i] = math.Log(v)
		}
	}
}

func BenchmarkLog(b *testing.B) {
	x := benchInput(1024)
	for i := range x {
		x[i] = math.Abs(x[i]) + 1e-3
	}
	d := make([]float64, len(x))
	for b.Loop() {
		Log(d, x)
	}
}

// BenchmarkTanhAVX2 is BenchmarkTanh with the AVX-512 loop off.
func BenchmarkTanhAVX2(b *testing.B) {
	x := benchInput(1024)
	d := make([]float64, len(x))
	defer func(v bool) { haveAVX512 = v }(haveAVX512)
	haveAVX512 = false
	for b.Loop() {
		Tanh(d, x)
	}
}
