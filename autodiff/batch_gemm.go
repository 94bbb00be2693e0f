package autodiff

// batchGemm is a compiled matrix product over B copies: for each output
// and copy, the k products added in increasing order from zero, then the
// bias, as gemmSpec does.
type batchGemm struct {
	g             *gemmSpec
	b             int
	aB, bB, biasB bool // the operand holds B copies (else it is shared)
}

func (k *batchGemm) run(dst []float64, in [][]float64) {
	g, b := k.g, k.b
	m, n, kk := g.m, g.n, g.k
	a, w := in[0], in[1]
	var bias []float64
	if g.bias {
		bias = in[2]
	}
	as, ws := k.strides()
	for i := range m {
		a0 := i * kk
		if g.ta {
			a0 = i
		}
		l := k.rows16(dst, a, w, bias, i, a0, as, ws) // copies done by the vector loops
		if l == b {
			continue
		}
		for j := range n {
			o := i*n + j
			d := dst[o*b : (o+1)*b : (o+1)*b]
			w0 := j
			if g.tb {
				w0 = j * kk
			}
			bi := 0
			if g.bias {
				bi = o % g.nb
			}
			if kk == 1 {
				k.product(d, a, w, a0, w0)
				k.addBias(d, bias, bi, 0)
			} else {
				k.dots(d, a, w, bias, bi, a0, w0, as, ws, l)
			}
		}
	}
}

// strides returns the steps in p of the element indices of A(i,p) and
// B(p,j).
func (k *batchGemm) strides() (as, ws int) {
	g := k.g
	as, ws = 1, g.n
	if g.ta {
		as = g.m
	}
	if g.tb {
		ws = 1
	}
	return as, ws
}

// dots sets d[l] = Σ_p A(i,p)·B(p,j) (+ the bias) for the copies l from
// first on, the sum over p in increasing order from zero, then the bias;
// four copies at a time in registers.
func (k *batchGemm) dots(d, a, w, bias []float64, bi, a0, w0, as, ws, first int) {
	b, kk := k.b, k.g.k
	l := first
	defer k.addBias(d, bias, bi, first)
	for ; l+4 <= b; l += 4 {
		var s0, s1, s2, s3 float64
		ai, wi := a0, w0
		for range kk {
			var x0, x1, x2, x3, y0, y1, y2, y3 float64
			if k.aB {
				av := a[ai*b+l : ai*b+l+4 : ai*b+l+4]
				x0, x1, x2, x3 = av[0], av[1], av[2], av[3]
			} else {
				x0 = a[ai]
				x1, x2, x3 = x0, x0, x0
			}
			if k.bB {
				wv := w[wi*b+l : wi*b+l+4 : wi*b+l+4]
				y0, y1, y2, y3 = wv[0], wv[1], wv[2], wv[3]
			} else {
				y0 = w[wi]
				y1, y2, y3 = y0, y0, y0
			}
			s0 += x0 * y0
			s1 += x1 * y1
			s2 += x2 * y2
			s3 += x3 * y3
			ai += as
			wi += ws
		}
		dl := d[l : l+4 : l+4]
		dl[0], dl[1], dl[2], dl[3] = s0, s1, s2, s3
	}
	for ; l < b; l++ {
		s := 0.0
		ai, wi := a0, w0
		for range kk {
			x, y := a[ai], w[wi]
			if k.aB {
				x = a[ai*b+l]
			}
			if k.bB {
				y = w[wi*b+l]
			}
			s += x * y
			ai += as
			wi += ws
		}
		d[l] = s
	}
}

// addBias adds element bi of bias (nil: none) to the copies from l on.
func (k *batchGemm) addBias(d, bias []float64, bi, l int) {
	if bias == nil || l >= len(d) {
		return
	}
	b := k.b
	if k.biasB {
		bv := bias[bi*b+l : (bi+1)*b : (bi+1)*b]
		for t, v := range bv {
			d[l+t] += v
		}
		return
	}
	v := bias[bi]
	for t := l; t < len(d); t++ {
		d[t] += v
	}
}

// product sets d to a[ai]·w[wi] for every copy: a product of one term
// (k = 1), stored as the unbatched outer-product loop stores it.
func (k *batchGemm) product(d, a, w []float64, ai, wi int) {
	b := k.b
	switch {
	case k.aB && k.bB:
		av := a[ai*b : (ai+1)*b : (ai+1)*b]
		wv := w[wi*b : (wi+1)*b : (wi+1)*b]
		for l, x := range av {
			d[l] = x * wv[l]
		}
	case k.aB:
		av, s := a[ai*b:(ai+1)*b:(ai+1)*b], w[wi]
		for l, x := range av {
			d[l] = x * s
		}
	default:
		s, wv := a[ai], w[wi*b:(wi+1)*b:(wi+1)*b]
		for l, x := range wv {
			d[l] = s * x
		}
	}
}
