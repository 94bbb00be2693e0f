package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/internal/inputfile"
	"github.com/saddle-dev/saddle/nn"
)

// Sharding: a study whose work is a list of independent items (restarts,
// learning rates, grid rows, escape runs), each seeded by its own index,
// can run a slice of the list on each machine of a batch scheduler (a
// Slurm job array, a Kubernetes Indexed Job) and write a part file;
// `saddle merge` joins the parts into exactly the document the
// single-machine run prints with --json.
//
// Shard K of N (K = 0…N−1) runs the contiguous block of indices
// [⌊K·T/N⌋, ⌊(K+1)·T/N⌋) of the T items of the study: the blocks cover
// 0…T−1 once, in order, and differ in size by at most one. N may exceed T
// (some parts are then empty).

// shardEnv names the environment variables read when --shards is given
// without --shard.
const (
	envK8sIndex = "JOB_COMPLETION_INDEX" // Kubernetes Indexed Job: 0…completions−1
	envSlurmID  = "SLURM_ARRAY_TASK_ID"  // Slurm job array: this task's ID, which is K
)

// maxShards bounds N: beyond it the parts would be mostly overhead.
const maxShards = 1_000_000

// partFormatName and partFormatVersion identify a part file; merge rejects
// other versions.
const (
	partFormatName    = "saddle-part"
	partFormatVersion = 1
)

// nonResultFlags are the flags that do not change a study's results; they
// are left out of a part's parameters (the rest must be equal in every part
// of a merge).
var nonResultFlags = map[string]bool{
	"json": true, "plot": true, "csv": true, "workers": true,
	"shard": true, "shards": true, "part": true, "save": true, "resume": true,
}

// shardFlags are --shard, --shards and --part.
type shardFlags struct {
	shard  *string
	shards *int
	part   *string
}

// addShardFlags registers --shard, --shards and --part on fs for the
// subcommand study; unit names what it splits ("restarts", "learning
// rates", …).
func addShardFlags(fs *flag.FlagSet, study, unit string) *shardFlags {
	return &shardFlags{
		shard: fs.String("shard", "", "run only shard K/N of the "+unit+" (K = 0…N−1, a contiguous block of indices) and write a part file for 'saddle merge'"),
		shards: fs.Int("shards", 0, "split into N shards and take this run's K from "+envK8sIndex+" (Kubernetes Indexed Job) or "+
			envSlurmID+" (Slurm job array numbered from 0); with --shard, N must agree"),
		part: fs.String("part", "", "the part file of a sharded run (default "+study+".part-K-of-N.json)"),
	}
}

// shardRange returns the block of indices [first, end) of shard k of n over
// total items.
func shardRange(k, n, total int) (first, end int) {
	return int(int64(k) * int64(total) / int64(n)), int(int64(k+1) * int64(total) / int64(n))
}

// spec returns the shard this run is, and false when the run is not
// sharded. Usage errors name the flag or the environment variable.
//
// A shard sees only its slice of the study, so the flags that need the whole
// study (--plot, --csv) are refused with --shard: the figure is drawn by
// 'saddle merge --plot'.
func (sf *shardFlags) spec(fs *flag.FlagSet) (k, n int, sharded bool, err error) {
	k, n, sharded, err = sf.parse(fs)
	if err != nil || !sharded {
		return k, n, sharded, err
	}
	for _, name := range []string{"plot", "csv"} {
		if flagSet(fs, name) {
			return 0, 0, false, usagef("--%s needs the whole study: give it to 'saddle merge', not with --shard", name)
		}
	}
	return k, n, true, nil
}

// parse reads --shard, --shards and the scheduler's environment.
func (sf *shardFlags) parse(fs *flag.FlagSet) (k, n int, sharded bool, err error) {
	if *sf.shard != "" {
		ks, ns, ok := strings.Cut(*sf.shard, "/")
		k, err1 := strconv.Atoi(strings.TrimSpace(ks))
		n, err2 := strconv.Atoi(strings.TrimSpace(ns))
		if !ok || err1 != nil || err2 != nil || n < 1 || n > maxShards || k < 0 || k >= n {
			return 0, 0, false, usagef("--shard %q: want K/N with whole numbers 0 ≤ K < N ≤ %d (shards count from 0), e.g. 0/4", *sf.shard, maxShards)
		}
		if flagSet(fs, "shards") && *sf.shards != n {
			return 0, 0, false, usagef("--shard %s and --shards %d disagree on the number of shards", *sf.shard, *sf.shards)
		}
		return k, n, true, nil
	}
	if !flagSet(fs, "shards") {
		if *sf.part != "" {
			return 0, 0, false, usagef("--part goes with --shard K/N or --shards N")
		}
		return 0, 0, false, nil
	}
	n = *sf.shards
	if n < 1 || n > maxShards {
		return 0, 0, false, usagef("--shards must be in 1..%d, got %d", maxShards, n)
	}
	k, err = shardFromEnv(n)
	return k, n, true, err
}

