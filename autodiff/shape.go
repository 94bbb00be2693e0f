package autodiff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

func sizeOf(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// shapeString formats a shape as "(4,3)"; a scalar is "()".
func shapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// broadcastShapes returns the NumPy broadcast of a and b, or panics naming op.
func broadcastShapes(op string, a, b []int) []int {
	if slices.Equal(a, b) {
		return a
	}
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := range n {
		da, db := 1, 1
		if k := i - (n - len(a)); k >= 0 {
			da = a[k]
		}
		if k := i - (n - len(b)); k >= 0 {
			db = b[k]
		}
		switch {
		case da == db, db == 1:
			out[i] = da
		case da == 1:
			out[i] = db
		default:
			panic(fmt.Sprintf("autodiff: %s: shapes %s and %s do not match", op, shapeString(a), shapeString(b)))
		}
	}
	return out
}

// broadcastIndex returns, for each element of a value of shape to, the index
// of the element of a value of shape from that broadcasting maps onto it.
// from must broadcast to to.
func broadcastIndex(op string, from, to []int) []int {
	if len(from) > len(to) {
		panic(fmt.Sprintf("autodiff: %s: cannot broadcast %s to %s", op, shapeString(from), shapeString(to)))
	}
	// strides of from, aligned to the right of to; 0 on broadcast axes.
	strides := make([]int, len(to))
	s := 1
	for i := len(to) - 1; i >= 0; i-- {
		k := i - (len(to) - len(from))
		if k < 0 {
			continue
		}
		switch from[k] {
		case to[i]:
			strides[i] = s
		case 1:
		default:
			panic(fmt.Sprintf("autodiff: %s: cannot broadcast %s to %s", op, shapeString(from), shapeString(to)))
		}
		s *= from[k]
	}
	idx := make([]int, sizeOf(to))
	counter := make([]int, len(to))
	for i := range idx {
		off := 0
		for d, c := range counter {
			off += c * strides[d]
		}
		idx[i] = off
		for d := len(to) - 1; d >= 0; d-- {
			counter[d]++
			if counter[d] < to[d] {
				break
			}
			counter[d] = 0
		}
	}
	return idx
}

// normAxis checks axis against a rank, allowing negative axes from the end.
func normAxis(op string, axis int, shape []int) int {
	r := len(shape)
	if axis < 0 {
		axis += r
	}
	if axis < 0 || axis >= r {
		panic(fmt.Sprintf("autodiff: %s: axis %d out of range for shape %s", op, axis, shapeString(shape)))
	}
	return axis
}
