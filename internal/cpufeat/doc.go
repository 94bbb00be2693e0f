// Package cpufeat reports the x86 vector extensions the batched kernels of
// autodiff and autodiff/vmath use (AVX2, FMA, AVX-512F), read with CPUID
// and XGETBV as the Intel SDM (vol. 1, §13.3 and §15.2) prescribes: a
// feature counts only when the CPU has it and the operating system saves
// its registers (XCR0). On other architectures every feature is false.
//
// It replaces golang.org/x/sys/cpu for these three bits, so that the
// module needs no dependency for them.
package cpufeat
