package workflow_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

func TestExecuteRunsStagesThenActionsInOrder(t *testing.T) {
	var rec recorder
	wf := build(
		stage("first", rec.action("a1", nil), rec.action("a2", nil)),
		stage("empty"),
		stage("second", rec.action("b1", nil), rec.action("b2", nil), rec.action("b3", nil)),
	)

	require.NoError(t, workflow.NewRunner().Execute(context.Background(), wf))
	assert.Equal(t, []string{"a1", "a2", "b1", "b2", "b3"}, rec.trace)
}

func TestActionContextNamesWhereItRuns(t *testing.T) {
	var got []*workflow.ActionContext
	record := func(ac *workflow.ActionContext) error {
		got = append(got, ac)
		return nil
	}
	a1, a2 := act("a1", record), act("a2", record)
	s1, s2 := stage("s1", a1), stage("s2", a2)
	wf := build(s1, s2)
	type key struct{}
	ctx := context.WithValue(context.Background(), key{}, "run")

	require.NoError(t, workflow.NewRunner().Execute(ctx, wf))
	require.Len(t, got, 2)
	for i, want := range []struct {
		st *workflow.Stage
		a  workflow.Action
	}{{s1, a1}, {s2, a2}} {
		assert.Same(t, wf, got[i].Workflow)
		assert.Same(t, want.st, got[i].Stage)
		assert.Same(t, want.a, got[i].Action)
		assert.Same(t, wf.Store, got[i].Store())
		assert.Equal(t, "run", got[i].Context().Value(key{}), "the action's context is the run's")
		assert.NotNil(t, got[i].Logger())
	}
}

// codeError is an error type that tests find with errors.As.
type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("code %d", e.code) }

func TestExecuteStopsAtFirstErrorAndWrapsIt(t *testing.T) {
	errPlain := errors.New("disk full")
	tests := []struct {
		name    string
		err     error
		wantMsg string
		check   func(t *testing.T, err error)
	}{
		{
			name:    "sentinel",
			err:     errPlain,
			wantMsg: `workflow "wf": stage "s2": action "b": disk full`,
			check:   func(t *testing.T, err error) { assert.ErrorIs(t, err, errPlain) },
		},
		{
			name:    "wrapped sentinel",
			err:     fmt.Errorf("saving: %w", errPlain),
			wantMsg: `workflow "wf": stage "s2": action "b": saving: disk full`,
			check:   func(t *testing.T, err error) { assert.ErrorIs(t, err, errPlain) },
		},
		{
			name:    "error type",
			err:     &codeError{code: 42},
			wantMsg: `workflow "wf": stage "s2": action "b": code 42`,
			check: func(t *testing.T, err error) {
				var ce *codeError
				require.ErrorAs(t, err, &ce)
				assert.Equal(t, 42, ce.code)
			},
		},
		{
			name:    "store error",
			err:     func() error { _, err := store.Get[int](store.NewKVStore(), "user.id"); return err }(),
			wantMsg: `workflow "wf": stage "s2": action "b": store: key "user.id": not found`,
			check:   func(t *testing.T, err error) { assert.ErrorIs(t, err, store.ErrNotFound) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			wf := build(
				stage("s1", rec.action("a", nil)),
				stage("s2", rec.action("b", tt.err), rec.action("c", nil)),
				stage("s3", rec.action("d", nil)),
			)

			err := workflow.NewRunner().Execute(context.Background(), wf)

			require.Error(t, err)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.Equal(t, []string{"a", "b"}, rec.trace, "nothing runs after the failed action")
			var ae *workflow.ActionError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, workflow.ActionError{Workflow: "wf", Stage: "s2", Action: "b", Err: tt.err}, *ae)
			tt.check(t, err)
		})
	}
}

func TestExecuteStopsWhenCancelled(t *testing.T) {
	tests := []struct {
		name      string
		cancelIn  string // the action that cancels the run
		wantTrace []string
		wantMsg   string
	}{
		{
			name:      "between actions of a stage",
			cancelIn:  "a1",
			wantTrace: []string{"a1"},
			wantMsg:   `workflow "wf": stage "s1": stopped before action "a2": context canceled`,
		},
		{
			name:      "between stages",
			cancelIn:  "a2",
			wantTrace: []string{"a1", "a2"},
			wantMsg:   `workflow "wf": stopped before stage "s2": context canceled`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var trace []string
			step := func(name string) workflow.Action {
				return act(name, func(*workflow.ActionContext) error {
					trace = append(trace, name)
					if name == tt.cancelIn {
						cancel()
					}
					return nil
				})
			}
			wf := build(stage("s1", step("a1"), step("a2")), stage("s2", step("b1")))

			err := workflow.NewRunner().Execute(ctx, wf)

			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.Equal(t, tt.wantTrace, trace)
			var ae *workflow.ActionError
			assert.False(t, errors.As(err, &ae), "no action failed")
		})
	}
}

