package nn

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"testing"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
)

// References of docs/WORKLOADS.md W4 (agreed by four independent implementations).
const (
	refW1EigMin  = ref.W4aEigMin
	refW1EigMax  = ref.W4aEigMax
	refW4bEigMin = ref.W4bEigMin
	refW4bEigMax = ref.W4bEigMax
)

// eigen returns the ascending eigenvalues of the symmetric part of h.
func eigen(t *testing.T, h [][]float64) []float64 {
	t.Helper()
	n := len(h)
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (h[i][j]+h[j][i])/2)
		}
	}
	var es mat.EigenSym
	require.True(t, es.Factorize(s, false))
	return es.Values(nil)
}

func mustPreset(t *testing.T, name string) Problem {
	t.Helper()
	p, err := Preset(name)
	require.NoError(t, err)
	require.NoError(t, p.Validate())
	return p
}

func TestW1LossAndHessian(t *testing.T) {
	p := mustPreset(t, "xor")
	start, err := PresetStart("xor")
	require.NoError(t, err)
	assert.InDelta(t, refW1Loss, p.LossValue(start), refTol)
	h := autodiff.Hessian(p.Func(), start)
	require.Len(t, h, 9)
	ev := eigen(t, h)
	assert.InDelta(t, refW1EigMin, ev[0], refTol)
	assert.InDelta(t, refW1EigMax, ev[8], refTol)
}

func TestW4bLossAndHessian(t *testing.T) {
	p := mustPreset(t, "w4b")
	start, err := PresetStart("w4b")
	require.NoError(t, err)
	assert.InDelta(t, refW4bLoss, p.LossValue(start), refTol)
	h := autodiff.Hessian(p.Func(), start)
	require.Len(t, h, 65)
	ev := eigen(t, h)
	assert.InDelta(t, refW4bEigMin, ev[0], refTol)
	assert.InDelta(t, refW4bEigMax, ev[64], refTol)
}

// fdTol: central differences with gonum's default step (~6e-6) are
// accurate to ~1e-9 on these smooth losses of order 1.
const fdTol = 1e-7

// TestGradientMatchesFiniteDifferences checks Forward and every loss against
// gonum's central differences of LossValue, on a small problem per loss.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	blobs, err := DatasetByName("blobs", 2)
	require.NoError(t, err)
	for _, p := range []Problem{
		{Net: MLP{Sizes: []int{2, 3, 1}, Hidden: Sigmoid, Output: Sigmoid}, Loss: MSE, Data: XOR()},
		{Net: MLP{Sizes: []int{2, 3, 2, 1}, Hidden: Tanh, Output: Identity}, Loss: BCE, Data: Circles(20, 0.1, 1)},
		{Net: MLP{Sizes: []int{2, 4, 3}, Hidden: Softplus, Output: Identity}, Loss: SoftmaxCE, Data: blobs},
		{Net: MLP{Sizes: []int{2, 1}, Output: Identity}, Loss: Logistic, Data: AND()},
	} {
		require.NoError(t, p.Validate())
		params := InitUniform(p.Net, 1, 9)
		grad := autodiff.Grad(p.Func(), params)
		want := fd.Gradient(nil, p.LossValue, params, &fd.Settings{Formula: fd.Central})
		assert.InDeltaSlice(t, want, grad, fdTol, "%v %s", p.Net, p.Loss)
	}
}

// TestForwardMatchesPredict compares the autodiff forward pass with the
// plain-float one for every activation, on a 3-layer net.
func TestForwardMatchesPredict(t *testing.T) {
	// Same operations in a different order: a few ulps.
	const fwdTol = 1e-14
	d := Circles(10, 0.1, 3)
	for _, act := range []Activation{Identity, Sigmoid, Tanh, ReLU, Softplus} {
		m := MLP{Sizes: []int{2, 4, 3, 2}, Hidden: act, Output: act}
		params := InitUniform(m, 1, 4)
		out := m.Forward(autodiff.Const(params), autodiff.Const(d.X, d.N, d.In))
		assert.Equal(t, []int{10, 2}, out.Shape())
		assert.InDeltaSlice(t, m.Predict(params, d.X), out.Data(), fwdTol, string(act))
	}
}

func TestForwardPanicsOnShapes(t *testing.T) {
	x := autodiff.Const(make([]float64, 12), 4, 3)
	assert.PanicsWithValue(t, "nn: Forward: input has shape [4 3], net [2 2 1] expects (batch, 2)", func() {
		xorNet.Forward(autodiff.Const(W1Start()), x)
	})
	assert.PanicsWithValue(t, "nn: Forward: parameters have shape [8], net [2 2 1] needs [9]", func() {
		xorNet.Forward(autodiff.Const(W1Start()[:8]), autodiff.Const(XOR().X, 4, 2))
	})
}

