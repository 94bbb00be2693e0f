// Package symeig returns the eigenvalues of the symmetric part of a square
// matrix, robust to matrices of tiny entries: the one eigenvalue routine of
// the CLI and the benchmark harness, so that both print the same digits.
package symeig

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Values returns the eigenvalues of (h + hᵀ)/2, ascending; nil when the
// decomposition does not converge. gonum's EigenSym panics on matrices whose
// entries are all tiny (below ~1e-140), so h is factorized scaled to a
// largest entry of 1 and the eigenvalues are scaled back.
func Values(h [][]float64) []float64 {
	n := len(h)
	if n == 0 {
		return []float64{}
	}
	scale := 0.0
	for i := range n {
		for j := range n {
			scale = math.Max(scale, math.Abs(h[i][j]))
		}
	}
	if scale == 0 {
		return make([]float64, n)
	}
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (h[i][j]+h[j][i])/2/scale)
		}
	}
	var es mat.EigenSym
	if !es.Factorize(s, false) {
		return nil
	}
	vals := es.Values(nil) // ascending
	for i := range vals {
		vals[i] *= scale
	}
	return vals
}
