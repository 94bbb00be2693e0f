package main

import (
	"errors"
	"flag"
	"os"
	"strconv"
	"strings"

	"github.com/saddle-dev/saddle/nn"
)

// netFlags are the flags that choose a net, a loss and a dataset, shared by
// the subcommands that work on nets (symmetry, train, restarts, landscape…).
//
// A preset (--net) gives all three; the other flags override parts of it:
//
//	--net xor                                  the preset as is
//	--net xor --sizes 2,4,1 --act tanh         another net on the preset's data and loss
//	--sizes 2,8,1 --act tanh --loss bce --data points.csv
//
// Output activation: --out-act when given; otherwise, when --loss is given,
// identity for the logit losses (bce, softmax, logistic) and, for mse,
// sigmoid if every target lies in [0, 1] (a 0/1 classification) else
// identity (a regression); otherwise the preset's.
// With --loss softmax and a CSV whose target is a class label 0..k−1, the
// labels become one-hot rows over the k outputs of the net.
type netFlags struct {
	fs       *flag.FlagSet
	net      *string
	sizes    *string
	act      *string
	outAct   *string
	loss     *string
	data     *string
	dataSeed *uint64
}

// addNetFlags registers --net, --sizes, --act, --out-act, --loss, --data and
// --data-seed on fs.
func addNetFlags(fs *flag.FlagSet) *netFlags {
	return &netFlags{
		fs:  fs,
		net: fs.String("net", "xor", "net preset: "+strings.Join(nn.PresetNames(), ", ")),
		sizes: fs.String("sizes", "", "layer sizes from inputs to outputs, e.g. 2,4,1 (overrides the preset's net; "+
			"the first must match the data's feature columns, the last its targets)"),
		act:    fs.String("act", "", "hidden activation: "+strings.Join(nn.Activations(), ", ")+" (default: the preset's)"),
		outAct: fs.String("out-act", "", "output activation (default: the preset's; with --loss: identity for bce/softmax/logistic, for mse sigmoid if targets are in [0,1] else identity)"),
		loss:   fs.String("loss", "", "loss: "+strings.Join(nn.Losses(), ", ")+" (default: the preset's)"),
		data: fs.String("data", "", "dataset: FILE.csv (header row, numeric, last column the target) or a built-in: "+
			strings.Join(nn.DatasetNames(), ", ")+" (default: the preset's)"),
		dataSeed: fs.Uint64("data-seed", nn.PresetSeed, "seed of the random built-in datasets (circles, spirals, blobs)"),
	}
}

