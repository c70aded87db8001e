package workflow_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/workflow"
)

// workflowMW, stageMW and actionMW return middleware that records name
// and where the run goes in (">") and comes out ("<").
func (r *recorder) workflowMW(name string) workflow.WorkflowMiddleware {
	return func(next workflow.WorkflowHandler) workflow.WorkflowHandler {
		return func(ctx context.Context, wf *workflow.Workflow) error {
			r.trace = append(r.trace, name+">"+wf.Name)
			err := next(ctx, wf)
			r.trace = append(r.trace, name+"<"+wf.Name)
			return err
		}
	}
}

func (r *recorder) stageMW(name string) workflow.StageMiddleware {
	return func(next workflow.StageHandler) workflow.StageHandler {
		return func(ctx context.Context, wf *workflow.Workflow, st *workflow.Stage) error {
			r.trace = append(r.trace, name+">"+st.Name)
			err := next(ctx, wf, st)
			r.trace = append(r.trace, name+"<"+st.Name)
			return err
		}
	}
}

func (r *recorder) actionMW(name string) workflow.ActionMiddleware {
	return func(next workflow.ActionHandler) workflow.ActionHandler {
		return func(ac *workflow.ActionContext) error {
			r.trace = append(r.trace, name+">"+ac.Action.Name())
			err := next(ac)
			r.trace = append(r.trace, name+"<"+ac.Action.Name())
			return err
		}
	}
}

func TestMiddlewareNestsInTheOrderGiven(t *testing.T) {
	var rec recorder
	r := workflow.NewRunner(
		workflow.WithActionMiddleware(rec.actionMW("A1"), rec.actionMW("A2")),
		workflow.WithWorkflowMiddleware(rec.workflowMW("W1")),
		workflow.WithStageMiddleware(rec.stageMW("S1")),
		workflow.WithWorkflowMiddleware(rec.workflowMW("W2")),
		workflow.WithActionMiddleware(rec.actionMW("A3")),
	)
	wf := build(stage("s1", rec.action("a", nil), rec.action("b", nil)), stage("s2", rec.action("c", nil)))

	require.NoError(t, r.Execute(context.Background(), wf))

	assert.Equal(t, []string{
		"W1>wf", "W2>wf",
		"S1>s1",
		"A1>a", "A2>a", "A3>a", "a", "A3<a", "A2<a", "A1<a",
		"A1>b", "A2>b", "A3>b", "b", "A3<b", "A2<b", "A1<b",
		"S1<s1",
		"S1>s2",
		"A1>c", "A2>c", "A3>c", "c", "A3<c", "A2<c", "A1<c",
		"S1<s2",
		"W2<wf", "W1<wf",
	}, rec.trace)
}

func TestActionMiddlewareSeesErrorsAndPanics(t *testing.T) {
	errFail := errors.New("failed")
	var seen []error
	observe := func(next workflow.ActionHandler) workflow.ActionHandler {
		return func(ac *workflow.ActionContext) error {
			err := next(ac)
			seen = append(seen, err)
			return nil // forgive, so that the run goes on
		}
	}
	var rec recorder
	wf := build(stage("s1",
		rec.action("fails", errFail),
		act("panics", func(*workflow.ActionContext) error { panic("boom") }),
		rec.action("last", nil)))

	require.NoError(t, workflow.NewRunner(workflow.WithActionMiddleware(observe)).Execute(context.Background(), wf))

	assert.Equal(t, []string{"fails", "last"}, rec.trace)
	require.Len(t, seen, 3)
	assert.Same(t, errFail, seen[0], "middleware sees the action's own error, not yet wrapped")
	var pe *workflow.PanicError
	require.ErrorAs(t, seen[1], &pe)
	assert.Equal(t, "boom", pe.Value)
	assert.NoError(t, seen[2])
}

func TestMiddlewareErrorsAndSkips(t *testing.T) {
	errDenied := errors.New("denied")
	var rec recorder
	deny := func(next workflow.ActionHandler) workflow.ActionHandler {
		return func(ac *workflow.ActionContext) error {
			if ac.Action.Name() == "guarded" {
				return errDenied
			}
			return next(ac)
		}
	}
	skipStage := func(next workflow.StageHandler) workflow.StageHandler {
		return func(ctx context.Context, wf *workflow.Workflow, st *workflow.Stage) error {
			if st.Name == "skipped" {
				return nil
			}
			return next(ctx, wf, st)
		}
	}
	wf := build(
		stage("skipped", rec.action("never", nil)),
		stage("s2", rec.action("a", nil), rec.action("guarded", nil), rec.action("b", nil)),
	)

	err := workflow.NewRunner(workflow.WithActionMiddleware(deny), workflow.WithStageMiddleware(skipStage)).
		Execute(context.Background(), wf)

	require.ErrorIs(t, err, errDenied)
	assert.Equal(t, `workflow "wf": stage "s2": action "guarded": denied`, err.Error(),
		"an action middleware's error names the action, like the action's own")
	assert.Equal(t, []string{"a"}, rec.trace)
}

func TestMiddlewareChangesTheContext(t *testing.T) {
	type key struct{}
	withValue := func(name string) workflow.ActionMiddleware {
		return func(next workflow.ActionHandler) workflow.ActionHandler {
			return func(ac *workflow.ActionContext) error {
				return next(ac.WithContext(context.WithValue(ac.Context(), key{}, name)))
			}
		}
	}
	withStageValue := func(next workflow.StageHandler) workflow.StageHandler {
		return func(ctx context.Context, wf *workflow.Workflow, st *workflow.Stage) error {
			return next(context.WithValue(ctx, key{}, "stage"), wf, st)
		}
	}
	var got []any
	wf := build(stage("s1", act("a", func(ac *workflow.ActionContext) error {
		got = append(got, ac.Context().Value(key{}))
		return nil
	})))

	require.NoError(t, workflow.NewRunner(workflow.WithStageMiddleware(withStageValue)).Execute(context.Background(), wf))
	require.NoError(t, workflow.NewRunner(workflow.WithActionMiddleware(withValue("outer"), withValue("inner"))).
		Execute(context.Background(), wf))

	assert.Equal(t, []any{"stage", "inner"}, got)
}

func TestWithContextCopies(t *testing.T) {
	var orig, changed *workflow.ActionContext
	wf := build(stage("s1", act("a", func(ac *workflow.ActionContext) error {
		orig = ac
		changed = ac.WithContext(context.TODO())
		return nil
	})))
	require.NoError(t, workflow.NewRunner().Execute(context.Background(), wf))

	assert.NotSame(t, orig, changed)
	assert.Equal(t, context.Background(), orig.Context())
	assert.Equal(t, context.TODO(), changed.Context())
	assert.Same(t, orig.Action, changed.Action)
	assert.Same(t, orig.Logger(), changed.Logger())
	assert.Panics(t, func() { orig.WithContext(nil) })
}

func TestNilMiddlewarePanics(t *testing.T) {
	assert.PanicsWithValue(t, "workflow: WithWorkflowMiddleware: nil middleware",
		func() { workflow.WithWorkflowMiddleware(nil) })
	assert.PanicsWithValue(t, "workflow: WithStageMiddleware: nil middleware",
		func() { workflow.WithStageMiddleware(nil) })
	assert.PanicsWithValue(t, "workflow: WithActionMiddleware: nil middleware",
		func() { workflow.WithActionMiddleware(nil) })
}
