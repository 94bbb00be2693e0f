//go:build !amd64 || purego

package autodiff

// NarrowRowLoops does nothing where the products have no vector loops.
func NarrowRowLoops() (restore func()) { return func() {} }
