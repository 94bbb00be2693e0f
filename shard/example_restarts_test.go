package shard_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/saddle-dev/saddle/figure"
	"github.com/saddle-dev/saddle/nn"
	"github.com/saddle-dev/saddle/optim"
	"github.com/saddle-dev/saddle/shard"
)

// A restart study split into 3 shards, as three machines of a job array
// would run it: each shard runs its block of restarts and writes its part
// file; the merge reads the parts, checks that they are one study, and
// summarises all restarts as one optim.Restarts call would; the study's
// figure (the final losses, sorted, and the success threshold) is drawn
// from the merged result. The study is
// workload W5 of docs/WORKLOADS.md: restart r = 0…999 of the XOR 2-2-1 net
// starts from nn.W5Start(r) and runs 2000 steps of gradient descent with
// learning rate 0.5; 152 of them end below 0.01, the workload's reference
// count.
func Example_restarts() {
	dir, err := os.MkdirTemp("", "restarts-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	prob, err := nn.Preset("xor")
	if err != nil {
		panic(err)
	}
	study := shard.RestartsHeader{Net: "xor", Init: "workload-w5", Optimizer: "gd", LR: 0.5, N: 1000, Steps: 2000,
		SuccessBelow: 0.01, DistinctTol: 0.2, Bins: 10,
		Arch: shard.ArchOf(prob.Net), Loss: string(prob.Loss), Data: shard.DataDigest(prob.Data)}
	run := optim.RestartConfig{
		Start:     nn.W5Start,
		Objective: func() optim.Objective { return optim.FromProblem(prob) },
		Optimizer: func(r int) optim.Optimizer { return &optim.GD{LR: float64(study.LR)} },
		Train:     optim.Config{Steps: study.Steps},
	}

	var parts []string
	for k := range 3 { // on machine k of 3
		block := shard.NewRestartsBlock(k, 3, study.N)
		if err := block.Run(run); err != nil {
			panic(err)
		}
		part, err := block.Part(study, nil)
		if err != nil {
			panic(err)
		}
		path := filepath.Join(dir, shard.PartName("restarts", k, 3))
		if err := part.Write(path); err != nil {
			panic(err)
		}
		fmt.Printf("%s: restarts %d..%d\n", filepath.Base(path), part.First, part.End-1)
		parts = append(parts, path)
	}

	res, _, err := shard.Restarts().MergeFiles(parts...)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d of %d restarts below %g, %d distinct solution(s) up to symmetry\n",
		res.Successes, study.N, study.SuccessBelow, len(res.Solutions))

	fig := study.Figure(res)
	if err := figure.Write(filepath.Join(dir, "restarts.svg"), fig); err != nil {
		panic(err)
	}
	fmt.Printf("figure %q: %d final losses and the threshold\n", fig.Title, len(fig.Series[0].Y))
	// Output:
	// restarts.part-0-of-3.json: restarts 0..332
	// restarts.part-1-of-3.json: restarts 333..665
	// restarts.part-2-of-3.json: restarts 666..999
	// 152 of 1000 restarts below 0.01, 1 distinct solution(s) up to symmetry
	// figure "1000 restarts of xor": 1000 final losses and the threshold
}
