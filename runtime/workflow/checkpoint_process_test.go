package workflow_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/internal/durabletest"
)

// These tests run workers in processes of their own (durabletest.Start),
// which TestMain turns into runs of durabletest.Workflow.

func TestKilledWorkerIsResumedByAnotherProcess(t *testing.T) {
	want := durabletest.Start(t, "run", durabletest.Options{Name: "second", Arg: t.TempDir()}).Finish()
	require.Equal(t, durabletest.Done, want.Result)

	dir := t.TempDir()
	first := durabletest.Start(t, "run", durabletest.Options{Name: "first", Hold: true, Arg: dir})
	first.WaitHold()
	first.Kill() // SIGKILL, in the middle of an action

	got := durabletest.Start(t, "run", durabletest.Options{Name: "second", Arg: dir}).Finish()
	require.Equal(t, durabletest.Done, got.Result)
	assert.Equal(t, []string{durabletest.Held, "delete-scratch", "put-status"}, got.Ran, "the run resumes at the interrupted action")
	t.Logf("final store:\n%s", got.Dump)
	assert.Equal(t, want.Dump, got.Dump, "the resumed run leaves the store of a run that never crashed")
	assert.Contains(t, got.Dump, `held.by = string "second"`)
	assert.Contains(t, got.Dump, `user.otp = string "4821" expires=true`)
}

func TestTwoWorkersRacingForOneRun(t *testing.T) {
	dir := t.TempDir()
	workers := []*durabletest.Worker{
		durabletest.Start(t, "run", durabletest.Options{Name: "a", Hold: true, Arg: dir}),
		durabletest.Start(t, "run", durabletest.Options{Name: "b", Hold: true, Arg: dir}),
	}
	durabletest.CheckOneRuns(t, workers)
}
