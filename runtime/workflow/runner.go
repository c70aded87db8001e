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
	logger       *slog.Logger
	noValidate   bool
	checkpointer Checkpointer
	workflowMW   []WorkflowMiddleware
	stageMW      []StageMiddleware
	actionMW     []ActionMiddleware
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
	return chain(r.workflowMW, (&pass{Runner: r}).runStages)(ctx, wf)
}

// pass is one run of a workflow by a runner. A plain run starts at the
// first action and records nothing; a durable one skips the actions that
// completed before it resumed, and checkpoints after each action.
type pass struct {
	*Runner
	// done is how many actions, in run order, a durable run has
	// completed: it skips them, whether they completed before it resumed
	// or in an earlier attempt of middleware that retries.
	done int
	// offset is the run-order index of the first action of the stage
	// being run.
	offset int
	// completed, when not nil, is called after each action with the
	// number of actions completed so far; an error stops the run.
	completed func(ctx context.Context, n int) error
}

// runStages is the innermost workflow handler.
func (r *pass) runStages(ctx context.Context, wf *Workflow) error {
	log := r.logger.With("workflow", wf.Name)
	log.DebugContext(ctx, "workflow started", "stages", len(wf.Stages))
	if err := r.eachStage(ctx, wf); err != nil {
		log.DebugContext(ctx, "workflow stopped", "error", err)
		return err
	}
	log.DebugContext(ctx, "workflow finished")
	return nil
}

// eachStage runs the stages of wf until one fails or ctx is done. The
// stages whose actions all completed before are skipped, middleware and
// all.
func (r *pass) eachStage(ctx context.Context, wf *Workflow) error {
	runStage := chain(r.stageMW, r.runActions)
	offset := 0
	for i, st := range wf.Stages {
		if st == nil {
			return fmt.Errorf("workflow %q: stage %d is nil", wf.Name, i)
		}
		r.offset = offset
		offset += len(st.Actions)
		if r.offset < r.done && offset <= r.done {
			continue
		}
		if err := stopped(ctx); err != nil {
			return fmt.Errorf("workflow %q: stopped before stage %q: %w", wf.Name, st.Name, err)
		}
		if err := runStage(ctx, wf, st); err != nil {
			return err
		}
		// Stage middleware may write after the stage's last action.
		if r.completed == nil {
			continue
		}
		if err := r.completed(ctx, r.done); err != nil {
			return fmt.Errorf("workflow %q: checkpoint after stage %q: %w", wf.Name, st.Name, err)
		}
	}
	return nil
}