// shardFromEnv reads this run's shard number from the environment:
// JOB_COMPLETION_INDEX (Kubernetes) if set, else SLURM_ARRAY_TASK_ID. The
// task's own ID is K and n is the study's shard count from --shards, never
// the array's size or first ID: a task resubmitted on its own
// (sbatch --array=5 …, a one-task array) is still shard 5 of n, and an
// array of any shape (0-15, 3,5, 0-15%4) runs the shards it names.
func shardFromEnv(n int) (int, error) {
	for _, name := range []string{envK8sIndex, envSlurmID} {
		s, ok := os.LookupEnv(name)
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		k, err := strconv.Atoi(strings.TrimSpace(s))
		switch {
		case err != nil || k < 0:
			return 0, usagef("%s=%q is not a whole number ≥ 0", name, s)
		case k >= n && name == envK8sIndex:
			return 0, usagef("%s=%d is not below --shards %d (set the Job's completions to %d)", name, k, n, n)
		case k >= n:
			return 0, usagef("%s=%d is not below --shards %d (array task IDs are the shards 0…%d: submit --array=0-%d)", name, k, n, n-1, n-1)
		}
		return k, nil
	}
	return 0, usagef("--shards %d without --shard: neither %s nor %s is set (give --shard K/%d)", n, envK8sIndex, envSlurmID, n)
}

// partFile is the JSON document a sharded run writes. Everything merge
// needs is in it: the study, every parameter that affects the results, the
// values computed before the per-index work (Header, equal in every part)
// and the results of the indices First…End−1 (Items).
type partFile struct {
	Format        string `json:"format"`         // "saddle-part"
	FormatVersion int    `json:"format_version"` // partFormatVersion
	Saddle        string `json:"saddle_version"` // the build that wrote it
	Study         string `json:"study"`          // the subcommand: restarts, sweep, landscape, escape
	// Params holds every flag that affects the results, given or default,
	// as the flag package prints it.
	Params map[string]string `json:"params"`
	Index  string            `json:"index"`  // what an item is: "restart", "lr", "row", "run"
	Shard  int               `json:"shard"`  // K, 0-based
	Shards int               `json:"shards"` // N
	Total  int               `json:"total"`  // items of the whole study
	First  int               `json:"first"`  // the first index of this part
	End    int               `json:"end"`    // one past the last index
	// Header is the study's own data computed before the per-index work.
	Header json.RawMessage `json:"header"`
	// Items[i] is the result of index First+i.
	Items []json.RawMessage `json:"items"`
}

// fileFlags are the flags whose value may name an input file; its content
// is part of the parameters.
var fileFlags = map[string]bool{"data": true, "init": true, "params": true, "to": true}

// studyParams returns every flag of fs that affects the results, by name,
// and for a flag naming an existing file ("--data points.csv") also the
// SHA-256 of its content, under "NAME (file sha256)": parts computed from
// different files of the same name do not merge.
func studyParams(fs *flag.FlagSet) map[string]string {
	params := map[string]string{}
	fs.VisitAll(func(f *flag.Flag) {
		if nonResultFlags[f.Name] {
			return
		}
		v := f.Value.String()
		params[f.Name] = v
		if fileFlags[f.Name] && v != "" {
			if data, err := inputfile.ReadFile(v); err == nil {
				sum := sha256.Sum256(data)
				params[f.Name+" (file sha256)"] = hex.EncodeToString(sum[:])
			}
		}
	})
	return params
}

// defaultPartName is STUDY.part-K-of-N.json, K zero-padded to the width of
// N−1 so that the parts sort in order.
func defaultPartName(study string, k, n int) string {
	w := len(strconv.Itoa(n - 1))
	return fmt.Sprintf("%s.part-%0*d-of-%d.json", study, w, k, n)
}

// partSummary is what a sharded run prints with --json.
type partSummary struct {
	Part   string `json:"part"`
	Study  string `json:"study"`
	Shard  int    `json:"shard"`
	Shards int    `json:"shards"`
	Total  int    `json:"total"`
	First  int    `json:"first"`
	End    int    `json:"end"`
}

