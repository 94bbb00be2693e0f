package shard

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Study is what a study supplies to be merged: its name, what one item is,
// and its summary. H is the header's type, I an item's, R the summary's.
type Study[H, I, R any] struct {
	Name  string // the study's name in its parts
	Index string // what an item is ("restart")
	// Summarize joins the header and the items of all indices, in order,
	// into the result of the unsharded run; an *ItemError names a bad item
	// by its index.
	Summarize func(h H, items []I) (R, error)
}

// Merge joins parts (read from paths, in the same order) with Join,
// decodes the header and the items strictly and summarises them. An error
// about one item names the part file that holds it; other errors name the
// first file.
func (s Study[H, I, R]) Merge(paths []string, parts []*Part) (R, H, error) {
	var r R
	var h H
	raw, err := Join(paths, parts)
	if err != nil {
		return r, h, err
	}
	h, items, err := Decode[H, I](parts[0].Header, raw, s.Index)
	if err == nil {
		r, err = s.Summarize(h, items)
	}
	if err != nil {
		var ie *ItemError
		if errors.As(err, &ie) {
			for i, p := range parts {
				if ie.Index >= p.First && ie.Index < p.End {
					return r, h, fmt.Errorf("%s: %v", paths[i], err)
				}
			}
		}
		return r, h, fmt.Errorf("%s (and the other parts): %v", paths[0], err)
	}
	return r, h, nil
}

// MergeFiles reads the part files (Read, this study only) and merges them.
func (s Study[H, I, R]) MergeFiles(paths ...string) (R, H, error) {
	var r R
	var h H
	if len(paths) == 0 {
		return r, h, fmt.Errorf("no part files given")
	}
	parts := make([]*Part, len(paths))
	for i, path := range paths {
		p, err := Read(path, map[string]string{s.Name: s.Index})
		if err != nil {
			return r, h, err
		}
		parts[i] = p
	}
	return s.Merge(paths, parts)
}

// Decode decodes a header and items strictly (no unknown fields); an error
// about an item is an *ItemError naming index and its position.
func Decode[H, I any](header json.RawMessage, items []json.RawMessage, index string) (H, []I, error) {
	var h H
	if err := strictUnmarshal(header, &h); err != nil {
		return h, nil, fmt.Errorf("header: %v", err)
	}
	out := make([]I, len(items))
	for i, raw := range items {
		if err := strictUnmarshal(raw, &out[i]); err != nil {
			return h, nil, &ItemError{Index: i, Msg: fmt.Sprintf("%s %d: %v", index, i, err)}
		}
	}
	return h, out, nil
}

// Resume checks that p, the part file of an interrupted run (read with
// Read), can be continued by the run that m and header describe: the same
// study, build, shard and parameters (*UsageError when they differ) and
// the same header (a different header with the same parameters means
// different input data or builds).
func Resume(p *Part, m Meta, header any) error {
	switch {
	case p.Study != m.Study:
		return usagef("the file is from a %s run, not %s", p.Study, m.Study)
	case p.Saddle != Version():
		return fmt.Errorf("written by saddle %s, this is %s: the results could differ; rerun with one build", p.Saddle, Version())
	case p.Shard != m.Shard || p.Shards != m.Shards:
		return usagef("the file is shard %d/%d, this run is shard %d/%d", p.Shard, p.Shards, m.Shard, m.Shards)
	}
	if name, was, now, ok := ParamDiff(p.Params, m.Params); ok {
		return usagef("it was run with --%s %s, this command has %s (give the same flags)", name, was, now)
	}
	want, err := json.Marshal(header)
	if err != nil {
		return err
	}
	if key, err := HeaderDiff(p.Header, want); err != nil || key != "" {
		return fmt.Errorf("the file's %q differs from this run's (different data or build?)", key)
	}
	return nil
}

// Indexes maps the name of each study of this package (Restarts, Sweep,
// Landscape, Escape) to what one of its items is: the studies argument of
// Read for a reader of any of their parts.
func Indexes() map[string]string {
	return map[string]string{Restarts().Name: Restarts().Index, Sweep().Name: Sweep().Index,
		Landscape().Name: Landscape().Index, Escape().Name: Escape().Index}
}
