package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/saddle-dev/saddle/internal/atomicfile"
	"github.com/saddle-dev/saddle/shard"
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

// merged is a study joined from its parts.
type merged struct {
	doc  any                     // the document of the unsharded run's --json
	text func(w io.Writer)       // prints the unsharded run's text output
	plot func(path string) error // draws the study's figure
}

// partStudies merge the parts of each study of shard.Indexes, by name:
// they check and join the parts (shard.Join) and summarise them into the
// unsharded run's results.
var partStudies = map[string]func(paths []string, parts []*shard.Part) (merged, error){
	"restarts": mergeRestarts, "sweep": mergeSweep, "landscape": mergeLandscape, "escape": mergeEscape,
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
	parts := make([]*shard.Part, len(paths))
	for i, p := range paths {
		pf, err := shard.Read(p, shard.Indexes())
		if err != nil {
			return err
		}
		parts[i] = pf
	}
	m, err := partStudies[parts[0].Study](paths, parts)
	if err != nil {
		return err
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
	m.text(e.stdout) // a failed write is reported by run (e.stdout is a checkedWriter)
	return nil
}

// mergeRestarts summarises all restarts as one optim.Restarts call would.
func mergeRestarts(paths []string, parts []*shard.Part) (merged, error) {
	res, h, err := shard.Restarts().Merge(paths, parts)
	if err != nil {
		return merged{}, err
	}
	out := h.Report(res)
	return merged{doc: out, text: func(w io.Writer) { _ = out.WriteText(w) },
		plot: func(path string) error { return plotLines(path, h.Figure(res)) }}, nil
}

// mergeSweep lists the runs of all learning rates in order.
func mergeSweep(paths []string, parts []*shard.Part) (merged, error) {
	res, h, err := shard.Sweep().Merge(paths, parts)
	if err != nil {
		return merged{}, err
	}
	out := h.Report(res)
	// The parts keep the losses, not the paths: the figure has the loss
	// traces (a sweep's trace records every step).
	return merged{doc: out, text: func(w io.Writer) { _ = out.WriteText(w) },
		plot: func(path string) error { return plotSweep(path, nil, h.Vars, res) }}, nil
}

// mergeLandscape is the landscape document of the grid merged from the
// parts (shard.Landscape).
func mergeLandscape(paths []string, parts []*shard.Part) (merged, error) {
	grid, h, err := shard.Landscape().Merge(paths, parts)
	if err != nil {
		return merged{}, err
	}
	r := h.Document(grid)
	return merged{doc: r, text: func(w io.Writer) { printLandscape(&env{stdout: w}, r) },
		plot: func(path string) error { return plotLandscape(path, r) }}, nil
}

// mergeEscape summarises the runs of all indices as one escape.Run would.
func mergeEscape(paths []string, parts []*shard.Part) (merged, error) {
	rep, h, err := shard.Escape().Merge(paths, parts)
	if err != nil {
		return merged{}, err
	}
	out := h.Document(rep)
	return merged{doc: out, text: func(w io.Writer) { printEscape(&env{stdout: w}, out) },
		plot: func(path string) error { return plotEscape(path, out) }}, nil
}
