package workflow

import "context"

// WorkflowHandler runs a whole workflow: the runner's own one runs the
// stages in order.
type WorkflowHandler func(ctx context.Context, wf *Workflow) error

// StageHandler runs one stage: the runner's own one runs the stage's
// actions in order.
type StageHandler func(ctx context.Context, wf *Workflow, st *Stage) error

// ActionHandler runs one action: the runner's own one calls its Execute
// and turns a panic into a *[PanicError].
type ActionHandler func(ctx *ActionContext) error

// WorkflowMiddleware wraps the run of a workflow, for work done once per
// run, such as timing it or opening and closing a resource. It calls next
// to run the workflow, and may change the context it passes on.
type WorkflowMiddleware func(next WorkflowHandler) WorkflowHandler

// StageMiddleware wraps the run of each stage, like [WorkflowMiddleware]
// for one stage. Not calling next skips the stage.
type StageMiddleware func(next StageHandler) StageHandler

// ActionMiddleware wraps the run of each action: logging, timing,
// retries, a deadline per action ([ActionContext.WithContext]). Not
// calling next skips the action; an error it returns fails the run like
// an error of the action. It sees an action's panic as a *[PanicError]
// returned by next; a panic of the middleware itself is not recovered.
type ActionMiddleware func(next ActionHandler) ActionHandler

// WithWorkflowMiddleware adds middleware around each run. Middleware
// nests in the order given, across all options: the first is outermost.
func WithWorkflowMiddleware(mw ...WorkflowMiddleware) RunnerOption {
	mustNotBeNil("WithWorkflowMiddleware", mw)
	return func(r *Runner) { r.workflowMW = append(r.workflowMW, mw...) }
}

// WithStageMiddleware adds middleware around each stage. Middleware nests
// in the order given, across all options: the first is outermost.
func WithStageMiddleware(mw ...StageMiddleware) RunnerOption {
	mustNotBeNil("WithStageMiddleware", mw)
	return func(r *Runner) { r.stageMW = append(r.stageMW, mw...) }
}

// WithActionMiddleware adds middleware around each action. Middleware
// nests in the order given, across all options: the first is outermost.
func WithActionMiddleware(mw ...ActionMiddleware) RunnerOption {
	mustNotBeNil("WithActionMiddleware", mw)
	return func(r *Runner) { r.actionMW = append(r.actionMW, mw...) }
}

// mustNotBeNil panics on a nil middleware, so that the mistake shows where
// the runner is configured rather than in the middle of a run.
func mustNotBeNil[H any, M ~func(H) H](option string, mw []M) {
	for _, m := range mw {
		if m == nil {
			panic("workflow: " + option + ": nil middleware")
		}
	}
}

// chain wraps h in mw, the first outermost.
func chain[H any, M ~func(H) H](mw []M, h H) H {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}
