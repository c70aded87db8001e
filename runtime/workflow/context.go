package workflow

import (
	"context"
	"log/slog"

	"github.com/gostage/gostage/runtime/store"
)

// ActionContext is what an action sees of the run it is part of: the
// workflow, stage and action being run, the workflow's store, the run's
// context and a logger. The runner makes a new one for every action.
//
// To test an action alone, build one by hand with just the Workflow (for
// its store): Context is then context.Background() and Logger discards.
type ActionContext struct {
	// Workflow is the workflow being run.
	Workflow *Workflow
	// Stage is the stage being run.
	Stage *Stage
	// Action is the action being run.
	Action Action

	ctx    context.Context
	logger *slog.Logger
}

// Store returns the workflow's store, shared by all its stages and
// actions.
func (c *ActionContext) Store() *store.KVStore { return c.Workflow.Store }

// Context returns the run's context. Actions that wait or call out pass it
// on, so that cancelling the run stops them too.
func (c *ActionContext) Context() context.Context {
	if c.ctx == nil {
		return context.Background()
	}
	return c.ctx
}

// Logger returns the runner's logger with the workflow, stage and action
// names attached, so that an action's records say where they come from.
func (c *ActionContext) Logger() *slog.Logger {
	if c.logger == nil {
		return discard
	}
	return c.logger
}

// WithContext returns a copy of c whose Context is ctx. Action middleware
// uses it to give one action a deadline or values of its own.
func (c *ActionContext) WithContext(ctx context.Context) *ActionContext {
	if ctx == nil {
		panic("workflow: ActionContext.WithContext: nil context")
	}
	c2 := *c
	c2.ctx = ctx
	return &c2
}
