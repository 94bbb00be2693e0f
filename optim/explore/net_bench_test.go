package explore

import (
	"testing"
)

var w1Start = []float64{0.5, -0.4, -0.3, 0.6, 0.1, -0.2, 0.7, -0.5, 0.05}

// The net view's loss plane around a point: 41×41 losses of the XOR net
// (the budget is 300 ms p95 from click to picture).
func BenchmarkNetPlane41(b *testing.B) {
	for b.Loop() {
		if _, err := LossPlane(NetPlaneRequest{Params: w1Start, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// One frame of the training stream: Hessian spectrum and 31×31 output grid.
func BenchmarkNetFrame(b *testing.B) {
	tr, err := NewTraining(xorRun(1))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := tr.Run(func(Frame) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
