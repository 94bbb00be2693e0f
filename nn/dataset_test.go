package nn

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// formulaTol: a value recomputed from the docs/WORKLOADS.md formula in float64 (the
// tests use variables, not Go's exact constant arithmetic, for the
// arguments of sin and cos) may differ by a few ulps.
const formulaTol = 1e-15

func TestTruthTables(t *testing.T) {
	x := []float64{0, 0, 0, 1, 1, 0, 1, 1}
	for _, tc := range []struct {
		d    Dataset
		want []float64
	}{
		{XOR(), []float64{0, 1, 1, 0}},
		{AND(), []float64{0, 0, 0, 1}},
		{OR(), []float64{0, 1, 1, 1}},
	} {
		require.NoError(t, tc.d.Validate())
		assert.Equal(t, x, tc.d.X, tc.d.Name)
		assert.Equal(t, tc.want, tc.d.Y, tc.d.Name)
		assert.Equal(t, [3]int{4, 2, 1}, [3]int{tc.d.N, tc.d.In, tc.d.Out})
	}
}

func TestMoonsFormula(t *testing.T) {
	d := Moons()
	require.NoError(t, d.Validate())
	require.Equal(t, 1024, d.N)
	// Sample 0 (even, k = 0, t = π/1024): (cos t + 0.1 sin 0.3, sin t + 0.1 cos 0.7), class 0.
	t0 := math.Pi / 1024
	assert.InDelta(t, math.Cos(t0)+0.1*math.Sin(0.3), d.X[0], formulaTol)
	assert.InDelta(t, math.Sin(t0)+0.1*math.Cos(0.7), d.X[1], formulaTol)
	assert.Equal(t, 0.0, d.Y[0])
	// Sample 1023 (odd, k = 511, t = π·511.5/512): (1 − cos t + 0.1 sin(1.7·1023 + 0.3), 0.5 − sin t + 0.1 cos(2.3·1023 + 0.7)), class 1.
	t1, i := math.Pi*511.5/512, 1023.0
	assert.InDelta(t, 1-math.Cos(t1)+0.1*math.Sin(1.7*i+0.3), d.X[2*1023], formulaTol)
	assert.InDelta(t, 0.5-math.Sin(t1)+0.1*math.Cos(2.3*i+0.7), d.X[2*1023+1], formulaTol)
	assert.Equal(t, 1.0, d.Y[1023])
	// Classes alternate, so the mean target is exactly 1/2.
	sum := 0.0
	for _, y := range d.Y {
		sum += y
	}
	assert.Equal(t, 512.0, sum)
}

func TestW3Batch(t *testing.T) {
	d := W3Batch()
	require.NoError(t, d.Validate())
	assert.Equal(t, [3]int{128, 64, 10}, [3]int{d.N, d.In, d.Out})
	// X[5][7] = sin(0.37·5 + 1.91·7 + 0.5).
	i, j := 5.0, 7.0
	assert.InDelta(t, math.Sin(0.37*i+1.91*j+0.5), d.X[5*64+7], formulaTol)
	// Sample 3 is class 21 mod 10 = 1: a one-hot row.
	want := make([]float64, 10)
	want[1] = 1
	assert.Equal(t, want, d.Target(3))
	for i := range d.N {
		sum := 0.0
		for _, v := range d.Target(i) {
			sum += v
		}
		assert.Equal(t, 1.0, sum, "row %d is one-hot", i)
	}
}

func TestLinReg(t *testing.T) {
	d := LinReg()
	require.NoError(t, d.Validate())
	assert.Equal(t, []float64{0, 1, 3}, d.X)
	assert.Equal(t, []float64{1, 2, 3}, d.Y)
}

// radiusTol: cos²+sin² of the same angle equals 1 to a few ulps.
const radiusTol = 1e-14

func TestCirclesWithoutNoiseLieOnCircles(t *testing.T) {
	d := Circles(100, 0, 1)
	require.NoError(t, d.Validate())
	for i := range d.N {
		want := 1.0
		if d.Y[i] == 1 {
			want = 0.5
		}
		assert.InDelta(t, want, math.Hypot(d.X[2*i], d.X[2*i+1]), radiusTol)
	}
}

func TestSpiralsWithoutNoiseArms(t *testing.T) {
	d := Spirals(50, 0, 1)
	require.NoError(t, d.Validate())
	// Samples 2k and 2k+1 are the same point of the two arms, rotated by π:
	// each other's negatives.
	for k := 0; k < 25; k++ {
		assert.InDelta(t, -d.X[4*k], d.X[4*k+2], radiusTol)
		assert.InDelta(t, -d.X[4*k+1], d.X[4*k+3], radiusTol)
		assert.NotEqual(t, d.Y[2*k], d.Y[2*k+1])
	}
}

func TestSeededDatasetsAreDeterministic(t *testing.T) {
	for _, name := range []string{"circles", "spirals", "blobs"} {
		a, err := DatasetByName(name, 7)
		require.NoError(t, err)
		b, _ := DatasetByName(name, 7)
		c, _ := DatasetByName(name, 8)
		require.NoError(t, a.Validate())
		assert.Equal(t, a, b, "%s: same seed", name)
		assert.NotEqual(t, a.X, c.X, "%s: other seed", name)
	}
}

func TestBlobsCentres(t *testing.T) {
	const n, k, std = 3000, 3, 0.5
	d := Blobs(n, k, std, 3)
	require.NoError(t, d.Validate())
	// The class means estimate the centres 2.5·(cos 2πc/3, sin 2πc/3); with
	// 1000 samples per class the standard error is 0.5/√1000 ≈ 0.016, so
	// 0.08 is five standard errors.
	const meanTol = 0.08
	for c := range k {
		var sx, sy, cnt float64
		for i := range d.N {
			if d.Target(i)[c] == 1 {
				sx += d.X[2*i]
				sy += d.X[2*i+1]
				cnt++
			}
		}
		assert.Equal(t, float64(n/k), cnt)
		angle := 2 * math.Pi * float64(c) / k
		assert.InDelta(t, 2.5*math.Cos(angle), sx/cnt, meanTol)
		assert.InDelta(t, 2.5*math.Sin(angle), sy/cnt, meanTol)
	}
}

func TestOneHot(t *testing.T) {
	d := Dataset{Name: "c", X: []float64{1, 2, 3}, Y: []float64{0, 2, 1}, N: 3, In: 1, Out: 1}
	h, err := OneHot(d, 3)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0, 0, 0, 0, 1, 0, 1, 0}, h.Y)
	assert.Equal(t, 3, h.Out)
	d.Y[1] = 1.5
	_, err = OneHot(d, 3)
	assert.ErrorContains(t, err, "sample 1 has label 1.5")
	d.Y[1] = 3
	_, err = OneHot(d, 3)
	assert.ErrorContains(t, err, "sample 1 has label 3")
}

func TestDatasetByNameUnknown(t *testing.T) {
	_, err := DatasetByName("mnist", 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown dataset "mnist"`)
	assert.Contains(t, err.Error(), "moons")
}

func TestDatasetValidate(t *testing.T) {
	d := XOR()
	d.X = d.X[:7]
	assert.ErrorContains(t, d.Validate(), "X has 7 values")
	d = XOR()
	d.Y = []float64{0, 1, math.NaN(), 0}
	assert.ErrorContains(t, d.Validate(), "Y[2][0] = NaN is not finite")
	assert.ErrorContains(t, Dataset{Name: "e"}.Validate(), "no samples")
}
