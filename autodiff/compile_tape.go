package autodiff

import "unsafe"

// pstep is one op of a compiled program: the op's value kernel applied to
// fixed buffers. dsti and ini are the buffer indices (for Clone).
type pstep struct {
	eval evalFunc
	dst  []float64
	in   [][]float64
	op   string
	dsti int
	ini  []int
	mask uint8 // which variables of the tape the pstep depends on (bit i: vars[i])
}

// run replays steps in order.
func run(steps []pstep) {
	for i := range steps {
		s := &steps[i]
		s.eval(s.dst, s.in)
	}
}

// tape is the flat form of the graphs reachable from some outputs: one
// buffer per distinct value and one pstep per node that depends on a variable.
// Buffers of nodes that do not depend on a variable are the nodes' own
// (constant) data, shared by clones; the others live in one arena.
type tape struct {
	bufs    [][]float64
	written []bool // the buffer is in the arena (rewritten by replay)
	arena   []float64
	off     []int // offset of a written buffer in the arena
	bufOf   map[*Node]int
	steps   []pstep
	nfirst  int // steps[:nfirst] are the ones outs[0] needs
}

// maxTapeVars is the number of variables a tape tracks dependence on.
const maxTapeVars = 8

// newTape flattens the graphs of outs. vars are the leaves whose buffers the
// caller rewrites; every node depending on one becomes a pstep.
func newTape(outs []*Node, vars []*Node) *tape {
	if len(vars) > maxTapeVars {
		panic("autodiff: compile: too many variables")
	}
	var order []*Node
	seen := map[*Node]bool{}
	var visit func(n *Node)
	visit = func(n *Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		for _, p := range n.parents {
			visit(p)
		}
		if n.detached != nil {
			visit(n.detached)
		}
		order = append(order, n)
	}
	first := 0
	for i, o := range outs {
		visit(o)
		if i == 0 {
			first = len(order)
		}
	}
	mask := make(map[*Node]uint8, len(order))
	for i, v := range vars {
		mask[v] |= 1 << i
	}
	for _, n := range order {
		m := mask[n]
		for _, p := range n.parents {
			m |= mask[p]
		}
		if n.detached != nil {
			m |= mask[n.detached]
		}
		mask[n] = m
	}
	t := &tape{bufOf: make(map[*Node]int, len(order))}
	byData := map[*float64]int{}
	size := 0
	for _, n := range order {
		if len(n.data) > 0 {
			if b, ok := byData[unsafe.SliceData(n.data)]; ok && len(t.bufs[b]) == len(n.data) {
				t.bufOf[n] = b
				continue
			}
		}
		b := len(t.bufs)
		t.bufOf[n] = b
		t.bufs = append(t.bufs, n.data)
		w := mask[n] != 0
		t.written = append(t.written, w)
		t.off = append(t.off, size)
		if w {
			size += len(n.data)
		}
		if len(n.data) > 0 {
			byData[unsafe.SliceData(n.data)] = b
		}
	}
	t.arena = make([]float64, size)
	for b, w := range t.written {
		if w {
			src := t.bufs[b]
			t.bufs[b] = t.arena[t.off[b] : t.off[b]+len(src) : t.off[b]+len(src)]
			copy(t.bufs[b], src)
		}
	}
	for i, n := range order {
		if mask[n] == 0 || n.eval == nil {
			continue
		}
		s := pstep{eval: n.eval, op: n.op, dsti: t.bufOf[n], mask: mask[n]}
		for _, p := range n.parents {
			s.ini = append(s.ini, t.bufOf[p])
		}
		t.steps = append(t.steps, s)
		if i < first {
			t.nfirst = len(t.steps)
		}
	}
	t.bind()
	return t
}

// bind points every pstep at its buffers.
func (t *tape) bind() {
	for i := range t.steps {
		s := &t.steps[i]
		s.dst = t.bufs[s.dsti]
		s.in = make([][]float64, len(s.ini))
		for j, b := range s.ini {
			s.in[j] = t.bufs[b]
		}
	}
}

// clone returns a copy of t with its own arena.
func (t *tape) clone() *tape {
	c := &tape{
		bufs:    append([][]float64(nil), t.bufs...),
		written: t.written,
		off:     t.off,
		arena:   append([]float64(nil), t.arena...),
		bufOf:   t.bufOf,
		steps:   append([]pstep(nil), t.steps...),
		nfirst:  t.nfirst,
	}
	for b, w := range c.written {
		if w {
			l := len(t.bufs[b])
			c.bufs[b] = c.arena[c.off[b] : c.off[b]+l : c.off[b]+l]
		}
	}
	c.bind()
	return c
}

// partition returns the steps that do not depend on variable i, then those
// that do, each in tape order.
func (t *tape) partition(i int) (without, with []pstep) {
	for _, s := range t.steps {
		if s.mask&(1<<i) != 0 {
			with = append(with, s)
		} else {
			without = append(without, s)
		}
	}
	return without, with
}
