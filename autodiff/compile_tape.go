package autodiff

import (
	"fmt"
	"slices"
)

// pstep is one step of a compiled program: a kernel applied to fixed
// buffers. Most steps run the op's own value kernel (eval); matrix products
// run the program's matrix kernel (gemm), which may split its rows across
// workers. dstr and inr locate the buffers (for Clone).
type pstep struct {
	eval evalFunc
	gemm *gemmSpec
	dst  []float64
	in   [][]float64
	op   opKind
	dstr memRef
	inr  []memRef
	mask uint8 // the variables of the tape the step depends on (bit i: vars[i])
}

// memRef is a window of a tape buffer.
type memRef struct{ buf, off, n int }

// tape is the flat form of the graphs reachable from some outputs: one step
// per node that depends on a variable, after the rewrites of optimize, over
// buffers that are either constant data (the nodes' own, shared by clones)
// or windows of one arena (rewritten on replay).
type tape struct {
	bufs    [][]float64
	written []bool // the buffer is in the arena
	off     []int  // offset of a written buffer in the arena
	lens    []int  // length of each buffer
	arena   []float64
	steps   []pstep
	nfirst  int              // steps[:nfirst] are the ones outs[0] needs
	refOf   map[*Node]memRef // where each needed node lives (construction only)
	pool    *workerPool
}

// cnode is a node of the graph while the tape is built.
type cnode struct {
	n       *Node
	mask    uint8
	step    bool // has a step (a replayed op that no rewrite absorbed)
	view    int  // ≥ 0: the value lives in the memory of node view at offset off
	off     int
	eval    evalFunc
	gemm    *gemmSpec
	ins     []int // inputs of the step (node indices)
	scratch []int // sizes of the step's scratch buffers
	fill    []int // nodes whose steps write this node's memory
	users   []int // consumers in the recorded graph
	output  bool
	need    bool
}

// maxTapeVars is the number of variables a tape tracks dependence on.
const maxTapeVars = 8

// newTape flattens the graphs of outs. vars are the leaves whose buffers the
// caller rewrites; every node depending on one is replayed.
func newTape(outs []*Node, vars []*Node) *tape {
	if len(vars) > maxTapeVars {
		panic(fmt.Sprintf("autodiff: compile: %d variables, at most %d", len(vars), maxTapeVars))
	}
	// The variables get buffers even when no output depends on them (a
	// linear or constant f): the caller writes them whatever f is.
	order := topoSort(append(slices.Clip(outs), vars...), nil, true)
	idx := make(map[*Node]int, len(order))
	for i, n := range order {
		idx[n] = i
	}
	cs := recordNodes(order, idx, vars)
	for _, o := range outs {
		cs[idx[o]].output = true
	}
	optimize(cs)
	markNeeded(cs, outs, vars, idx)

	t := &tape{refOf: map[*Node]memRef{}}
	ref := t.allocate(cs)
	t.addSteps(cs, ref, idx[outs[0]]+1) // order[:idx[outs[0]]+1] is the graph of outs[0]
	for i, c := range cs {
		if c.need {
			t.refOf[c.n] = ref(i)
		}
	}
	t.placeInArena()
	t.bind()
	return t
}

// recordNodes returns the cnodes of order (topologically sorted, idx its
// positions): inputs, users, views and the mask of the variables of vars
// each node depends on.
func recordNodes(order []*Node, idx map[*Node]int, vars []*Node) []cnode {
	cs := make([]cnode, len(order))
	for i, n := range order {
		c := &cs[i]
		c.n, c.view = n, -1
		for j, v := range vars {
			if v == n {
				c.mask |= 1 << j
			}
		}
		for _, p := range n.parents {
			pi := idx[p]
			c.mask |= cs[pi].mask
			c.ins = append(c.ins, pi)
			cs[pi].users = append(cs[pi].users, i)
		}
		if n.detached != nil {
			c.view = idx[n.detached]
			c.mask |= cs[c.view].mask
			cs[c.view].users = append(cs[c.view].users, i)
		}
		c.step = c.mask != 0 && n.eval != nil
		c.eval = n.eval
	}
	return cs
}

