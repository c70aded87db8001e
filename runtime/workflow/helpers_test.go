package workflow_test

import (
	"context"
	"sync"

	"github.com/gostage/gostage/runtime/workflow"
)

// fnAction is an action that runs a function, so that each test says what
// its actions do where it builds them.
type fnAction struct {
	workflow.BaseAction
	run func(ctx *workflow.ActionContext) error
}

func (a *fnAction) Execute(ctx *workflow.ActionContext) error {
	if a.run == nil {
		return nil
	}
	return a.run(ctx)
}

func act(name string, run func(ctx *workflow.ActionContext) error) *fnAction {
	return &fnAction{BaseAction: workflow.NewBaseAction(name, "test action "+name), run: run}
}

// contracted is an fnAction that declares a contract.
type contracted struct {
	fnAction
	contract workflow.Contract
}

func (a *contracted) Contract() workflow.Contract { return a.contract }

func reads(name string, keys ...string) *contracted {
	return &contracted{fnAction: *act(name, nil), contract: workflow.Contract{Reads: keys}}
}

func writes(name string, keys ...string) *contracted {
	return &contracted{fnAction: *act(name, nil), contract: workflow.Contract{Writes: keys}}
}

// recorder records what the actions of a test did, in order.
type recorder struct{ trace []string }

// action returns an action that records its name and returns err.
func (r *recorder) action(name string, err error) *fnAction {
	return act(name, func(*workflow.ActionContext) error {
		r.trace = append(r.trace, name)
		return err
	})
}

// build returns a workflow named "wf" with stages, in the order given.
func build(stages ...*workflow.Stage) *workflow.Workflow {
	wf := workflow.New("wf-id", "wf", "test workflow")
	wf.AddStage(stages...)
	return wf
}

// stage returns a stage named name with actions, in the order given.
func stage(name string, actions ...workflow.Action) *workflow.Stage {
	st := workflow.NewStage(name+"-id", name, "test stage "+name)
	st.AddAction(actions...)
	return st
}

// expiringContext is a context whose deadline passes when expire is called,
// so that a test says when a run's deadline comes, rather than a timer
// that a loaded machine may let fire before the run even starts.
type expiringContext struct {
	context.Context
	done chan struct{}
	once sync.Once
}

// newExpiringContext returns a context whose deadline has not come yet.
func newExpiringContext() *expiringContext {
	return &expiringContext{Context: context.Background(), done: make(chan struct{})}
}

// expire makes the deadline come.
func (c *expiringContext) expire() { c.once.Do(func() { close(c.done) }) }

// Done is closed once the deadline has come.
func (c *expiringContext) Done() <-chan struct{} { return c.done }

// Err returns context.DeadlineExceeded once the deadline has come.
func (c *expiringContext) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}
