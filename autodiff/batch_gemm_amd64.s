//go:build !purego

#include "textflag.h"

// ACC4(a, w) adds the products of 16 lanes of the vectors at a and w to
// the accumulators Y0–Y3: each product rounded, then added (no FMA), as the
// unbatched kernels do.
#define ACC4(a, w) \
	VMOVUPD (a), Y4 \
	VMULPD (w), Y4, Y4 \
	VADDPD Y4, Y0, Y0 \
	VMOVUPD 32(a), Y5 \
	VMULPD 32(w), Y5, Y5 \
	VADDPD Y5, Y1, Y1 \
	VMOVUPD 64(a), Y6 \
	VMULPD 64(w), Y6, Y6 \
	VADDPD Y6, Y2, Y2 \
	VMOVUPD 96(a), Y7 \
	VMULPD 96(w), Y7, Y7 \
	VADDPD Y7, Y3, Y3

// ACC4S(v, s) is ACC4 with the scalar at s shared by the 16 lanes.
#define ACC4S(v, s) \
	VBROADCASTSD (s), Y8 \
	VMULPD (v), Y8, Y4 \
	VADDPD Y4, Y0, Y0 \
	VMULPD 32(v), Y8, Y5 \
	VADDPD Y5, Y1, Y1 \
	VMULPD 64(v), Y8, Y6 \
	VADDPD Y6, Y2, Y2 \
	VMULPD 96(v), Y8, Y7 \
	VADDPD Y7, Y3, Y3

// ZERO4 clears the accumulators.
#define ZERO4 \
	VXORPD Y0, Y0, Y0 \
	VXORPD Y1, Y1, Y1 \
	VXORPD Y2, Y2, Y2 \
	VXORPD Y3, Y3, Y3

// BIAS adds the bias at BX after the sums (AX = bmode; 0: none, 1: 16
// values, one per lane, 2: one value for all), as the unbatched kernel adds
// it after each output's sum, then stores the 16 lanes at DI.
#define BIAS(lbl, lblv) \
	CMPQ AX, $1 \
	JLT lbl \
	JEQ lblv \
	VBROADCASTSD (BX), Y8 \
	VADDPD Y8, Y0, Y0 \
	VADDPD Y8, Y1, Y1 \
	VADDPD Y8, Y2, Y2 \
	VADDPD Y8, Y3, Y3 \
	JMP lbl \
lblv: \
	VADDPD (BX), Y0, Y0 \
	VADDPD 32(BX), Y1, Y1 \
	VADDPD 64(BX), Y2, Y2 \
	VADDPD 96(BX), Y3, Y3 \
lbl: \
	VMOVUPD Y0, (DI) \
	VMOVUPD Y1, 32(DI) \
	VMOVUPD Y2, 64(DI) \
	VMOVUPD Y3, 96(DI)

// func dotRow16(d, a, w *float64, k, as, ws int, bias *float64, bmode, n, dj, wj, bj int)
//
// For the n outputs j of one row and 16 lanes l: d[j·dj + l] =
// Σ_{p<k} a[p·as + l]·w[j·wj + p·ws + l] (+ the bias at j·bj), the sum over
// p in increasing order from zero (all strides in bytes).
TEXT ·dotRow16(SB), NOSPLIT, $0-96
	MOVQ d+0(FP), DI
	MOVQ w+16(FP), R14
	MOVQ bias+48(FP), BX
	MOVQ bmode+56(FP), AX
	MOVQ n+64(FP), R10
	MOVQ as+32(FP), R8
	MOVQ ws+40(FP), R9
rowloop:
	MOVQ a+8(FP), SI
	MOVQ R14, DX
	MOVQ k+24(FP), CX
	ZERO4
dotloop:
	ACC4(SI, DX)
	ADDQ R8, SI
	ADDQ R9, DX
	DECQ CX
	JNZ dotloop
	BIAS(rowstore, rowvec)
	ADDQ dj+72(FP), DI
	ADDQ wj+80(FP), R14
	ADDQ bj+88(FP), BX
	DECQ R10
	JNZ rowloop
	VZEROUPPER
	RET

// func dotRow16S(d, v, s *float64, k, vs, ss int, bias *float64, bmode, n, dj, vj, sj, bj int)
//
// dotRow16 with one operand shared by the lanes: d[j·dj + l] =
// Σ_{p<k} v[j·vj + p·vs + l]·s[j·sj + p·ss] (+ the bias at j·bj).
TEXT ·dotRow16S(SB), NOSPLIT, $0-104
	MOVQ d+0(FP), DI
	MOVQ v+8(FP), R13
	MOVQ s+16(FP), R14
	MOVQ bias+48(FP), BX
	MOVQ bmode+56(FP), AX
	MOVQ n+64(FP), R10
	MOVQ vs+32(FP), R8
	MOVQ ss+40(FP), R9
