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
	require.NoError(t, client.Del(context.Background(), "gostage:{paused}:log", "gostage:{paused-ref}:log").Err())
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
