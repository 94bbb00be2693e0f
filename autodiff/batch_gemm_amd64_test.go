//go:build !purego

package autodiff

// NarrowRowLoops makes the batched products use the AVX2 row loops (as on
// CPUs without AVX-512) until the returned function restores the choice.
func NarrowRowLoops() (restore func()) {
	r, rs := row16, row16S
	row16, row16S = dotRow16, dotRow16S
	return func() { row16, row16S = r, rs }
}
