//go:build unix

package redischeckpoint_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/internal/durabletest"
)

// A worker paused past its lease (SIGSTOP: its renewals stop too) finds
// its run taken when it goes on, and its next checkpoint refused. Only
// Unix can pause a process from outside.
func TestPausedWorkerLosesItsRun(t *testing.T) {
	client := newClient(t)
	forget(t, client, "gostage", "paused", "paused-ref")
	want := durabletest.Start(t, "paused-ref", durabletest.Options{Name: "taker", Arg: workerArg(time.Minute)}).Finish()
	require.Equal(t, durabletest.Done, want.Result)

	paused := durabletest.Start(t, "paused", durabletest.Options{Name: "paused", Hold: true, Arg: workerArg(time.Second)})
	paused.WaitHold()
	paused.Signal(syscall.SIGSTOP) // no renewals from now on
	waitLapsed(t, client, "gostage:{paused}:lease")

	taker := durabletest.Start(t, "paused", durabletest.Options{Name: "taker", Arg: workerArg(time.Minute)}).Finish()
	require.Equal(t, durabletest.Done, taker.Result)
	assert.Equal(t, []string{durabletest.Held, "delete-scratch", "put-status"}, taker.Ran)

	paused.Signal(syscall.SIGCONT)
	paused.Release()
	assert.Equal(t, durabletest.Lost, paused.Finish().Result, "the paused worker's checkpoint is refused and its run stops")

	final := durabletest.Start(t, "paused", durabletest.Options{Name: "reader", Arg: workerArg(time.Minute)}).Finish()
	require.Equal(t, durabletest.Done, final.Result)
	assert.Empty(t, final.Ran)
	assert.Equal(t, want.Dump, final.Dump, "nothing of the paused worker's writes reached the run")
}

// A worker whose lease lapses while an action runs (paused with SIGSTOP
// past its lease) has that action's context cancelled as soon as it runs
// again, with a cause wrapping workflow.ErrRunLost: the action stops
// there, instead of going on to a checkpoint that would be refused, and
// nothing more reaches the run's log.
func TestLostLeaseStopsTheRunningAction(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	forget(t, client, "gostage", "stopped")
	w := durabletest.Start(t, "stopped", durabletest.Options{Name: "stopped", Hold: true, Stoppable: true, Arg: workerArg(time.Second)})
	w.WaitHold()
	w.Signal(syscall.SIGSTOP)
	waitLapsed(t, client, "gostage:{stopped}:lease")
	w.Signal(syscall.SIGCONT)

	// The worker is never released: only its cancelled context can end
	// the held action. Without it, the worker would wait for good; the
	// bound turns that into a failure rather than a test that hangs.
	line := make(chan string, 1)
	go func() { line <- w.Await() }()
	select {
	case l := <-line:
		require.Equal(t, "stopped", l, "the held action's context was cancelled")
	case <-time.After(30 * time.Second):
		t.Fatal("the held action still runs 30 s after its lease lapsed")
	}
	o := w.Finish()
	assert.Equal(t, durabletest.Lost, o.Result, "the run stops with an error wrapping workflow.ErrRunLost")
	assert.Equal(t, []string{"put-profile", "put-otp", "put-kinds", durabletest.Held}, o.Ran)
	assert.EqualValues(t, 4, client.LLen(ctx, logOf(t, client, "gostage", "stopped")).Val(),
		"the log holds the start of the run and the three actions before the held one, nothing more")
}
