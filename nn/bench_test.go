package nn

import (
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
)

func benchmarkValueAndGrad(b *testing.B, name string) {
	p, err := Preset(name)
	if err != nil {
		b.Fatal(err)
	}
	start, _ := PresetStart(name)
	f := p.Func()
	b.ReportAllocs()
	for b.Loop() {
		autodiff.ValueAndGrad(f, start)
	}
}

// BenchmarkXORValueAndGrad: loss and gradient of the W1 net, define-by-run.
func BenchmarkXORValueAndGrad(b *testing.B) { benchmarkValueAndGrad(b, "xor") }

// BenchmarkMoonsValueAndGrad: loss and gradient of the W2 net on 1,024 points.
func BenchmarkMoonsValueAndGrad(b *testing.B) { benchmarkValueAndGrad(b, "moons") }

// BenchmarkXORPredict: the plain-float forward pass of the W1 net.
func BenchmarkXORPredict(b *testing.B) {
	x := XOR().X
	params := W1Start()
	b.ReportAllocs()
	for b.Loop() {
		xorNet.Predict(params, x)
	}
}

// BenchmarkMatchWeights: weight matching of a 2-16-16-1 tanh net.
func BenchmarkMatchWeights(b *testing.B) {
	m := MLP{Sizes: []int{2, 16, 16, 1}, Hidden: Tanh, Output: Identity}
	a := InitUniform(m, 1, 1)
	q, _ := RandomSymmetry(m, 2).Apply(m, a)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MatchWeights(m, a, q); err != nil {
			b.Fatal(err)
		}
	}
}
