//go:build !purego

package autodiff

import "golang.org/x/sys/cpu"

// The AVX2 loops of the batched matrix product: 16 copies per call, four
// per register, products rounded and then added as the Go loops do.

//go:noescape
func dotLanes16(d, a, w *float64, k, as, ws int, bias *float64, bmode int)

//go:noescape
func dotLanes16S(d, v, s *float64, k, vs, ss int, bias *float64, bmode int)

var haveLanes16 = cpu.X86.HasAVX2

// dots16 computes lanes [l, l+16) of the output d (see batchGemm.dots),
// adding element bi of bias (nil: none) after the sums, and reports whether
// it did.
func (k *batchGemm) dots16(d, a, w, bias []float64, bi, a0, w0, as, ws, l int) bool {
	if !haveLanes16 || l+16 > k.b {
		return false
	}
	b, kk := k.b, k.g.k
	const f = 8 // bytes per float64
	// The last elements read, so that a bad stride panics in Go.
	lastA, lastW := a0+(kk-1)*as, w0+(kk-1)*ws
	var bp *float64
	bmode := 0
	switch {
	case bias == nil:
	case k.biasB:
		_ = bias[bi*b+l+15]
		bp, bmode = &bias[bi*b+l], 1
	default:
		bp, bmode = &bias[bi], 2
	}
	switch {
	case k.aB && k.bB:
		_, _ = a[lastA*b+l+15], w[lastW*b+l+15]
		dotLanes16(&d[l], &a[a0*b+l], &w[w0*b+l], kk, as*b*f, ws*b*f, bp, bmode)
	case k.aB:
		_, _ = a[lastA*b+l+15], w[lastW]
		dotLanes16S(&d[l], &a[a0*b+l], &w[w0], kk, as*b*f, ws*f, bp, bmode)
	default:
		_, _ = w[lastW*b+l+15], a[lastA]
		dotLanes16S(&d[l], &w[w0*b+l], &a[a0], kk, ws*b*f, as*f, bp, bmode)
	}
	return true
}
