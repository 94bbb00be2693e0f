package shard

import (
	"fmt"

	"github.com/saddle-dev/saddle/optim"
)

// RestartsBlock is the restarts of one shard of a restarts study: Result
// holds restart First+i in slot i (not summarised), Todo the indices of the
// whole study still to run.
type RestartsBlock struct {
	Shard, Shards int // K of N
	Total         int // restarts of the whole study
	First         int // the first index of the block
	Result        optim.RestartResult
	Todo          []int
}

// NewRestartsBlock returns the block of shard k of n of a study of total
// restarts, none run yet (k = 0, n = 1: the whole study).
func NewRestartsBlock(k, n, total int) *RestartsBlock {
	first, end := Range(k, n, total)
	b := &RestartsBlock{Shard: k, Shards: n, Total: total, First: first, Result: newRestartSlots(end - first)}
	for r := first; r < end; r++ {
		b.Todo = append(b.Todo, r)
	}
	return b
}

// Resume fills the block from p, the part of an interrupted run of the
// same shard (checked with Resume), and leaves in Todo the restarts it
// lacks. An error names the restart.
func (b *RestartsBlock) Resume(p *Part, h RestartsHeader) error {
	m, err := h.Arch.MLP()
	if err != nil {
		return err
	}
	if p.First != b.First || len(p.Items) != len(b.Result.FinalLoss) {
		return fmt.Errorf("the file holds restarts %d..%d, this shard is %d..%d", p.First, p.End-1, b.First, b.First+len(b.Result.FinalLoss)-1)
	}
	b.Todo = b.Todo[:0]
	for i, raw := range p.Items {
		r := p.First + i
		if string(raw) == "null" {
			b.Todo = append(b.Todo, r)
			continue
		}
		var it RestartItem
		if err := strictUnmarshal(raw, &it); err != nil {
			return fmt.Errorf("restart %d: %v", r, err)
		}
		if it.Stopped == "" {
			return fmt.Errorf("restart %d is incomplete (no stop reason)", r)
		}
		if err := it.store(&b.Result, r-b.First, float64(h.SuccessBelow), m.NumParams()); err != nil {
			return fmt.Errorf("restart %d %v", r, err)
		}
	}
	return nil
}

// Run runs the restarts of b.Todo with cfg, as optim.Restarts does but
// with cfg.Start(r) and cfg.Optimizer(r) called with r the index in the
// whole study (cfg.N is not used; cfg.Progress counts the restarts of this
// call). A restart depends on its index alone,
// so the block holds the same results whichever shards, workers and
// resumptions produced them. On cancellation it returns the context's error
// with the finished restarts stored and the others left in Todo.
func (b *RestartsBlock) Run(cfg optim.RestartConfig) error {
	if len(b.Todo) == 0 {
		return nil
	}
	todo := b.Todo
	start, opt := cfg.Start, cfg.Optimizer
	cfg.N = len(todo) // the summary is made over the whole study, later
	cfg.Start = func(i int) []float64 { return start(todo[i]) }
	cfg.Optimizer = func(i int) optim.Optimizer { return opt(todo[i]) }
	ran, err := optim.Restarts(cfg)
	b.Todo = nil
	for i, r := range todo {
		j := r - b.First
		b.Result.FinalLoss[j], b.Result.Stopped[j], b.Result.Params[j] = ran.FinalLoss[i], ran.Stopped[i], ran.Params[i]
		if ran.Stopped[i] == "" {
			b.Todo = append(b.Todo, r)
		}
	}
	return err
}

// Finished counts the restarts of the block that have run.
func (b *RestartsBlock) Finished() int {
	n := 0
	for _, s := range b.Result.Stopped {
		if s != "" {
			n++
		}
	}
	return n
}

// Part returns the block as a part of the study h with the settings params:
// null for a restart not run yet, the parameters only for a success (the
// summary reads no others).
func (b *RestartsBlock) Part(h RestartsHeader, params map[string]string) (*Part, error) {
	items := make([]*RestartItem, len(b.Result.FinalLoss))
	for i, loss := range b.Result.FinalLoss {
		if b.Result.Stopped[i] == "" {
			continue
		}
		it := &RestartItem{Loss: Float(loss), Stopped: string(b.Result.Stopped[i])}
		if loss < float64(h.SuccessBelow) {
			it.Params = Floats(b.Result.Params[i])
		}
		items[i] = it
	}
	return New(b.Meta(params), h, items)
}

// Meta describes the block's part.
func (b *RestartsBlock) Meta(params map[string]string) Meta {
	if params == nil {
		params = map[string]string{}
	}
	return Meta{Study: "restarts", Index: "restart", Params: params, Shard: b.Shard, Shards: b.Shards, Total: b.Total}
}
