package landscape

import "testing"

func BenchmarkPlane51(b *testing.B) {
	center := []float64{0.3, -0.2, 0.1}
	d1, d2 := RandomDirection(3, 1, 0), RandomDirection(3, 1, 1)
	b.ReportAllocs()
	for b.Loop() {
		Plane(quad, center, d1, d2, 51, 1, 1, nil)
	}
}
