package optim

import "github.com/saddle-dev/saddle/nn"

// Checkpoint is the checkpoint of params for prob's net and loss after
// step steps of opt, the optimizer named name: with opt's state when it is
// Stateful, so that a run resumed with Resume continues bit for bit.
func Checkpoint(prob nn.Problem, params []float64, step int, opt Optimizer, name string) nn.Checkpoint {
	ck := nn.NewCheckpoint(prob.Net, prob.Loss, params)
	ck.Step = step
	if st, ok := opt.(Stateful); ok {
		ck.Optimizer, ck.State = name, st.State().Vectors
	}
	return ck
}

// Resume restores into opt, the optimizer named name, the state that ck
// holds when ck was saved by an optimizer of the same name (another
// optimizer's state is ignored: the run continues from the parameters
// only), and returns the step the run resumes at, ck.Step.
func Resume(opt Optimizer, name string, ck nn.Checkpoint) (int, error) {
	if ck.Optimizer == name && len(ck.State) > 0 {
		if st, ok := opt.(Stateful); ok {
			if err := st.SetState(State{Step: ck.Step, Vectors: ck.State}); err != nil {
				return 0, err
			}
		}
	}
	return ck.Step, nil
}
