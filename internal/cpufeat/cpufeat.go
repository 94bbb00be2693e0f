package cpufeat

// The features, set once at start-up by detect (amd64 without the purego
// tag; probed says it ran).
var avx2fma, avx512f, probed bool

// AVX2FMA reports whether the CPU has AVX2 and FMA and the OS saves the
// ymm registers.
func AVX2FMA() bool { return avx2fma }

// AVX512F reports whether, in addition, the CPU has AVX-512 Foundation and
// the OS saves the zmm and mask registers.
func AVX512F() bool { return avx512f }
