//go:build ignore

// gen_avx512 writes vmath_avx512_amd64.s: the AVX-512 loops of Exp, Sigmoid
// and Tanh, eight lanes per register and several registers ("chains") per
// iteration with their instructions interleaved. The loops are latency
// bound (exp is a chain of some 25 dependent operations), so independent
// chains side by side, not wider registers alone, are what fills the
// floating-point pipes. Each lane does the operations of the AVX2 loops in
// vmath_amd64.s (those of Go's math.Exp), so the results are the same bits.
//
// Run with `go generate ./autodiff/vmath`.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
)

// chains is the number of 8-lane registers per iteration of each loop.
const chains = 3

// The constants, broadcast from 8 bytes each (see exp.go and funcs.go).
var consts = []struct{ name, value, note string }{
	{"log2e", "$1.4426950408889634073599246810018920", ""},
	{"magic", "$0x4338000000000000", "roundMagic (1.5·2⁵²) as bits"},
	{"ln2U", "$0.69314718055966295651160180568695068359375", ""},
	{"ln2L", "$0.28235290563031577122588448175013436025525412068e-12", ""},
	{"sixteenth", "$0.0625", ""},
	{"c8", "$2.4801587301587301587e-5", ""},
	{"c7", "$1.9841269841269841270e-4", ""},
	{"c6", "$1.3888888888888888889e-3", ""},
	{"c5", "$8.3333333333333333333e-3", ""},
	{"c4", "$4.1666666666666666667e-2", ""},
	{"c3", "$1.6666666666666666667e-1", ""},
	{"c0", "$0.5", ""},
	{"one", "$1.0", ""},
	{"two", "$2.0", ""},
	{"bias", "$1023", "the exponent bias, an integer"},
	{"fastMax", "$708.0", ""},
	{"abs", "$0x7fffffffffffffff", "the mask of all bits but the sign"},
	{"sign", "$0x8000000000000000", "the sign bit"},
	{"small", "$0.625", "tanh: the rational form below"},
	{"halfMaxLog", "$44.014845965556527147994", "tanh: ±1 above"},
	{"tp0", "$-9.64399179425052238628e-1", "tanhP"},
	{"tp1", "$-9.92877231001918586564e1", ""},
	{"tp2", "$-1.61468768441708447952e3", ""},
	{"tq0", "$1.12811678491632931402e2", "tanhQ"},
	{"tq1", "$2.23548839060100448583e3", ""},
	{"tq2", "$4.84406305325125486048e3", ""},
}

// exp is e^{a} into {e} for lanes with |a| ≤ 708, expFused's operations;
// it clobbers {a}, {t1} and {t3}.
const exp = `
	VMULPD.BCST @log2e, {a}, {t1}
	VADDPD.BCST @magic, {t1}, {t1}
	VMOVAPD {t1}, {t3}
	VSUBPD.BCST @magic, {t1}, {t1}
	VPSUBQ.BCST @magic, {t3}, {t3}
	VFNMADD231PD.BCST @ln2U, {t1}, {a}
	VFNMADD231PD.BCST @ln2L, {t1}, {a}
	VMULPD.BCST @sixteenth, {a}, {a}
	VBROADCASTSD @c8, {e}
	VFMADD213PD.BCST @c7, {a}, {e}
	VFMADD213PD.BCST @c6, {a}, {e}
	VFMADD213PD.BCST @c5, {a}, {e}
	VFMADD213PD.BCST @c4, {a}, {e}
	VFMADD213PD.BCST @c3, {a}, {e}
	VFMADD213PD.BCST @c0, {a}, {e}
	VFMADD213PD.BCST @one, {a}, {e}
	VMULPD {a}, {e}, {e}
	VADDPD.BCST @two, {e}, {t1}
	VMULPD {t1}, {e}, {e}
	VADDPD.BCST @two, {e}, {t1}
	VMULPD {t1}, {e}, {e}
	VADDPD.BCST @two, {e}, {t1}
	VMULPD {t1}, {e}, {e}
	VADDPD.BCST @two, {e}, {t1}
	VFMADD213PD.BCST @one, {t1}, {e}
	VPADDQ.BCST @bias, {t3}, {t3}
	VPSLLQ $52, {t3}, {t3}
	VMULPD {t3}, {e}, {e}
`

