package workflow_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/internal/durabletest"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

func TestMain(m *testing.M) {
	durabletest.WorkerMain(func(dir string) (workflow.Checkpointer, error) {
		return workflow.NewFileCheckpointer(dir)
	})
	os.Exit(m.Run())
}

// recording wraps a checkpointer and keeps every checkpoint saved.
type recording struct {
	workflow.Checkpointer
	saved []workflow.Checkpoint
}

func (r *recording) Claim(ctx context.Context, runID string) (workflow.RunClaim, []workflow.Checkpoint, error) {
	claim, cps, err := r.Checkpointer.Claim(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	return &recordingClaim{RunClaim: claim, r: r}, cps, nil
}

type recordingClaim struct {
	workflow.RunClaim
	r *recording
}

func (c *recordingClaim) Save(ctx context.Context, cp workflow.Checkpoint) error {
	err := c.RunClaim.Save(ctx, cp)
	if err == nil {
		cp.Store = slices.Clone(cp.Store) // lent for the call only
		c.r.saved = append(c.r.saved, cp)
	}
	return err
}

func fileCheckpointer(t *testing.T) *workflow.FileCheckpointer {
	t.Helper()
	cp, err := workflow.NewFileCheckpointer(t.TempDir())
	require.NoError(t, err)
	return cp
}

// snapshot returns the store's snapshot, which holds every value, TTL
// (as an expiry time) and metadata (with its times): two stores are the
// same exactly when their snapshots are.
func snapshot(t *testing.T, s *store.KVStore) string {
	t.Helper()
	data, err := json.Marshal(s)
	require.NoError(t, err)
	return string(data)
}

func TestExecuteRunRestoresTheStoreExactlyAndRunsNothingOnceSucceeded(t *testing.T) {
	cp := fileCheckpointer(t)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	wf := durabletest.Workflow("w", nil)
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "run-1"))

	ran := 0
	again := durabletest.Workflow("w", func(*workflow.ActionContext) error { ran++; return nil })
	again.Store.Clear()
	require.NoError(t, r.ExecuteRun(context.Background(), again, "run-1"))
	assert.Zero(t, ran, "a succeeded run runs nothing")
	assert.Equal(t, snapshot(t, wf.Store), snapshot(t, again.Store))
}

func TestExecuteRunCheckpointsWhatEachActionChanged(t *testing.T) {
	cp := &recording{Checkpointer: fileCheckpointer(t)}
	wf := build(
		stage("s",
			act("one", func(ctx *workflow.ActionContext) error { return ctx.Store().Put("k", 1) }),
			act("none", func(*workflow.ActionContext) error { return nil }),
			act("clear", func(ctx *workflow.ActionContext) error { ctx.Store().Clear(); return ctx.Store().Put("c", 2) }),
			act("delete", func(ctx *workflow.ActionContext) error { ctx.Store().Delete("c"); return nil }),
		))
	for i := range 1000 {
		require.NoError(t, wf.Store.Put("big."+strconv.Itoa(i), i))
	}
	require.NoError(t, workflow.NewRunner(workflow.WithCheckpointer(cp)).ExecuteRun(context.Background(), wf, "r"))

	require.Len(t, cp.saved, 5)
	keysOf := func(c workflow.Checkpoint) []string {
		s := store.NewKVStore()
		require.NoError(t, s.ApplySnapshot(c.Store))
		return s.ListKeys()
	}
	assert.True(t, cp.saved[0].Full)
	assert.NotNil(t, cp.saved[0].Plan)
	assert.Len(t, keysOf(cp.saved[0]), 1000, "the first checkpoint holds the whole store")
	assert.Equal(t, []string{"k"}, keysOf(cp.saved[1]), "an action's checkpoint holds only what it wrote")
	assert.Less(t, len(cp.saved[1].Store), 200)
	assert.Empty(t, cp.saved[2].Store, "an action that writes nothing adds no store snapshot")
	assert.True(t, cp.saved[3].Full, "after a Clear the whole store is checkpointed")
	assert.Equal(t, []string{"c"}, keysOf(cp.saved[3]))
	assert.Contains(t, string(cp.saved[4].Store), `"removed":["c"]`)
	for i, c := range cp.saved {
		assert.Equal(t, i, c.Seq)
		assert.Equal(t, max(i, 0), c.Completed)
	}
}

