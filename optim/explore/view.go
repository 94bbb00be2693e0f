package explore

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
	"github.com/saddle-dev/saddle/autodiff/expr"
)

// View is a formula seen through a window: Axes are the plotted variables
// (one or two), Fixed gives every other variable of the formula its value
// (the view is then a slice of the formula), and Lo, Hi bound each axis.
type View struct {
	Expr  string             `json:"expr"`
	Axes  []string           `json:"vars,omitempty"`  // empty: the formula's first two variables (or its one)
	Fixed map[string]float64 `json:"fixed,omitempty"` // missing variables are fixed at 0
	Lo    []float64          `json:"lo"`
	Hi    []float64          `json:"hi"`
}

// InputError is an error in a request's input: Field names the culprit
// ("expr", "lo", "steps", …) and Column, for a formula, the 1-based column
// of the mistake (0 when unknown).
type InputError struct {
	Field  string `json:"field"`
	Column int    `json:"column,omitempty"`
	Msg    string `json:"error"`
}

func (e *InputError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s: %s", e.Field, e.Msg)
	}
	return e.Field + ": " + e.Msg
}

func inputErr(field, format string, args ...any) error {
	return &InputError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

var columnRE = regexp.MustCompile(`at column (\d+)`)

// ParseFormula parses src with autodiff/expr; its error is an *InputError
// on field "expr" with the column of the mistake.
func ParseFormula(src string) (*expr.Formula, error) {
	if len(src) > maxFormulaLen {
		return nil, &InputError{Field: "expr", Msg: fmt.Sprintf("the formula has %d characters; the limit is %d", len(src), maxFormulaLen)}
	}
	f, err := expr.Parse(src)
	if err != nil {
		e := &InputError{Field: "expr", Msg: err.Error()}
		if m := columnRE.FindStringSubmatch(err.Error()); m != nil {
			e.Column, _ = strconv.Atoi(m[1])
		}
		return nil, e
	}
	if len(f.Vars()) == 0 {
		return nil, &InputError{Field: "expr", Msg: "the formula has no variables"}
	}
	return f, nil
}

// maxFormulaLen bounds a formula's length: 10 000 characters is far beyond
// any formula typed by hand and keeps a parse well under a millisecond.
const maxFormulaLen = 10_000

// Resolved is a checked View: the parsed formula, its plotted axes, the
// values of the other variables and the function of the axes.
type Resolved struct {
	View
	Formula *expr.Formula
	Others  []string // the formula's other variables, in order of appearance
	Func    autodiff.Func
}

// Resolve parses and checks v: the formula, the axes (variables of the
// formula, one or two, no repeats), the fixed values (finite, of variables
// of the formula that are not axes) and the bounds (finite, one pair per
// axis, Lo < Hi).
func (v View) Resolve() (*Resolved, error) {
	f, err := ParseFormula(v.Expr)
	if err != nil {
		return nil, err
	}
	vars := f.Vars()
	axes := v.Axes
	if len(axes) == 0 {
		axes = vars[:min(2, len(vars))]
	}
	if len(axes) > 2 {
		return nil, inputErr("vars", "%d axes given; a view plots one or two variables", len(axes))
	}
	for i, a := range axes {
		if !slices.Contains(vars, a) {
			return nil, inputErr("vars", "%q is not a variable of the formula (its variables: %s)", a, strings.Join(vars, ", "))
		}
		if slices.Contains(axes[:i], a) {
			return nil, inputErr("vars", "%q given twice", a)
		}
	}
	fixed := map[string]float64{}
	var others []string
	for _, name := range vars {
		if !slices.Contains(axes, name) {
			others = append(others, name)
			fixed[name] = v.Fixed[name]
		}
	}
	for _, name := range sortedKeys(v.Fixed) {
		val := v.Fixed[name]
		switch {
		case slices.Contains(axes, name):
			return nil, inputErr("fixed", "%q is plotted; it cannot also be fixed", name)
		case !slices.Contains(vars, name):
			return nil, inputErr("fixed", "%q is not a variable of the formula (its variables: %s)", name, strings.Join(vars, ", "))
		case !finite(val):
			return nil, inputErr("fixed", "%s = %v is not a finite number", name, val)
		}
	}
	if err := checkBounds(v.Lo, v.Hi, len(axes)); err != nil {
		return nil, err
	}
	fn, err := sliceFunc(f, axes, fixed)
	if err != nil {
		return nil, inputErr("vars", "%v", err)
	}
	r := &Resolved{View: View{Expr: v.Expr, Axes: slices.Clone(axes), Fixed: fixed, Lo: slices.Clone(v.Lo), Hi: slices.Clone(v.Hi)},
		Formula: f, Others: others, Func: fn}
	return r, nil
}

func checkBounds(lo, hi []float64, n int) error {
	if len(lo) != n {
		return inputErr("lo", "%d values for %d axes", len(lo), n)
	}
	if len(hi) != n {
		return inputErr("hi", "%d values for %d axes", len(hi), n)
	}
	for i := range lo {
		if !finite(lo[i]) || !finite(hi[i]) || !(lo[i] < hi[i]) {
			return inputErr("lo", "axis %d: lo %v must be below hi %v, both finite", i+1, lo[i], hi[i])
		}
		if hi[i]-lo[i] > maxSpan {
			return inputErr("hi", "axis %d spans %g; the limit is %g", i+1, hi[i]-lo[i], maxSpan)
		}
	}
	return nil
}

// maxSpan bounds the width of a view: far beyond, every value of a
// polynomial test function overflows float64.
const maxSpan = 1e6

// sliceFunc returns f as a function of the axes' vector, the other
// variables held at their fixed values.
func sliceFunc(f *expr.Formula, axes []string, fixed map[string]float64) (autodiff.Func, error) {
	order := append(slices.Clone(axes), sortedKeys(fixed)...)
	full, err := f.Func(order)
	if err != nil {
		return nil, err
	}
	if len(fixed) == 0 {
		return full, nil
	}
	rest := make([]float64, 0, len(fixed))
	for _, name := range sortedKeys(fixed) {
		rest = append(rest, fixed[name])
	}
	n := len(axes)
	return func(x *autodiff.Node) *autodiff.Node {
		vals := make(map[string]*autodiff.Node, len(order))
		for i, name := range axes {
			vals[name] = autodiff.Reshape(autodiff.Slice(x, i, i+1))
		}
		for i, name := range order[n:] {
			vals[name] = autodiff.Scalar(rest[i])
		}
		return f.Eval(vals)
	}, nil
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// AsInput returns err as an *InputError when it is one, else nil.
func AsInput(err error) *InputError {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return nil
}
