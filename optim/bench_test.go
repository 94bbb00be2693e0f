package optim

import (
	"testing"

	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/workload/ref"
)

// BenchmarkTrainW1Step measures one W1 training step (gradient through the
// engine adapter FromProblem plus the GD update).
func BenchmarkTrainW1Step(b *testing.B) {
	p, err := nn.Preset("xor")
	if err != nil {
		b.Fatal(err)
	}
	obj := FromProblem(p)
	b.ReportAllocs()
	b.ResetTimer()
	Train(obj, nn.W1Start(), &GD{LR: ref.W1LR}, Config{Steps: b.N, TraceEvery: -1})
}

// BenchmarkAdamStep measures the Adam update alone on 10,000 parameters.
func BenchmarkAdamStep(b *testing.B) {
	params, grad := make([]float64, 10000), make([]float64, 10000)
	for i := range grad {
		grad[i] = float64(i%7) - 3
	}
	o := &Adam{LR: 1e-3}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		o.Step(params, grad)
	}
}

// BenchmarkSaddleFreeNewtonStep measures one SFN step on W1's 9 parameters
// (Hessian through the engine plus the eigen-decomposition).
func BenchmarkSaddleFreeNewtonStep(b *testing.B) {
	p, err := nn.Preset("xor")
	if err != nil {
		b.Fatal(err)
	}
	obj := FromProblem(p)
	o := &SaddleFreeNewton{LR: 1, Hess: HessianFromProblem(p)}
	x, grad := nn.W1Start(), make([]float64, 9)
	obj(x, grad)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		y := append([]float64(nil), x...)
		o.Step(y, grad)
	}
}