func TestFailedRunResumesAtTheFailedAction(t *testing.T) {
	cp := fileCheckpointer(t)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	boom := errors.New("boom")
	var trace []string
	fail := true
	newWF := func() *workflow.Workflow {
		return build(
			stage("a",
				act("first", func(ctx *workflow.ActionContext) error {
					trace = append(trace, "first")
					return ctx.Store().PutWithTTL("first", 1, time.Hour)
				})),
			stage("b",
				act("flaky", func(ctx *workflow.ActionContext) error {
					trace = append(trace, "flaky")
					if err := ctx.Store().Put("partial", true); err != nil {
						return err
					}
					if fail {
						return boom
					}
					return ctx.Store().Put("flaky", 2)
				}),
				act("last", func(ctx *workflow.ActionContext) error {
					trace = append(trace, "last")
					_, err := store.Get[int](ctx.Store(), "first")
					return err
				})),
		)
	}
	err := r.ExecuteRun(context.Background(), newWF(), "retry")
	require.ErrorIs(t, err, boom)
	var ae *workflow.ActionError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "flaky", ae.Action)

	fail = false
	wf := newWF()
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "retry"))
	assert.Equal(t, []string{"first", "flaky", "flaky", "last"}, trace, "the retry starts at the failed action")
	assert.Equal(t, []string{"first", "flaky", "partial"}, wf.Store.ListKeys())
}

