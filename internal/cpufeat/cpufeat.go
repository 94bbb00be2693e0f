package cpufeat

// The features, set once at start-up.
var (
	// AVX2 and FMA: the CPU has both and the OS saves the ymm registers.
	AVX2FMA bool
	// AVX512F: the CPU has AVX-512 Foundation and the OS saves the zmm
	// and mask registers.
	AVX512F bool
)
