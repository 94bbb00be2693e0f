package cpufeat

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAgainstProcCPUInfo: on Linux the kernel lists the flags it enables in
// /proc/cpuinfo (an independent reading of CPUID and XCR0); ours agree.
func TestAgainstProcCPUInfo(t *testing.T) {
	if !probed || runtime.GOOS != "linux" {
		t.Skip("/proc/cpuinfo's x86 flags, with CPUID: linux/amd64 without purego only")
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skip("no /proc/cpuinfo")
	}
	flags := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if name, rest, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "flags" {
			for _, f := range strings.Fields(rest) {
				flags[f] = true
			}
			break
		}
	}
	assert.Equal(t, flags["avx2"] && flags["fma"], AVX2FMA(), "avx2 and fma")
	assert.Equal(t, flags["avx512f"] && AVX2FMA(), AVX512F(), "avx512f")
}
