package escape

import "testing"

func BenchmarkRunXORAdam(b *testing.B) {
	p, err := XOR()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(p, p.Saddle, methods("adam"), Config{N: 2, Steps: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
