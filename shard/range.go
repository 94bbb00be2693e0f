package shard

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxShards bounds N: beyond it the parts would be mostly overhead.
const MaxShards = 1_000_000

// Range returns the block of indices [first, end) of shard k of n over
// total items: [⌊k·total/n⌋, ⌊(k+1)·total/n⌋).
func Range(k, n, total int) (first, end int) {
	return int(int64(k) * int64(total) / int64(n)), int(int64(k+1) * int64(total) / int64(n))
}

// Parse reads a shard given as "K/N" (whole numbers 0 ≤ K < N ≤
// MaxShards). The error quotes s and says what is wanted.
func Parse(s string) (k, n int, err error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || n < 1 || n > MaxShards || k < 0 || k >= n {
		return 0, 0, usagef("%q: want K/N with whole numbers 0 ≤ K < N ≤ %d (shards count from 0), e.g. 0/4", s, MaxShards)
	}
	return k, n, nil
}

// PartName is the default name of the part file of shard k of n of study:
// STUDY.part-K-of-N.json, K zero-padded to the width of N−1 so that the
// parts sort in order.
func PartName(study string, k, n int) string {
	w := len(strconv.Itoa(n - 1))
	return fmt.Sprintf("%s.part-%0*d-of-%d.json", study, w, k, n)
}
