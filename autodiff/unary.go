package autodiff

import "math"

// unary makes an elementwise op applying f. rule gives the parent's gradient
// from the incoming gradient g, the input x and the output out; a nil rule
// means the op has zero derivative (no gradient flows).
func unary(op opKind, x *Node, f func(float64) float64, rule func(g, x, out *Node) *Node) *Node {
	return unaryLoop(op, x, func(dst []float64, in [][]float64) {
		for i, v := range in[0] {
			dst[i] = f(v)
		}
	}, rule)
}

// unaryLoop is unary with the whole loop given as the op's kernel: the common
// ops spell out their loop so that no function value is called per element
// (about twice as fast on large arrays, in both modes).
func unaryLoop(op opKind, x *Node, kernel evalFunc, rule func(g, x, out *Node) *Node) *Node {
	var out *Node
	var vjp vjpFunc
	if rule != nil {
		vjp = func(g *Node, _ int) *Node { return rule(g, x, out) }
	}
	out = newNode(op, x.shape, []*Node{x}, kernel, vjp)
	return out
}

// Neg returns −x. d/dx = −g.
func Neg(x *Node) *Node {
	return unaryLoop(opNeg, x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = -v
		}
	}, func(g, _, _ *Node) *Node { return Neg(g) })
}

// Exp returns eˣ. d/dx = g·eˣ.
func Exp(x *Node) *Node {
	return unaryLoop(opExp, x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = math.Exp(v)
		}
	}, func(g, _, out *Node) *Node { return Mul(g, out) })
}

// Log returns the natural logarithm. d/dx = g/x.
func Log(x *Node) *Node {
	return unary(opLog, x, math.Log, func(g, x, _ *Node) *Node { return Div(g, x) })
}

// Sin returns sin x. d/dx = g·cos x.
func Sin(x *Node) *Node {
	return unary(opSin, x, math.Sin, func(g, x, _ *Node) *Node { return Mul(g, Cos(x)) })
}

// Cos returns cos x. d/dx = −g·sin x.
func Cos(x *Node) *Node {
	return unary(opCos, x, math.Cos, func(g, x, _ *Node) *Node { return Neg(Mul(g, Sin(x))) })
}

// Tanh returns tanh x. d/dx = g·tanh′(x), with tanh′(x) the node of
// tanhPrime: computed from x with full relative accuracy, built on the first
// differentiation and shared by every later one (prime.go).
func Tanh(x *Node) *Node {
	var prime lazyNode
	return unaryLoop(opTanh, x, tanhKernel, func(g, x, t *Node) *Node {
		return Mul(g, prime.get(func() *Node { return tanhPrime(x, t) }))
	})
}

// Sigmoid returns σ(x) = 1/(1+e⁻ˣ), computed without overflow for any x
// (a primitive for that reason). d/dx = g·σ′(x), with σ′(x) the node of
// sigmoidPrime: computed from x with full relative accuracy, built on the
// first differentiation and shared by every later one (prime.go).
func Sigmoid(x *Node) *Node {
	var prime lazyNode
	return unaryLoop(opSigmoid, x, sigmoidKernel, func(g, x, s *Node) *Node {
		return Mul(g, prime.get(func() *Node { return sigmoidPrime(x, s) }))
	})
}

func sigmoid(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

// Softplus returns log(1 + eˣ), computed as max(x,0) + log1p(e^−|x|) so that
// it neither overflows nor loses precision. It is a primitive because the
// composed form's derivative is wrong at x = 0 (Abs and ReLU both give 0
// there, where the true derivative is ½). d/dx = g·σ(x).
func Softplus(x *Node) *Node {
	return unary(opSoftplus, x, func(v float64) float64 {
		return math.Max(v, 0) + math.Log1p(math.Exp(-math.Abs(v)))
	}, func(g, x, _ *Node) *Node { return Mul(g, Sigmoid(x)) })
}

// ReLU returns max(x, 0). d/dx = g where x > 0, else 0 (reluGrad).
func ReLU(x *Node) *Node {
	return unaryLoop(opReLU, x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = math.Max(v, 0)
		}
	}, func(g, x, _ *Node) *Node { return reluGrad(g, x) })
}

// reluGrad returns g·step(x) elementwise, ReLU's VJP. It is a primitive for
// speed: one pass instead of building the 0/1 mask and multiplying, with the
// same values (g·0 where x ≤ 0, so NaN and signed zeros are as in Mul). Its
// rule: d/dg = G·step(x); no gradient flows to x (the mask is piecewise
// constant).
func reluGrad(g, x *Node) *Node {
	g, x = broadcastPair("ReLUGrad", g, x)
	return newNode(opReLUGrad, x.shape, []*Node{g, x}, func(dst []float64, in [][]float64) {
		a, b := in[0][:len(dst)], in[1][:len(dst)]
		for i, v := range b {
			if v > 0 {
				dst[i] = a[i]
			} else {
				dst[i] = a[i] * 0
			}
		}
	}, func(G *Node, i int) *Node {
		if i == 0 {
			return reluGrad(G, x)
		}
		return nil
	})
}

// Abs returns |x|. d/dx = g·sign(x) (0 at x = 0).
func Abs(x *Node) *Node {
	return unary(opAbs, x, math.Abs, func(g, x, _ *Node) *Node { return Mul(g, sign(x)) })
}

// sign returns −1, 0 or 1; its derivative is 0.
func sign(x *Node) *Node {
	return unary(opSign, x, func(v float64) float64 {
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}, nil)
}

// Sqrt returns √x. d/dx = g/(2√x).
func Sqrt(x *Node) *Node {
	return unary(opSqrt, x, math.Sqrt, func(g, _, out *Node) *Node { return Div(g, Scale(out, 2)) })
}

// Pow returns xᶜ for a constant exponent c. d/dx = g·c·xᶜ⁻¹.
func Pow(x *Node, c float64) *Node {
	var f func(float64) float64
	switch c {
	case 0:
		f = func(float64) float64 { return 1 }
	case 1:
		f = func(v float64) float64 { return v }
	case 2:
		return unaryLoop(opPow, x, func(dst []float64, in [][]float64) {
			src := in[0][:len(dst)]
			for i, v := range src {
				dst[i] = v * v
			}
		}, func(g, x, _ *Node) *Node { return Mul(g, Scale(x, 2)) })
	case 3:
		f = func(v float64) float64 { return v * v * v }
	case -1:
		f = func(v float64) float64 { return 1 / v }
	default:
		f = func(v float64) float64 { return math.Pow(v, c) }
	}
	return unary(opPow, x, f, func(g, x, _ *Node) *Node {
		switch c {
		case 0:
			return Scale(g, 0)
		case 1:
			return g
		case 2:
			return Mul(g, Scale(x, 2))
		}
		return Mul(g, Scale(Pow(x, c-1), c))
	})
}

// Square returns x².
func Square(x *Node) *Node { return Pow(x, 2) }

// Scale returns c·x for a constant c. d/dx = c·g.
func Scale(x *Node, c float64) *Node {
	return unaryLoop(opScale, x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = c * v
		}
	}, func(g, _, _ *Node) *Node { return Scale(g, c) })
}

// AddScalar returns x + c for a constant c. d/dx = g.
func AddScalar(x *Node, c float64) *Node {
	return unaryLoop(opAddScalar, x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = v + c
		}
	}, func(g, _, _ *Node) *Node { return g })
}
