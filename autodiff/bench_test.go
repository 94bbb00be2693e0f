package autodiff

import (
	"github.com/saddle-dev/saddle/workload/ref"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// The workloads W1–W5 of docs/WORKLOADS.md, written with engine ops
// over a flat parameter vector (layers in order, each W row by row, W[o][j]
// mapping input j to unit o, then b).

// wlLayer returns X·Wᵀ + b for the layer stored at offset off of p, and the
// offset of the next layer.
func wlLayer(p, X *Node, off, in, out int) (*Node, int) {
	W := Reshape(Slice(p, off, off+out*in), out, in)
	b := Slice(p, off+out*in, off+out*in+out)
	return Add(MatMul(X, Transpose(W)), b), off + out*in + out
}

// wlFormulaInit returns the docs/WORKLOADS.md formula init of an MLP with the given
// sizes: W_l[o][j] = sqrt(1/fan_in)·sin(1000·l + 31·o + 7·j + 1), biases 0.
func wlFormulaInit(sizes ...int) []float64 {
	var p []float64
	for l := 1; l < len(sizes); l++ {
		in, out := sizes[l-1], sizes[l]
		for o := range out {
			for j := range in {
				p = append(p, ref.FormulaWeight(l, o, j, in))
			}
		}
		p = append(p, make([]float64, out)...)
	}
	return p
}

// wlW1Start is W1's start in W4a order: W1 row by row, b1, W2, b2.
var wlW1Start = ref.W1Start()

// wlXOR is the W1 loss: a 2-2-1 sigmoid net, mean squared error on XOR.
func wlXOR() Func {
	X := Const([]float64{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	Y := Const([]float64{0, 1, 1, 0}, 4, 1)
	return func(p *Node) *Node {
		z1, off := wlLayer(p, X, 0, 2, 2)
		z2, _ := wlLayer(p, Sigmoid(z1), off, 2, 1)
		return MSE(Sigmoid(z2), Y)
	}
}

// wlMoons returns W2's 1,024 points (rows of X) and labels (a column).
func wlMoons() (*Node, *Node) {
	const n = 1024
	X := make([]float64, 2*n)
	y := make([]float64, n)
	for i := range n {
		t := math.Pi * (float64(i/2) + 0.5) / 512
		var x1, x2 float64
		if i%2 == 0 {
			x1, x2 = math.Cos(t), math.Sin(t)
		} else {
			x1, x2, y[i] = 1-math.Cos(t), 0.5-math.Sin(t), 1
		}
		X[2*i] = x1 + 0.1*math.Sin(1.7*float64(i)+0.3)
		X[2*i+1] = x2 + 0.1*math.Cos(2.3*float64(i)+0.7)
	}
	return Const(X, n, 2), Const(y, n, 1)
}

// wlTanhBCE is a tanh net with a logit output and mean BCE-with-logits loss
// on the moons (W2 with sizes 2-16-16-1, W4b with 2-16-1).
func wlTanhBCE(sizes ...int) Func {
	X, Y := wlMoons()
	return func(p *Node) *Node {
		h, off := X, 0
		for l := 1; l < len(sizes); l++ {
			var z *Node
			z, off = wlLayer(p, h, off, sizes[l-1], sizes[l])
			if l < len(sizes)-1 {
				h = Tanh(z)
			} else {
				h = z
			}
		}
		return Mean(BCEWithLogits(h, Y))
	}
}

// wlW3 is the W3 loss: a 64-128-128-10 ReLU net, mean softmax cross-entropy
// (log-sum-exp form) on one batch of 128.
func wlW3() Func {
	const B, in, classes = 128, 64, 10
	X := make([]float64, B*in)
	onehot := make([]float64, B*classes)
	for i := range B {
		for j := range in {
			X[i*in+j] = math.Sin(0.37*float64(i) + 1.91*float64(j) + 0.5)
		}
		onehot[i*classes+(7*i)%classes] = 1
	}
	Xn, On := Const(X, B, in), Const(onehot, B, classes)
	return func(p *Node) *Node {
		z1, off := wlLayer(p, Xn, 0, 64, 128)
		z2, off := wlLayer(p, ReLU(z1), off, 128, 128)
		z3, _ := wlLayer(p, ReLU(z2), off, 128, 10)
		return Sub(Mean(LogSumExp(z3, 1)), Scale(Sum(Mul(z3, On)), 1.0/B))
	}
}

// wlGD runs steps of gradient descent with prog from params (in place) and
// returns the loss at the final parameters.
func wlGD(prog *Program, params, grad []float64, lr float64, steps int) float64 {
	for range steps {
		prog.ValueAndGrad(params, grad)
		for k, g := range grad {
			params[k] -= lr * g
		}
	}
	return prog.Value(params)
}

// wlAdam runs W2's Adam (lr ref.W2LR, β 0.9/0.999, ε 1e-8) in place and
// returns the loss at the final parameters.
func wlAdam(prog *Program, params []float64, steps int) float64 {
	const lr, b1, b2, eps = ref.W2LR, 0.9, 0.999, 1e-8
	grad := make([]float64, len(params))
	m := make([]float64, len(params))
	v := make([]float64, len(params))
	bc1, bc2 := 1.0, 1.0
	for range steps {
		prog.ValueAndGrad(params, grad)
		bc1 *= b1
		bc2 *= b2
		for k, g := range grad {
			m[k] = b1*m[k] + (1-b1)*g
			v[k] = b2*v[k] + (1-b2)*g*g
			params[k] -= lr * (m[k] / (1 - bc1)) / (math.Sqrt(v[k]/(1-bc2)) + eps)
		}
	}
	return prog.Value(params)
}

// wlMomentum runs W3's SGD with momentum (v ← 0.9v + g; p ← p − 0.05v) in
// place and returns the loss at the final parameters.
func wlMomentum(prog *Program, params []float64, steps int) float64 {
	grad := make([]float64, len(params))
	vel := make([]float64, len(params))
	for range steps {
		prog.ValueAndGrad(params, grad)
		for k, g := range grad {
			vel[k] = ref.W3Momentum*vel[k] + g
			params[k] -= ref.W3LR * vel[k]
		}
	}
	return prog.Value(params)
}

// wlRestarts runs W5 on all cores (one program clone per worker, restarts
// handed out by index) and returns how many end with loss < 0.01.
func wlRestarts(prog *Program, restarts, steps int) int {
	workers := runtime.GOMAXPROCS(0)
	var next, count atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func(p *Program) {
			defer wg.Done()
			grad := make([]float64, 9)
			for {
				r := int(next.Add(1) - 1)
				if r >= restarts {
					return
				}
				if wlGD(p, ref.W5Start(r), grad, ref.W5LR, steps) < ref.W5Threshold {
					count.Add(1)
				}
			}
		}(prog.Clone())
	}
	wg.Wait()
	return int(count.Load())
}

func mustCompile(b testing.TB, f Func, n int) *Program {
	p, err := Compile(f, n)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func mustCompileHVP(b testing.TB, f Func, n int) *HVPProgram {
	p, err := CompileHVP(f, n)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkW1 times one W1 step (compiled value and gradient, GD update).
func BenchmarkW1(b *testing.B) {
	prog := mustCompile(b, wlXOR(), 9)
	params := append([]float64(nil), wlW1Start...)
	grad := make([]float64, 9)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		prog.ValueAndGrad(params, grad)
		for k, g := range grad {
			params[k] -= ref.W1LR * g
		}
	}
}

// BenchmarkW1DefineByRun times the same step with the define-by-run engine.
func BenchmarkW1DefineByRun(b *testing.B) {
	f := wlXOR()
	params := append([]float64(nil), wlW1Start...)
	b.ReportAllocs()
	for range b.N {
		_, grad := ValueAndGrad(f, params)
		for k, g := range grad {
			params[k] -= ref.W1LR * g
		}
	}
}

// BenchmarkW2 times one W2 step (compiled value and gradient, Adam update).
func BenchmarkW2(b *testing.B) {
	prog := mustCompile(b, wlTanhBCE(2, 16, 16, 1), 337)
	params := wlFormulaInit(2, 16, 16, 1)
	b.ReportAllocs()
	b.ResetTimer()
	wlAdam(prog, params, b.N)
}

// BenchmarkW3 times one W3 step (compiled value and gradient, momentum).
func BenchmarkW3(b *testing.B) {
	prog := mustCompile(b, wlW3(), 26122)
	params := wlFormulaInit(64, 128, 128, 10)
	b.ReportAllocs()
	b.ResetTimer()
	wlMomentum(prog, params, b.N)
}

// BenchmarkW3AllCores times the W3 step with the products split across
// GOMAXPROCS workers.
func BenchmarkW3AllCores(b *testing.B) {
	prog := mustCompile(b, wlW3(), 26122)
	prog.SetWorkers(runtime.GOMAXPROCS(0))
	params := wlFormulaInit(64, 128, 128, 10)
	b.ReportAllocs()
	b.ResetTimer()
	wlMomentum(prog, params, b.N)
}

// BenchmarkW4a times one 9×9 Hessian of the W1 loss at W1's start.
func BenchmarkW4a(b *testing.B) {
	benchHessian(b, wlXOR(), wlW1Start)
}

// BenchmarkW4b times one 65×65 Hessian of the 2-16-1 tanh net on the moons.
func BenchmarkW4b(b *testing.B) {
	benchHessian(b, wlTanhBCE(2, 16, 1), wlFormulaInit(2, 16, 1))
}

// benchHessian times Hessians at x; the point changes each time (by a
// negligible amount) so that no work is cached between iterations.
func benchHessian(b *testing.B, f Func, x0 []float64) {
	n := len(x0)
	hp := mustCompileHVP(b, f, n)
	x := append([]float64(nil), x0...)
	H := make([][]float64, n)
	for i := range H {
		H[i] = make([]float64, n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		x[0] = x0[0] + float64(i&1)*1e-12
		hp.Hessian(x, H)
	}
}

// BenchmarkW4bHVP times one Hessian-vector product of W4b at a new point.
func BenchmarkW4bHVP(b *testing.B) {
	x0 := wlFormulaInit(2, 16, 1)
	hp := mustCompileHVP(b, wlTanhBCE(2, 16, 1), len(x0))
	x := append([]float64(nil), x0...)
	v := ref.W4Vector(len(x))
	dst := make([]float64, len(x))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		x[0] = x0[0] + float64(i&1)*1e-12
		hp.HVP(x, v, dst)
	}
}

// BenchmarkW5 times all 1,000 restarts of W5 (2,000 GD steps each) on all cores.
func BenchmarkW5(b *testing.B) {
	prog := mustCompile(b, wlXOR(), 9)
	b.ReportAllocs()
	for range b.N {
		if c := wlRestarts(prog, ref.W5Restarts, ref.W5Steps); c != ref.W5Successes {
			b.Fatalf("W5: %d restarts below %g, want %d", c, ref.W5Threshold, ref.W5Successes)
		}
	}
}
