package autodiff

import "slices"

// optimize rewrites the steps of a tape under construction so that one replay
// does less work while every value stays the same (to rounding; in practice
// bit for bit, since the kernels add in the same order as the ops'):
//
//   - Reshape, Slice and Transpose∘Transpose become views of their parent's
//     memory: no step, no copy.
//   - MatMul reads Transpose parents in place (the matrix kernel takes the
//     transposed layout), and a Transpose of a MatMul becomes one product
//     with the operands swapped: (A·B)ᵀ = Bᵀ·Aᵀ.
//   - Add and Mul with a BroadcastTo parent read the small operand through a
//     strided loop instead of materialising the broadcast; a bias added to
//     a product is added by the product's kernel.
//   - A product g·σ′(x) or g·tanh′(x) whose prime has no other use and no
//     fewer variables (the gradient of a first-order program, not a
//     Hessian's direction steps, where the prime runs once per point)
//     computes the prime in its own pass: one step, as a fused VJP kernel.
//   - A sum of Pads with disjoint ranges (the gradient of a flat parameter
//     vector cut into layers by Slice) becomes the producers of the padded
//     pieces writing straight into their ranges of the sum's memory.
//
// Steps whose values no output needs are then dropped by newTape.
func optimize(cs []cnode) {
	for i := range cs {
		c := &cs[i]
		if !c.step {
			continue
		}
		switch c.n.op {
		case opReshape:
			c.step, c.view, c.off = false, c.ins[0], 0
		case opSlice:
			c.step, c.view, c.off = false, c.ins[0], c.n.aux[0]
		case opTranspose:
			p := &cs[c.ins[0]]
			switch {
			case p.n.op == opTranspose && p.gemm == nil:
				c.step, c.view, c.off = false, p.ins[0], 0
			case p.gemm != nil && !p.gemm.bias && p.step && len(p.users) == 1 && !p.output:
				g := p.gemm
				setGemm(c, g.n, g.m, g.k, p.ins[1], !g.tb, p.ins[0], !g.ta)
				p.step = false
			}
		case opMatMul:
			a, ta := foldTranspose(cs, c.ins[0])
			b, tb := foldTranspose(cs, c.ins[1])
			setGemm(c, c.n.shape[0], c.n.shape[1], cs[c.ins[0]].n.shape[1], a, ta, b, tb)
		case opAdd, opMul:
			fuseBroadcast(cs, c)
			if c.n.op == opMul {
				fusePrime(cs, c)
			}
		}
	}
	redirected := make([]bool, len(cs))
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if !c.step || c.n.op != opAdd && c.n.op != opPad || c.eval == nil || c.n.op == opAdd && len(c.ins) != 2 {
			continue
		}
		var leaves, adds []int
		if !collectPads(cs, i, true, &leaves, &adds) {
			continue
		}
		type piece struct{ leaf, prod, lo, hi int }
		var pieces []piece
		ok := true
		for _, l := range leaves {
			src := cs[l].ins[0]
			s := src
			for cs[s].view >= 0 && !cs[s].step && cs[s].off == 0 && len(cs[cs[s].view].n.data) == len(cs[s].n.data) {
				s = cs[s].view
			}
			ps := &cs[s]
			if !ps.step || ps.view >= 0 || redirected[s] || ps.mask == 0 || len(ps.n.data) != len(cs[src].n.data) || slices.ContainsFunc(pieces, func(p piece) bool { return p.prod == s }) {
				ok = false
				break
			}
			lo := cs[l].n.aux[0]
			pieces = append(pieces, piece{l, s, lo, lo + len(ps.n.data)})
		}
		if !ok {
			continue
		}
		slices.SortFunc(pieces, func(a, b piece) int { return a.lo - b.lo })
		for j := 1; j < len(pieces); j++ {
			if pieces[j].lo < pieces[j-1].hi {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for _, p := range pieces {
			cs[p.prod].view, cs[p.prod].off = i, p.lo
			redirected[p.prod] = true
			cs[p.leaf].step = false
			c.fill = append(c.fill, p.prod)
		}
		for _, a := range adds {
			cs[a].step = false
		}
		c.step = false
	}
}

// setGemm makes c the product (m,n) = op(A)·op(B) of nodes a and b. A
// matrix-vector product (n = 1) is computed as its transpose, a
// vector-matrix product (same memory), whose loop streams the matrix rows.
func setGemm(c *cnode, m, n, k, a int, ta bool, b int, tb bool) {
	if n == 1 && m > 1 {
		m, n, a, b, ta, tb = 1, m, b, a, !tb, !ta
	}
	c.gemm = newGemm(m, n, k, ta, tb)
	c.ins = []int{a, b}
	c.scratch = c.gemm.scratch()
}

// foldTranspose follows Transpose nodes (not rewritten ones) up from node i
// and returns the node whose memory holds the matrix and whether it is
// stored transposed.
func foldTranspose(cs []cnode, i int) (int, bool) {
	t := false
	for cs[i].n.op == opTranspose && cs[i].gemm == nil {
		i, t = cs[i].ins[0], !t
	}
	return i, t
}

// collectPads gathers the Pad leaves of a tree of Adds rooted at i whose
// inner Adds have no other use.
func collectPads(cs []cnode, i int, root bool, leaves, adds *[]int) bool {
	c := &cs[i]
	if !c.step {
		return false
	}
	switch c.n.op {
	case opPad:
		*leaves = append(*leaves, i)
		return true
	case opAdd:
		if c.eval == nil || len(c.ins) != 2 || !root && (len(c.users) != 1 || c.output) || c.n.parents[0] != cs[c.ins[0]].n || c.n.parents[1] != cs[c.ins[1]].n {
			return false
		}
		*adds = append(*adds, i)
		return collectPads(cs, c.ins[0], false, leaves, adds) && collectPads(cs, c.ins[1], false, leaves, adds)
	}
	return false
}

// fuseBroadcast makes an Add or Mul with a replayed BroadcastTo parent (used
// by nothing else) read the broadcast operand's source in place.
func fuseBroadcast(cs []cnode, c *cnode) {
	for j, pi := range c.ins {
		p := &cs[pi]
		if p.n.op != opBroadcastTo || !p.step || len(p.users) != 1 || p.output {
			continue
		}
		src := p.ins[0]
		nb := len(cs[src].n.data)
		idx := broadcastIndex("BroadcastTo", cs[src].n.shape, p.n.shape)
		other := &cs[c.ins[1-j]]
		p.step = false
		if c.n.op == opAdd && other.gemm != nil && !other.gemm.bias && other.step && len(other.users) == 1 && !other.output && (nb == 1 || nb == other.gemm.n) && rowsPattern(idx, nb) {
			// A bias added to a product: the product's kernel adds it to each
			// output after its sum, as the separate Add did.
			g := *other.gemm
			g.bias, g.nb = true, nb
			c.gemm, c.eval = &g, nil
			c.ins = append(slices.Clone(other.ins), src)
			c.scratch = other.scratch
			other.step = false
			return
		}
		c.eval = broadcastKernel(c.n.op == opMul, idx, nb)
		c.ins = []int{c.ins[1-j], src}
		return
	}
}

// rowsPattern reports whether idx broadcasts nb values along rows:
// idx[i] = i mod nb.
func rowsPattern(idx []int, nb int) bool {
	for i, k := range idx {
		if k != i%nb {
			return false
		}
	}
	return true
}
