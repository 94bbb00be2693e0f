//go:build !amd64 || purego

package autodiff

// dots16 has no vector loop here: the Go loop does every lane.
func (k *batchGemm) dots16(d, a, w, bias []float64, bi, a0, w0, as, ws, l int) bool {
	return false
}