// inRange loads {x} and sets {k} to its lanes with |x| ≤ 708 (not NaN).
const inRange = `
	VMOVUPD {off}(SI)(DX*8), {x}
	VPANDQ.BCST @abs, {x}, {a}
	VCMPPD.BCST $0x12, @fastMax, {a}, {k}
`

var kernels = []struct {
	name, doc string
	check     string // loads {x} and sets {k} to the lanes the loop may do
	body      string // the result into {out}
	out       string
}{
	{"exp", "e^x (exp.go's expFused)", inRange, `
	VMOVAPD {x}, {a}` + exp, "{e}"},
	{"sigmoid", "σ(x) as Sigmoid1: e = e^−|x|, then e/(1+e) for x < 0, 1/(1+e) else", inRange, `
	VPXORQ.BCST @sign, {a}, {a}` + exp + `
	VADDPD.BCST @one, {e}, {t1}
	VPXORQ {t3}, {t3}, {t3}
	VCMPPD $0x11, {t3}, {x}, {k}
	VBROADCASTSD @one, {t3}
	VMOVAPD {e}, {k}, {t3}
	VDIVPD {t1}, {t3}, {e}
`, "{e}"},
	{"tanh", "tanh x as Tanh1", `
	VMOVUPD {off}(SI)(DX*8), {x}
	VCMPPD $0x07, {x}, {x}, {k}
`, tanhBody, "{n}"},
}

// tanhBody is Tanh1 with one division for both forms: large |x| (z ≥ 0.625)
// divides 2 by e^(2z)+1, small |x| divides (x·s)·P(s) by Q(s) (s = x²).
// Beyond z = 44.01 the exponent is clamped there, where 1 − 2/(e^(2z)+1)
// rounds to 1 exactly, the ±1 of math.Tanh.
const tanhBody = `
	VPANDQ.BCST @abs, {x}, {a}
	VCMPPD.BCST $0x1d, @small, {a}, {kl}
	VMINPD.BCST @halfMaxLog, {a}, {a}
	VADDPD {a}, {a}, {a}` + exp + `
	VADDPD.BCST @one, {e}, {d}
	VMULPD {x}, {x}, {a}
	VMULPD.BCST @tp0, {a}, {t1}
	VADDPD.BCST @tp1, {t1}, {t1}
	VMULPD {a}, {t1}, {t1}
	VADDPD.BCST @tp2, {t1}, {t1}
	VADDPD.BCST @tq0, {a}, {t3}
	VMULPD {a}, {t3}, {t3}
	VADDPD.BCST @tq1, {t3}, {t3}
	VMULPD {a}, {t3}, {t3}
	VADDPD.BCST @tq2, {t3}, {t3}
	VMULPD {a}, {x}, {n}
	VMULPD {t1}, {n}, {n}
	VBROADCASTSD @two, {kl}, {n}
	VMOVAPD {d}, {kl}, {t3}
	VDIVPD {t3}, {n}, {n}
	VBROADCASTSD @one, {e}
	VSUBPD {n}, {e}, {e}
	VPANDQ.BCST @sign, {x}, {t1}
	VPXORQ {t1}, {e}, {e}
	VADDPD {n}, {x}, {n}
	VPXORQ {t1}, {t1}, {t1}
	VCMPPD $0x00, {t1}, {x}, {k}
	VMOVAPD {x}, {k}, {n}
	VMOVAPD {e}, {kl}, {n}
`

// regs are the zmm registers of one chain by role; chain c takes the
// c-th block of 8.
var roles = []string{"x", "a", "e", "t1", "t3", "d", "n"}