// TestLossesByHand compares each loss with a direct float computation of its
// textbook definition on a 2×3 output.
func TestLossesByHand(t *testing.T) {
	const lossTol = 1e-14 // a handful of roundings of order-1 terms
	z := []float64{0.5, -1.2, 2.0, -0.3, 0.8, 0.1}
	y := []float64{0, 1, 0, 1, 0, 0} // one-hot rows: classes 1 and 0
	zn, yn := autodiff.Const(z, 2, 3), autodiff.Const(y, 2, 3)
	mse, bce, ce := 0.0, 0.0, 0.0
	for i := range z {
		mse += (z[i] - y[i]) * (z[i] - y[i]) / 6
		p := 1 / (1 + math.Exp(-z[i]))
		bce -= (y[i]*math.Log(p) + (1-y[i])*math.Log(1-p)) / 6
	}
	for r := range 2 {
		s := 0.0
		for k := range 3 {
			s += math.Exp(z[3*r+k])
		}
		for k := range 3 {
			ce -= y[3*r+k] * math.Log(math.Exp(z[3*r+k])/s) / 2
		}
	}
	assert.InDelta(t, mse, MSE.Node(zn, yn).Item(), lossTol)
	assert.InDelta(t, bce, BCE.Node(zn, yn).Item(), lossTol)
	assert.InDelta(t, ce, SoftmaxCE.Node(zn, yn).Item(), lossTol)
	// Stable at huge logits, where log σ(z) would be −Inf.
	big := autodiff.Const([]float64{800, -800}, 2, 1)
	assert.InDelta(t, 800.0, BCE.Node(big, autodiff.Const([]float64{0, 1}, 2, 1)).Item(), lossTol)
	assert.InDelta(t, 0.0, SoftmaxCE.Node(autodiff.Const([]float64{900, 0}, 1, 2), autodiff.Const([]float64{1, 0}, 1, 2)).Item(), lossTol)
}

// TestLogisticGradient: the engine's gradient of the logistic loss equals the
// closed form (σ(w·x + b) − y)·(x, 1), averaged (the seed slides).
func TestLogisticGradient(t *testing.T) {
	const gradTol = 1e-15 // the same sums, differently ordered
	p := Problem{Net: MLP{Sizes: []int{2, 1}, Output: Identity}, Loss: Logistic, Data: Circles(30, 0.2, 4)}
	require.NoError(t, p.Validate())
	for _, params := range [][]float64{{0, 0, 0}, {0.7, -1.3, 0.2}, {5, 4, -3}} {
		want := LogisticGrad(p.Data, params)
		assert.InDeltaSlice(t, want, autodiff.Grad(p.Func(), params), gradTol)
	}
	// At w = b = 0 every p is 1/2: the gradient is mean(1/2 − y)·(x, 1).
	d := AND()
	g := LogisticGrad(d, []float64{0, 0, 0})
	// x₁ = (0,0,1,1), x₂ = (0,1,0,1), y = (0,0,0,1): Σ(½−y)x₁ = ½ − ½ = 0,
	// likewise for x₂; Σ(½−y) = 3/2 − 1/2 = 1, over 4 samples.
	assert.InDeltaSlice(t, []float64{0, 0, 0.25}, g, gradTol)
}

// TestLinRegPreset: the seed's closed form. Loss Σ(y − b0 − b1·x)² has its
// minimum at (b0, b1) = (8/7, 9/14) and Hessian [[6,8],[8,20]]; the preset
// uses the mean (÷3) and the order (w, b) = (b1, b0).
func TestLinRegPreset(t *testing.T) {
	const closedTol = 1e-13
	p := mustPreset(t, "linreg")
	opt := []float64{9.0 / 14, 8.0 / 7}
	g := autodiff.Grad(p.Func(), opt)
	assert.InDeltaSlice(t, []float64{0, 0}, g, closedTol)
	h := autodiff.Hessian(p.Func(), opt)
	assert.InDeltaSlice(t, []float64{20.0 / 3, 8.0 / 3}, h[0], closedTol)
	assert.InDeltaSlice(t, []float64{8.0 / 3, 6.0 / 3}, h[1], closedTol)
	// Residuals at the optimum: 1 − 8/7, 2 − 8/7 − 9/14, 3 − 8/7 − 27/14.
	r := []float64{1 - 8.0/7, 2 - 8.0/7 - 9.0/14, 3 - 8.0/7 - 27.0/14}
	sum := r[0]*r[0] + r[1]*r[1] + r[2]*r[2]
	assert.InDelta(t, sum/3, p.LossValue(opt), closedTol)
	assert.True(t, math.IsNaN(p.Accuracy(opt)), "regression targets have no classes")
}

