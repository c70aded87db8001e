package workflow

import (
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/gostage/gostage/runtime/store"
)

// ErrUnsatisfiedRead is wrapped by every [ContractError], so that
// errors.Is tells contract problems from other errors.
var ErrUnsatisfiedRead = errors.New("key read before it is written")

// ContractError reports one read that nothing before it provides: an
// action's contract reads Key, no earlier action's contract writes it, and
// the workflow's store did not hold it when it was checked.
type ContractError struct {
	// Workflow, Stage and Action are the names of the action that reads.
	Workflow, Stage, Action string
	// Key is the key read.
	Key string
}

// Error returns the place and the key, as
// `workflow "w": stage "s": action "a": reads key "k", which ...`.
func (e *ContractError) Error() string {
	return fmt.Sprintf("workflow %q: stage %q: action %q: reads key %q, which no earlier action writes and the store does not hold",
		e.Workflow, e.Stage, e.Action, e.Key)
}

// Unwrap returns [ErrUnsatisfiedRead].
func (e *ContractError) Unwrap() error { return ErrUnsatisfiedRead }

// Validate checks the contracts of wf's actions before a run. It walks the
// stages and their actions in the order they run and reports every key an
// action reads that no earlier action writes and that wf.Store does not
// already hold. All problems come back at once, joined with errors.Join,
// in run order and, within an action, in the order its contract lists its
// reads; each is a *[ContractError]. It returns nil for a sound workflow.
//
// Hand-written and generated actions mix. An action that does not
// implement [Contracted] (a hand-written one that embeds [BaseAction],
// say) says nothing of what it reads and may write any key, so no read
// after it is reported; a read before every such action is still checked
// as above. A hand-written action gets the full check by declaring its
// keys itself, with a Contract method:
//
//	func (a *LoadOrder) Contract() workflow.Contract {
//		return workflow.Contract{Reads: []string{"order.id"}, Writes: []string{"order.total"}}
//	}
//
// A read listed in the contract's Defaults needs no earlier write. A key
// an action reads must be written by an earlier action, not by itself.
// Deletes are not part of a contract, so a read after an action deleted
// the key passes here and fails when it runs.
func Validate(wf *Workflow) error {
	if wf == nil {
		return errors.New("workflow: Validate: nil workflow")
	}
	var problems []error
	written := make(map[string]bool)
	for st, a := range contractedPrefix(wf) {
		contract := a.Contract()
		for _, key := range unsatisfied(contract, written, wf.Store) {
			problems = append(problems, &ContractError{
				Workflow: wf.Name, Stage: st.Name, Action: a.Name(), Key: key,
			})
		}
		for _, key := range contract.Writes {
			written[key] = true
		}
	}
	return errors.Join(problems...)
}

// contractedAction is an action that declares a contract.
type contractedAction interface {
	Action
	Contracted
}

// contractedPrefix yields wf's actions in run order, with their stages, up
// to the first action without a contract: that one may write any key, so
// no read from there on can be reported. Nil stages and actions are
// skipped; the runner reports them where they would run.
func contractedPrefix(wf *Workflow) iter.Seq2[*Stage, contractedAction] {
	return func(yield func(*Stage, contractedAction) bool) {
		for _, st := range wf.Stages {
			if st == nil {
				continue
			}
			for _, a := range st.Actions {
				if a == nil {
					continue
				}
				c, ok := a.(contractedAction)
				if !ok || !yield(st, c) {
					return
				}
			}
		}
	}
}

// unsatisfied returns the reads of contract that nothing provides: not
// written by an earlier action, not in the contract's Defaults and not
// held by s (which may be nil). Each key comes once, in the order the
// contract lists its reads.
func unsatisfied(contract Contract, written map[string]bool, s *store.KVStore) []string {
	var keys []string
	for _, key := range contract.Reads {
		if written[key] || slices.Contains(keys, key) || slices.Contains(contract.Defaults, key) ||
			(s != nil && s.Has(key)) {
			continue
		}
		keys = append(keys, key)
	}
	return keys
}