func TestResumeOfAChangedWorkflowIsRefused(t *testing.T) {
	nop := func(*workflow.ActionContext) error { return nil }
	original := func() *workflow.Workflow {
		return build(stage("a", act("x", nop), act("y", nop)), stage("b", act("z", nop)))
	}
	cases := []struct {
		name string
		wf   *workflow.Workflow
		want string
	}{
		{"action renamed", build(stage("a", act("x", nop), act("w", nop)), stage("b", act("z", nop))), `stage "a-id": action 2 was "y", is "w"`},
		{"action added", build(stage("a", act("x", nop), act("y", nop), act("v", nop)), stage("b", act("z", nop))), `stage "a-id": action 3 "v" is new`},
		{"action removed", build(stage("a", act("x", nop)), stage("b", act("z", nop))), `stage "a-id": action 2 "y" is gone`},
		{"stages swapped", build(stage("b", act("z", nop)), stage("a", act("x", nop), act("y", nop))), `stage 1 was "a-id", is "b-id"`},
		{"stage removed", build(stage("a", act("x", nop), act("y", nop))), `stage 2 "b-id" is gone`},
		{"other workflow", func() *workflow.Workflow { wf := original(); wf.ID = "other"; return wf }(), `the run is of workflow "wf-id", not "other"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := workflow.NewRunner(workflow.WithCheckpointer(fileCheckpointer(t)))
			failing := original()
			failing.Stages[1].Actions[0] = act("z", func(*workflow.ActionContext) error { return errors.New("stop") })
			require.Error(t, r.ExecuteRun(context.Background(), failing, "run"))

			ran := false
			for _, st := range c.wf.Stages {
				for i, a := range st.Actions {
					st.Actions[i] = act(a.Name(), func(*workflow.ActionContext) error { ran = true; return nil })
				}
			}
			err := r.ExecuteRun(context.Background(), c.wf, "run")
			require.ErrorIs(t, err, workflow.ErrWorkflowChanged)
			assert.Contains(t, err.Error(), c.want)
			assert.Contains(t, err.Error(), `run "run"`)
			assert.False(t, ran, "a refused resume runs nothing")
		})
	}
}

func TestRunHeldElsewhereIsInProgress(t *testing.T) {
	cp := fileCheckpointer(t)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	var inner error
	wf := build(stage("s", act("nested", func(ctx *workflow.ActionContext) error {
		inner = r.ExecuteRun(ctx.Context(), build(stage("s", act("nested", nil))), "same")
		return nil
	})))
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "same"))
	require.ErrorIs(t, inner, workflow.ErrRunInProgress)
	assert.Contains(t, inner.Error(), `run "same"`)

	// Once released, the run can be claimed again.
	claim, cps, err := cp.Claim(context.Background(), "same")
	require.NoError(t, err)
	assert.Len(t, cps, 2)
	require.NoError(t, claim.Release(context.Background()))
}

func TestCancelledRunKeepsTheActionThatCompleted(t *testing.T) {
	cp := fileCheckpointer(t)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	ctx, cancel := context.WithCancel(context.Background())
	var trace []string
	newWF := func() *workflow.Workflow {
		return build(stage("s",
			act("a", func(ac *workflow.ActionContext) error {
				trace = append(trace, "a")
				cancel()
				return ac.Store().Put("a", 1)
			}),
			act("b", func(ac *workflow.ActionContext) error { trace = append(trace, "b"); return ac.Store().Put("b", 1) }),
		))
	}
	require.ErrorIs(t, r.ExecuteRun(ctx, newWF(), "c"), context.Canceled)
	wf := newWF()
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "c"))
	assert.Equal(t, []string{"a", "b"}, trace)
	assert.Equal(t, []string{"a", "b"}, wf.Store.ListKeys())
}

func TestExecuteRunNeedsACheckpointerAndARunID(t *testing.T) {
	wf := build(stage("s", act("a", nil)))
	err := workflow.NewRunner().ExecuteRun(context.Background(), wf, "r")
	require.ErrorContains(t, err, "WithCheckpointer")
	err = workflow.NewRunner(workflow.WithCheckpointer(fileCheckpointer(t))).ExecuteRun(context.Background(), wf, "")
	require.ErrorContains(t, err, "empty run id")
	assert.Panics(t, func() { workflow.WithCheckpointer(nil) })
}

func TestUnencodableValueStopsTheRunNamingTheKey(t *testing.T) {
	r := workflow.NewRunner(workflow.WithCheckpointer(fileCheckpointer(t)))
	wf := build(stage("s", act("bad", func(ctx *workflow.ActionContext) error {
		return ctx.Store().Put("callback", func() {})
	})))
	err := r.ExecuteRun(context.Background(), wf, "r")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `run "r": workflow "wf": stage "s": checkpoint after action "bad"`)
	assert.Contains(t, err.Error(), `key "callback"`)
}

// failingSave is a checkpointer whose claims refuse every checkpoint
// from the failAt-th one on, as a full disk or a lost server would.
type failingSave struct {
	workflow.Checkpointer
	failAt int
}

func (f *failingSave) Claim(ctx context.Context, runID string) (workflow.RunClaim, []workflow.Checkpoint, error) {
	claim, cps, err := f.Checkpointer.Claim(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	return &failingClaim{RunClaim: claim, failAt: f.failAt}, cps, nil
}

type failingClaim struct {
	workflow.RunClaim
	failAt int
}

func (c *failingClaim) Save(ctx context.Context, cp workflow.Checkpoint) error {
	if cp.Seq >= c.failAt {
		return errors.New("disk full")
	}
	return c.RunClaim.Save(ctx, cp)
}

func TestEveryErrorOfARunNamesTheRun(t *testing.T) {
	newWF := func() *workflow.Workflow {
		return build(stage("s",
			act("a", func(ac *workflow.ActionContext) error { return ac.Store().Put("a", 1) }),
			act("b", func(*workflow.ActionContext) error { return errors.New("declined") }),
		))
	}
	cases := []struct {
		name   string
		failAt int
		want   string
	}{
		{"first checkpoint refused", 0, `run "order 7": first checkpoint: disk full`},
		{"checkpoint after an action refused", 1, `run "order 7": workflow "wf": stage "s": checkpoint after action "a": disk full`},
		{"action failed", 99, `run "order 7": workflow "wf": stage "s": action "b": declined`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := workflow.NewRunner(workflow.WithCheckpointer(&failingSave{Checkpointer: fileCheckpointer(t), failAt: c.failAt}))
			err := r.ExecuteRun(context.Background(), newWF(), "order 7")
			require.EqualError(t, err, c.want)
		})
	}
	// The run's ID wraps the action's error without hiding it.
	r := workflow.NewRunner(workflow.WithCheckpointer(fileCheckpointer(t)))
	var ae *workflow.ActionError
	require.ErrorAs(t, r.ExecuteRun(context.Background(), newWF(), "order 7"), &ae)
	assert.Equal(t, "b", ae.Action)
}

func TestUnreadableCheckpointNamesTheActionThatWroteIt(t *testing.T) {
	dir := t.TempDir()
	cp, err := workflow.NewFileCheckpointer(dir)
	require.NoError(t, err)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	put := func(key string) func(*workflow.ActionContext) error {
		return func(ac *workflow.ActionContext) error { return ac.Store().Put(key, 1) }
	}
	newWF := func() *workflow.Workflow {
		return build(stage("a", act("x", put("x"))), stage("b", act("y", put("y")), act("z", func(*workflow.ActionContext) error { return errors.New("stop") })))
	}
	require.Error(t, r.ExecuteRun(context.Background(), newWF(), "r"))

	// The program that resumes does not know the type of the value that
	// action y wrote (here: a type renamed since).
	name := filepath.Join(dir, "r", "00000000000000000002.json")
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	require.Contains(t, string(data), `"type":"int"`)
	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(string(data), `"type":"int"`, `"type":"shop.Gone"`, 1)), 0o644))

	wf := newWF()
	require.NoError(t, wf.Store.Put("before", "kept"))
	err = r.ExecuteRun(context.Background(), wf, "r")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `run "r": checkpoint 2 (after action "y" of stage "b-id"): `)
	assert.Contains(t, err.Error(), `shop.Gone`)
	assert.Equal(t, []string{"before"}, wf.Store.ListKeys(), "a restore that fails leaves the store as it was")
}

func TestUnencodableValueOfAWholeStoreCheckpointNamesTheKey(t *testing.T) {
	r := workflow.NewRunner(workflow.WithCheckpointer(fileCheckpointer(t)))
	wf := build(stage("s", act("a", nil)))
	require.NoError(t, wf.Store.Put("callback", func() {}))
	err := r.ExecuteRun(context.Background(), wf, "input")
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), `run "input": checkpoint of the initial store: store: marshal: key "callback": `), err.Error())

	// An action that clears the store is checkpointed with the whole store.
	wf = build(stage("s", act("reset", func(ac *workflow.ActionContext) error {
		ac.Store().Clear()
		return ac.Store().Put("callback", func() {})
	})))
	err = r.ExecuteRun(context.Background(), wf, "cleared")
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), `run "cleared": workflow "wf": stage "s": checkpoint after action "reset": store: marshal: key "callback": `), err.Error())
}

func TestMiddlewareWritesAfterTheLastActionAreCheckpointed(t *testing.T) {
	cp := &recording{Checkpointer: fileCheckpointer(t)}
	var fail bool
	r := workflow.NewRunner(workflow.WithCheckpointer(cp),
		workflow.WithWorkflowMiddleware(func(next workflow.WorkflowHandler) workflow.WorkflowHandler {
			return func(ctx context.Context, wf *workflow.Workflow) error {
				if err := next(ctx, wf); err != nil {
					return err
				}
				return wf.Store.Put("finished", true)
			}
		}),
		workflow.WithStageMiddleware(func(next workflow.StageHandler) workflow.StageHandler {
			return func(ctx context.Context, wf *workflow.Workflow, st *workflow.Stage) error {
				if err := next(ctx, wf, st); err != nil {
					return err
				}
				return wf.Store.Put("done."+st.ID, true)
			}
		}))
	newWF := func() *workflow.Workflow {
		return build(
			stage("a", act("x", func(ac *workflow.ActionContext) error { return ac.Store().Put("x", 1) })),
			stage("b", act("y", func(*workflow.ActionContext) error {
				if fail {
					return errors.New("stop")
				}
				return nil
			})))
	}
	// Stage a's middleware wrote after its last action; the run failed in
	// stage b. The retry skips stage a, so its write comes from a checkpoint.
	fail = true
	require.Error(t, r.ExecuteRun(context.Background(), newWF(), "r"))
	fail = false
	first := newWF()
	require.NoError(t, r.ExecuteRun(context.Background(), first, "r"))
	assert.Equal(t, []string{"done.a-id", "done.b-id", "finished", "x"}, first.Store.ListKeys())

	// The run succeeded: a later ExecuteRun restores its final store, the
	// workflow middleware's last write included.
	again := newWF()
	require.NoError(t, r.ExecuteRun(context.Background(), again, "r"))
	assert.Equal(t, snapshot(t, first.Store), snapshot(t, again.Store))

	// Each stage and the run, whose middleware wrote, added a checkpoint
	// that completed no action (a stage writing nothing adds none: see
	// TestExecuteRunCheckpointsWhatEachActionChanged).
	var completed []int
	for _, c := range cp.saved {
		completed = append(completed, c.Completed)
	}
	assert.Equal(t, []int{0, 1, 1, 2, 2, 2}, completed, "start, x, stage a, y, stage b, run")
}

func TestAWorkflowRunsOneRunAtATime(t *testing.T) {
	dir := t.TempDir()
	cp, err := workflow.NewFileCheckpointer(dir)
	require.NoError(t, err)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	// Run "other" failed after writing "other": it is resumable.
	other := build(stage("s", act("a", func(ac *workflow.ActionContext) error { return ac.Store().Put("other", 1) })),
		stage("t", act("b", func(*workflow.ActionContext) error { return errors.New("stop") })))
	require.Error(t, r.ExecuteRun(context.Background(), other, "other"))

	// A program that reuses one workflow for every run starts "other"
	// while "main" is going on in the same workflow.
	var inner error
	var wf *workflow.Workflow
	wf = build(stage("s", act("a", func(ac *workflow.ActionContext) error {
		if err := ac.Store().Put("main", 1); err != nil {
			return err
		}
		inner = r.ExecuteRun(ac.Context(), wf, "other")
		return nil
	})), stage("t", act("b", func(*workflow.ActionContext) error { return nil })))
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "main"))
	require.Error(t, inner)
	assert.Contains(t, inner.Error(), `run "other": workflow "wf": its store is in use by another run`)
	assert.Equal(t, []string{"main"}, wf.Store.ListKeys(), "the refused run left the store of the run going on alone")

	// Run "other" was not touched: it resumes where it failed.
	retried := build(stage("s", act("a", nil)), stage("t", act("b", func(*workflow.ActionContext) error { return nil })))
	require.NoError(t, r.ExecuteRun(context.Background(), retried, "other"))
	assert.Equal(t, []string{"other"}, retried.Store.ListKeys())
}

func TestFileCheckpointerLayout(t *testing.T) {
	dir := t.TempDir()
	cp, err := workflow.NewFileCheckpointer(dir)
	require.NoError(t, err)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	wf := build(stage("s", act("a", func(ctx *workflow.ActionContext) error { return ctx.Store().Put("k", 1) })))
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "Order/42.x"))

	runDir := filepath.Join(dir, "%4Frder%2F42%2Ex")
	entries, err := os.ReadDir(runDir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"00000000000000000000.json", "00000000000000000001.json", "lock"}, names)
	data, err := os.ReadFile(filepath.Join(runDir, "00000000000000000001.json"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"seq":1,"completed":1,"store":{"version":1,"entries":{"k":{"type":"int","value":1}}}}`, string(data))

	// A leftover of an interrupted write is removed, and so are the
	// checkpoints after a missing one, which cannot be used without it.
	require.NoError(t, os.WriteFile(filepath.Join(runDir, "00000000000000000002.json.tmp"), []byte("{"), 0o644))
	require.NoError(t, os.Rename(filepath.Join(runDir, "00000000000000000001.json"), filepath.Join(runDir, "00000000000000000003.json")))
	claim, cps, err := cp.Claim(context.Background(), "Order/42.x")
	require.NoError(t, err)
	assert.Len(t, cps, 1)
	require.NoError(t, claim.Release(context.Background()))
	assert.NoFileExists(t, filepath.Join(runDir, "00000000000000000002.json.tmp"))
	assert.NoFileExists(t, filepath.Join(runDir, "00000000000000000003.json"))

	// A checkpoint that cannot be read is an error naming the file.
	require.NoError(t, os.WriteFile(filepath.Join(runDir, "00000000000000000001.json"), []byte("{"), 0o644))
	_, _, err = cp.Claim(context.Background(), "Order/42.x")
	require.ErrorContains(t, err, filepath.Join(runDir, "00000000000000000001.json"))
}

func TestCheckpointJSONIsValidAndRoundTrips(t *testing.T) {
	for _, cp := range []workflow.Checkpoint{
		{},
		{Seq: 3, Completed: 2, Store: []byte(`{"version":1,"entries":{}}`)},
		{Full: true, Store: []byte(`{"version":1,"entries":{}}`), Plan: &workflow.Plan{Workflow: "w\"", Stages: []workflow.PlanStage{{ID: "s", Actions: []string{"a"}}}}},
	} {
		data, err := cp.MarshalJSON()
		require.NoError(t, err)
		require.True(t, json.Valid(data), string(data))
		var back workflow.Checkpoint
		require.NoError(t, json.Unmarshal(data, &back))
		if len(cp.Store) > 0 {
			assert.Equal(t, string(cp.Store), string(back.Store))
			back.Store = cp.Store
		}
		assert.Equal(t, cp, back)

		// AppendJSON writes the same bytes after what the buffer holds.
		appended, err := cp.AppendJSON([]byte("kept:"))
		require.NoError(t, err)
		assert.Equal(t, "kept:"+string(data), string(appended))
	}
}

func TestSaveChecksTheSequence(t *testing.T) {
	cp := fileCheckpointer(t)
	claim, cps, err := cp.Claim(context.Background(), "seq")
	require.NoError(t, err)
	assert.Empty(t, cps)
	require.ErrorContains(t, claim.Save(context.Background(), workflow.Checkpoint{Seq: 1}), "the next one is 0")
	require.NoError(t, claim.Save(context.Background(), workflow.Checkpoint{Seq: 0, Full: true, Store: []byte(`{"version":1,"entries":{}}`)}))
	require.NoError(t, claim.Release(context.Background()))
	require.ErrorContains(t, claim.Save(context.Background(), workflow.Checkpoint{Seq: 1}), "released")
}

func TestFileCheckpointerConformance(t *testing.T) {
	durabletest.Conformance(t, func(t *testing.T) workflow.Checkpointer { return fileCheckpointer(t) })
}

func TestRetryingMiddlewareGoesOnFromTheLastCheckpoint(t *testing.T) {
	retry := func(next workflow.WorkflowHandler) workflow.WorkflowHandler {
		return func(ctx context.Context, wf *workflow.Workflow) error {
			if err := next(ctx, wf); err == nil {
				return nil
			}
			return next(ctx, wf)
		}
	}
	cp := fileCheckpointer(t)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp), workflow.WithWorkflowMiddleware(retry))
	var trace []string
	failed := false
	wf := build(
		stage("a", act("one", func(*workflow.ActionContext) error { trace = append(trace, "one"); return nil })),
		stage("b", act("two", func(*workflow.ActionContext) error {
			trace = append(trace, "two")
			if !failed {
				failed = true
				return errors.New("once")
			}
			return nil
		})))
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "retried"))
	assert.Equal(t, []string{"one", "two", "two"}, trace, "a completed action is not run again by the retry")

	// The checkpoints still make one run: it has succeeded.
	trace = nil
	require.NoError(t, r.ExecuteRun(context.Background(), wf, "retried"))
	assert.Empty(t, trace)
}

