package optim

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// State is the internal state of an optimizer (its step count and named
// vectors: moments, velocities, counters), saved in checkpoints (the Step
// and State fields of nn.Checkpoint) so that a resumed run continues
// exactly as an uninterrupted one.
type State struct {
	Step    int
	Vectors map[string][]float64
}

// Stateful is implemented by optimizers with state worth saving.
type Stateful interface {
	State() State
	SetState(s State) error
}

// vecState is the State of one named vector; empty before the first step.
func vecState(name string, v []float64) State {
	if v == nil {
		return State{}
	}
	return State{Vectors: map[string][]float64{name: copyVec(v)}}
}

func copyVec(v []float64) []float64 {
	if v == nil {
		return nil
	}
	return append([]float64(nil), v...)
}

// vectors reads the named vectors of s; each must exist unless s has none
// at all (a fresh state).
func (s State) vectors(op string, names ...string) ([][]float64, error) {
	out := make([][]float64, len(names))
	if len(s.Vectors) == 0 {
		return out, nil
	}
	for i, name := range names {
		v, ok := s.Vectors[name]
		if !ok {
			return nil, fmt.Errorf("optim: %s state: missing vector %q", op, name)
		}
		out[i] = copyVec(v)
	}
	return out, nil
}

// State implements Stateful.
func (o *GD) State() State { return vecState("v", o.v) }

// SetState implements Stateful.
func (o *GD) SetState(s State) error {
	v, err := s.vectors("GD", "v")
	if err == nil {
		o.v = v[0]
	}
	return err
}

// State implements Stateful.
func (o *Adagrad) State() State { return vecState("sum", o.sum) }

// SetState implements Stateful.
func (o *Adagrad) SetState(s State) error {
	v, err := s.vectors("Adagrad", "sum")
	if err == nil {
		o.sum = v[0]
	}
	return err
}

// State implements Stateful.
func (o *RMSprop) State() State { return vecState("s", o.s) }

// SetState implements Stateful.
func (o *RMSprop) SetState(s State) error {
	v, err := s.vectors("RMSprop", "s")
	if err == nil {
		o.s = v[0]
	}
	return err
}

// State implements Stateful.
func (o *Adam) State() State {
	if o.m == nil {
		return State{}
	}
	return State{Step: o.t, Vectors: map[string][]float64{"m": copyVec(o.m), "v": copyVec(o.v)}}
}

// SetState implements Stateful.
func (o *Adam) SetState(s State) error {
	v, err := s.vectors("Adam", "m", "v")
	if err != nil {
		return err
	}
	if len(v[0]) != len(v[1]) {
		return fmt.Errorf("optim: Adam state: m has %d elements, v has %d", len(v[0]), len(v[1]))
	}
	o.t, o.m, o.v = s.Step, v[0], v[1]
	return nil
}

// State implements Stateful.
func (o *PerturbedGD) State() State {
	st := State{Step: o.t, Vectors: map[string][]float64{
		"last": {float64(o.last)}, "perturbations": {float64(o.Perturbations)}}}
	if o.rng != nil {
		b, _ := o.pcg.MarshalBinary() // cannot fail
		rng := make([]float64, len(b))
		for i, c := range b {
			rng[i] = float64(c)
		}
		st.Vectors["rng"] = rng
	}
	return st
}

// SetState implements Stateful.
func (o *PerturbedGD) SetState(s State) error {
	v, err := s.vectors("PerturbedGD", "last", "perturbations")
	if err != nil {
		return err
	}
	o.t = s.Step
	if v[0] != nil {
		if len(v[0]) != 1 || len(v[1]) != 1 {
			return fmt.Errorf("optim: PerturbedGD state: malformed counters")
		}
		o.last, o.Perturbations = int(v[0][0]), int(v[1][0])
	}
	if rng := s.Vectors["rng"]; len(rng) > 0 {
		b := make([]byte, len(rng))
		for i, c := range rng {
			if c != math.Trunc(c) || c < 0 || c > 255 {
				return fmt.Errorf("optim: PerturbedGD state: malformed generator state")
			}
			b[i] = byte(c)
		}
		o.pcg = new(rand.PCG)
		if err := o.pcg.UnmarshalBinary(b); err != nil {
			return fmt.Errorf("optim: PerturbedGD state: %v", err)
		}
		o.rng = rand.New(o.pcg)
	}
	return nil
}
