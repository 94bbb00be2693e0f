package nn

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInitFormula(t *testing.T) {
	p := InitFormula(xorNet)
	// W_l[o][j] = √(1/fan_in)·sin(1000·l + 31·o + 7·j + 1), layers from 1.
	s := math.Sqrt(0.5)
	assert.InDelta(t, s*math.Sin(1001), p[0], formulaTol)        // W1[0][0]
	assert.InDelta(t, s*math.Sin(1000+31+7+1), p[3], formulaTol) // W1[1][1]
	assert.Equal(t, []float64{0, 0}, p[4:6])                     // b1
	assert.InDelta(t, s*math.Sin(2000+7+1), p[7], formulaTol)    // W2[0][1], fan_in 2
	assert.Equal(t, 0.0, p[8])                                   // b2
}

func TestW5Start(t *testing.T) {
	p := W5Start(3)
	r := 3.0
	for k := range 9 {
		assert.InDelta(t, math.Sin(9.1*r+1.7*float64(k)+0.3), p[k], formulaTol)
	}
	assert.Len(t, W1Start(), xorNet.NumParams())
}

// TestRandomInitsMoments checks the seeded initialisers against their
// distributions' moments over many weights (a 100-200-100 net, 40,000
// weights per big layer): a uniform(−a, a) variable has variance a²/3, a
// normal one the given variance.
func TestRandomInitsMoments(t *testing.T) {
	m := MLP{Sizes: []int{100, 200, 100}, Hidden: ReLU, Output: Identity}
	// With 20,000+ samples the sample variance has relative standard error
	// √(2/n) ≈ 1 % (normal) or less (uniform): 5 % is five standard errors.
	const momentRel = 0.05
	variance := func(w []float64) float64 {
		s := 0.0
		for _, v := range w {
			s += v * v
		}
		return s / float64(len(w))
	}
	u := InitUniform(m, 0.5, 1)
	assert.InEpsilon(t, 0.25/3, variance(u), momentRel)
	for _, v := range u {
		assert.LessOrEqual(t, math.Abs(v), 0.5)
	}
	x := InitXavier(m, 1)
	l0 := m.Layers(x)[0]
	bound := math.Sqrt(6.0 / 300)
	assert.InEpsilon(t, bound*bound/3, variance(l0.W), momentRel)
	assert.Equal(t, make([]float64, 200), l0.B)
	h := InitHe(m, 1)
	l1 := m.Layers(h)[1]
	assert.InEpsilon(t, 2.0/200, variance(l1.W), momentRel)

	assert.Equal(t, u, InitUniform(m, 0.5, 1), "same seed, same numbers")
	assert.NotEqual(t, u, InitUniform(m, 0.5, 2))
}