// set reports whether flag name was given on the command line.
func (nf *netFlags) set(name string) bool {
	found := false
	nf.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

// custom reports whether the flags change the preset's net, loss or data.
func (nf *netFlags) custom() bool {
	for _, name := range []string{"sizes", "act", "out-act", "loss", "data", "data-seed"} {
		if nf.set(name) {
			return true
		}
	}
	return false
}

// name returns a short name of the problem for output: the preset name, or
// "custom" when other flags changed it.
func (nf *netFlags) name() string {
	if nf.custom() {
		return "custom"
	}
	return *nf.net
}

// problem builds the problem the flags describe. Bad flag values and
// combinations that do not fit (sizes not matching the data's columns, a
// loss the net's output cannot take) are usage errors; a CSV that cannot be
// read or parsed is a runtime error naming file:line:column.
func (nf *netFlags) problem() (nn.Problem, error) {
	if _, err := nn.Preset(*nf.net); err != nil {
		return nn.Problem{}, usagef("--net: %s", trimNN(err))
	}
	spec := nn.ProblemSpec{Preset: *nf.net}
	var err error
	if nf.set("data") || nf.set("data-seed") {
		d, err := nf.dataset()
		if err != nil {
			return nn.Problem{}, err
		}
		spec.Data = &d
	}
	if nf.set("sizes") {
		if spec.Sizes, err = parseSizes(*nf.sizes); err != nil {
			return nn.Problem{}, err
		}
	}
	if nf.set("act") {
		if spec.Hidden, err = nn.ParseActivation(*nf.act); err != nil {
			return nn.Problem{}, usagef("--act: %s", trimNN(err))
		}
	}
	if nf.set("loss") {
		if spec.Loss, err = nn.ParseLoss(*nf.loss); err != nil {
			return nn.Problem{}, usagef("--loss: %s", trimNN(err))
		}
	}
	if nf.set("out-act") {
		if spec.Output, err = nn.ParseActivation(*nf.outAct); err != nil {
			return nn.Problem{}, usagef("--out-act: %s", trimNN(err))
		}
	}
	p, err := spec.Problem()
	var se *nn.SpecError
	switch {
	case !errors.As(err, &se):
	case se.Part == "one-hot":
		return nn.Problem{}, usagef("--loss softmax: %s", trimNN(err))
	case se.Mismatch:
		return nn.Problem{}, usagef("%s (set --sizes to match the data)", trimNN(err))
	default:
		return nn.Problem{}, usagef("%s", trimNN(err))
	}
	return p, checkNetSize(p)
}

// checkNetSize refuses nets beyond maxParams parameters and, on the data,
// beyond maxActivations activations: they would not fit in memory (the
// sizes are checked before anything is allocated).
func checkNetSize(p nn.Problem) error {
	// Sizes are at most maxLayerSize, so the count cannot overflow an int.
	params, width := float64(p.NumParams()), 0.0
	for _, s := range p.Net.Sizes {
		width += float64(s)
	}
	if params > maxParams {
		return usagef("the %v net has %s parameters; the limit is %s (saddle studies small nets)", p.Net, shortCount(params), shortCount(maxParams))
	}
	if acts := float64(p.Data.N) * width; acts > maxActivations {
		return usagef("%d data rows × %s units of the %v net make %s activations per pass; the limit is %s (use fewer rows or a smaller net)",
			p.Data.N, shortCount(width), p.Net, shortCount(acts), shortCount(maxActivations))
	}
	return nil
}

// checkHessianSize refuses to form the Hessian of a net with more than
// maxHessianParams parameters; why says what needs it ("--opt newton").
func checkHessianSize(p nn.Problem, why string) error {
	if n := p.NumParams(); n > maxHessianParams {
		return usagef("%s needs the %d×%d Hessian of the %v net; the limit is %d parameters", why, n, n, p.Net, maxHessianParams)
	}
	return nil
}

// start returns the start point of the problem: the preset's start
// (nn.PresetStart) when the net is the preset's, else the formula init.
func (nf *netFlags) start(p nn.Problem) []float64 { return nn.PresetStartFor(*nf.net, p.Net) }

// dataset loads --data: a CSV file, or a built-in dataset by name.
func (nf *netFlags) dataset() (nn.Dataset, error) {
	name := *nf.data
	if name == "" {
		p, _ := nn.Preset(*nf.net)
		name = p.Data.Name
	}
	if isFile(name) {
		d, err := nn.LoadCSV(name)
		if err != nil {
			return nn.Dataset{}, err
		}
		return d, nil
	}
	d, err := nn.DatasetByName(name, *nf.dataSeed)
	if err != nil {
		return nn.Dataset{}, usagef("--data: %s, or a .csv file", trimNN(err))
	}
	return d, nil
}

// isFile reports whether s names a file rather than a built-in dataset: it
// ends in .csv, contains a path separator or exists on disk.
func isFile(s string) bool {
	if strings.HasSuffix(strings.ToLower(s), ".csv") || strings.ContainsAny(s, `/\`) {
		return true
	}
	_, err := os.Stat(s)
	return err == nil
}

// parseSizes parses "2,4,1" into at least two positive layer sizes.
func parseSizes(s string) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) < 2 {
		return nil, usagef("--sizes %q: want at least 2 comma-separated sizes (inputs,…,outputs), e.g. 2,4,1", s)
	}
	sizes := make([]int, len(parts))
	for i, part := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			var ne *strconv.NumError
			if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
				return nil, usagef("--sizes %q: size %d is too large", s, i+1)
			}
			return nil, usagef("--sizes %q: %q is not a whole number", s, part)
		}
		if n < 1 || n > maxLayerSize {
			return nil, usagef("--sizes %q: size %d is %d, want 1..%d", s, i+1, n, maxLayerSize)
		}
		sizes[i] = n
	}
	return sizes, nil
}

// checkpointParams reads the parameters of net m from the checkpoint that
// flag names (loadNetCheckpoint).
func checkpointParams(flag, path string, m nn.MLP) ([]float64, error) {
	ck, err := loadNetCheckpoint(flag, path, m)
	return ck.Params, err
}

// trimNN drops the "nn: " prefix of a library error shown after a flag name.
func trimNN(err error) string { return strings.TrimPrefix(err.Error(), "nn: ") }
