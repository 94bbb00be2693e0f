// Package eigen holds the symmetric eigenvalue helper shared by the CLI
// and the studies of package nn: the spectrum of a Hessian given as rows.
package eigen

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Sym returns the eigenvalues of the symmetric part of h, ascending (gonum
// mat.EigenSym), or nil when the decomposition fails. A NaN entry makes
// every eigenvalue NaN.
func Sym(h [][]float64) []float64 {
	n := len(h)
	if n == 0 {
		return []float64{}
	}
	// gonum's EigenSym panics on matrices whose entries are all tiny
	// (below ~1e-140): factorize h scaled to a largest entry of 1.
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
