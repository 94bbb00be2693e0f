package shard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Join checks that parts (read from paths, in the same order) are the
// shards 0…N−1 of one study, written by one build, with the same
// parameters and header, each exactly once and none interrupted, and
// returns the items of all indices in order. Errors name the files and
// what differs.
func Join(paths []string, parts []*Part) ([]json.RawMessage, error) {
	if len(paths) != len(parts) || len(parts) == 0 {
		panic(fmt.Sprintf("shard: Join: %d paths for %d parts (want as many, at least one)", len(paths), len(parts)))
	}
	for i, p := range parts {
		if unfinished := p.Unfinished(); unfinished > 0 {
			return nil, fmt.Errorf("%s is the file of an interrupted run (%d of %d %ss unfinished): finish it with 'saddle %s … --resume %s' first",
				paths[i], unfinished, len(p.Items), p.Index, p.Study, paths[i])
		}
	}
	for i := range parts[1:] {
		if err := sameStudy(paths[0], parts[0], paths[i+1], parts[i+1]); err != nil {
			return nil, err
		}
	}
	return inOrder(paths, parts)
}

// sameStudy checks that p is a part of the same study, build, parameters,
// split and header as p0.
func sameStudy(f0 string, p0 *Part, f string, p *Part) error {
	switch {
	case p.Study != p0.Study:
		return fmt.Errorf("%s is a part of a %s study, %s of a %s study: merge the parts of one study", f0, p0.Study, f, p.Study)
	case p.Saddle != p0.Saddle:
		return fmt.Errorf("%s was written by saddle %s, %s by saddle %s: run every shard with the same build", f0, p0.Saddle, f, p.Saddle)
	}
	if name, a, b, ok := ParamDiff(p0.Params, p.Params); ok {
		return fmt.Errorf("the parts were run with different parameters: --%s is %s in %s but %s in %s", name, a, f0, b, f)
	}
	switch {
	case p.Shards != p0.Shards:
		return fmt.Errorf("%s is a shard of %d, %s a shard of %d: merge the parts of one split", f0, p0.Shards, f, p.Shards)
	case p.Total != p0.Total:
		return fmt.Errorf("%s splits %d %ss, %s %d", f0, p0.Total, p0.Index, f, p.Total)
	}
	if key, err := HeaderDiff(p0.Header, p.Header); err != nil {
		return fmt.Errorf("%s: header: %v", f, err)
	} else if key != "" {
		return fmt.Errorf("%s and %s computed different %q with the same parameters (different input files or builds?)", f0, f, key)
	}
	return nil
}

// inOrder puts the items of shards 0…N−1 together, refusing a shard given
// twice or missing.
func inOrder(paths []string, parts []*Part) ([]json.RawMessage, error) {
	p0 := parts[0]
	owner := make([]int, p0.Shards)
	for i := range owner {
		owner[i] = -1
	}
	for i, p := range parts {
		if j := owner[p.Shard]; j >= 0 {
			return nil, fmt.Errorf("shard %d of %d is given twice: %s and %s", p.Shard, p0.Shards, paths[j], paths[i])
		}
		owner[p.Shard] = i
	}
	var missing []string
	for k, j := range owner {
		if j < 0 {
			missing = append(missing, strconv.Itoa(k))
		}
	}
	if len(missing) > 0 {
		s := "shard"
		if len(missing) > 1 {
			s = "shards"
		}
		if len(missing) > 20 {
			missing = append(missing[:20], "…")
		}
		return nil, fmt.Errorf("missing %s %s of %d (%d of %d parts given)", s, strings.Join(missing, ", "), p0.Shards, len(parts), p0.Shards)
	}
	items := make([]json.RawMessage, 0, p0.Total)
	for _, j := range owner {
		items = append(items, parts[j].Items...)
	}
	return items, nil
}

// ParamDiff returns the first parameter, by name, whose value differs
// between a and b, both values quoted ("(unset)" where one lacks it).
func ParamDiff(a, b map[string]string) (name, va, vb string, found bool) {
	for _, n := range unionKeys(a, b) {
		x, okx := a[n]
		y, oky := b[n]
		if okx != oky || x != y {
			if !okx {
				x = "(unset)"
			}
			if !oky {
				y = "(unset)"
			}
			return n, strconv.Quote(x), strconv.Quote(y), true
		}
	}
	return "", "", "", false
}

// HeaderDiff returns the first top-level key, by name, whose value differs
// between two headers (JSON objects); "" when they are the same.
func HeaderDiff(a, b json.RawMessage) (string, error) {
	var ma, mb map[string]json.RawMessage
	if err := json.Unmarshal(a, &ma); err != nil {
		return "", err
	}
	if err := json.Unmarshal(b, &mb); err != nil {
		return "", err
	}
	for _, k := range unionKeys(ma, mb) {
		if !bytes.Equal(compactJSON(ma[k]), compactJSON(mb[k])) {
			return k, nil
		}
	}
	return "", nil
}

// unionKeys returns the keys of a and b, each once, sorted.
func unionKeys[V any](a, b map[string]V) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func compactJSON(b json.RawMessage) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return b
	}
	return buf.Bytes()
}