srowloop:
	MOVQ R13, SI
	MOVQ R14, DX
	MOVQ k+24(FP), CX
	ZERO4
sloop:
	ACC4S(SI, DX)
	ADDQ R8, SI
	ADDQ R9, DX
	DECQ CX
	JNZ sloop
	BIAS(srowstore, srowvec)
	ADDQ dj+72(FP), DI
	ADDQ vj+80(FP), R13
	ADDQ sj+88(FP), R14
	ADDQ bj+96(FP), BX
	DECQ R10
	JNZ srowloop
	VZEROUPPER
	RET

// The AVX-512 forms: the same operations, 16 lanes in two zmm registers.

// ACC2Z(a, w) adds the products of the 16 lanes at a and w to Z0, Z1.
#define ACC2Z(a, w) \
	VMOVUPD (a), Z4 \
	VMULPD (w), Z4, Z4 \
	VADDPD Z4, Z0, Z0 \
	VMOVUPD 64(a), Z5 \
	VMULPD 64(w), Z5, Z5 \
	VADDPD Z5, Z1, Z1

// ACC2ZS(v, s) is ACC2Z with the scalar at s shared by the 16 lanes.
#define ACC2ZS(v, s) \
	VBROADCASTSD (s), Z8 \
	VMULPD (v), Z8, Z4 \
	VADDPD Z4, Z0, Z0 \
	VMULPD 64(v), Z8, Z5 \
	VADDPD Z5, Z1, Z1

// BIASZ is BIAS for Z0, Z1.
#define BIASZ(lbl, lblv) \
	CMPQ AX, $1 \
	JLT lbl \
	JEQ lblv \
	VBROADCASTSD (BX), Z8 \
	VADDPD Z8, Z0, Z0 \
	VADDPD Z8, Z1, Z1 \
	JMP lbl \
lblv: \
	VADDPD (BX), Z0, Z0 \
	VADDPD 64(BX), Z1, Z1 \
lbl: \
	VMOVUPD Z0, (DI) \
	VMOVUPD Z1, 64(DI)

// func dotRow16Z(d, a, w *float64, k, as, ws int, bias *float64, bmode, n, dj, wj, bj int)
TEXT ·dotRow16Z(SB), NOSPLIT, $0-96
	MOVQ d+0(FP), DI
	MOVQ w+16(FP), R14
	MOVQ bias+48(FP), BX
	MOVQ bmode+56(FP), AX
	MOVQ n+64(FP), R10
	MOVQ as+32(FP), R8
	MOVQ ws+40(FP), R9
zrowloop:
	MOVQ a+8(FP), SI
	MOVQ R14, DX
	MOVQ k+24(FP), CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
zdotloop:
	ACC2Z(SI, DX)
	ADDQ R8, SI
	ADDQ R9, DX
	DECQ CX
	JNZ zdotloop
	BIASZ(zrowstore, zrowvec)
	ADDQ dj+72(FP), DI
	ADDQ wj+80(FP), R14
	ADDQ bj+88(FP), BX
	DECQ R10
	JNZ zrowloop
	VZEROUPPER
	RET

// func dotRow16SZ(d, v, s *float64, k, vs, ss int, bias *float64, bmode, n, dj, vj, sj, bj int)
TEXT ·dotRow16SZ(SB), NOSPLIT, $0-104
	MOVQ d+0(FP), DI
	MOVQ v+8(FP), R13
	MOVQ s+16(FP), R14
	MOVQ bias+48(FP), BX
	MOVQ bmode+56(FP), AX
	MOVQ n+64(FP), R10
	MOVQ vs+32(FP), R8
	MOVQ ss+40(FP), R9
zsrowloop:
	MOVQ R13, SI
	MOVQ R14, DX
	MOVQ k+24(FP), CX
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
zsloop:
	ACC2ZS(SI, DX)
	ADDQ R8, SI
	ADDQ R9, DX
	DECQ CX
	JNZ zsloop
	BIASZ(zsrowstore, zsrowvec)
	ADDQ dj+72(FP), DI
	ADDQ vj+80(FP), R13
	ADDQ sj+88(FP), R14
	ADDQ bj+96(FP), BX
	DECQ R10
	JNZ zsrowloop
	VZEROUPPER
	RET
