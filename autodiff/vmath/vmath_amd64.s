//go:build !purego

#include "textflag.h"

// Constants, each broadcast from 8 bytes (see exp.go for their meaning).
DATA vconst<>+0(SB)/8, $1.4426950408889634073599246810018920    // log2e
DATA vconst<>+8(SB)/8, $0x4338000000000000                      // roundMagic bits (1.5·2⁵²)
DATA vconst<>+16(SB)/8, $0.69314718055966295651160180568695068359375 // ln2U
DATA vconst<>+24(SB)/8, $0.28235290563031577122588448175013436025525412068e-12 // ln2L
DATA vconst<>+32(SB)/8, $0.0625
DATA vconst<>+40(SB)/8, $2.4801587301587301587e-5 // c8
DATA vconst<>+48(SB)/8, $1.9841269841269841270e-4 // c7
DATA vconst<>+56(SB)/8, $1.3888888888888888889e-3 // c6
DATA vconst<>+64(SB)/8, $8.3333333333333333333e-3 // c5
DATA vconst<>+72(SB)/8, $4.1666666666666666667e-2 // c4
DATA vconst<>+80(SB)/8, $1.6666666666666666667e-1 // c3
DATA vconst<>+88(SB)/8, $0.5                      // c0
DATA vconst<>+96(SB)/8, $1.0
DATA vconst<>+104(SB)/8, $2.0
DATA vconst<>+112(SB)/8, $1023
DATA vconst<>+120(SB)/8, $708.0                   // fastMax
DATA vconst<>+128(SB)/8, $0x7fffffffffffffff      // abs mask
DATA vconst<>+136(SB)/8, $0x8000000000000000      // sign mask
DATA vconst<>+144(SB)/8, $0.625                   // tanh: rational below
DATA vconst<>+152(SB)/8, $44.014845965556527147994 // tanh: 0.5·MAXLOG, ±1 above
DATA vconst<>+160(SB)/8, $-9.64399179425052238628e-1 // tanhP[0]
DATA vconst<>+168(SB)/8, $-9.92877231001918586564e1  // tanhP[1]
DATA vconst<>+176(SB)/8, $-1.61468768441708447952e3  // tanhP[2]
DATA vconst<>+184(SB)/8, $1.12811678491632931402e2   // tanhQ[0]
DATA vconst<>+192(SB)/8, $2.23548839060100448583e3   // tanhQ[1]
DATA vconst<>+200(SB)/8, $4.84406305325125486048e3   // tanhQ[2]
GLOBL vconst<>(SB), RODATA|NOPTR, $208

// PROLOGUE loads dst (DI), src (SI), the number of groups of four (CX) and
// the element index 0 (DX), and jumps to done when there is no group.
#define PROLOGUE(done) \
	MOVQ dst_base+0(FP), DI \
	MOVQ src_base+24(FP), SI \
	MOVQ src_len+32(FP), CX \
	SHRQ $2, CX \
	XORQ DX, DX \
	TESTQ CX, CX \
	JZ done

// NEXT ends a loop over groups of four and returns the elements done.
#define NEXT(loop, done) \
	ADDQ $4, DX \
	DECQ CX \
	JNZ loop \
done: \
	VZEROUPPER \
	MOVQ DX, ret+48(FP) \
	RET

