package workflow

import (
	"fmt"

	"github.com/gostage/gostage/runtime/store"
)

// Workflow is a named sequence of stages that share one store. Create one
// with [New], add stages with [Workflow.AddStage], and run it with a
// [Runner].
type Workflow struct {
	// ID identifies the workflow to the program that runs it.
	ID string
	// Name is what errors and log records call the workflow.
	Name string
	// Description says what the workflow does, for people.
	Description string
	// Stages run in this order.
	Stages []*Stage
	// Store is shared by every stage and action of the workflow. Values
	// put in it before a run are there for the first action; what the
	// actions leave in it is the workflow's result.
	Store *store.KVStore
}

// New returns a workflow without stages and with an empty store.
func New(id, name, description string) *Workflow {
	return &Workflow{
		ID:          id,
		Name:        name,
		Description: description,
		Store:       store.NewKVStore(),
	}
}

// AddStage appends stages to the workflow; they run after those added
// before. A nil stage panics here, where the mistake is made, rather than
// in the middle of a run.
func (wf *Workflow) AddStage(stages ...*Stage) {
	for _, st := range stages {
		if st == nil {
			panic(fmt.Sprintf("workflow %q: AddStage: nil stage", wf.Name))
		}
	}
	wf.Stages = append(wf.Stages, stages...)
}
