package shard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/saddle-dev/saddle/internal/atomicfile"
)

// FormatName and FormatVersion identify a part file; Read rejects other
// versions.
const (
	FormatName    = "saddle-part"
	FormatVersion = 1
)

// Part is the JSON document a shard writes. Everything a merge needs is in
// it: the study, every parameter that affects the results, the values
// computed before the per-index work (Header, equal in every part) and the
// results of the indices First…End−1 (Items).
type Part struct {
	Format        string `json:"format"`         // FormatName
	FormatVersion int    `json:"format_version"` // FormatVersion
	Saddle        string `json:"saddle_version"` // the build that wrote it (Version)
	Study         string `json:"study"`          // restarts, sweep, landscape, escape, …
	// Params holds every setting that affects the results (the command
	// line: every such flag, given or default, as the flag package prints
	// it).
	Params map[string]string `json:"params"`
	Index  string            `json:"index"`  // what an item is: "restart", "lr", "row", "run"
	Shard  int               `json:"shard"`  // K, 0-based
	Shards int               `json:"shards"` // N
	Total  int               `json:"total"`  // items of the whole study
	First  int               `json:"first"`  // the first index of this part
	End    int               `json:"end"`    // one past the last index
	// Header is the study's own data computed before the per-index work.
	Header json.RawMessage `json:"header"`
	// Items[i] is the result of index First+i; null for an index an
	// interrupted run did not finish.
	Items []json.RawMessage `json:"items"`
}

// Meta says which study a part belongs to and which block of it it holds.
type Meta struct {
	Study  string            // the study's name
	Index  string            // what an item is
	Params map[string]string // every setting that affects the results
	Shard  int               // K
	Shards int               // N
	Total  int               // items of the whole study
}

// New returns the part of shard m.Shard of m.Shards holding items, the
// results of the indices Range(m.Shard, m.Shards, m.Total) from the first
// on, and the study's header. A nil item (a nil pointer, a nil any) is
// written as null: an index an interrupted run did not finish (Join refuses
// such a part; Resume reads it).
func New[H, I any](m Meta, header H, items []I) (*Part, error) {
	hdr, err := json.Marshal(header)
	if err != nil {
		return nil, fmt.Errorf("cannot encode the part's header: %v", err)
	}
	first, _ := Range(m.Shard, m.Shards, m.Total)
	p := &Part{Format: FormatName, FormatVersion: FormatVersion, Saddle: Version(), Study: m.Study,
		Params: m.Params, Index: m.Index, Shard: m.Shard, Shards: m.Shards, Total: m.Total, First: first, End: first + len(items),
		Header: hdr, Items: make([]json.RawMessage, len(items))}
	for i, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return nil, fmt.Errorf("cannot encode %s %d: %v", m.Index, first+i, err)
		}
		p.Items[i] = b
	}
	return p, nil
}

// Encode returns the part as indented JSON with one compact line per item.
func (p *Part) Encode() ([]byte, error) {
	items := p.Items
	q := *p
	q.Items = nil
	doc, err := json.MarshalIndent(q, "", " ")
	if err != nil {
		return nil, fmt.Errorf("cannot encode the part: %v", err)
	}
	const tail = "null\n}"
	if !bytes.HasSuffix(doc, []byte(tail)) {
		return nil, fmt.Errorf("cannot encode the part: unexpected layout")
	}
	var buf bytes.Buffer
	buf.Write(doc[:len(doc)-len(tail)])
	buf.WriteString("[")
	for i, it := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n  ")
		if err := json.Compact(&buf, it); err != nil {
			return nil, fmt.Errorf("cannot encode %s %d: %v", p.Index, p.First+i, err)
		}
	}
	buf.WriteString("\n ]\n}\n")
	return buf.Bytes(), nil
}

// Write writes the part to path atomically (a temporary file renamed into
// place): a reader never sees half a part.
func (p *Part) Write(path string) error {
	data, err := p.Encode()
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(path, data)
}

// Unfinished counts the items an interrupted run left null.
func (p *Part) Unfinished() int {
	n := 0
	for _, it := range p.Items {
		if string(it) == "null" {
			n++
		}
	}
	return n
}

// Version names this build: the module version, the VCS revision when the
// build recorded it ("(devel)" for a plain go build or test), and the
// platform — floating-point results may differ between architectures (the
// compiler fuses multiply-adds on some), so parts from different ones do
// not merge.
func Version() string {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown" + platform
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision":
			v += " " + s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			v += "+dirty"
		}
	}
	return v + platform
}
