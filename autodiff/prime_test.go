package autodiff

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestActivationKernelsMatchMath: the kernels of Tanh, Sigmoid and their
// primes, which use vmath where it is exact, give bit for bit what the math
// package gives element by element (math.Tanh, and the formulas of sigmoid,
// σ′ and tanh′ with math.Exp), so that switching them to vmath changed no
// value anywhere (define-by-run, compiled, batched, golden outputs). The
// arguments reach every branch (kernelArgs) and, 1,000 long, the vector
// loops of every width.
func TestActivationKernelsMatchMath(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 1))
	xs := kernelArgs()
	for range 1000 {
		xs = append(xs, 60*(r.Float64()-0.5))
	}
	kernels := []struct {
		name   string
		kernel evalFunc
		want   func(float64) float64
	}{
		{"Tanh", tanhKernel, math.Tanh},
		{"Sigmoid", sigmoidKernel, sigmoid},
		{"TanhPrime", tanhPrimeKernel, tanhPrime1},
		{"SigmoidPrime", sigmoidPrimeKernel, sigmoidPrime1},
	}
	for _, k := range kernels {
		got := make([]float64, len(xs))
		k.kernel(got, [][]float64{xs})
		for i, x := range xs {
			want := k.want(x)
			if math.IsNaN(want) {
				require.True(t, math.IsNaN(got[i]), "%s(%v) = %v, want NaN", k.name, x, got[i])
				continue
			}
			require.Equal(t, math.Float64bits(want), math.Float64bits(got[i]), "%s(%v): %v, want %v", k.name, x, got[i], want)
		}
	}
}

// expBearing are the ops whose kernels evaluate an exponential, a
// logarithm, tanh or a power per element.
var expBearing = map[opKind]bool{
	opExp: true, opLog: true, opTanh: true, opTanhPrime: true, opSigmoid: true, opSigmoidPrime: true,
	opSoftplus: true, opBCEWithLogits: true, opLogSumExp: true, opPowVar: true,
}

// activationNet is a net of the tests of the primes at a point, with its
// numbers of tanh and sigmoid nodes (BCEWithLogits's rule makes one σ).
type activationNet struct {
	name          string
	f             Func
	x             []float64
	tanh, sigmoid int
}

// activationNets returns a sigmoid net (W1's 2-2-1 on XOR) and a tanh net
// with a BCE loss (a 2-4-1 W4b on the moons).
func activationNets() []activationNet {
	return []activationNet{
		{"sigmoid XOR 2-2-1", wlXOR(), wlW1Start, 0, 2},
		{"tanh BCE 2-4-1", wlTanhBCE(2, 4, 1), wlFormulaInit(2, 4, 1), 1, 1},
	}
}

// TestHessianDirectionStepsAreProducts: in the compiled Hessian of a
// sigmoid net (W1's 2-2-1 on XOR) and of a tanh net with a BCE loss (a
// 2-4-1 W4b on the moons), no step that runs once per direction evaluates
// an exponential: σ′, tanh′ and the second derivatives are x-only nodes,
// which run once per point. Each activation has exactly one prime node,
// shared by the gradient and every second-order rule (2 sigmoids in the
// XOR net; 1 tanh and the σ of BCE's rule in the other).
func TestHessianDirectionStepsAreProducts(t *testing.T) {
	for _, c := range activationNets() {
		t.Run(c.name, func(t *testing.T) {
			hp, err := CompileHVP(c.f, len(c.x))
			require.NoError(t, err)
			require.NotEmpty(t, hp.vsteps)
			for _, s := range hp.vsteps {
				assert.False(t, expBearing[s.op], "a direction-dependent step runs %s", s.op)
			}
			count := map[opKind]int{}
			for _, s := range hp.xsteps {
				count[s.op]++
			}
			assert.Equal(t, c.tanh, count[opTanhPrime], "TanhPrime steps (once per point)")
			assert.Equal(t, c.sigmoid, count[opSigmoidPrime], "SigmoidPrime steps (once per point)")
		})
	}
}

// TestGradientFusesPrime: in a first-order program the prime of each
// activation has one use, the product with the incoming gradient, and is
// computed by that product's step (no SigmoidPrime or TanhPrime step of its
// own); the gradient is define-by-run's bit for bit (same products, same
// order).
func TestGradientFusesPrime(t *testing.T) {
	for _, c := range activationNets() {
		t.Run(c.name, func(t *testing.T) {
			prog, err := Compile(c.f, len(c.x))
			require.NoError(t, err)
			for _, s := range prog.steps {
				assert.NotContains(t, []opKind{opSigmoidPrime, opTanhPrime}, s.op, "a prime step of its own")
			}
			grad := make([]float64, len(c.x))
			prog.ValueAndGrad(c.x, grad)
			_, want := ValueAndGrad(c.f, c.x)
			assert.Equal(t, want, grad)
		})
	}
}
