package autodiff

import "math"

// unary makes an elementwise op applying f. rule gives the parent's gradient
// from the incoming gradient g, the input x and the output out; a nil rule
// means the op has zero derivative (no gradient flows).
func unary(op string, x *Node, f func(float64) float64, rule func(g, x, out *Node) *Node) *Node {
	var out *Node
	var vjp vjpFunc
	if rule != nil {
		vjp = func(g *Node, _ int) *Node { return rule(g, x, out) }
	}
	out = newNode(op, x.shape, []*Node{x}, func(dst []float64, in [][]float64) {
		for i, v := range in[0] {
			dst[i] = f(v)
		}
	}, vjp)
	return out
}

// Neg returns −x. d/dx = −g.
func Neg(x *Node) *Node {
	return unary("Neg", x, func(v float64) float64 { return -v },
		func(g, _, _ *Node) *Node { return Neg(g) })
}

// Exp returns eˣ. d/dx = g·eˣ.
func Exp(x *Node) *Node {
	return unary("Exp", x, math.Exp, func(g, _, out *Node) *Node { return Mul(g, out) })
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

// Tanh returns tanh x. d/dx = g·(1 − tanh²x).
func Tanh(x *Node) *Node {
	return unary("Tanh", x, math.Tanh, func(g, _, out *Node) *Node {
		return Mul(g, AddScalar(Neg(Square(out)), 1))
	})
}

// Sigmoid returns σ(x) = 1/(1+e⁻ˣ), computed without overflow for any x
// (a primitive for that reason). d/dx = g·σ(x)·(1 − σ(x)).
func Sigmoid(x *Node) *Node {
	return unary("Sigmoid", x, sigmoid, func(g, _, out *Node) *Node {
		return Mul(g, Mul(out, AddScalar(Neg(out), 1)))
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
	return unary("Softplus", x, func(v float64) float64 {
		return math.Max(v, 0) + math.Log1p(math.Exp(-math.Abs(v)))
	}, func(g, x, _ *Node) *Node { return Mul(g, Sigmoid(x)) })
}

// ReLU returns max(x, 0). d/dx = g where x > 0, else 0.
func ReLU(x *Node) *Node {
	return unary("ReLU", x, func(v float64) float64 { return math.Max(v, 0) },
		func(g, x, _ *Node) *Node { return Mul(g, step(x)) })
}

// step returns 1 where x > 0, else 0; its derivative is 0.
func step(x *Node) *Node {
	return unary("Step", x, func(v float64) float64 {
		if v > 0 {
			return 1
		}
		return 0
	}, nil)
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
		f = func(v float64) float64 { return v * v }
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
	return unary("Scale", x, func(v float64) float64 { return c * v },
		func(g, _, _ *Node) *Node { return Scale(g, c) })
}

// AddScalar returns x + c for a constant c. d/dx = g.
func AddScalar(x *Node, c float64) *Node {
	return unary("AddScalar", x, func(v float64) float64 { return v + c },
		func(g, _, _ *Node) *Node { return g })
}