// EXP4 sets Y2 = e^Y0 for four lanes with |Y0| ≤ 708, the operations of
// expFused lane by lane. Clobbers Y0, Y1, Y3, Y4.
#define EXP4 \
	VBROADCASTSD vconst<>+0(SB), Y1 \
	VMULPD Y1, Y0, Y1 \
	VBROADCASTSD vconst<>+8(SB), Y4 \
	VADDPD Y4, Y1, Y1 \
	VMOVAPD Y1, Y3 \
	VSUBPD Y4, Y1, Y1 \
	VPSUBQ Y4, Y3, Y3 \
	VBROADCASTSD vconst<>+16(SB), Y4 \
	VFNMADD231PD Y4, Y1, Y0 \
	VBROADCASTSD vconst<>+24(SB), Y4 \
	VFNMADD231PD Y4, Y1, Y0 \
	VBROADCASTSD vconst<>+32(SB), Y4 \
	VMULPD Y4, Y0, Y0 \
	VBROADCASTSD vconst<>+40(SB), Y2 \
	VBROADCASTSD vconst<>+48(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VBROADCASTSD vconst<>+56(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VBROADCASTSD vconst<>+64(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VBROADCASTSD vconst<>+72(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VBROADCASTSD vconst<>+80(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VBROADCASTSD vconst<>+88(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VBROADCASTSD vconst<>+96(SB), Y4 \
	VFMADD213PD Y4, Y0, Y2 \
	VMULPD Y0, Y2, Y2 \
	VBROADCASTSD vconst<>+104(SB), Y4 \
	VADDPD Y4, Y2, Y1 \
	VMULPD Y1, Y2, Y2 \
	VADDPD Y4, Y2, Y1 \
	VMULPD Y1, Y2, Y2 \
	VADDPD Y4, Y2, Y1 \
	VMULPD Y1, Y2, Y2 \
	VADDPD Y4, Y2, Y1 \
	VBROADCASTSD vconst<>+96(SB), Y4 \
	VFMADD213PD Y4, Y1, Y2 \
	VPBROADCASTQ vconst<>+112(SB), Y4 \
	VPADDQ Y4, Y3, Y3 \
	VPSLLQ $52, Y3, Y3 \
	VMULPD Y3, Y2, Y2

// INRANGE sets Y5 to all ones in the lanes of Y0 with |x| ≤ 708 (false
// for NaN) and jumps to done unless all four lanes are.
#define INRANGE(done) \
	VBROADCASTSD vconst<>+128(SB), Y5 \
	VANDPD Y5, Y0, Y5 \
	VBROADCASTSD vconst<>+120(SB), Y6 \
	VCMPPD $0x12, Y6, Y5, Y5 \
	VMOVMSKPD Y5, AX \
	CMPQ AX, $15 \
	JNE done

// func expAVX2(dst, src []float64) int
TEXT ·expAVX2(SB), NOSPLIT, $0-56
	PROLOGUE(expdone)
exploop:
	VMOVUPD (SI)(DX*8), Y0
	INRANGE(expdone)
	EXP4
	VMOVUPD Y2, (DI)(DX*8)
	NEXT(exploop, expdone)

// func sigmoidAVX2(dst, src []float64) int
TEXT ·sigmoidAVX2(SB), NOSPLIT, $0-56
	PROLOGUE(sigdone)
sigloop:
	VMOVUPD (SI)(DX*8), Y7
	VBROADCASTSD vconst<>+128(SB), Y5
	VANDPD Y5, Y7, Y0
	VBROADCASTSD vconst<>+120(SB), Y6
	VCMPPD $0x12, Y6, Y0, Y5
	VMOVMSKPD Y5, AX
	CMPQ AX, $15
	JNE sigdone
	VBROADCASTSD vconst<>+136(SB), Y5
	VXORPD Y5, Y0, Y0 // −|v|
	EXP4              // Y2 = e = exp(−|v|)
	VBROADCASTSD vconst<>+96(SB), Y4
	VADDPD Y4, Y2, Y1 // 1 + e
	VXORPD Y5, Y5, Y5
	VCMPPD $0x11, Y5, Y7, Y5 // v < 0 (ordered)
	VBLENDVPD Y5, Y2, Y4, Y3 // numerator: e where v < 0, else 1
	VDIVPD Y1, Y3, Y3
	VMOVUPD Y3, (DI)(DX*8)
	NEXT(sigloop, sigdone)

// func tanhAVX2(dst, src []float64) int
TEXT ·tanhAVX2(SB), NOSPLIT, $0-56
	PROLOGUE(tanhdone)
tanhloop:
	VMOVUPD (SI)(DX*8), Y7 // x
	VBROADCASTSD vconst<>+128(SB), Y5
	VANDPD Y5, Y7, Y8 // z = |x|
	// NaN lanes go to the scalar code (simplest to keep them exact).
	VCMPPD $0x07, Y7, Y7, Y5 // ordered
	VMOVMSKPD Y5, AX
	CMPQ AX, $15
	JNE tanhdone
	// One division for both forms: large |x| (z ≥ 0.625) divides 2 by
	// e^(2z)+1, small |x| divides (x·s)·P(s) by Q(s) (s = x²); the lanes
	// take their own numerator and denominator, so each lane divides what
	// math.Tanh divides.
	// large: e^(2z), z clamped to 44.02 so that exp stays in range (lanes
	// above give ±1)
	VBROADCASTSD vconst<>+152(SB), Y6
	VMINPD Y6, Y8, Y0
	VADDPD Y0, Y0, Y0
	EXP4 // Y2 = e^(2z)
	VBROADCASTSD vconst<>+96(SB), Y4
	VADDPD Y4, Y2, Y10 // large denominator e^(2z) + 1
	// small: s = x², P(s), Q(s)
	VMULPD Y7, Y7, Y0 // s
	VBROADCASTSD vconst<>+160(SB), Y1
	VMULPD Y0, Y1, Y1
	VBROADCASTSD vconst<>+168(SB), Y2
	VADDPD Y2, Y1, Y1
	VMULPD Y0, Y1, Y1
	VBROADCASTSD vconst<>+176(SB), Y2
	VADDPD Y2, Y1, Y1 // P
	VBROADCASTSD vconst<>+184(SB), Y2
	VADDPD Y2, Y0, Y2
	VMULPD Y0, Y2, Y2
	VBROADCASTSD vconst<>+192(SB), Y3
	VADDPD Y3, Y2, Y2
	VMULPD Y0, Y2, Y2
	VBROADCASTSD vconst<>+200(SB), Y3
	VADDPD Y3, Y2, Y2 // Q
	VMULPD Y0, Y7, Y3 // x·s
	VMULPD Y1, Y3, Y3 // small numerator (x·s)·P
	VBROADCASTSD vconst<>+144(SB), Y11
	VCMPPD $0x1d, Y11, Y8, Y11 // large: z ≥ 0.625
	VBROADCASTSD vconst<>+104(SB), Y1
	VBLENDVPD Y11, Y1, Y3, Y3 // numerator
	VBLENDVPD Y11, Y10, Y2, Y2 // denominator
	VDIVPD Y2, Y3, Y3 // the quotient
	// large result: ±(1 − q), ±1 beyond 44.01
	VSUBPD Y3, Y4, Y9
	VCMPPD $0x1e, Y6, Y8, Y5 // z > 44.01 (ordered)
	VBLENDVPD Y5, Y4, Y9, Y9
	VBROADCASTSD vconst<>+136(SB), Y5
	VANDPD Y5, Y7, Y5 // sign of x
	VXORPD Y5, Y9, Y9
	// small result: x + q, and x itself at x = 0 (keeps −0)
	VADDPD Y3, Y7, Y3
	VXORPD Y4, Y4, Y4
	VCMPPD $0x00, Y4, Y7, Y4
	VBLENDVPD Y4, Y7, Y3, Y3
	VBLENDVPD Y11, Y9, Y3, Y3
	VMOVUPD Y3, (DI)(DX*8)
	NEXT(tanhloop, tanhdone)