func TestExecuteReportsCancelCause(t *testing.T) {
	errShutdown := errors.New("shutting down")
	ctx, cancel := context.WithCancelCause(context.Background())
	var rec recorder
	wf := build(stage("s1",
		act("a1", func(*workflow.ActionContext) error { cancel(errShutdown); return nil }),
		rec.action("a2", nil)))

	err := workflow.NewRunner().Execute(ctx, wf)

	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, errShutdown)
	assert.Equal(t, `workflow "wf": stage "s1": stopped before action "a2": context canceled: shutting down`, err.Error())
	assert.Empty(t, rec.trace)
}

func TestExecuteStopsAtDeadline(t *testing.T) {
	t.Run("expires during an action", func(t *testing.T) {
		ctx := newExpiringContext()
		var rec recorder
		wf := build(stage("s1",
			act("wait", func(ac *workflow.ActionContext) error {
				ctx.expire()
				<-ac.Context().Done() // the run's context is the one given to Execute
				return nil
			}),
			rec.action("after", nil)))

		err := workflow.NewRunner().Execute(ctx, wf)

		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, `workflow "wf": stage "s1": stopped before action "after": context deadline exceeded`, err.Error())
		assert.Empty(t, rec.trace)
	})
	t.Run("expired before the run", func(t *testing.T) {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		var rec recorder
		wf := build(stage("s1", rec.action("a1", nil)))

		err := workflow.NewRunner().Execute(ctx, wf)

		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, `workflow "wf": stopped before stage "s1": context deadline exceeded`, err.Error())
		assert.Empty(t, rec.trace)
	})
	t.Run("action returns the context's error", func(t *testing.T) {
		ctx := newExpiringContext()
		wf := build(stage("s1", act("wait", func(ac *workflow.ActionContext) error {
			ctx.expire()
			<-ac.Context().Done()
			return ac.Context().Err()
		})))

		err := workflow.NewRunner().Execute(ctx, wf)

		require.ErrorIs(t, err, context.DeadlineExceeded)
		var ae *workflow.ActionError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "wait", ae.Action)
	})
}

func TestExecuteRecoversPanic(t *testing.T) {
	errBoom := errors.New("boom error")
	tests := []struct {
		name    string
		value   any
		wantMsg string
		wantIs  error
	}{
		{name: "string", value: "boom", wantMsg: `workflow "wf": stage "s1": action "bad": panic: boom`},
		{name: "error", value: errBoom, wantMsg: `workflow "wf": stage "s1": action "bad": panic: boom error`, wantIs: errBoom},
		{name: "int", value: 7, wantMsg: `workflow "wf": stage "s1": action "bad": panic: 7`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			wf := build(stage("s1",
				act("bad", func(*workflow.ActionContext) error { panic(tt.value) }),
				rec.action("after", nil)))

			var err error
			require.NotPanics(t, func() { err = workflow.NewRunner().Execute(context.Background(), wf) })

			require.Error(t, err)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.Empty(t, rec.trace)
			var pe *workflow.PanicError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.value, pe.Value)
			assert.Contains(t, string(pe.Stack), "runner_test.go", "the stack shows where the panic was")
			if tt.wantIs != nil {
				assert.ErrorIs(t, err, tt.wantIs)
			}
		})
	}
}

func TestExecuteRecoversNilPanic(t *testing.T) {
	wf := build(stage("s1", act("bad", func(*workflow.ActionContext) error { panic(nil) })))

	err := workflow.NewRunner().Execute(context.Background(), wf)

	var pe *workflow.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, err.Error(), `action "bad": panic: panic called with nil argument`)
}

func TestInitialAndFinalStore(t *testing.T) {
	wf := build(
		stage("double", act("double", func(ac *workflow.ActionContext) error {
			n, err := store.Get[int](ac.Store(), "input")
			if err != nil {
				return err
			}
			return ac.Store().Put("output", 2*n)
		})),
		stage("clean", act("clean", func(ac *workflow.ActionContext) error {
			ac.Store().Delete("input")
			return nil
		})),
	)
	require.NoError(t, wf.Store.Put("input", 21))

	require.NoError(t, workflow.NewRunner().Execute(context.Background(), wf))

	out, err := store.Get[int](wf.Store, "output")
	require.NoError(t, err)
	assert.Equal(t, 42, out)
	assert.Equal(t, []string{"output"}, wf.Store.ListKeys())
}