// A run ID whose directory name would pass the file system's limit of 255
// bytes gets a shorter one that still tells it from every other run.
func TestFileCheckpointerTakesLongRunIDs(t *testing.T) {
	dir := t.TempDir()
	cp, err := workflow.NewFileCheckpointer(dir)
	require.NoError(t, err)
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	var ran []string
	newWF := func(id string) *workflow.Workflow {
		return build(stage("s", act("a", func(ctx *workflow.ActionContext) error {
			ran = append(ran, id)
			return ctx.Store().Put("id", id)
		})))
	}
	long := strings.Repeat("Order/", 50) // 300 bytes, 800 escaped
	other := long + "x"                  // the same first 64 bytes once escaped
	for _, id := range []string{long, other, long, other} {
		require.NoError(t, r.ExecuteRun(context.Background(), newWF(id), id))
	}
	assert.Equal(t, []string{long, other}, ran, "each run ran once, and the second ExecuteRun of each found it done")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 2)
	for _, e := range entries {
		assert.LessOrEqual(t, len(e.Name()), 129, e.Name())
		assert.True(t, strings.HasPrefix(e.Name(), "%4Frder%2F"), e.Name())
	}
}

// leasing wraps a checkpointer so that its claims can be lost while an
// action runs, as a Redis lease can: lose cancels the claim's context.
type leasing struct {
	workflow.Checkpointer
	lose context.CancelCauseFunc
}

