package nn

import (
	"math"

	"github.com/saddle-dev/saddle/workload/ref"
)

// InitFormula returns the "formula init" of docs/WORKLOADS.md, which uses no
// random numbers: W_l[o][j] = √(1/fan_in)·sin(1000·l + 31·o + 7·j + 1) with
// layers numbered from 1 and fan_in = Sizes[l−1]; every bias is 0.
func InitFormula(m MLP) []float64 {
	params := make([]float64, m.NumParams())
	for i, layer := range m.Layers(params) {
		for o := range layer.Out {
			for j := range layer.In {
				layer.W[o*layer.In+j] = ref.FormulaWeight(i+1, o, j, layer.In)
			}
		}
	}
	return params
}

// InitUniform returns parameters drawn independently from uniform(−a, a),
// weights and biases alike (the initialisation of the XOR studies), from the
// generator seeded with seed.
func InitUniform(m MLP, a float64, seed uint64) []float64 {
	r := rng(seed, streamUniform)
	params := make([]float64, m.NumParams())
	for i := range params {
		params[i] = a * (2*r.Float64() - 1)
	}
	return params
}

// InitXavier returns Glorot & Bengio's (AISTATS 2010) uniform initialisation:
// weights of a layer from uniform(−r, r) with r = √(6/(fan_in + fan_out)),
// biases 0.
func InitXavier(m MLP, seed uint64) []float64 {
	r := rng(seed, streamXavier)
	params := make([]float64, m.NumParams())
	for _, layer := range m.Layers(params) {
		bound := math.Sqrt(6 / float64(layer.In+layer.Out))
		for k := range layer.W {
			layer.W[k] = bound * (2*r.Float64() - 1)
		}
	}
	return params
}

// InitHe returns He et al.'s (ICCV 2015) initialisation for ReLU nets:
// weights from a normal distribution of standard deviation √(2/fan_in),
// biases 0.
func InitHe(m MLP, seed uint64) []float64 {
	r := rng(seed, streamHe)
	params := make([]float64, m.NumParams())
	for _, layer := range m.Layers(params) {
		std := math.Sqrt(2 / float64(layer.In))
		for k := range layer.W {
			layer.W[k] = std * r.NormFloat64()
		}
	}
	return params
}

// W1Start returns the start of workload W1 for the 2-2-1 XOR net, in the
// layout W1 row by row, b1, W2, b2: W1 = [[0.5, −0.4], [−0.3, 0.6]],
// b1 = [0.1, −0.2], W2 = [[0.7, −0.5]], b2 = [0.05].
func W1Start() []float64 { return ref.W1Start() }

// W5Start returns the start of restart r of workload W5 for the 2-2-1 XOR
// net: p_k = sin(9.1·r + 1.7·k + 0.3), k = 0..8, in W1Start's layout.
func W5Start(r int) []float64 { return ref.W5Start(r) }
