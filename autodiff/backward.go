package autodiff

import (
	"fmt"
	"slices"
)

// Gradients returns the gradients of the scalar y with respect to each of xs,
// as nodes that record their own graph, so they can be differentiated again
// (Hessians, third derivatives). A node of xs that y does not depend on gets
// a zero gradient. It panics if y has more than one element.
func Gradients(y *Node, xs ...*Node) []*Node {
	return gradients("Gradients", y, xs, false)
}

// gradients runs the reverse sweep from y; in no-record mode the rules keep
// values only.
func gradients(op string, y *Node, xs []*Node, noRecord bool) []*Node {
	if len(y.data) != 1 {
		panic(fmt.Sprintf("autodiff: %s: output has shape %s, want a scalar", op, shapeString(y.shape)))
	}
	ones := make([]float64, len(y.data))
	for i := range ones {
		ones[i] = 1
	}
	var seed *Node
	if noRecord {
		seed = valueOnly(ones, y.shape)
	} else {
		seed = Const(ones, y.shape...)
	}
	grads := backward(y, seed, xs)
	out := make([]*Node, len(xs))
	for i, x := range xs {
		if g := grads[x]; g != nil {
			out[i] = g
		} else {
			out[i] = Const(make([]float64, len(x.data)), x.shape...)
		}
	}
	return out
}

// backward propagates seed (the gradient of y) to every node between y and
// xs and returns the accumulated gradients.
func backward(y, seed *Node, xs []*Node) map[*Node]*Node {
	order := topoOrder(y)
	target := make(map[*Node]bool, len(xs))
	for _, x := range xs {
		target[x] = true
	}
	// need: the node is a target or leads to one.
	need := make(map[*Node]bool, len(order))
	for _, n := range order {
		if target[n] {
			need[n] = true
			continue
		}
		for _, p := range n.parents {
			if need[p] {
				need[n] = true
				break
			}
		}
	}
	grads := map[*Node]*Node{y: seed}
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		g := grads[n]
		if g == nil || n.vjp == nil || target[n] && len(n.parents) == 0 {
			continue
		}
		for j, p := range n.parents {
			if !need[p] {
				continue
			}
			pg := n.vjp(g, j)
			if pg == nil {
				continue
			}
			if old := grads[p]; old != nil {
				grads[p] = Add(old, pg)
			} else {
				grads[p] = pg
			}
		}
	}
	return grads
}

// topoOrder returns the nodes that y depends on through ops that carry
// gradients, parents before children, y last.
func topoOrder(y *Node) []*Node {
	var order []*Node
	seen := map[*Node]bool{y: true}
	type frame struct {
		n    *Node
		next int
	}
	stack := []frame{{y, 0}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.n.parents) {
			p := top.n.parents[top.next]
			top.next++
			if !seen[p] && (p.requiresGrad || p.variable) {
				seen[p] = true
				stack = append(stack, frame{p, 0})
			}
			continue
		}
		order = append(order, top.n)
		stack = stack[:len(stack)-1]
	}
	return order
}

// graphOrder returns every node reachable from outs (constants included),
// parents before children.
func graphOrder(outs ...*Node) []*Node {
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
		order = append(order, n)
	}
	for _, o := range outs {
		visit(o)
	}
	return slices.Clip(order)
}