func TestAccuracy(t *testing.T) {
	p := mustPreset(t, "xor")
	// A hand-built XOR solution: h1 ≈ OR, h2 ≈ AND, out ≈ h1 AND NOT h2.
	solved := []float64{20, 20, 20, 20, -10, -30, 20, -20, -10}
	assert.Equal(t, 1.0, p.Accuracy(solved))
	assert.Less(t, p.LossValue(solved), 1e-6)
	// The all-zero point predicts 0.5 everywhere: not > 0.5, so class 0 — right on 2 of 4.
	assert.Equal(t, 0.5, p.Accuracy(make([]float64, 9)))
	// Logit output (threshold 0) and argmax over classes.
	b := Problem{Net: MLP{Sizes: []int{1, 2}, Output: Identity}, Loss: SoftmaxCE,
		Data: Dataset{Name: "c", X: []float64{-1, 1}, Y: []float64{1, 0, 0, 1}, N: 2, In: 1, Out: 2}}
	// Output k = w_k·x + b_k with w = (−1, 1): class 0 for x < 0, class 1 for x > 0.
	assert.Equal(t, 1.0, b.Accuracy([]float64{-1, 1, 0, 0}))
	assert.Equal(t, 0.0, b.Accuracy([]float64{1, -1, 0, 0}))
	l := Problem{Net: MLP{Sizes: []int{1, 1}, Output: Identity}, Loss: BCE,
		Data: Dataset{Name: "l", X: []float64{-1, 1}, Y: []float64{0, 1}, N: 2, In: 1, Out: 1}}
	assert.Equal(t, 1.0, l.Accuracy([]float64{0.1, 0}))
}

func TestPresets(t *testing.T) {
	for _, name := range PresetNames() {
		p := mustPreset(t, name)
		start, err := PresetStart(name)
		require.NoError(t, err)
		require.Len(t, start, p.NumParams(), name)
		if name != "w3" { // 26,122 parameters: one loss is enough below
			v := p.LossValue(start)
			assert.False(t, math.IsNaN(v) || math.IsInf(v, 0), name)
		}
		assert.NotEmpty(t, PresetSummary(name))
	}
	_, err := Preset("mnist")
	assert.ErrorContains(t, err, `unknown preset "mnist" (known: and, blobs, circles, linreg, moons, or, spirals, w3, w4b, xor)`)
}

// TestW3LossMatchesPlainSoftmax: the W3 loss at the formula init equals
// softmax cross-entropy computed by hand from the plain-float forward pass.
func TestW3LossMatchesPlainSoftmax(t *testing.T) {
	const w3Tol = 1e-12 // 128 rows of order-1 terms, summed in another order
	p := mustPreset(t, "w3")
	start, _ := PresetStart("w3")
	z := p.Net.Predict(start, p.Data.X)
	want := 0.0
	for i := range p.Data.N {
		row := z[i*10 : (i+1)*10]
		s := 0.0
		for _, v := range row {
			s += math.Exp(v)
		}
		c := argmax(p.Data.Target(i))
		want -= math.Log(math.Exp(row[c])/s) / float64(p.Data.N)
	}
	assert.InDelta(t, want, p.LossValue(start), w3Tol)
}

func TestProblemValidate(t *testing.T) {
	p := mustPreset(t, "xor")
	p.Net.Sizes = []int{3, 2, 1}
	assert.ErrorContains(t, p.Validate(), `dataset "xor" has 2 feature columns, net [3 2 1] has 3 inputs`)
	p = mustPreset(t, "moons")
	p.Net.Output = Sigmoid
	assert.ErrorContains(t, p.Validate(), "loss bce takes logits: the output activation must be identity, not sigmoid")
	p = mustPreset(t, "blobs")
	p.Net.Sizes = []int{2, 8, 4}
	assert.ErrorContains(t, p.Validate(), "3 target columns, net [2 8 4] has 4 outputs")
}

// TestProblemCompiles: every preset's loss (but W3's, large) traces into
// the engine's compiled fast path, which must agree with define-by-run.
func TestProblemCompiles(t *testing.T) {
	const compiledTol = 1e-12 // the same kernels, possibly summed in another order
	for _, name := range []string{"xor", "moons", "blobs", "linreg", "w4b", "circles"} {
		p := mustPreset(t, name)
		start, _ := PresetStart(name)
		prog, err := autodiff.Compile(p.Func(), p.NumParams())
		require.NoError(t, err, name)
		grad := make([]float64, p.NumParams())
		v := prog.ValueAndGrad(start, grad)
		wantV, wantG := autodiff.ValueAndGrad(p.Func(), start)
		assert.InDelta(t, wantV, v, compiledTol, name)
		assert.InDeltaSlice(t, wantG, grad, compiledTol, name)
	}
}
