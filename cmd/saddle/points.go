package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// parseAt parses "x=0.3,y=-1.2" into names and values, in the order given.
// Every value must be a finite number and every name given once.
func parseAt(s string) (names []string, vals []float64, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil, usagef("--at is empty; give values like x=0.3,y=-1.2")
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, nil, usagef("--at: %q is not NAME=VALUE", part)
		}
		if seen[name] {
			return nil, nil, usagef("--at: variable %q given twice", name)
		}
		seen[name] = true
		v, err := parseFinite(val)
		if err != nil {
			return nil, nil, usagef("--at: %s: %v", name, err)
		}
		names = append(names, name)
		vals = append(vals, v)
	}
	return names, vals, nil
}

// parseBox parses "x=-5:5,y=-5:5" into names and bounds lo < hi.
func parseBox(s string) (names []string, lo, hi []float64, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil, nil, usagef("--box is empty; give ranges like x=-5:5,y=-5:5")
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		name, rng, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, nil, nil, usagef("--box: %q is not NAME=MIN:MAX", part)
		}
		if seen[name] {
			return nil, nil, nil, usagef("--box: variable %q given twice", name)
		}
		seen[name] = true
		a, b, ok := strings.Cut(rng, ":")
		if !ok {
			return nil, nil, nil, usagef("--box: %s: %q is not MIN:MAX", name, rng)
		}
		l, err := parseFinite(a)
		if err != nil {
			return nil, nil, nil, usagef("--box: %s: min: %v", name, err)
		}
		h, err := parseFinite(b)
		if err != nil {
			return nil, nil, nil, usagef("--box: %s: max: %v", name, err)
		}
		if !(l < h) {
			return nil, nil, nil, usagef("--box: %s: min %v is not below max %v", name, l, h)
		}
		if math.IsInf(h-l, 0) {
			return nil, nil, nil, usagef("--box: %s: the range %v:%v is too wide (its width overflows float64)", name, l, h)
		}
		names = append(names, name)
		lo = append(lo, l)
		hi = append(hi, h)
	}
	return names, lo, hi, nil
}

// parseFinite parses a finite float64; NaN and infinities are refused.
func parseFinite(s string) (float64, error) {
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

// parseFloats parses a comma-separated list of finite numbers.
func parseFloats(flagName, s string) ([]float64, error) {
	var out []float64
	for _, part := range strings.Split(s, ",") {
		v, err := parseFinite(part)
		if err != nil {
			return nil, usagef("%s: %v", flagName, err)
		}
		out = append(out, v)
	}
	return out, nil
}
