package autodiff_test

import (
	"fmt"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/vmath"
	"github.com/saddle-dev/saddle/nn"
)

// BenchmarkBatchXOR is one gradient-descent step of W5 (the XOR net) per
// vector, unbatched and in batches: ns/op is per vector-step.
func BenchmarkBatchXOR(b *testing.B) {
	p, _ := nn.Preset("xor")
	prog, _ := autodiff.Compile(p.Func(), 9)
	b.Run("unbatched", func(b *testing.B) {
		x, g := nn.W5Start(0), make([]float64, 9)
		for b.Loop() {
			prog.ValueAndGrad(x, g)
			for k, v := range g {
				x[k] -= 0.5 * v
			}
		}
	})
	for _, bs := range []int{8, 64, 256} {
		b.Run(fmt.Sprintf("batch%d", bs), func(b *testing.B) {
			q := prog.Batch(bs)
			xs := make([]float64, bs*9)
			for i := range bs {
				copy(xs[i*9:], nn.W5Start(i))
			}
			vals, gs := make([]float64, bs), make([]float64, bs*9)
			n := 0
			for b.Loop() {
				if n%bs == 0 {
					q.ValueAndGrad(xs, vals, gs)
					for k, v := range gs {
						xs[k] -= 0.5 * v
					}
				}
				n++
			}
		})
	}
}

// BenchmarkBatchMoonsValue is one value of the W2 net (the landscape
// plane's evaluation) per vector: ns/op is per vector.
func BenchmarkBatchMoonsValue(b *testing.B) {
	p, _ := nn.Preset("moons")
	n := p.Net.NumParams()
	prog, _ := autodiff.Compile(p.Func(), n)
	x := nn.InitFormula(p.Net)
	b.Run("unbatched", func(b *testing.B) {
		for b.Loop() {
			prog.Value(x)
		}
	})
	for _, bs := range []int{1, 16, 32, 64} {
		b.Run(fmt.Sprintf("batch%d", bs), func(b *testing.B) {
			q := prog.Batch(bs)
			xs := make([]float64, bs*n)
			for i := range bs {
				copy(xs[i*n:], x)
			}
			vals := make([]float64, bs)
			for i := 0; b.Loop(); i++ {
				if i%bs == 0 {
					q.Value(xs, vals)
				}
			}
		})
	}
}

// BenchmarkBatchMoonsTanhLimit is the limit of BenchmarkBatchMoonsValue's
// batched runs: the two hidden layers' tanh alone (1,024 rows × 16 units
// each, B = 16 copies) through the same kernel, per vector.
func BenchmarkBatchMoonsTanhLimit(b *testing.B) {
	const bs = 16
	x := make([]float64, 1024*16*bs)
	for i := range x {
		x[i] = 0.5 * float64(i%97-48) / 16 // pre-activations of both forms, |x| < 1.5
	}
	d := make([]float64, len(x))
	for i := 0; b.Loop(); i++ {
		if i%bs == 0 {
			vmath.Tanh(d, x)
			vmath.Tanh(d, d)
		}
	}
}
