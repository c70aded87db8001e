package durabletest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// Conformance checks what every [workflow.Checkpointer] must do, in
// process. newCheckpointer returns a checkpointer that holds no run yet.
func Conformance(t *testing.T, newCheckpointer func(t *testing.T) workflow.Checkpointer) {
	t.Run("claim, save, claim again", func(t *testing.T) {
		cp := newCheckpointer(t)
		ctx := context.Background()
		claim, cps, err := cp.Claim(ctx, "run")
		require.NoError(t, err)
		assert.Empty(t, cps, "a run that never started has no checkpoints")
		saved := []workflow.Checkpoint{
			{Seq: 0, Full: true, Store: []byte(`{"version":1,"entries":{"a":{"type":"int","value":1}}}`),
				Plan: &workflow.Plan{Workflow: "w", Stages: []workflow.PlanStage{{ID: "s", Actions: []string{"x"}}}}},
			{Seq: 1, Completed: 1},
		}
		for _, c := range saved {
			require.NoError(t, claim.Save(ctx, c))
		}
		err = claim.Save(ctx, workflow.Checkpoint{Seq: 5})
		require.Error(t, err, "a checkpoint out of sequence is refused")
		err = claim.Save(ctx, workflow.Checkpoint{Seq: 1})
		require.Error(t, err, "a checkpoint saved twice is refused")

		_, _, err = cp.Claim(ctx, "run")
		require.ErrorIs(t, err, workflow.ErrRunInProgress)
		require.NoError(t, claim.Release(ctx))

		claim, cps, err = cp.Claim(ctx, "run")
		require.NoError(t, err)
		defer claim.Release(ctx)
		require.Len(t, cps, 2, "the refused checkpoints were not written")
		assert.JSONEq(t, string(saved[0].Store), string(cps[0].Store))
		cps[0].Store = saved[0].Store
		assert.Equal(t, saved, cps)
	})
	t.Run("a run starts with checkpoint 0", func(t *testing.T) {
		cp := newCheckpointer(t)
		ctx := context.Background()
		claim, _, err := cp.Claim(ctx, "run")
		require.NoError(t, err)
		require.Error(t, claim.Save(ctx, workflow.Checkpoint{Seq: 1}), "a first checkpoint other than 0 is refused")
		require.NoError(t, claim.Release(ctx))
		claim, cps, err := cp.Claim(ctx, "run")
		require.NoError(t, err)
		defer claim.Release(ctx)
		assert.Empty(t, cps, "the refused checkpoint was not written")
	})
	t.Run("runs are apart", func(t *testing.T) {
		cp := newCheckpointer(t)
		ctx := context.Background()
		a, _, err := cp.Claim(ctx, "a")
		require.NoError(t, err)
		defer a.Release(ctx)
		b, cps, err := cp.Claim(ctx, "b")
		require.NoError(t, err, "holding one run does not hold another")
		assert.Empty(t, cps)
		require.NoError(t, b.Release(ctx))
	})
	t.Run("a succeeded run restores its store and runs nothing", func(t *testing.T) {
		r := workflow.NewRunner(workflow.WithCheckpointer(newCheckpointer(t)))
		wf := Workflow("w", nil)
		require.NoError(t, r.ExecuteRun(context.Background(), wf, "run"))
		ran := false
		again := Workflow("w", func(*workflow.ActionContext) error { ran = true; return nil })
		again.Store.Clear()
		require.NoError(t, r.ExecuteRun(context.Background(), again, "run"))
		assert.False(t, ran)
		assert.Equal(t, snapshot(t, wf.Store), snapshot(t, again.Store), "values, types, expiry times and metadata come back exactly")
	})
	t.Run("a failed action is retried", func(t *testing.T) {
		r := workflow.NewRunner(workflow.WithCheckpointer(newCheckpointer(t)))
		boom := errors.New("boom")
		calls := 0
		fail := func(*workflow.ActionContext) error {
			if calls++; calls == 1 {
				panic(boom)
			}
			return nil
		}
		err := r.ExecuteRun(context.Background(), Workflow("w", fail), "run")
		require.ErrorIs(t, err, boom)
		wf := Workflow("w", fail)
		require.NoError(t, r.ExecuteRun(context.Background(), wf, "run"))
		assert.Equal(t, 2, calls)
		v, err := store.Get[string](wf.Store, "user.status")
		require.NoError(t, err)
		assert.Equal(t, "active", v)
	})
	t.Run("a changed workflow is refused", func(t *testing.T) {
		r := workflow.NewRunner(workflow.WithCheckpointer(newCheckpointer(t)))
		stop := errors.New("stop")
		err := r.ExecuteRun(context.Background(), Workflow("w", func(*workflow.ActionContext) error { panic(stop) }), "run")
		require.ErrorIs(t, err, stop)
		changed := Workflow("w", nil)
		changed.Stages[0].Actions = changed.Stages[0].Actions[1:]
		err = r.ExecuteRun(context.Background(), changed, "run")
		require.ErrorIs(t, err, workflow.ErrWorkflowChanged)
		assert.Contains(t, err.Error(), `stage "create": action 1 was "put-profile", is "put-otp"`)
	})
}

// snapshot returns the JSON snapshot of s.
func snapshot(t *testing.T, s *store.KVStore) string {
	t.Helper()
	data, err := json.Marshal(s)
	require.NoError(t, err)
	return string(data)
}