func main() {
	var b bytes.Buffer
	b.WriteString("// Code generated by gen_avx512.go; DO NOT EDIT.\n\n//go:build !purego\n\n#include \"textflag.h\"\n\n")
	for i, c := range consts {
		note := ""
		if c.note != "" {
			note = " // " + c.note
		}
		fmt.Fprintf(&b, "DATA zconst<>+%d(SB)/8, %s // %s%s\n", 8*i, c.value, c.name, note)
	}
	fmt.Fprintf(&b, "GLOBL zconst<>(SB), RODATA|NOPTR, $%d\n", 8*len(consts))
	for _, k := range kernels {
		writeKernel(&b, k.name, k.doc, k.check, k.body, k.out)
	}
	if err := os.WriteFile("vmath_avx512_amd64.s", b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writeKernel writes func nameAVX512(dst, src []float64) int: groups of
// 8·chains lanes while every lane passes check, returning the elements done.
func writeKernel(b *bytes.Buffer, name, doc, check, body, out string) {
	lanes := 8 * chains
	fmt.Fprintf(b, "\n// func %sAVX512(dst, src []float64) int\n//\n// %s, %d lanes per iteration; it stops before the first group with a\n// lane the check refuses and returns the elements done.\n", name, doc, lanes)
	fmt.Fprintf(b, "TEXT ·%sAVX512(SB), NOSPLIT, $0-56\n", name)
	fmt.Fprintf(b, "\tMOVQ dst_base+0(FP), DI\n\tMOVQ src_base+24(FP), SI\n\tMOVQ src_len+32(FP), CX\n")
	fmt.Fprintf(b, "\tXORQ DX, DX\n\tSUBQ $%d, CX\n\tJLT %sdone\n%sloop:\n", lanes, name, name)
	emit(b, check)
	// Every chain's lanes must pass: AND the masks, then all ones.
	for c := 1; c < chains; c++ {
		fmt.Fprintf(b, "\tKANDW %s, K1, K1\n", kreg(c, "k"))
	}
	fmt.Fprintf(b, "\tKMOVW K1, AX\n\tCMPQ AX, $0xff\n\tJNE %sdone\n", name)
	emit(b, body)
	for c := range chains {
		fmt.Fprintf(b, "\tVMOVUPD %s, %d(DI)(DX*8)\n", sub(out, c), 64*c)
	}
	fmt.Fprintf(b, "\tADDQ $%d, DX\n\tSUBQ $%d, CX\n\tJGE %sloop\n%sdone:\n", lanes, lanes, name, name)
	fmt.Fprintf(b, "\tVZEROUPPER\n\tMOVQ DX, ret+48(FP)\n\tRET\n")
}

// emit writes each instruction of tmpl once per chain, interleaved.
func emit(b *bytes.Buffer, tmpl string) {
	for _, line := range strings.Split(strings.TrimSpace(tmpl), "\n") {
		for c := range chains {
			fmt.Fprintf(b, "\t%s\n", strings.TrimSpace(sub(line, c)))
		}
	}
}

// sub replaces the roles of chain c and the constants' names.
func sub(s string, c int) string {
	pairs := []string{"{off}", fmt.Sprint(64 * c), "{k}", kreg(c, "k"), "{kl}", kreg(c, "kl")}
	for i, r := range roles {
		pairs = append(pairs, "{"+r+"}", fmt.Sprintf("Z%d", c*len(roles)+i))
	}
	for i, k := range consts {
		pairs = append(pairs, "@"+k.name+",", fmt.Sprintf("zconst<>+%d(SB),", 8*i))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// kreg returns the mask register of role r ("k" or "kl") of chain c.
func kreg(c int, r string) string {
	if r == "k" {
		return fmt.Sprintf("K%d", 1+c)
	}
	return fmt.Sprintf("K%d", 1+chains+c)
}
