package escape

import (
	"fmt"
	"slices"
	"strings"

	"github.com/saddle-dev/saddle/autodiff/expr"
)

// The parsers below read the text of saddle escape's flags; their errors
// name those flags (--methods, --lr, --at, --perturb, --saddle).

// ParseMethods parses a comma-separated list of method names (Methods) and
// learning rates per method, "gd=0.2,adam=0.01" ("" keeps every method's
// default).
func ParseMethods(list, lrs string) ([]Method, error) {
	var methods []Method
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if !slices.Contains(Methods(), name) {
			return nil, fmt.Errorf("--methods: unknown method %q (known: %s)", name, strings.Join(Methods(), ", "))
		}
		methods = append(methods, Method{Name: name})
	}
	if lrs == "" {
		return methods, nil
	}
	for _, part := range strings.Split(lrs, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fmt.Errorf("--lr: %q is not METHOD=RATE", part)
		}
		name = strings.TrimSpace(name)
		k := slices.IndexFunc(methods, func(m Method) bool { return m.Name == name })
		if k < 0 {
			return nil, fmt.Errorf("--lr: method %q is not in --methods", name)
		}
		v, err := expr.ParseFinite(val)
		if err != nil || !(v > 0) {
			return nil, fmt.Errorf("--lr: %s: want a finite number > 0, got %q", name, strings.TrimSpace(val))
		}
		methods[k].LR = v
	}
	return methods, nil
}

// LRText lists learning rates in the order of Methods: "gd 0.1, momentum
// 0.01, …".
func LRText(lr map[string]float64) string {
	var parts []string
	for _, m := range Methods() {
		parts = append(parts, fmt.Sprintf("%s %g", m, lr[m]))
	}
	return strings.Join(parts, ", ")
}

// BuiltinAt returns the built-in problem name (Builtin) with the start at:
// for "xy", NAME=VALUE pairs of x and y over the saddle (vars are x, y);
// for "xor", "" or "origin" or "zero" for the saddle, or the nine
// parameter values (vars are nil).
func BuiltinAt(name, at string) (p Problem, vars []string, start []float64, err error) {
	if p, err = Builtin(name); err != nil {
		return Problem{}, nil, nil, fmt.Errorf("--saddle: unknown saddle %q (built in: xy, xor)", name)
	}
	start = append([]float64(nil), p.Saddle...)
	if p.Name == "xy" {
		vars = []string{"x", "y"}
		if at == "" {
			return p, vars, start, nil
		}
		names, vals, err := expr.ParsePoint("--at", at)
		if err != nil {
			return Problem{}, nil, nil, err
		}
		for i, name := range names {
			k := slices.Index(vars, name)
			if k < 0 {
				return Problem{}, nil, nil, fmt.Errorf("--at: unknown variable %q of x²−y² (x, y)", name)
			}
			start[k] = vals[i]
		}
		return p, vars, start, nil
	}
	switch at {
	case "", "origin", "zero":
		return p, nil, start, nil
	}
	vals, err := expr.ParseFloats("--at", at)
	if err != nil {
		return Problem{}, nil, nil, err
	}
	if len(vals) != len(start) {
		return Problem{}, nil, nil, fmt.Errorf("--at: %d values given, the xor net has %d parameters", len(vals), len(start))
	}
	return p, nil, vals, nil
}

// Mask is the Config.Mask that perturbs only the variables named in the
// comma-separated list (of vars, the problem's variables).
func Mask(vars []string, list string) ([]bool, error) {
	if vars == nil {
		return nil, fmt.Errorf("--perturb names variables of xy or -f; the xor saddle has none")
	}
	mask := make([]bool, len(vars))
	for _, name := range strings.Split(list, ",") {
		k := slices.Index(vars, strings.TrimSpace(name))
		if k < 0 {
			return nil, fmt.Errorf("--perturb: unknown variable %q (variables: %s)", name, strings.Join(vars, ", "))
		}
		mask[k] = true
	}
	return mask, nil
}