// markNeeded sets need on the outputs, the variables and every node whose
// value or memory a needed node's step uses.
func markNeeded(cs []cnode, outs, vars []*Node, idx map[*Node]int) {
	for _, o := range outs {
		cs[idx[o]].need = true
	}
	for _, v := range vars {
		cs[idx[v]].need = true
	}
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if !c.need {
			continue
		}
		if c.view >= 0 {
			cs[c.view].need = true
		}
		if c.step {
			for _, p := range c.ins {
				cs[p].need = true
			}
		}
		for _, p := range c.fill {
			cs[p].need = true
		}
	}
}

// allocate gives a buffer to every needed node that owns memory (not a
// view), in the arena when the node depends on a variable, and returns
// where each node's value lives.
func (t *tape) allocate(cs []cnode) func(i int) memRef {
	base := make([]int, len(cs)) // buffer of a node that owns memory
	for i := range base {
		base[i] = -1
	}
	for i := range cs {
		c := &cs[i]
		if !c.need || c.view >= 0 {
			continue
		}
		base[i] = t.addBuf(c.n.data, len(c.n.data), c.mask != 0)
	}
	var ref func(i int) memRef
	ref = func(i int) memRef {
		c := &cs[i]
		if c.view < 0 {
			return memRef{base[i], 0, len(c.n.data)}
		}
		r := ref(c.view)
		return memRef{r.buf, r.off + c.off, len(c.n.data)}
	}
	return ref
}

// addSteps appends a step for every needed node that has one, with its
// scratch buffers, and sets nfirst from first (the nodes before it are the
// graph of the first output).
func (t *tape) addSteps(cs []cnode, ref func(i int) memRef, first int) {
	for i := range cs {
		c := &cs[i]
		if !c.need || !c.step {
			continue
		}
		s := pstep{eval: c.eval, gemm: c.gemm, op: c.n.op, dstr: ref(i), mask: c.mask}
		for _, p := range c.ins {
			s.inr = append(s.inr, ref(p))
		}
		for _, sz := range c.scratch {
			s.inr = append(s.inr, memRef{t.addBuf(nil, sz, true), 0, sz})
		}
		t.steps = append(t.steps, s)
		if i < first {
			t.nfirst = len(t.steps)
		}
	}
}

// addBuf appends a buffer of n floats holding data and returns its index; a
// written buffer takes the next n floats of the arena.
func (t *tape) addBuf(data []float64, n int, written bool) int {
	t.off = append(t.off, t.arenaSize())
	t.bufs = append(t.bufs, data)
	t.lens = append(t.lens, n)
	t.written = append(t.written, written)
	return len(t.bufs) - 1
}

// arenaSize is the number of floats the written buffers take.
func (t *tape) arenaSize() int {
	k := len(t.off) - 1
	if k < 0 {
		return 0
	}
	if t.written[k] {
		return t.off[k] + t.lens[k]
	}
	return t.off[k]
}

// placeInArena makes the arena and moves every written buffer into its
// window, keeping its initial values.
func (t *tape) placeInArena() {
	t.arena = make([]float64, t.arenaSize())
	for b, w := range t.written {
		if w {
			src := t.bufs[b]
			t.bufs[b] = t.arena[t.off[b] : t.off[b]+t.lens[b] : t.off[b]+t.lens[b]]
			copy(t.bufs[b], src)
		}
	}
}

// bind points every step at its buffers.
func (t *tape) bind() {
	for i := range t.steps {
		s := &t.steps[i]
		s.dst = t.slice(s.dstr)
		s.in = make([][]float64, len(s.inr))
		for j, r := range s.inr {
			s.in[j] = t.slice(r)
		}
	}
}

func (t *tape) slice(r memRef) []float64 {
	return t.bufs[r.buf][r.off : r.off+r.n : r.off+r.n]
}

// clone returns a copy of t with its own arena (and no workers).
func (t *tape) clone() *tape {
	c := &tape{
		bufs:    slices.Clone(t.bufs),
		written: t.written,
		off:     t.off,
		lens:    t.lens,
		arena:   slices.Clone(t.arena),
		steps:   slices.Clone(t.steps),
		nfirst:  t.nfirst,
		refOf:   t.refOf,
	}
	for b, w := range c.written {
		if w {
			c.bufs[b] = c.arena[c.off[b] : c.off[b]+c.lens[b] : c.off[b]+c.lens[b]]
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

// run replays steps in order.
func (t *tape) run(steps []pstep) {
	for i := range steps {
		s := &steps[i]
		if s.gemm != nil {
			s.gemm.run(s.dst, s.in, t.pool)
		} else {
			s.eval(s.dst, s.in)
		}
	}
}
