package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/internal/inputfile"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/optim/escape"
)

func init() {
	register(&command{
		name:    "merge",
		summary: "join the part files of a sharded study (--shard K/N) into the single-machine result",
		usage:   "saddle merge PART… [--out FILE] [--json] [--plot FILE.png|.svg]",
		example: "saddle merge restarts.part-*-of-8.json --out restarts.json",
		run:     runMerge,
	})
}

// partStudy is what merge knows of a study that can be sharded.
type partStudy struct {
	index string // what an item is
	// merge joins the header and the items of all indices, in order, into
	// the unsharded run's results.
	merge func(header json.RawMessage, items []json.RawMessage) (merged, error)
}

// merged is a study joined from its parts.
type merged struct {
	doc  any                     // the document of the unsharded run's --json
	text func(w io.Writer)       // prints the unsharded run's text output
	plot func(path string) error // draws the study's figure
}

// partStudies are the studies merge can join, by subcommand name.
var partStudies = map[string]partStudy{
	"restarts":  {index: "restart", merge: mergeRestarts},
	"sweep":     {index: "lr", merge: mergeSweep},
	"landscape": {index: "row", merge: mergeLandscape},
	"escape":    {index: "run", merge: mergeEscape},
}

func runMerge(e *env, args []string) error {
	c := commands["merge"]
	fs := newFlags(c)
	out := fs.String("out", "", "write the merged JSON document (the unsharded run's --json output) atomically to FILE")
	jsonOut := fs.Bool("json", false, "print the merged JSON document on stdout (else the study's text summary)")
	plotPath := fs.String("plot", "", "draw the study's figure to FILE.png|.svg (sweep: the loss traces only)")
	// Flags may come after the parts: parse, take a part, parse the rest.
	var paths []string
	for rest := args; ; {
		pos, err := parseFlags(e, c, fs, rest, true)
		if err != nil {
			return err
		}
		if len(pos) == 0 {
			break
		}
		paths, rest = append(paths, pos[0]), pos[1:]
	}
	if len(paths) == 0 {
		return usagef("no part files given (see 'saddle merge -h')")
	}
	if *plotPath != "" {
		if _, err := plotFormat(*plotPath); err != nil {
			return err
		}
	}
	parts := make([]*partFile, len(paths))
	for i, p := range paths {
		pf, err := readPart(p)
		if err != nil {
			return err
		}
		parts[i] = pf
	}
	items, err := checkParts(paths, parts)
	if err != nil {
		return err
	}
	m, err := partStudies[parts[0].Study].merge(parts[0].Header, items)
	if err != nil {
		var ie *itemError
		if errors.As(err, &ie) {
			for i, p := range parts {
				if ie.index >= p.First && ie.index < p.End {
					return fmt.Errorf("%s: %v", paths[i], err)
				}
			}
		}
		return fmt.Errorf("%s (and the other parts): %v", paths[0], err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m.doc); err != nil {
		return fmt.Errorf("cannot encode JSON: %v", err)
	}
	if *out != "" {
		if err := atomicfile.WriteBytes(*out, buf.Bytes()); err != nil {
			return err
		}
	}
	if *plotPath != "" {
		if err := m.plot(*plotPath); err != nil {
			return err
		}
	}
	if *jsonOut {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	m.text(e.stdout)
	return nil
}

// readPart reads and checks one part file; every error is one line naming
// the file.
func readPart(path string) (*partFile, error) {
	data, err := inputfile.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var pf partFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pf); err != nil {
		return nil, fmt.Errorf("%s: not a readable part file (truncated or corrupt?): %s", path, jsonErrorAt(data, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: not a part file: more data after the JSON document", path)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: not a valid part file: %s", path, fmt.Sprintf(format, args...))
	}
	switch {
	case pf.Format != partFormatName:
		return nil, bad("format is %q, want %q", pf.Format, partFormatName)
	case pf.FormatVersion != partFormatVersion:
		return nil, bad("format version %d, this saddle reads version %d", pf.FormatVersion, partFormatVersion)
	}
	st, ok := partStudies[pf.Study]
	if !ok {
		names := make([]string, 0, len(partStudies))
		for n := range partStudies {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, bad("study %q cannot be merged (known: %s)", pf.Study, strings.Join(names, ", "))
	}
	switch {
	case pf.Index != st.index:
		return nil, bad("%s parts hold one %s per item, this one says %q", pf.Study, st.index, pf.Index)
	case pf.Shards < 1 || pf.Shards > maxShards:
		return nil, bad("shards is %d, want 1..%d", pf.Shards, maxShards)
	case pf.Shard < 0 || pf.Shard >= pf.Shards:
		return nil, bad("shard is %d, want 0..%d", pf.Shard, pf.Shards-1)
	case pf.Total < 0:
		return nil, bad("total is %d", pf.Total)
	case pf.Params == nil:
		return nil, bad("no params")
	case len(pf.Header) == 0 || string(pf.Header) == "null":
		return nil, bad("no header")
	}
	if first, end := shardRange(pf.Shard, pf.Shards, pf.Total); pf.First != first || pf.End != end {
		return nil, bad("shard %d of %d over %d items should hold indices %d..%d, it says %d..%d",
			pf.Shard, pf.Shards, pf.Total, first, end-1, pf.First, pf.End-1)
	}
	if len(pf.Items) != pf.End-pf.First {
		return nil, bad("%d items for indices %d..%d (%d expected)", len(pf.Items), pf.First, pf.End-1, pf.End-pf.First)
	}
	return &pf, nil
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
		// Not the Go type's name ("main.partFile"): what was found, and where.
		what := "a value"
		if te.Field != "" {
			what = "field " + strconv.Quote(te.Field)
		}
		return fmt.Sprintf("line %d:%d: %s is a JSON %s, which does not fit", line, col, what, te.Value)
	}
	return fmt.Sprintf("line %d:%d: %v", line, col, err)
}

// checkParts checks that the parts are the shards 0…N−1 of one study with
// the same parameters and header, each exactly once, and returns the items
// of all indices in order. Errors name the files and what differs.
func checkParts(paths []string, parts []*partFile) ([]json.RawMessage, error) {
	for i, p := range parts {
		unfinished := 0
		for _, it := range p.Items {
			if string(it) == "null" {
				unfinished++
			}
		}
		if unfinished > 0 {
			return nil, fmt.Errorf("%s is the file of an interrupted run (%d of %d %ss unfinished): finish it with 'saddle %s … --resume %s' first",
				paths[i], unfinished, len(p.Items), p.Index, p.Study, paths[i])
		}
	}
	p0, f0 := parts[0], paths[0]
	for i, p := range parts[1:] {
		f := paths[i+1]
		switch {
		case p.Study != p0.Study:
			return nil, fmt.Errorf("%s is a part of a %s study, %s of a %s study: merge the parts of one study", f0, p0.Study, f, p.Study)
		case p.Saddle != p0.Saddle:
			return nil, fmt.Errorf("%s was written by saddle %s, %s by saddle %s: run every shard with the same build", f0, p0.Saddle, f, p.Saddle)
		}
		if name, a, b, ok := firstDiff(p0.Params, p.Params); ok {
			return nil, fmt.Errorf("the parts were run with different parameters: --%s is %s in %s but %s in %s", name, a, f0, b, f)
		}
		switch {
		case p.Shards != p0.Shards:
			return nil, fmt.Errorf("%s is a shard of %d, %s a shard of %d: merge the parts of one split", f0, p0.Shards, f, p.Shards)
		case p.Total != p0.Total:
			return nil, fmt.Errorf("%s splits %d %ss, %s %d", f0, p0.Total, p0.Index, f, p.Total)
		}
		if key, err := headerDiff(p0.Header, p.Header); err != nil {
			return nil, fmt.Errorf("%s: header: %v", f, err)
		} else if key != "" {
			return nil, fmt.Errorf("%s and %s computed different %q with the same parameters (different input files or builds?)", f0, f, key)
		}
	}
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

// firstDiff returns the first parameter, by name, whose value differs
// between a and b ("(unset)" where one lacks it).
func firstDiff(a, b map[string]string) (name, va, vb string, found bool) {
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

// headerDiff returns the first top-level key, by name, whose value differs
// between two headers ("" when they are the same).
func headerDiff(a, b json.RawMessage) (string, error) {
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

// decodeParts decodes the header and every item strictly; an error names
// the index.
func decodeParts[H, I any](header json.RawMessage, items []json.RawMessage, index string) (H, []I, error) {
	var h H
	if err := strictUnmarshal(header, &h); err != nil {
		return h, nil, fmt.Errorf("header: %v", err)
	}
	out := make([]I, len(items))
	for i, raw := range items {
		if err := strictUnmarshal(raw, &out[i]); err != nil {
			return h, nil, &itemError{index: i, msg: fmt.Sprintf("%s %d: %v", index, i, err)}
		}
	}
	return h, out, nil
}

// itemError is a bad item; merge names the part that holds index.
type itemError struct {
	index int
	msg   string
}

func (e *itemError) Error() string { return e.msg }

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// mergeRestarts summarises all restarts as one optim.Restarts call would.
func mergeRestarts(header json.RawMessage, raw []json.RawMessage) (merged, error) {
	h, items, err := decodeParts[restartsHeader, restartItem](header, raw, "restart")
	if err != nil {
		return merged{}, err
	}
	if len(items) != h.N {
		return merged{}, fmt.Errorf("%d restarts in the parts, the study has --n %d", len(items), h.N)
	}
	if h.Bins < 1 || h.Bins > maxBins {
		return merged{}, fmt.Errorf("the parts give bins %d, want 1..%d", h.Bins, maxBins)
	}
	m, err := h.Arch.mlp()
	if err != nil {
		return merged{}, err
	}
	res := newRestartSlots(len(items))
	for r, it := range items {
		if err := it.store(&res, r, float64(h.SuccessBelow), m.NumParams()); err != nil {
			return merged{}, &itemError{index: r, msg: fmt.Sprintf("restart %d %v", r, err)}
		}
	}
	optim.SummarizeRestarts(&res, h.summaryConfig(m))
	out := h.result(res)
	return merged{doc: out, text: func(w io.Writer) { printRestarts(w, out) },
		plot: func(path string) error { return plotRestarts(path, out.Net, res.FinalLoss, float64(h.SuccessBelow)) }}, nil
}

// mergeSweep lists the runs of all learning rates in order.
func mergeSweep(header json.RawMessage, raw []json.RawMessage) (merged, error) {
	h, items, err := decodeParts[sweepHeader, sweepItem](header, raw, "lr")
	if err != nil {
		return merged{}, err
	}
	if len(items) != len(h.LRs) {
		return merged{}, fmt.Errorf("%d runs in the parts, the sweep has %d learning rates", len(items), len(h.LRs))
	}
	for i, it := range items {
		if it.LR != h.LRs[i] {
			return merged{}, &itemError{index: i, msg: fmt.Sprintf("lr %d: the run is of lr %v, the sweep's lr %d is %v", i, it.LR, i, h.LRs[i])}
		}
	}
	out := h.result(items)
	// The parts keep the losses, not the paths: the figure has the loss
	// traces (a sweep's trace records every step).
	res := optim.SweepResult{LambdaMax: float64(h.LambdaMax)}
	for _, it := range items {
		run := optim.SweepRun{LR: it.LR, Regime: optim.Regime(it.Regime)}
		for k, l := range it.Losses {
			run.Result.Trace = append(run.Result.Trace, optim.Point{Step: k, Loss: float64(l)})
		}
		res.Runs = append(res.Runs, run)
	}
	return merged{doc: out, text: func(w io.Writer) { printSweep(w, out, h.Vars) },
		plot: func(path string) error { return plotSweep(path, nil, h.Vars, res) }}, nil
}

// landscapeHeader is what a part of a sharded landscape (plane or pca)
// records besides the grid rows: everything of the output document but
// the losses, and a digest of the dataset.
type landscapeHeader struct {
	Mode       string       `json:"mode"`
	Net        string       `json:"net"`
	FilterNorm bool         `json:"filter_norm"`
	Seed       uint64       `json:"seed"`
	CenterLoss partFloat    `json:"center_loss"`
	Alpha      []float64    `json:"alpha"`
	Beta       []float64    `json:"beta"`
	Explained  []float64    `json:"explained,omitempty"`
	Path       [][2]float64 `json:"path,omitempty"`
	Data       string       `json:"data_sha256"`
}

// mergeLandscape puts the rows of the grid together.
func mergeLandscape(header json.RawMessage, raw []json.RawMessage) (merged, error) {
	h, rows, err := decodeParts[landscapeHeader, []partFloat](header, raw, "row")
	if err != nil {
		return merged{}, err
	}
	if len(rows) != len(h.Beta) {
		return merged{}, fmt.Errorf("%d rows in the parts, the grid has %d", len(rows), len(h.Beta))
	}
	r := landscapeResult{Mode: h.Mode, Net: h.Net, FilterNorm: h.FilterNorm, Seed: h.Seed, CenterLoss: jsonFloat(h.CenterLoss),
		Alpha: h.Alpha, Beta: h.Beta, GridLoss: make([][]jsonFloat, len(rows)), Explained: h.Explained, Path: h.Path}
	for j, row := range rows {
		if len(row) != len(h.Alpha) {
			return merged{}, &itemError{index: j, msg: fmt.Sprintf("row %d has %d values, the grid has %d columns", j, len(row), len(h.Alpha))}
		}
		r.GridLoss[j] = jsonFloats(fromPartFloats(row))
	}
	return merged{doc: r, text: func(w io.Writer) { printLandscape(&env{stdout: w}, r) },
		plot: func(path string) error { return plotLandscape(path, r) }}, nil
}

// escapeHeader is what a part of a sharded escape study records besides
// the runs: the document's fields before the per-method results, each
// method with its learning rate, and the steps of the loss curves.
type escapeHeader struct {
	Saddle      string               `json:"saddle"`
	Vars        []string             `json:"vars,omitempty"`
	Start       []float64            `json:"start"`
	SaddleValue partFloat            `json:"saddle_value"`
	Threshold   partFloat            `json:"threshold"`
	Eps         float64              `json:"eps"`
	Steps       int                  `json:"steps"`
	N           int                  `json:"n"`
	Seed        uint64               `json:"seed"`
	Methods     []escapeHeaderMethod `json:"methods"`
	CurveSteps  []int                `json:"curve_steps"`
}

// escapeHeaderMethod is a method and its learning rate (the problem's
// default when --lr did not give one).
type escapeHeaderMethod struct {
	Method string  `json:"method"`
	LR     float64 `json:"lr"`
}

// escapeRunItem is run r of one method in a part; a part's item r holds
// run r of every method, in the order of the header's methods.
type escapeRunItem struct {
	EscapeStep int         `json:"escape_step"`
	Final      partFloat   `json:"final_loss"`
	Diverged   bool        `json:"diverged"`
	Curve      []partFloat `json:"curve"`
}

// escapeHeaderOf is the header of a report from escape.Runs.
func escapeHeaderOf(rep escape.Report, vars []string, eps float64, steps, n int, seed uint64) escapeHeader {
	h := escapeHeader{Saddle: rep.Problem, Vars: vars, Start: rep.Start, SaddleValue: partFloat(rep.SaddleValue),
		Threshold: partFloat(rep.Threshold), Eps: eps, Steps: steps, N: n, Seed: seed, CurveSteps: []int{}}
	for _, m := range rep.Results {
		h.Methods = append(h.Methods, escapeHeaderMethod{Method: m.Method, LR: m.LR})
		h.CurveSteps = m.CurveSteps
	}
	return h
}

// escapeItems turns runs[m][r] into one item per run r.
func escapeItems(runs [][]escape.RunResult) []any {
	var items []any
	for r := range runs[0] {
		it := make([]escapeRunItem, len(runs))
		for m := range runs {
			x := runs[m][r]
			it[m] = escapeRunItem{EscapeStep: x.EscapeStep, Final: partFloat(x.Final), Diverged: x.Diverged, Curve: partFloats(x.Curve)}
		}
		items = append(items, it)
	}
	return items
}

// result is the output document of the summarised report rep.
func (h escapeHeader) result(rep escape.Report) escapeResult {
	r := escapeResult{Saddle: h.Saddle, Vars: h.Vars, Start: h.Start, SaddleValue: float64(h.SaddleValue), Threshold: float64(h.Threshold),
		Eps: h.Eps, Steps: h.Steps, N: h.N, Seed: h.Seed}
	for _, m := range rep.Results {
		r.Methods = append(r.Methods, escapeMethod{Method: m.Method, LR: m.LR, Escaped: m.Escaped, Rate: m.Rate,
			MedianSteps: m.MedianSteps, MedianFinal: jsonFloat(m.MedianFinal), Diverged: m.Diverged,
			EscapeSteps: m.EscapeStep, FinalLosses: jsonFloats(m.FinalLoss), CurveSteps: m.CurveSteps, Curve: jsonFloats(m.Curve)})
	}
	return r
}

// mergeEscape summarises the runs of all indices as one escape.Run would.
func mergeEscape(header json.RawMessage, raw []json.RawMessage) (merged, error) {
	h, items, err := decodeParts[escapeHeader, []escapeRunItem](header, raw, "run")
	if err != nil {
		return merged{}, err
	}
	if len(items) != h.N {
		return merged{}, fmt.Errorf("%d runs in the parts, the study has --n %d", len(items), h.N)
	}
	if len(h.Methods) == 0 {
		return merged{}, fmt.Errorf("header: no methods")
	}
	rep := escape.Report{Problem: h.Saddle, Start: h.Start, SaddleValue: float64(h.SaddleValue), Threshold: float64(h.Threshold)}
	runs := make([][]escape.RunResult, len(h.Methods))
	for m, meth := range h.Methods {
		rep.Results = append(rep.Results, escape.MethodResult{Method: meth.Method, LR: meth.LR, Runs: h.N, CurveSteps: h.CurveSteps})
		runs[m] = make([]escape.RunResult, h.N)
	}
	for r, it := range items {
		if len(it) != len(h.Methods) {
			return merged{}, &itemError{index: r, msg: fmt.Sprintf("run %d has results of %d methods, the study has %d", r, len(it), len(h.Methods))}
		}
		for m, x := range it {
			if len(x.Curve) != len(h.CurveSteps) {
				return merged{}, &itemError{index: r, msg: fmt.Sprintf("run %d of %s has %d curve points, want %d", r, h.Methods[m].Method, len(x.Curve), len(h.CurveSteps))}
			}
			runs[m][r] = escape.RunResult{EscapeStep: x.EscapeStep, Final: float64(x.Final), Diverged: x.Diverged, Curve: fromPartFloats(x.Curve)}
		}
	}
	escape.Summarize(&rep, runs)
	out := h.result(rep)
	return merged{doc: out, text: func(w io.Writer) { printEscape(&env{stdout: w}, out) },
		plot: func(path string) error { return plotEscape(path, out) }}, nil
}
