//go:build !purego

package autodiff

import "github.com/saddle-dev/saddle/internal/cpufeat"

// The AVX2 loops of the batched matrix product: one row of outputs for 16
// copies per call, four copies per register, products rounded and then
// added as the Go loops do.

//go:noescape
func dotRow16(d, a, w *float64, k, as, ws int, bias *float64, bmode, n, dj, wj, bj int)

//go:noescape
func dotRow16S(d, v, s *float64, k, vs, ss int, bias *float64, bmode, n, dj, vj, sj, bj int)

// dotRow16Z and dotRow16SZ are dotRow16 and dotRow16S in AVX-512 (two
// zmm registers per 16 lanes), the same operations.

//go:noescape
func dotRow16Z(d, a, w *float64, k, as, ws int, bias *float64, bmode, n, dj, wj, bj int)

//go:noescape
func dotRow16SZ(d, v, s *float64, k, vs, ss int, bias *float64, bmode, n, dj, vj, sj, bj int)

var (
	haveLanes16 = cpufeat.AVX2FMA()
	row16       = pick(cpufeat.AVX512F(), dotRow16Z, dotRow16)
	row16S      = pick(cpufeat.AVX512F(), dotRow16SZ, dotRow16S)
)

// pick returns wide if ok, else narrow.
func pick[F any](ok bool, wide, narrow F) F {
	if ok {
		return wide
	}
	return narrow
}

// rows16 computes copies [0, 16·q) of the n outputs of row i (a0: the index
// of A(i,0)) in the vector loops, q as large as the batch allows, and
// returns 16·q (0 when the loops do not apply: no AVX2, a batch below 16, a
// product of one term, or a bias that is not one value per column or one
// for all).
func (k *batchGemm) rows16(dst, a, w, bias []float64, i, a0, as, ws int) int {
	g, b, kk := k.g, k.b, k.g.k
	if !haveLanes16 || b < 16 || kk < 2 || bias != nil && g.nb != g.n && g.nb != 1 {
		return 0
	}
	const f = 8 // bytes per float64
	n := g.n
	wj := 1 // the step of B(0,j) in j, in elements
	if g.tb {
		wj = kk
	}
	// The last elements read, so that a bad stride panics in Go.
	lastA, lastW := a0+(kk-1)*as, (n-1)*wj+(kk-1)*ws
	_ = dst[((i+1)*n-1)*b+b-1]
	lanes := b &^ 15
	for l := 0; l < lanes; l += 16 {
		var bp *float64
		bmode, bj := 0, 0
		switch {
		case bias == nil:
		case k.biasB:
			_ = bias[(g.nb-1)*b+l+15]
			bp, bmode = &bias[l], 1
			if g.nb == n {
				bj = b * f
			}
		default:
			bp, bmode = &bias[0], 2
			if g.nb == n {
				bj = f
			}
		}
		d := &dst[i*n*b+l]
		switch {
		case k.aB && k.bB:
			_, _ = a[lastA*b+l+15], w[lastW*b+l+15]
			row16(d, &a[a0*b+l], &w[l], kk, as*b*f, ws*b*f, bp, bmode, n, b*f, wj*b*f, bj)
		case k.aB:
			_, _ = a[lastA*b+l+15], w[lastW]
			row16S(d, &a[a0*b+l], &w[0], kk, as*b*f, ws*f, bp, bmode, n, b*f, 0, wj*f, bj)
		default:
			_, _ = w[lastW*b+l+15], a[lastA]
			row16S(d, &w[l], &a[a0], kk, ws*b*f, as*f, bp, bmode, n, b*f, wj*b*f, 0, bj)
		}
	}
	return lanes
}
