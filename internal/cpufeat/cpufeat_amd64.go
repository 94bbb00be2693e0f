//go:build !purego

package cpufeat

// cpuid executes CPUID with EAX = leaf and ECX = sub.
func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)

// xgetbv0 returns XCR0, the register states the OS saves.
func xgetbv0() (eax, edx uint32)

func init() {
	avx2fma, avx512f = detect()
	probed = true
}

// detect reads the features: CPUID.1:ECX for OSXSAVE (bit 27) and FMA
// (bit 12), CPUID.(7,0):EBX for AVX2 (bit 5) and AVX512F (bit 16), XCR0
// for the saved states (SSE and AVX: bits 1–2; opmask, upper zmm halves
// and zmm16–31: bits 5–7).
func detect() (hasAVX2FMA, hasAVX512F bool) {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false, false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	if ecx1&(1<<27) == 0 {
		return false, false // no XGETBV
	}
	xcr0, _ := xgetbv0()
	ymm := xcr0&0b110 == 0b110
	zmm := ymm && xcr0&0b1110_0000 == 0b1110_0000
	_, ebx7, _, _ := cpuid(7, 0)
	hasAVX2FMA = ymm && ecx1&(1<<12) != 0 && ebx7&(1<<5) != 0
	hasAVX512F = hasAVX2FMA && zmm && ebx7&(1<<16) != 0
	return hasAVX2FMA, hasAVX512F
}
