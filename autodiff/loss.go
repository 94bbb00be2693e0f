package autodiff

import "math"

// BCEWithLogits returns the binary cross-entropy of logits z against targets
// y elementwise (broadcast): max(z,0) − z·y + log1p(exp(−|z|)). It is a
// primitive for numerical stability: the composed form log σ(z) overflows for
// large |z|. d/dz = g·(σ(z) − y), d/dy = −g·z.
func BCEWithLogits(z, y *Node) *Node {
	z, y = broadcastPair("BCEWithLogits", z, y)
	return newNode(opBCEWithLogits, z.shape, []*Node{z, y}, func(dst []float64, in [][]float64) {
		a, b := in[0], in[1][:len(in[0])]
		for i := range dst {
			dst[i] = math.Max(a[i], 0) - a[i]*b[i] + math.Log1p(math.Exp(-math.Abs(a[i])))
		}
	}, func(g *Node, i int) *Node {
		if i == 0 {
			return Mul(g, Sub(Sigmoid(z), y))
		}
		return Neg(Mul(g, z))
	})
}

// MSE returns the mean over all elements of (pred − target)², a 0-d node.
func MSE(pred, target *Node) *Node { return Mean(Square(Sub(pred, target))) }
