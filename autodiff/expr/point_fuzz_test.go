package expr

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The point, box and number parsers never panic; they either return an
// error that starts with the field name, or values that are finite and that
// print and parse back to themselves.

func FuzzParseFinite(f *testing.F) {
	for _, s := range []string{"0", "-1.5", " 2 ", "1e308", "1e309", "-1e400", "NaN", "nan", "Inf", "-inf",
		"+Infinity", "0x1p-2", "1_000", "", " ", "1,2", "abc", "4.9e-324", "-0", ".5", "5.", "1e", "0x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseFinite(s)
		// Oracle: strconv on the trimmed text, then the finiteness rule.
		want, perr := strconv.ParseFloat(strings.TrimSpace(s), 64)
		ok := perr == nil && !math.IsNaN(want) && !math.IsInf(want, 0)
		if !ok {
			if err == nil {
				t.Fatalf("ParseFinite(%q) = %v, want an error", s, v)
			}
			if !strings.Contains(err.Error(), strconv.Quote(strings.TrimSpace(s))) {
				t.Fatalf("ParseFinite(%q): error %q does not quote the input", s, err)
			}
			return
		}
		if err != nil || math.Float64bits(v) != math.Float64bits(want) {
			t.Fatalf("ParseFinite(%q) = %v, %v; want %v", s, v, err, want)
		}
	})
}

func FuzzParseAt(f *testing.F) {
	for _, s := range []string{"x=0.3,y=-1.2", "x=1", " x = 1 , y = 2 ", "x=1,x=2", "x", "=1", "x=", "x=NaN",
		"x=1e999", "x=1,,y=2", ",", "", "  ", "x==1", "x=1=2", "a:b=3", "w11=0.5,b0=-1", "x=0x1p3", "é=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		names, vals, err := ParsePoint("--at", s)
		if err != nil {
			checkFieldError(t, "ParsePoint", s, err, "--at")
			return
		}
		if len(names) == 0 || len(names) != len(vals) {
			t.Fatalf("parseAt(%q) = %q, %v", s, names, vals)
		}
		seen := map[string]bool{}
		parts := make([]string, len(names))
		for i, name := range names {
			if name == "" || seen[name] || name != strings.TrimSpace(name) || strings.ContainsAny(name, ",=") {
				t.Fatalf("parseAt(%q): bad or repeated name %q in %q", s, name, names)
			}
			seen[name] = true
			if math.IsNaN(vals[i]) || math.IsInf(vals[i], 0) {
				t.Fatalf("parseAt(%q): %s = %v is not finite", s, name, vals[i])
			}
			parts[i] = name + "=" + strconv.FormatFloat(vals[i], 'g', -1, 64)
		}
		names2, vals2, err := ParsePoint("--at", strings.Join(parts, ","))
		if err != nil || !slices.Equal(names, names2) || !sameBits(vals, vals2) {
			t.Fatalf("parseAt(%q) = %q %v, but its printed form parses to %q %v (%v)", s, names, vals, names2, vals2, err)
		}
	})
}

func FuzzParseBox(f *testing.F) {
	for _, s := range []string{"x=-5:5,y=-5:5", "x=5:-5", "x=1:1", "x=0:1,x=0:2", "x=-1", "x=:1", "x=1:", "x=a:b",
		"x=NaN:1", "x=-inf:inf", "x=-1e308:1e308", "x=1:2:3", "", ",", "x", "=0:1", "a:b=0:1", "x = -2 : 2 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		names, lo, hi, err := ParseBox("--box", s)
		if err != nil {
			checkFieldError(t, "ParseBox", s, err, "--box")
			return
		}
		if len(names) == 0 || len(names) != len(lo) || len(names) != len(hi) {
			t.Fatalf("parseBox(%q) = %q, %v, %v", s, names, lo, hi)
		}
		seen := map[string]bool{}
		parts := make([]string, len(names))
		for i, name := range names {
			if name == "" || seen[name] || name != strings.TrimSpace(name) || strings.ContainsAny(name, ",=") {
				t.Fatalf("parseBox(%q): bad or repeated name %q in %q", s, name, names)
			}
			seen[name] = true
			if !(lo[i] < hi[i]) || math.IsInf(lo[i], 0) || math.IsInf(hi[i], 0) {
				t.Fatalf("parseBox(%q): %s = [%v, %v] is not a finite range with min < max", s, name, lo[i], hi[i])
			}
			parts[i] = name + "=" + strconv.FormatFloat(lo[i], 'g', -1, 64) + ":" + strconv.FormatFloat(hi[i], 'g', -1, 64)
		}
		names2, lo2, hi2, err := ParseBox("--box", strings.Join(parts, ","))
		if err != nil || !slices.Equal(names, names2) || !sameBits(lo, lo2) || !sameBits(hi, hi2) {
			t.Fatalf("parseBox(%q) does not survive printing and parsing again: %q %v %v (%v)", s, names2, lo2, hi2, err)
		}
	})
}

func checkFieldError(t *testing.T, fn, s string, err error, field string) {
	t.Helper()
	// A newline typed inside a name may show in the message; the CLI prints
	// every error on one line, which its FuzzGrad checks end to end.
	if msg := err.Error(); !strings.HasPrefix(msg, field) {
		t.Fatalf("%s(%q): error %q must start with %s", fn, s, msg, field)
	}
}

func sameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}
