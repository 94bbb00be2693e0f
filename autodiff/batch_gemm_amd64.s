//go:build !purego

#include "textflag.h"

// BIAS adds the bias after the sums (bmode 0: none, 1: 16 values, one per
// copy, 2: one value for all), as the unbatched kernel adds it after each
// output's sum, then stores the 16 copies.
#define BIAS(lbl, lblv) \
	MOVQ bias+48(FP), BX \
	MOVQ bmode+56(FP), AX \
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

// func dotLanes16(d, a, w *float64, k, as, ws int, bias *float64, bmode int)
//
// d[l] = Σ_{p<k} a[p·as + l]·w[p·ws + l] for the 16 lanes l (as and ws in
// bytes): the sum over p in increasing order from zero, each product
// rounded, then added (no FMA), as the unbatched kernels do; four
// accumulators of four lanes.
TEXT ·dotLanes16(SB), NOSPLIT, $0-64
	MOVQ d+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ w+16(FP), DX
	MOVQ k+24(FP), CX
	MOVQ as+32(FP), R8
	MOVQ ws+40(FP), R9
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
dotloop:
	VMOVUPD (SI), Y4
	VMULPD (DX), Y4, Y4
	VADDPD Y4, Y0, Y0
	VMOVUPD 32(SI), Y5
	VMULPD 32(DX), Y5, Y5
	VADDPD Y5, Y1, Y1
	VMOVUPD 64(SI), Y6
	VMULPD 64(DX), Y6, Y6
	VADDPD Y6, Y2, Y2
	VMOVUPD 96(SI), Y7
	VMULPD 96(DX), Y7, Y7
	VADDPD Y7, Y3, Y3
	ADDQ R8, SI
	ADDQ R9, DX
	DECQ CX
	JNZ dotloop
	BIAS(dotstore, dotvec)
	VZEROUPPER
	RET

// func dotLanes16S(d, v, s *float64, k, vs, ss int, bias *float64, bmode int)
//
// d[l] = Σ_{p<k} v[p·vs + l]·s[p·ss] for the 16 lanes l: one operand
// shared by the lanes (a constant), strides in bytes.
TEXT ·dotLanes16S(SB), NOSPLIT, $0-64
	MOVQ d+0(FP), DI
	MOVQ v+8(FP), SI
	MOVQ s+16(FP), DX
	MOVQ k+24(FP), CX
	MOVQ vs+32(FP), R8
	MOVQ ss+40(FP), R9
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
sloop:
	VBROADCASTSD (DX), Y8
	VMULPD (SI), Y8, Y4
	VADDPD Y4, Y0, Y0
	VMULPD 32(SI), Y8, Y5
	VADDPD Y5, Y1, Y1
	VMULPD 64(SI), Y8, Y6
	VADDPD Y6, Y2, Y2
	VMULPD 96(SI), Y8, Y7
	VADDPD Y7, Y3, Y3
	ADDQ R8, SI
	ADDQ R9, DX
	DECQ CX
	JNZ sloop
	BIAS(sstore, svec)
	VZEROUPPER
	RET
