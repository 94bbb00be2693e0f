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
	order := topoSort([]*Node{y}, carriesGrad, false)
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

// topoSort returns the nodes reachable from outs, parents before children:
// depth first, inputs in order, each node after every node it reaches, the
// outputs' graphs in the order given. enter(p) says whether to follow an
// input p (nil: every input); withDetached also follows a Detach constant to
// its source, after its parents. It is the package's one topological sort:
// the reverse sweep, the checks and the compiler's tape all walk graphs with
// it. It keeps its own stack, so deep graphs cannot overflow the Go stack.
func topoSort(outs []*Node, enter func(p *Node) bool, withDetached bool) []*Node {
	var order []*Node
	seen := map[*Node]bool{}
	type frame struct {
		n    *Node
		next int
	}
	var stack []frame
	for _, o := range outs {
		if seen[o] {
			continue
		}
		seen[o] = true
		stack = append(stack, frame{o, 0})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			n := top.n
			var p *Node
			switch {
			case top.next < len(n.parents):
				p = n.parents[top.next]
			case top.next == len(n.parents) && withDetached && n.detached != nil:
				p = n.detached
			default:
				order = append(order, n)
				stack = stack[:len(stack)-1]
				continue
			}
			top.next++
			if !seen[p] && (enter == nil || enter(p)) {
				seen[p] = true
				stack = append(stack, frame{p, 0})
			}
		}
	}
	return slices.Clip(order)
}

// carriesGrad reports whether a gradient can flow through n: the inputs the
// reverse sweep follows.
func carriesGrad(n *Node) bool { return n.requiresGrad || n.variable }
