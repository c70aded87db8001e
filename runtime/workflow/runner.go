package workflow

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
)

// discard is the logger of a runner made without one.
var discard = slog.New(slog.DiscardHandler)

// Runner runs workflows. Create one with [NewRunner]; it does not change
// after that, so one Runner may run many workflows, at the same time too.
type Runner struct {
	logger     *slog.Logger
	noValidate bool
	workflowMW []WorkflowMiddleware
	stageMW    []StageMiddleware
	actionMW   []ActionMiddleware
}

// RunnerOption configures a [Runner] made by [NewRunner].
type RunnerOption func(*Runner)

// NewRunner returns a runner configured by options. Without [WithLogger]
// it logs nothing.
func NewRunner(options ...RunnerOption) *Runner {
	r := &Runner{logger: discard}
	for _, opt := range options {
		opt(r)
	}
	return r
}

// WithLogger makes the runner log to logger, and gives actions a child of
// it through [ActionContext.Logger]. The runner's own records, the start
// and end of each workflow, stage and action, are at debug level: errors
// are returned, not logged. A nil logger logs nothing.
func WithLogger(logger *slog.Logger) RunnerOption {
	return func(r *Runner) {
		if logger == nil {
			logger = discard
		}
		r.logger = logger
	}
}

// WithoutValidation turns off the contract check ([Validate]) that
// Execute does before a run, for workflows whose actions are known to
// satisfy each other in ways their contracts do not say.
func WithoutValidation() RunnerOption {
	return func(r *Runner) { r.noValidate = true }
}

// Execute runs wf: its stages in order and, within each stage, its
// actions in order, all sharing wf.Store, which holds the results when
// Execute returns.
//
// Before running anything it checks the actions' contracts with
// [Validate] and returns the problems, unless the runner was made with
// [WithoutValidation].
//
// The first action that fails stops the run: Execute returns an
// *[ActionError] naming the workflow, stage and action and wrapping the
// action's error. A panic in an action is recovered and returned the same
// way, wrapping a *[PanicError]. When ctx is cancelled or its deadline
// passes, the run stops before the next stage or action starts and
// Execute returns ctx.Err() (and the context's cause, when it has another
// one) wrapped with the place the run stopped; an action that is running
// finishes first, or stops early if it watches its Context.
//
// Middleware runs around the workflow, each stage and each action;
// errors that workflow and stage middleware return themselves come back
// as they are.
func (r *Runner) Execute(ctx context.Context, wf *Workflow) error {
	if wf == nil {
		return errors.New("workflow: Execute: nil workflow")
	}
	if wf.Store == nil {
		return fmt.Errorf("workflow %q: no store: create workflows with workflow.New", wf.Name)
	}
	if !r.noValidate {
		if err := Validate(wf); err != nil {
			return err
		}
	}
	return chain(r.workflowMW, r.runStages)(ctx, wf)
}

// runStages is the innermost workflow handler.
func (r *Runner) runStages(ctx context.Context, wf *Workflow) error {
	log := r.logger.With("workflow", wf.Name)
	log.DebugContext(ctx, "workflow started", "stages", len(wf.Stages))
	if err := r.eachStage(ctx, wf); err != nil {
		log.DebugContext(ctx, "workflow stopped", "error", err)
		return err
	}
	log.DebugContext(ctx, "workflow finished")
	return nil
}

// eachStage runs the stages of wf until one fails or ctx is done.
func (r *Runner) eachStage(ctx context.Context, wf *Workflow) error {
	runStage := chain(r.stageMW, r.runActions)
	for i, st := range wf.Stages {
		if st == nil {
			return fmt.Errorf("workflow %q: stage %d is nil", wf.Name, i)
		}
		if err := stopped(ctx); err != nil {
			return fmt.Errorf("workflow %q: stopped before stage %q: %w", wf.Name, st.Name, err)
		}
		if err := runStage(ctx, wf, st); err != nil {
			return err
		}
	}
	return nil
}

// runActions is the innermost stage handler.
func (r *Runner) runActions(ctx context.Context, wf *Workflow, st *Stage) error {
	log := r.logger.With("workflow", wf.Name, "stage", st.Name)
	log.DebugContext(ctx, "stage started", "actions", len(st.Actions))
	runAction := chain(r.actionMW, execute)
	for i, a := range st.Actions {
		if a == nil {
			return fmt.Errorf("workflow %q: stage %q: action %d is nil", wf.Name, st.Name, i)
		}
		if err := stopped(ctx); err != nil {
			return fmt.Errorf("workflow %q: stage %q: stopped before action %q: %w", wf.Name, st.Name, a.Name(), err)
		}
		actionLog := log.With("action", a.Name())
		actionLog.DebugContext(ctx, "action started")
		ac := &ActionContext{Workflow: wf, Stage: st, Action: a, ctx: ctx, logger: actionLog}
		if err := runAction(ac); err != nil {
			actionLog.DebugContext(ctx, "action failed", "error", err)
			return &ActionError{Workflow: wf.Name, Stage: st.Name, Action: a.Name(), Err: err}
		}
		actionLog.DebugContext(ctx, "action finished")
	}
	log.DebugContext(ctx, "stage finished")
	return nil
}

// execute is the innermost action handler. It recovers a panic so that
// one broken action fails its run, not the program.
func execute(ac *ActionContext) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return ac.Action.Execute(ac)
}

// stopped returns nil while ctx is live, and otherwise ctx.Err() joined
// with the context's cause when the cause says more.
func stopped(ctx context.Context) error {
	err := ctx.Err()
	if err == nil {
		return nil
	}
	if cause := context.Cause(ctx); cause != nil && cause != err {
		return fmt.Errorf("%w: %w", err, cause)
	}
	return err
}
