package autodiff

import "math"

// unary makes an elementwise op applying f. rule gives the parent's gradient
// from the incoming gradient g, the input x and the output out; a nil rule
// means the op has zero derivative (no gradient flows).
func unary(op string, x *Node, f func(float64) float64, rule func(g, x, out *Node) *Node) *Node {
	return unaryLoop(op, x, func(dst []float64, in [][]float64) {
		for i, v := range in[0] {
			dst[i] = f(v)
		}
	}, rule)
}

// unaryLoop is unary with the whole loop given as the op's kernel: the common
// ops spell out their loop so that no function value is called per element
// (about twice as fast on large arrays, in both modes).
func unaryLoop(op string, x *Node, kernel evalFunc, rule func(g, x, out *Node) *Node) *Node {
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
	return unaryLoop("Neg", x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = -v
		}
	}, func(g, _, _ *Node) *Node { return Neg(g) })
}

// Exp returns eˣ. d/dx = g·eˣ.
func Exp(x *Node) *Node {
	return unaryLoop("Exp", x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = math.Exp(v)
		}
	}, func(g, _, out *Node) *Node { return Mul(g, out) })
}

// Log returns the natural logarithm. d/dx = g/x.
func Log(x *Node) *Node {
	return unary("Log", x, math.Log, func(g, x, _ *Node) *Node { return Div(g, x) })
}

// Sin returns sin x. d/dx = g·cos x.
func Sin(x *Node) *Node {
	return unary("Sin", x, math.Sin, func(g, x, _ *Node) *Node { return Mul(g, Cos(x)) })
}

// Cos returns cos x. d/dx = −g·sin x.
func Cos(x *Node) *Node {
	return unary("Cos", x, math.Cos, func(g, x, _ *Node) *Node { return Neg(Mul(g, Sin(x))) })
}

// Tanh returns tanh x. d/dx = g·(1 − tanh²x), computed by tanhGrad.
func Tanh(x *Node) *Node {
	return unaryLoop("Tanh", x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = math.Tanh(v)
		}
	}, tanhGrad)
}

// tanhGrad returns g·tanh′(x) elementwise, Tanh's VJP (t = tanh x is the
// forward's output). tanh′ is computed from x as 4e^{−2|x|}/(1+e^{−2|x|})²,
// not as 1 − t², which is 0 once t rounds to 1 (|x| > 19) although
// tanh′(40) ≈ 7e-35 is representable: this form keeps full relative accuracy
// for every x. It is a primitive (one pass); its own rule is written with
// engine ops, so it can be differentiated again:
// d/dg = G·tanh′(x), d/dx = G·g·tanh″(x) = G·g·tanh′(x)·(−2t).
func tanhGrad(g, x, t *Node) *Node {
	g, x = broadcastPair("TanhGrad", g, x)
	return newNode("TanhGrad", x.shape, []*Node{g, x}, func(dst []float64, in [][]float64) {
		a, b := in[0][:len(dst)], in[1][:len(dst)]
		for i, v := range b {
			dst[i] = a[i] * tanhPrime(v)
		}
	}, func(G *Node, i int) *Node {
		if i == 0 {
			return tanhGrad(G, x, t)
		}
		return Mul(tanhGrad(Mul(G, g), x, t), Scale(t, -2))
	})
}

// tanhPrime is tanh′(v) = 1/cosh²(v) = 4e^{−2|v|}/(1+e^{−2|v|})².
func tanhPrime(v float64) float64 {
	e := math.Exp(-2 * math.Abs(v))
	d := 1 + e
	return 4 * e / (d * d)
}

// Sigmoid returns σ(x) = 1/(1+e⁻ˣ), computed without overflow for any x
// (a primitive for that reason). d/dx = g·σ(x)·(1 − σ(x)), computed by
// sigmoidGrad.
func Sigmoid(x *Node) *Node {
	return unaryLoop("Sigmoid", x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = sigmoid(v)
		}
	}, sigmoidGrad)
}

// sigmoidGrad returns g·σ′(x) elementwise, Sigmoid's VJP (s = σ(x) is the
// forward's output). σ′ is computed from x as e^{−|x|}/(1+e^{−|x|})², not
// as s·(1 − s), which is 0 once s rounds to 1 (x > 37) although
// σ′(40) ≈ 4e-18 is representable: this form keeps full relative accuracy
// for every x. It is a primitive (one pass); its own rule is written with
// engine ops, so it can be differentiated again:
// d/dg = G·σ′(x), d/dx = G·g·σ″(x) = G·g·σ′(x)·(1 − 2s).
func sigmoidGrad(g, x, s *Node) *Node {
	g, x = broadcastPair("SigmoidGrad", g, x)
	return newNode("SigmoidGrad", x.shape, []*Node{g, x}, func(dst []float64, in [][]float64) {
		a, b := in[0][:len(dst)], in[1][:len(dst)]
		for i, v := range b {
			dst[i] = a[i] * sigmoidPrime(v)
		}
	}, func(G *Node, i int) *Node {
		if i == 0 {
			return sigmoidGrad(G, x, s)
		}
		return Mul(sigmoidGrad(Mul(G, g), x, s), AddScalar(Scale(s, -2), 1))
	})
}

// sigmoidPrime is σ′(v) = σ(v)·σ(−v) = e^{−|v|}/(1+e^{−|v|})².
func sigmoidPrime(v float64) float64 {
	e := math.Exp(-math.Abs(v))
	d := 1 + e
	return e / (d * d)
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
	return unary("Softplus", x, func(v float64) float64 {
		return math.Max(v, 0) + math.Log1p(math.Exp(-math.Abs(v)))
	}, func(g, x, _ *Node) *Node { return Mul(g, Sigmoid(x)) })
}

// ReLU returns max(x, 0). d/dx = g where x > 0, else 0 (reluGrad).
func ReLU(x *Node) *Node {
	return unaryLoop("ReLU", x, func(dst []float64, in [][]float64) {
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
	return newNode("ReLUGrad", x.shape, []*Node{g, x}, func(dst []float64, in [][]float64) {
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
	return unary("Abs", x, math.Abs, func(g, x, _ *Node) *Node { return Mul(g, sign(x)) })
}

// sign returns −1, 0 or 1; its derivative is 0.
func sign(x *Node) *Node {
	return unary("Sign", x, func(v float64) float64 {
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
	return unary("Sqrt", x, math.Sqrt, func(g, _, out *Node) *Node { return Div(g, Scale(out, 2)) })
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
		return unaryLoop("Pow", x, func(dst []float64, in [][]float64) {
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
	return unary("Pow", x, f, func(g, x, _ *Node) *Node {
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
	return unaryLoop("Scale", x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = c * v
		}
	}, func(g, _, _ *Node) *Node { return Scale(g, c) })
}

// AddScalar returns x + c for a constant c. d/dx = g.
func AddScalar(x *Node, c float64) *Node {
	return unaryLoop("AddScalar", x, func(dst []float64, in [][]float64) {
		src := in[0][:len(dst)]
		for i, v := range src {
			dst[i] = v + c
		}
	}, func(g, _, _ *Node) *Node { return g })
}
