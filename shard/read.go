package shard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/internal/inputfile"
)

// Read reads and checks one part file: the format and its version, a study
// known to studies (study name → what an item is; nil accepts any), a
// shard within the split, the block of indices Range gives and one item
// per index. Every error is one line naming the file; a JSON error has its
// line:column.
func Read(path string, studies map[string]string) (*Part, error) {
	data, err := inputfile.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p Part
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: not a readable part file (truncated or corrupt?): %s", path, jsonErrorAt(data, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: not a part file: more data after the JSON document", path)
	}
	if msg := p.check(studies); msg != "" {
		return nil, fmt.Errorf("%s: not a valid part file: %s", path, msg)
	}
	return &p, nil
}

// check returns what is wrong with a decoded part ("" when nothing is).
func (p *Part) check(studies map[string]string) string {
	switch {
	case p.Format != FormatName:
		return fmt.Sprintf("format is %q, want %q", p.Format, FormatName)
	case p.FormatVersion != FormatVersion:
		return fmt.Sprintf("format version %d, this saddle reads version %d", p.FormatVersion, FormatVersion)
	}
	if studies != nil {
		index, ok := studies[p.Study]
		if !ok {
			names := make([]string, 0, len(studies))
			for n := range studies {
				names = append(names, n)
			}
			sort.Strings(names)
			return fmt.Sprintf("study %q cannot be merged (known: %s)", p.Study, strings.Join(names, ", "))
		}
		if p.Index != index {
			return fmt.Sprintf("%s parts hold one %s per item, this one says %q", p.Study, index, p.Index)
		}
	}
	switch {
	case p.Shards < 1 || p.Shards > MaxShards:
		return fmt.Sprintf("shards is %d, want 1..%d", p.Shards, MaxShards)
	case p.Shard < 0 || p.Shard >= p.Shards:
		return fmt.Sprintf("shard is %d, want 0..%d", p.Shard, p.Shards-1)
	case p.Total < 0:
		return fmt.Sprintf("total is %d", p.Total)
	case p.Params == nil:
		return "no params"
	case len(p.Header) == 0 || string(p.Header) == "null":
		return "no header"
	}
	if first, end := Range(p.Shard, p.Shards, p.Total); p.First != first || p.End != end {
		return fmt.Sprintf("shard %d of %d over %d items should hold indices %d..%d, it says %d..%d",
			p.Shard, p.Shards, p.Total, first, end-1, p.First, p.End-1)
	}
	if len(p.Items) != p.End-p.First {
		return fmt.Sprintf("%d items for indices %d..%d (%d expected)", len(p.Items), p.First, p.End-1, p.End-p.First)
	}
	return ""
}

// jsonErrorAt describes a JSON decoding error with its line:column when
// known.
func jsonErrorAt(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("the JSON ends early at byte %d", len(data))
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err.Error()
	}
	line, col := 1, 1
	for _, b := range data[:min(int(off), len(data))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	if te != nil {
		// Not the Go type's name ("shard.Part"): what was found, and where.
		what := "a value"
		if te.Field != "" {
			what = "field " + strconv.Quote(te.Field)
		}
		return fmt.Sprintf("line %d:%d: %s is a JSON %s, which does not fit", line, col, what, te.Value)
	}
	return fmt.Sprintf("line %d:%d: %v", line, col, err)
}

// strictUnmarshal decodes data into v, refusing unknown fields.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
