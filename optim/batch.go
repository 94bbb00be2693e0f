package optim

import (
	"fmt"
	"math/rand/v2"
)

// MiniBatch makes Train use a mini-batch per step (stochastic gradient
// descent). Every epoch the rows 0..Rows−1 are shuffled with a PCG generator
// seeded by Seed and cut into batches of Size rows (the last one of an epoch
// may be shorter); Objective returns the loss over the given rows.
type MiniBatch struct {
	Rows      int                        // number of rows of the data set
	Size      int                        // rows per batch
	Seed      uint64                     // seed of the shuffles
	Objective func(rows []int) Objective // the loss over a subset of rows
}

// batcher hands out the row indices of successive mini-batches.
type batcher struct {
	mb   *MiniBatch
	rng  *rand.Rand
	perm []int
	pos  int
}

func newBatcher(mb *MiniBatch) *batcher {
	if mb.Rows <= 0 || mb.Size <= 0 {
		panic(fmt.Sprintf("optim: MiniBatch: Rows and Size must be > 0, got %d and %d", mb.Rows, mb.Size))
	}
	b := &batcher{mb: mb, rng: rand.New(rand.NewPCG(mb.Seed, 0x5bd1e995)), perm: make([]int, mb.Rows)}
	b.pos = mb.Rows // shuffle on first use
	return b
}

// next returns the rows of the next batch (valid until the following call).
func (b *batcher) next() []int {
	if b.pos >= len(b.perm) {
		for i := range b.perm {
			b.perm[i] = i
		}
		b.rng.Shuffle(len(b.perm), func(i, j int) { b.perm[i], b.perm[j] = b.perm[j], b.perm[i] })
		b.pos = 0
	}
	end := min(b.pos+b.mb.Size, len(b.perm))
	rows := b.perm[b.pos:end]
	b.pos = end
	return rows
}