// runActions is the innermost stage handler.
func (r *pass) runActions(ctx context.Context, wf *Workflow, st *Stage) error {
	log := r.logger.With("workflow", wf.Name, "stage", st.Name)
	log.DebugContext(ctx, "stage started", "actions", len(st.Actions))
	runAction := chain(r.actionMW, execute)
	for i, a := range st.Actions {
		if a == nil {
			return fmt.Errorf("workflow %q: stage %q: action %d is nil", wf.Name, st.Name, i)
		}
		if r.offset+i < r.done {
			continue
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
		if r.completed == nil {
			continue
		}
		if err := r.completed(ctx, r.offset+i+1); err != nil {
			return fmt.Errorf("workflow %q: stage %q: checkpoint after action %q: %w", wf.Name, st.Name, a.Name(), err)
		}
		r.done = r.offset + i + 1
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

// WithCheckpointer makes the runner's [Runner.ExecuteRun] keep its runs'
// checkpoints in cp, so that a run that crashed or failed can be resumed,
// by this process or another one.
func WithCheckpointer(cp Checkpointer) RunnerOption {
	if cp == nil {
		panic("workflow: WithCheckpointer: nil checkpointer")
	}
	return func(r *Runner) { r.checkpointer = cp }
}

// ExecuteRun runs wf as the durable run runID, with the runner's
// checkpointer ([WithCheckpointer]): it starts the run when it never
// started, and resumes it otherwise.
//
// A new run is checked as [Runner.Execute] checks it, then records the
// workflow's stages and actions and its whole store. After each action,
// what the action changed in the store (not the whole store) and the
// run's progress are checkpointed atomically: a crash leaves either both
// or neither. What stage or workflow middleware writes after the last
// action of its stage or run is checkpointed when that stage or run ends.
//
// A run that crashed or failed is resumed: the store is restored exactly
// (values, types, TTLs, metadata) and the run goes on with the first
// action that did not complete, which therefore runs a second time if it
// was interrupted: actions of durable runs must tolerate that. Calling
// ExecuteRun again after an action failed is how a run is retried. A run
// that succeeded is not run again: ExecuteRun restores its final store
// into wf.Store and returns nil.
//
// While one worker runs runID, ExecuteRun elsewhere fails with an error
// wrapping [ErrRunInProgress]. A resume of a workflow whose stages or
// actions changed since the run started fails with an error wrapping
// [ErrWorkflowChanged] that names the first difference, and runs nothing.
// A worker that lost its hold on the run stops with an error wrapping
// [ErrRunLost]: at once when its claim is a [LeasedClaim], as a Redis
// lease is (the running action's context is cancelled, with that error
// as its cause), and otherwise at its next checkpoint. A workflow runs one run at a time:
// ExecuteRun of a workflow whose store another run is using fails before
// touching the store or the run.
func (r *Runner) ExecuteRun(ctx context.Context, wf *Workflow, runID string) (err error) {
	if r.checkpointer == nil {
		return errors.New("workflow: ExecuteRun: the runner has no checkpointer: make it with workflow.WithCheckpointer")
	}
	if err := checkDurable(wf, runID); err != nil {
		return err
	}
	// The store is taken first: a run that shares it with another run
	// going on would restore over that run's store.
	tracker, err := wf.Store.TrackChanges()
	if err != nil {
		return fmt.Errorf("run %q: workflow %q: its store is in use by another run (build a workflow for each run): %w", runID, wf.Name, err)
	}
	defer tracker.Stop()
	claim, cps, err := r.checkpointer.Claim(ctx, runID)
	if err != nil {
		return fmt.Errorf("run %q: %w", runID, err)
	}
	defer func() {
		if rerr := claim.Release(context.WithoutCancel(ctx)); rerr != nil {
			err = errors.Join(err, fmt.Errorf("run %q: release: %w", runID, rerr))
		}
	}()
	if leased, ok := claim.(LeasedClaim); ok {
		var stop func()
		ctx, stop = stopWhenLost(ctx, leased)
		defer stop()
	}
	d := &durableRun{id: runID, wf: wf, claim: claim, plan: planOf(wf)}
	if len(cps) == 0 {
		err = r.startRun(ctx, d)
	} else {
		err = d.restore(cps)
	}
	if err != nil || d.completed == d.plan.actions() {
		return err
	}
	tracker.Take() // the restored store is checkpointed already
	d.tracker = tracker
	r.logger.DebugContext(ctx, "run claimed", "run", runID, "workflow", wf.Name, "completed", d.completed)
	p := &pass{Runner: r, done: d.completed, completed: d.save}
	if err := chain(r.workflowMW, p.runStages)(ctx, wf); err != nil {
		// An action stopped by a lost hold may return only ctx.Err():
		// the cause says why.
		if cause := context.Cause(ctx); errors.Is(cause, ErrRunLost) && !errors.Is(err, ErrRunLost) {
			err = fmt.Errorf("%w: %w", err, cause)
		}
		// Many runs share one workflow: the run's ID says which one failed.
		return fmt.Errorf("run %q: %w", runID, err)
	}
	// Workflow middleware may write after the last action: a succeeded
	// run's final store is what a later ExecuteRun restores.
	if err := d.save(ctx, d.completed); err != nil {
		return fmt.Errorf("run %q: final checkpoint: %w", runID, err)
	}
	return nil
}

// stopWhenLost returns a context derived from ctx that is cancelled, with
// the claim's cause, once the worker loses its hold on the run, and the
// function that ends the watch, to be called before the claim is
// released (which cancels the claim's context too).
func stopWhenLost(ctx context.Context, claim LeasedClaim) (context.Context, func()) {
	held := claim.Held()
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(held, func() { cancel(context.Cause(held)) })
	return ctx, func() {
		stop()
		cancel(nil)
	}
}

// startRun checks the workflow of the new run d and records the run's
// first checkpoint.
func (r *Runner) startRun(ctx context.Context, d *durableRun) error {
	if !r.noValidate {
		if err := Validate(d.wf); err != nil {
			return fmt.Errorf("run %q: %w", d.id, err)
		}
	}
	return d.start(ctx)
}