func TestExecuteRejectsBrokenWorkflows(t *testing.T) {
	tests := []struct {
		name    string
		wf      func() *workflow.Workflow
		wantMsg string
	}{
		{
			name:    "nil workflow",
			wf:      func() *workflow.Workflow { return nil },
			wantMsg: "workflow: Execute: nil workflow",
		},
		{
			name:    "no store",
			wf:      func() *workflow.Workflow { return &workflow.Workflow{Name: "bare"} },
			wantMsg: `workflow "bare": no store: create workflows with workflow.New`,
		},
		{
			name: "nil stage",
			wf: func() *workflow.Workflow {
				wf := build(stage("s1"))
				wf.Stages = append(wf.Stages, nil)
				return wf
			},
			wantMsg: `workflow "wf": stage 1 is nil`,
		},
		{
			name: "nil action",
			wf: func() *workflow.Workflow {
				st := stage("s1")
				st.Actions = append(st.Actions, nil)
				return build(st)
			},
			wantMsg: `workflow "wf": stage "s1": action 0 is nil`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := workflow.NewRunner().Execute(context.Background(), tt.wf())
			require.Error(t, err)
			assert.Equal(t, tt.wantMsg, err.Error())
		})
	}
}

func TestRunnerRunsWorkflowsConcurrently(t *testing.T) {
	r := workflow.NewRunner(workflow.WithActionMiddleware(func(next workflow.ActionHandler) workflow.ActionHandler {
		return next
	}))
	var wg sync.WaitGroup
	wfs := make([]*workflow.Workflow, 8)
	errs := make([]error, len(wfs))
	for i := range wfs {
		wfs[i] = build(stage("count", act("count", func(ac *workflow.ActionContext) error {
			for range 100 {
				n, _ := store.GetOrDefault(ac.Store(), "n", 0)
				if err := ac.Store().Put("n", n+1); err != nil {
					return err
				}
			}
			return nil
		})))
		wg.Go(func() { errs[i] = r.Execute(context.Background(), wfs[i]) })
	}
	wg.Wait()
	for i, wf := range wfs {
		require.NoError(t, errs[i])
		n, err := store.Get[int](wf.Store, "n")
		require.NoError(t, err)
		assert.Equal(t, 100, n)
	}
}

// TestExecuteStopsWhenAMiddlewareContextEnds: the context that counts is
// the one each level hands on, so a stage middleware's own deadline or
// cancellation stops the stage's next action like the run's would.
func TestExecuteStopsWhenAMiddlewareContextEnds(t *testing.T) {
	tests := []struct {
		name    string
		option  func(cancelled chan<- func()) workflow.RunnerOption
		wantMsg string
	}{
		{
			name: "stage middleware",
			option: func(cancelled chan<- func()) workflow.RunnerOption {
				return workflow.WithStageMiddleware(func(next workflow.StageHandler) workflow.StageHandler {
					return func(ctx context.Context, wf *workflow.Workflow, st *workflow.Stage) error {
						ctx, cancel := context.WithCancel(ctx)
						defer cancel()
						cancelled <- cancel
						return next(ctx, wf, st)
					}
				})
			},
			wantMsg: `workflow "wf": stage "s1": stopped before action "a2": context canceled`,
		},
		{
			name: "workflow middleware",
			option: func(cancelled chan<- func()) workflow.RunnerOption {
				return workflow.WithWorkflowMiddleware(func(next workflow.WorkflowHandler) workflow.WorkflowHandler {
					return func(ctx context.Context, wf *workflow.Workflow) error {
						ctx, cancel := context.WithCancel(ctx)
						defer cancel()
						cancelled <- cancel
						return next(ctx, wf)
					}
				})
			},
			wantMsg: `workflow "wf": stage "s1": stopped before action "a2": context canceled`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cancels := make(chan func(), 1)
			var rec recorder
			wf := build(
				stage("s1", act("a1", func(*workflow.ActionContext) error { (<-cancels)(); return nil }), rec.action("a2", nil)),
				stage("s2", rec.action("b1", nil)),
			)

			err := workflow.NewRunner(tt.option(cancels)).Execute(context.Background(), wf)

			require.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.Empty(t, rec.trace)
		})
	}
}

// TestExecutePanicAfterCancelIsThePanic: an action that cancels the run
// and then panics fails with its panic, which says more than the
// cancellation.
func TestExecutePanicAfterCancelIsThePanic(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wf := build(stage("s1", act("bad", func(*workflow.ActionContext) error {
		cancel()
		panic("boom")
	})))

	err := workflow.NewRunner().Execute(ctx, wf)

	var pe *workflow.PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, `workflow "wf": stage "s1": action "bad": panic: boom`, err.Error())
	assert.NotErrorIs(t, err, context.Canceled)
}
