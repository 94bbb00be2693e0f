package nn

import (
	"fmt"
	"sort"
	"strings"
)

// PresetSeed seeds the random datasets (circles, spirals, blobs) of the presets.
const PresetSeed = 1

type preset struct {
	summary string
	make    func() Problem
	train   *TrainDefaults // nil: the optimizer's own defaults train it
}

// TrainDefaults is how a preset is trained when the command line does not
// say: the optimizer, its learning rate and the number of steps.
type TrainDefaults struct {
	Opt   string
	LR    float64
	Steps int
}

// PresetTraining returns the training defaults of preset name, when the
// optimizers' own defaults do not train it: linreg's Hessian has
// λmax = 7.88 (eigenvalues of [[6,8],[8,20]]/3), so gradient descent
// diverges above 2/λmax = 0.254 and takes lr 0.1; w3 (random labels on a
// ReLU net) is memorised by Adam at lr 0.01 in 2,000 steps (100%), where gradient
// descent at 0.5 stalls near chance.
func PresetTraining(name string) (TrainDefaults, bool) {
	p, ok := presets[name]
	if !ok || p.train == nil {
		return TrainDefaults{}, false
	}
	return *p.train, true
}

var presets = map[string]preset{
	"xor": {"2-2-1 sigmoid/sigmoid, MSE on XOR (workload W1)", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}, Loss: MSE, Data: XOR()}
	}, nil},
	"and": {"2-2-1 sigmoid/sigmoid, MSE on AND", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}, Loss: MSE, Data: AND()}
	}, nil},
	"or": {"2-2-1 sigmoid/sigmoid, MSE on OR", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 2, 1}, Hidden: Sigmoid, Output: Sigmoid}, Loss: MSE, Data: OR()}
	}, nil},
	"moons": {"2-16-16-1 tanh, logit output, BCE on the 1,024 moons (workload W2)", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 16, 16, 1}, Hidden: Tanh, Output: Identity}, Loss: BCE, Data: Moons()}
	}, nil},
	"circles": {"2-8-1 tanh, logit output, BCE on 256 points of two circles", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 8, 1}, Hidden: Tanh, Output: Identity}, Loss: BCE, Data: Circles(defaultCircles, defaultNoise, PresetSeed)}
	}, nil},
	"spirals": {"2-16-16-1 tanh, logit output, BCE on 256 points of two spirals", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 16, 16, 1}, Hidden: Tanh, Output: Identity}, Loss: BCE, Data: Spirals(defaultSpirals, defaultNoise/2, PresetSeed)}
	}, nil},
	"blobs": {"2-8-3 tanh, softmax cross-entropy on 150 points in 3 blobs", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 8, 3}, Hidden: Tanh, Output: Identity}, Loss: SoftmaxCE, Data: Blobs(defaultBlobs, defaultClasses, defaultBlobStd, PresetSeed)}
	}, nil},
	"linreg": {"1-1 linear model, MSE (mean, = sum/3) on (0,1),(1,2),(3,3)", func() Problem {
		return Problem{Net: MLP{Sizes: []int{1, 1}, Hidden: Identity, Output: Identity}, Loss: MSE, Data: LinReg()}
	}, &TrainDefaults{Opt: "gd", LR: 0.1, Steps: 10000}},
	"w3": {"64-128-128-10 relu, softmax cross-entropy on W3's batch of 128", func() Problem {
		return Problem{Net: MLP{Sizes: []int{64, 128, 128, 10}, Hidden: ReLU, Output: Identity}, Loss: SoftmaxCE, Data: W3Batch()}
	}, &TrainDefaults{Opt: "adam", LR: 0.01, Steps: 2000}},
	"w4b": {"2-16-1 tanh, logit output, BCE on the moons (workload W4b)", func() Problem {
		return Problem{Net: MLP{Sizes: []int{2, 16, 1}, Hidden: Tanh, Output: Identity}, Loss: BCE, Data: Moons()}
	}, nil},
}

// PresetNames returns the names of the presets, sorted.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PresetSummary returns a one-line description of preset name ("" if unknown).
func PresetSummary(name string) string { return presets[name].summary }

// Preset returns a named problem:
//
//	xor      2-2-1 sigmoid/sigmoid, MSE on XOR (W1)
//	and, or  the same net on AND, OR
//	moons    2-16-16-1 tanh, logit output, BCE on the 1,024 moons (W2)
//	circles  2-8-1 tanh, logit output, BCE on 256 points of two circles
//	spirals  2-16-16-1 tanh, logit output, BCE on 256 points of two spirals
//	blobs    2-8-3 tanh, softmax cross-entropy on 150 points in 3 blobs
//	linreg   1-1 linear model, MSE on (0,1),(1,2),(3,3)
//	w3       64-128-128-10 relu, softmax cross-entropy on W3's batch
//	w4b      2-16-1 tanh, logit output, BCE on the moons (W4b)
//
// The random datasets use PresetSeed. linreg's loss is the mean
// (1/3)·Σ(y − b − w·x)², one third of the seed's sum Σ(y − b0 − b1·x)²: the
// minimiser (b, w) = (8/7, 9/14) is the same, the Hessian is
// [[6,8],[8,20]]/3 in the seed's (b0, b1) order, here ordered (w, b).
// An unknown name is an error listing the known ones.
func Preset(name string) (Problem, error) {
	p, ok := presets[name]
	if !ok {
		return Problem{}, fmt.Errorf("nn: unknown preset %q (known: %s)", name, strings.Join(PresetNames(), ", "))
	}
	return p.make(), nil
}

// PresetStart returns the start point a preset is studied from: W1Start for
// xor, and, or (the W1 start), the formula init of docs/WORKLOADS.md for the
// others.
func PresetStart(name string) ([]float64, error) {
	p, err := Preset(name)
	if err != nil {
		return nil, err
	}
	switch name {
	case "xor", "and", "or":
		return W1Start(), nil
	}
	return InitFormula(p.Net), nil
}
