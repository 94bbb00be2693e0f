package autodiff

import (
	"math"
	"sync/atomic"

	"github.com/saddle-dev/saddle/autodiff/vmath"
)

// The derivatives of Tanh and Sigmoid are nodes of their own, functions of
// x alone: tanh′(x) (op TanhPrime) and σ′(x) (op SigmoidPrime), each built
// once per activation node, on its first differentiation, and shared by
// every rule that needs it afterwards; so are the factors −2t and 1 − 2s of
// the second derivatives tanh″ = tanh′·(−2t) and σ″ = σ′·(1 − 2s), one
// shared node per prime. A gradient multiplies by the prime, a
// Hessian-vector product by the prime and the factor: in a compiled
// HVPProgram these x-only nodes run once per point, and the steps that
// depend on the direction are plain products (no exponential per
// direction). The products are those of the former fused VJP kernels, in
// the same order ((G·g)·σ′)·(1 − 2s), so the values did not change.
//
// The primes are computed from x, not from the activation's output (1 − t²
// and s·(1 − s) round to 0 once t or s rounds to 1, |x| > 19 for tanh,
// x > 37 for σ, although tanh′(40) ≈ 7e-35 and σ′(40) ≈ 4e-18 are
// representable), so they keep full relative accuracy for every x.

// lazyNode is a node built on first use and shared afterwards. Building it
// is safe from several goroutines differentiating one graph at once: one
// of the nodes built wins and all callers get it.
type lazyNode struct{ p atomic.Pointer[Node] }

// get returns the node, building it with build on the first call.
func (l *lazyNode) get(build func() *Node) *Node {
	if n := l.p.Load(); n != nil {
		return n
	}
	l.p.CompareAndSwap(nil, build())
	return l.p.Load()
}

// tanhPrime returns tanh′(x) = 1/cosh²x elementwise (t = Tanh(x), for its
// rule): d/dx = G·tanh″(x) = (G·tanh′)·(−2t).
func tanhPrime(x, t *Node) *Node {
	var p *Node
	var factor lazyNode
	p = newNode(opTanhPrime, x.shape, []*Node{x}, tanhPrimeKernel, func(G *Node, _ int) *Node {
		return Mul(Mul(G, p), factor.get(func() *Node { return Scale(t, -2) }))
	})
	return p
}

// sigmoidPrime returns σ′(x) = σ(x)·σ(−x) elementwise (s = Sigmoid(x), for
// its rule): d/dx = G·σ″(x) = (G·σ′)·(1 − 2s).
func sigmoidPrime(x, s *Node) *Node {
	var p *Node
	var factor lazyNode
	p = newNode(opSigmoidPrime, x.shape, []*Node{x}, sigmoidPrimeKernel, func(G *Node, _ int) *Node {
		return Mul(Mul(G, p), factor.get(func() *Node { return AddScalar(Scale(s, -2), 1) }))
	})
	return p
}

// The kernels below compute their exponentials with vmath's batched
// kernels where those are math.Exp bit for bit (vmath.Exact: amd64), which
// is several times faster on long arrays, and call the math package per
// element elsewhere: the values are the same on every path of a platform
// (define-by-run, compiled, batched).

// tanhKernel is Tanh's kernel: dst[i] = math.Tanh(src[i]).
func tanhKernel(dst []float64, in [][]float64) {
	src := in[0][:len(dst)]
	if vmath.Exact() {
		vmath.Tanh(dst, src)
		return
	}
	for i, v := range src {
		dst[i] = math.Tanh(v)
	}
}

// sigmoidKernel is Sigmoid's kernel: dst[i] = sigmoid(src[i]).
func sigmoidKernel(dst []float64, in [][]float64) {
	src := in[0][:len(dst)]
	if vmath.Exact() {
		vmath.Sigmoid(dst, src)
		return
	}
	for i, v := range src {
		dst[i] = sigmoid(v)
	}
}

// tanhPrimeKernel is TanhPrime's kernel: dst[i] = tanhPrime1(src[i]).
func tanhPrimeKernel(dst []float64, in [][]float64) {
	expNegAbs(dst, in[0], -2)
	for i, e := range dst {
		d := 1 + e
		dst[i] = 4 * e / (d * d)
	}
}

// sigmoidPrimeKernel is SigmoidPrime's kernel: dst[i] = sigmoidPrime1(src[i]).
func sigmoidPrimeKernel(dst []float64, in [][]float64) {
	expNegAbs(dst, in[0], -1)
	for i, e := range dst {
		d := 1 + e
		dst[i] = e / (d * d)
	}
}

// expNegAbs sets dst[i] = exp(c·|src[i]|) for c = −1 or −2.
func expNegAbs(dst, src []float64, c float64) {
	src = src[:len(dst)]
	if vmath.Exact() {
		for i, v := range src {
			dst[i] = c * math.Abs(v)
		}
		vmath.Exp(dst, dst)
		return
	}
	for i, v := range src {
		dst[i] = math.Exp(c * math.Abs(v))
	}
}

// tanhPrime1 is tanh′(v) = 1/cosh²(v) = 4e^{−2|v|}/(1+e^{−2|v|})², one
// element of tanhPrimeKernel.
func tanhPrime1(v float64) float64 {
	e := math.Exp(-2 * math.Abs(v))
	d := 1 + e
	return 4 * e / (d * d)
}

// sigmoidPrime1 is σ′(v) = σ(v)·σ(−v) = e^{−|v|}/(1+e^{−|v|})², one element
// of sigmoidPrimeKernel.
func sigmoidPrime1(v float64) float64 {
	e := math.Exp(-math.Abs(v))
	d := 1 + e
	return e / (d * d)
}

// fusePrime makes a Mul c of an operand g and a SigmoidPrime or TanhPrime
// step p that nothing else uses compute the prime itself, into its own
// memory, and multiply by g in place: g·p with the same roundings, one step
// instead of two. It applies only when c depends on the same variables as
// p, so a step that runs once per direction never computes a prime.
func fusePrime(cs []cnode, c *cnode) {
	if !c.step || c.gemm != nil || len(c.ins) != 2 || c.n.parents[0] != cs[c.ins[0]].n || c.n.parents[1] != cs[c.ins[1]].n {
		return
	}
	for j, pi := range c.ins {
		p := &cs[pi]
		if p.n.op != opTanhPrime && p.n.op != opSigmoidPrime || !p.step || len(p.users) != 1 || p.output || p.mask != c.mask {
			continue
		}
		prime := p.eval
		c.eval = func(dst []float64, in [][]float64) {
			prime(dst, in[1:2])
			g := in[0][:len(dst)]
			for i, v := range g {
				dst[i] *= v
			}
		}
		c.ins = []int{c.ins[1-j], p.ins[0]}
		p.step = false
		return
	}
}
