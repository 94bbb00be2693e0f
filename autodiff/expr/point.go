package expr

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/autodiff"
)

// ParseFinite parses a finite float64 (surrounding spaces allowed); NaN,
// infinities and values out of float64's range are errors quoting s.
func ParseFinite(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%q is out of the range of float64 (about ±1.8e308)", s)
	}
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// ParseFloats parses a comma-separated list of finite numbers ("1,-2.5,0").
// Errors start with field, the name of the input (a flag such as "--at").
func ParseFloats(field, s string) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(s, ",") {
		v, err := ParseFinite(part)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", field, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// ParsePoint parses a point written "x=0.3,y=-1.2" into its variable names
// and values, in the order given. Every value must be a finite number and
// every name given once. Errors start with field, the name of the input (a
// flag such as "--at"), and quote the culprit.
func ParsePoint(field, s string) (names []string, vals []float64, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil, fmt.Errorf("%s is empty; give values like x=0.3,y=-1.2", field)
	}
	err = eachPair(field, s, "NAME=VALUE", func(name, val string) error {
		v, err := ParseFinite(val)
		if err != nil {
			return fmt.Errorf("%s: %s: %v", field, name, err)
		}
		names, vals = append(names, name), append(vals, v)
		return nil
	})
	return names, vals, err
}

// ParseBox parses a box written "x=-5:5,y=-5:5" into its variable names and
// bounds lo < hi (finite, with a width that is finite too), in the order
// given. Errors are as ParsePoint's.
func ParseBox(field, s string) (names []string, lo, hi []float64, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil, nil, fmt.Errorf("%s is empty; give ranges like x=-5:5,y=-5:5", field)
	}
	err = eachPair(field, s, "NAME=MIN:MAX", func(name, rng string) error {
		a, b, ok := strings.Cut(rng, ":")
		if !ok {
			return fmt.Errorf("%s: %s: %q is not MIN:MAX", field, name, rng)
		}
		l, err := ParseFinite(a)
		if err != nil {
			return fmt.Errorf("%s: %s: min: %v", field, name, err)
		}
		h, err := ParseFinite(b)
		switch {
		case err != nil:
			return fmt.Errorf("%s: %s: max: %v", field, name, err)
		case !(l < h):
			return fmt.Errorf("%s: %s: min %v is not below max %v", field, name, l, h)
		case math.IsInf(h-l, 0):
			return fmt.Errorf("%s: %s: the range %v:%v is too wide (its width overflows float64)", field, name, l, h)
		}
		names, lo, hi = append(names, name), append(lo, l), append(hi, h)
		return nil
	})
	return names, lo, hi, err
}

// eachPair calls fn with the name and the text after "=" of every
// comma-separated NAME=… pair of s; a pair without a name or "=", or a name
// given twice, is an error (want says what a pair looks like).
func eachPair(field, s, want string, fn func(name, val string) error) error {
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return fmt.Errorf("%s: %q is not %s", field, part, want)
		}
		if seen[name] {
			return fmt.Errorf("%s: variable %q given twice", field, name)
		}
		seen[name] = true
		if err := fn(name, val); err != nil {
			return err
		}
	}
	return nil
}

// PointString writes a point as "x=0.3, y=-1.2"; a value without a name is
// called x0, x1, … by its index.
func PointString(names []string, x []float64) string {
	parts := make([]string, len(x))
	for i := range x {
		name := fmt.Sprintf("x%d", i)
		if i < len(names) {
			name = names[i]
		}
		parts[i] = fmt.Sprintf("%s=%g", name, x[i])
	}
	return strings.Join(parts, ", ")
}

// Quote quotes a formula for an error message; a long one is cut to its
// first 60 characters and its length, so that the message stays one
// readable line (a parse error's column still locates the culprit).
func Quote(src string) string {
	const keep = 60
	r := []rune(src)
	if len(r) <= keep+20 {
		return strconv.Quote(src)
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(string(r[:keep])), len(r))
}

// CheckFinite evaluates fn at x and returns nil when the value is finite,
// else an error naming the point (by names) and the op that first produced
// a non-finite value (autodiff.FirstNonFinite): "the formula is NaN at
// x=-1: Log produced NaN".
func CheckFinite(fn autodiff.Func, names []string, x []float64) error {
	y := fn(autodiff.Variable(x))
	if v := y.Item(); !math.IsNaN(v) && !math.IsInf(v, 0) {
		return nil
	}
	where := PointString(names, x)
	if bad := autodiff.FirstNonFinite(y); bad != nil {
		first := 0.0
		if k := slices.IndexFunc(bad.Data(), func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }); k >= 0 {
			first = bad.Data()[k]
		}
		return fmt.Errorf("the formula is %v at %s: %s produced %v", y.Item(), where, bad.Op(), first)
	}
	return fmt.Errorf("the formula is %v at %s", y.Item(), where)
}
