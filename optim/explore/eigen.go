package explore

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// eigen returns the eigenvalues of the symmetric matrix h, ascending, and
// the unit eigenvectors (vecs[i] belongs to vals[i]), from gonum's
// mat.EigenSym. The matrix is factorised scaled to a largest entry of 1:
// EigenSym fails on matrices whose entries are all tiny (below ~1e-140).
// ok is false when h is not finite or the factorisation fails.
func eigen(h *mat.SymDense) (vals []float64, vecs [][]float64, ok bool) {
	n := h.SymmetricDim()
	scale := 0.0
	for i := range n {
		for j := i; j < n; j++ {
			v := h.At(i, j)
			if !finite(v) {
				return nil, nil, false
			}
			scale = math.Max(scale, math.Abs(v))
		}
	}
	if scale == 0 {
		vals, vecs = make([]float64, n), make([][]float64, n)
		for i := range vecs {
			vecs[i] = make([]float64, n)
			vecs[i][i] = 1
		}
		return vals, vecs, true
	}
	s := mat.NewSymDense(n, nil)
	s.ScaleSym(1/scale, h)
	var es mat.EigenSym
	if !es.Factorize(s, true) {
		return nil, nil, false
	}
	vals = es.Values(nil)
	var q mat.Dense
	es.VectorsTo(&q)
	vecs = make([][]float64, n)
	for i := range vals {
		vals[i] = vals[i]*scale + 0
		vecs[i] = make([]float64, n)
		for k := range n {
			vecs[i][k] = q.At(k, i) + 0
		}
	}
	return vals, vecs, true
}
