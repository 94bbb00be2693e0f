package shard

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"

	"github.com/saddle-dev/saddle/internal/inputfile"
)

// FlagParams returns the parameters of a study run from the command line
// fs, for a part's Meta: every flag of fs but those in skip (the flags
// that do not change the results: output files, worker counts, the shard
// itself), by name with its value. For a flag in files naming a readable
// file ("--data points.csv") it adds the SHA-256 of the file's content
// under "NAME (file sha256)", so that parts computed from different files
// of the same name do not merge.
func FlagParams(fs *flag.FlagSet, skip, files map[string]bool) map[string]string {
	params := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) {
		if skip[f.Name] {
			return
		}
		v := f.Value.String()
		params[f.Name] = v
		if files[f.Name] && v != "" {
			if data, err := inputfile.ReadFile(v); err == nil {
				sum := sha256.Sum256(data)
				params[f.Name+" (file sha256)"] = hex.EncodeToString(sum[:])
			}
		}
	})
	return params
}

// Summary is what a run that wrote the part p to path reports (`saddle
// … --shard K/N --json`).
type Summary struct {
	Part   string `json:"part"`
	Study  string `json:"study"`
	Shard  int    `json:"shard"`
	Shards int    `json:"shards"`
	Total  int    `json:"total"`
	First  int    `json:"first"`
	End    int    `json:"end"`
}

// Summary is the summary of p, written to path.
func (p *Part) Summary(path string) Summary {
	return Summary{Part: path, Study: p.Study, Shard: p.Shard, Shards: p.Shards, Total: p.Total, First: p.First, End: p.End}
}

// String says which indices p holds: "shard 1 of 3 (restart 4..7 of 12)",
// or that it is empty when there are more shards than items.
func (p *Part) String() string {
	which := fmt.Sprintf("%s %d..%d of %d", p.Index, p.First, p.End-1, p.Total)
	if p.End == p.First {
		which = fmt.Sprintf("empty: %d %ss over %d shards", p.Total, p.Index, p.Shards)
	}
	return fmt.Sprintf("shard %d of %d (%s)", p.Shard, p.Shards, which)
}
