//go:build !amd64 || purego

package autodiff

// rows16 has no vector loop here: the Go loops do every copy.
func (k *batchGemm) rows16(dst, a, w, bias []float64, i, a0, as, ws int) int { return 0 }
