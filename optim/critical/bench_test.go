package critical

import "testing"

func BenchmarkFindHimmelblau(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Find(himmelblau, []float64{-5, -5}, []float64{5, 5}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFindHimmelblauEngine(b *testing.B) {
	p := FromFunc(himmelblauNode)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Find(p, []float64{-5, -5}, []float64{5, 5}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindRosenbrock: the curved valley that the nonmonotone rule
// crosses in about ten iterations per start.
func BenchmarkFindRosenbrock(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Find(rosenbrock, []float64{-5, -5}, []float64{5, 5}, Options{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