// writePart writes the part of shard k of n of study (indices first…end−1
// of total) atomically to --part (or the default name) and reports it on
// stdout: one line, or one JSON document with --json.
func writePart(e *env, sf *shardFlags, fs *flag.FlagSet, study, index string, k, n, total, first int, header any, items []any, jsonOut bool) error {
	data, err := encodePart(fs, study, index, k, n, total, first, header, items)
	if err != nil {
		return err
	}
	path := sf.path(study, k, n)
	if err := atomicfile.WriteBytes(path, data); err != nil {
		return err
	}
	end := first + len(items)
	if jsonOut {
		return writeJSON(e, partSummary{Part: path, Study: study, Shard: k, Shards: n, Total: total, First: first, End: end})
	}
	which := fmt.Sprintf("%s %d..%d of %d", index, first, end-1, total)
	if end == first {
		which = fmt.Sprintf("empty: %d %ss over %d shards", total, index, n)
	}
	fmt.Fprintf(e.stdout, "wrote %s: shard %d of %d (%s); join the parts with 'saddle merge'\n", path, k, n, which)
	return nil
}

// path is the part file of shard k of n: --part, or the default name.
func (sf *shardFlags) path(study string, k, n int) string {
	if *sf.part != "" {
		return *sf.part
	}
	return defaultPartName(study, k, n)
}

// encodePart returns the part file of shard k of n of study holding items
// (the results of indices first…first+len(items)−1): indented JSON with
// one compact line per item. A nil item is written as null: an index an
// interrupted run did not finish (merge refuses such a file; --resume
// reads it).
func encodePart(fs *flag.FlagSet, study, index string, k, n, total, first int, header any, items []any) ([]byte, error) {
	hdr, err := json.Marshal(header)
	if err != nil {
		return nil, fmt.Errorf("cannot encode the part's header: %v", err)
	}
	pf := partFile{Format: partFormatName, FormatVersion: partFormatVersion, Saddle: saddleVersion(), Study: study,
		Params: studyParams(fs), Index: index, Shard: k, Shards: n, Total: total, First: first, End: first + len(items),
		Header: hdr}
	// Indented, except the items: one compact line each.
	doc, err := json.MarshalIndent(pf, "", " ")
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
		b, err := json.Marshal(it)
		if err != nil {
			return nil, fmt.Errorf("cannot encode %s %d: %v", index, first+i, err)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n  ")
		buf.Write(b)
	}
	buf.WriteString("\n ]\n}\n")
	return buf.Bytes(), nil
}

// saddleVersion names this build: the module version, the VCS revision
// when the build recorded it ("(devel)" for a plain go build or test), and
// the platform — floating-point results may differ between architectures
// (the compiler fuses multiply-adds on some), so parts from different ones
// do not merge.
func saddleVersion() string {
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

// partFloat is a float64 that keeps NaN and ±Inf through JSON (as the
// strings "NaN", "+Inf", "-Inf"), so that a part holds exactly what the
// run computed; finite values are written in the shortest form that reads
// back to the same bits.
type partFloat float64

func (f partFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"+Inf"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Inf"`), nil
	}
	return []byte(strconv.FormatFloat(v, 'g', -1, 64)), nil
}

func (f *partFloat) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*f = partFloat(math.NaN())
		return nil
	case `"+Inf"`:
		*f = partFloat(math.Inf(1))
		return nil
	case `"-Inf"`:
		*f = partFloat(math.Inf(-1))
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("%s is not a number", b)
	}
	*f = partFloat(v)
	return nil
}

func partFloats(xs []float64) []partFloat {
	out := make([]partFloat, len(xs))
	for i, x := range xs {
		out[i] = partFloat(x)
	}
	return out
}

func fromPartFloats(xs []partFloat) []float64 {
	if xs == nil {
		return nil
	}
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

// netArch is a net's architecture in a part's header.
type netArch struct {
	Sizes  []int  `json:"sizes"`
	Hidden string `json:"hidden"`
	Output string `json:"output"`
}

func archOf(m nn.MLP) netArch {
	return netArch{Sizes: m.Sizes, Hidden: string(m.Hidden), Output: string(m.Output)}
}

// mlp rebuilds the net; a bad architecture is an error naming it.
func (a netArch) mlp() (nn.MLP, error) {
	m := nn.MLP{Sizes: a.Sizes, Hidden: nn.Activation(a.Hidden), Output: nn.Activation(a.Output)}
	if err := m.Validate(); err != nil {
		return nn.MLP{}, fmt.Errorf("net %v: %s", a.Sizes, trimNN(err))
	}
	return m, nil
}

// dataDigest is the SHA-256 of a dataset's shape and values: parts computed
// from different data files under the same name do not merge.
func dataDigest(d nn.Dataset) string {
	h := sha256.New()
	var b [8]byte
	for _, v := range []int{d.N, d.In, d.Out} {
		binary.LittleEndian.PutUint64(b[:], uint64(v))
		h.Write(b[:])
	}
	for _, xs := range [][]float64{d.X, d.Y} {
		for _, x := range xs {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			h.Write(b[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