func (l *leasing) Claim(ctx context.Context, runID string) (workflow.RunClaim, []workflow.Checkpoint, error) {
	claim, cps, err := l.Checkpointer.Claim(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	held, lose := context.WithCancelCause(context.Background())
	l.lose = lose
	return &leasedClaim{RunClaim: claim, held: held}, cps, nil
}

type leasedClaim struct {
	workflow.RunClaim
	held context.Context
}

func (c *leasedClaim) Held() context.Context { return c.held }

func TestALostLeaseCancelsTheRunningAction(t *testing.T) {
	cp := &leasing{Checkpointer: fileCheckpointer(t)}
	lost := fmt.Errorf("lease of run %q taken: %w", "run", workflow.ErrRunLost)
	var after []string
	wf := build(stage("s",
		act("a", func(ac *workflow.ActionContext) error { return ac.Store().Put("a", 1) }),
		act("waits", func(ac *workflow.ActionContext) error {
			cp.lose(lost)
			select {
			case <-ac.Context().Done():
				return ac.Context().Err() // context.Canceled, which says nothing of why
			case <-time.After(time.Minute): // rather than hang the test
				return errors.New("the context of the running action was not cancelled")
			}
		}),
		act("after", func(ac *workflow.ActionContext) error { after = append(after, "ran"); return nil }),
	))
	err := workflow.NewRunner(workflow.WithCheckpointer(cp)).ExecuteRun(context.Background(), wf, "run")
	require.ErrorIs(t, err, workflow.ErrRunLost)
	require.ErrorIs(t, err, context.Canceled)
	assert.ErrorContains(t, err, `lease of run "run" taken`)
	assert.Empty(t, after, "no action runs after the hold was lost")

	// A claim that keeps its hold runs the run to the end.
	wf = build(stage("s", act("a", func(ac *workflow.ActionContext) error { return ac.Store().Put("a", 1) })))
	require.NoError(t, workflow.NewRunner(workflow.WithCheckpointer(cp)).ExecuteRun(context.Background(), wf, "other"))
}
