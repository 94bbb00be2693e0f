package expr

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"

	"github.com/saddle-dev/saddle/autodiff"
)

// Formula is a parsed formula. It is immutable and safe for concurrent use.
type Formula struct {
	src  string
	root ast.Node
	vars []string
}

// functions maps each function name of the syntax to its engine op.
var functions = map[string]func(*autodiff.Node) *autodiff.Node{
	"exp":      autodiff.Exp,
	"log":      autodiff.Log,
	"sqrt":     autodiff.Sqrt,
	"sin":      autodiff.Sin,
	"cos":      autodiff.Cos,
	"tan":      func(x *autodiff.Node) *autodiff.Node { return autodiff.Div(autodiff.Sin(x), autodiff.Cos(x)) },
	"tanh":     autodiff.Tanh,
	"sigmoid":  autodiff.Sigmoid,
	"softplus": autodiff.Softplus,
	"relu":     autodiff.ReLU,
	"abs":      autodiff.Abs,
}

var constants = map[string]float64{"pi": math.Pi, "e": math.E}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Parse parses src. Errors name the culprit and its 1-based column.
func Parse(src string) (*Formula, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("empty formula")
	}
	tree, err := parser.Parse(src)
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("syntax error at column %d: %s", fe.Column+1, fe.Message)
		}
		return nil, fmt.Errorf("syntax error: %v", err)
	}
	f := &Formula{src: src, root: tree.Node}
	seen := map[string]bool{}
	if err := f.check(tree.Node, seen); err != nil {
		return nil, err
	}
	return f, nil
}

// MustParse is Parse for formulas known to be valid; it panics on error.
func MustParse(src string) *Formula {
	f, err := Parse(src)
	if err != nil {
		panic("expr: " + err.Error())
	}
	return f
}

func col(n ast.Node) int { return n.Location().From + 1 }

// check validates the tree and collects the variables in order of first
// appearance.
func (f *Formula) check(n ast.Node, seen map[string]bool) error {
	switch n := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return nil
	case *ast.IdentifierNode:
		if _, ok := constants[n.Value]; ok {
			return nil
		}
		if _, ok := functions[n.Value]; ok {
			return fmt.Errorf("function %q used as a variable at column %d", n.Value, col(n))
		}
		if !identRE.MatchString(n.Value) {
			return fmt.Errorf("bad variable name %q at column %d", n.Value, col(n))
		}
		if !seen[n.Value] {
			seen[n.Value] = true
			f.vars = append(f.vars, n.Value)
		}
		return nil
	case *ast.UnaryNode:
		if n.Operator != "-" && n.Operator != "+" {
			return fmt.Errorf("unsupported operator %q at column %d", n.Operator, col(n))
		}
		return f.check(n.Node, seen)
	case *ast.BinaryNode:
		switch n.Operator {
		case "+", "-", "*", "/", "^", "**":
		default:
			return fmt.Errorf("unsupported operator %q at column %d", n.Operator, col(n))
		}
		if err := f.check(n.Left, seen); err != nil {
			return err
		}
		return f.check(n.Right, seen)
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok {
			return fmt.Errorf("unsupported call at column %d", col(n))
		}
		return f.checkCall(id.Value, n.Arguments, col(n.Callee), seen)
	case *ast.BuiltinNode:
		return f.checkCall(n.Name, n.Arguments, col(n), seen)
	}
	return fmt.Errorf("unsupported syntax %q at column %d", n.String(), col(n))
}

func (f *Formula) checkCall(name string, args []ast.Node, column int, seen map[string]bool) error {
	if _, ok := functions[name]; !ok {
		return fmt.Errorf("unknown function %q at column %d (known: exp log sqrt sin cos tan tanh sigmoid softplus relu abs)", name, column)
	}
	if len(args) != 1 {
		return fmt.Errorf("function %q takes 1 argument, got %d, at column %d", name, len(args), column)
	}
	return f.check(args[0], seen)
}

// String returns the source text.
func (f *Formula) String() string { return f.src }

// Vars returns the formula's variables in order of first appearance.
func (f *Formula) Vars() []string { return append([]string(nil), f.vars...) }

// Func returns the formula as a function of one flat vector whose elements
// are the variables in the given order. Every variable of the formula must
// be in order, and order must name no other.
func (f *Formula) Func(order []string) (autodiff.Func, error) {
	index := make(map[string]int, len(order))
	for i, name := range order {
		if _, dup := index[name]; dup {
			return nil, fmt.Errorf("variable %q given twice", name)
		}
		index[name] = i
	}
	for _, v := range f.vars {
		if _, ok := index[v]; !ok {
			return nil, fmt.Errorf("variable %q of the formula has no value", v)
		}
	}
	if len(order) != len(f.vars) {
		in := map[string]bool{}
		for _, v := range f.vars {
			in[v] = true
		}
		for _, name := range order {
			if !in[name] {
				return nil, fmt.Errorf("variable %q is not in the formula", name)
			}
		}
	}
	return func(x *autodiff.Node) *autodiff.Node {
		vals := make(map[string]*autodiff.Node, len(order))
		for name, i := range index {
			vals[name] = autodiff.Reshape(autodiff.Slice(x, i, i+1))
		}
		return f.Eval(vals)
	}, nil
}

// Eval builds the formula from the given variable nodes (scalars or any
// shapes that broadcast). It panics if a variable is missing; Func checks
// that for callers.
func (f *Formula) Eval(vals map[string]*autodiff.Node) *autodiff.Node {
	return eval(f.root, vals)
}

// constValue returns the value of a subtree without variables.
func constValue(n ast.Node) (float64, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return float64(n.Value), true
	case *ast.FloatNode:
		return n.Value, true
	case *ast.IdentifierNode:
		v, ok := constants[n.Value]
		return v, ok
	case *ast.UnaryNode:
		v, ok := constValue(n.Node)
		if n.Operator == "-" {
			v = -v
		}
		return v, ok
	}
	return 0, false
}

func eval(n ast.Node, vals map[string]*autodiff.Node) *autodiff.Node {
	if v, ok := constValue(n); ok {
		return autodiff.Scalar(v)
	}
	switch n := n.(type) {
	case *ast.IdentifierNode:
		x, ok := vals[n.Value]
		if !ok {
			panic(fmt.Sprintf("expr: Eval: variable %q has no value", n.Value))
		}
		return x
	case *ast.UnaryNode:
		x := eval(n.Node, vals)
		if n.Operator == "-" {
			return autodiff.Neg(x)
		}
		return x
	case *ast.BinaryNode:
		if n.Operator == "^" || n.Operator == "**" {
			if c, ok := constValue(n.Right); ok {
				return autodiff.Pow(eval(n.Left, vals), c)
			}
			return autodiff.PowVar(eval(n.Left, vals), eval(n.Right, vals))
		}
		x, y := eval(n.Left, vals), eval(n.Right, vals)
		switch n.Operator {
		case "+":
			return autodiff.Add(x, y)
		case "-":
			return autodiff.Sub(x, y)
		case "*":
			return autodiff.Mul(x, y)
		default:
			return autodiff.Div(x, y)
		}
	case *ast.CallNode:
		return functions[n.Callee.(*ast.IdentifierNode).Value](eval(n.Arguments[0], vals))
	case *ast.BuiltinNode:
		return functions[n.Name](eval(n.Arguments[0], vals))
	}
	panic(fmt.Sprintf("expr: Eval: unsupported node %T", n))
}
