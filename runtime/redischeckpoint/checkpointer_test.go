package redischeckpoint_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gostage/gostage/runtime/internal/durabletest"
	"github.com/gostage/gostage/runtime/redischeckpoint"
	"github.com/gostage/gostage/runtime/workflow"
)

// prefixOf returns a key prefix of the test's own, so that tests sharing
// the server, and runs of one test (-count), share no run.
func prefixOf(t testing.TB) string {
	return "test:" + t.Name() + ":" + strconv.FormatInt(time.Now().UnixNano(), 36)
}

func TestConformance(t *testing.T) {
	client := newClient(t)
	durabletest.Conformance(t, func(t *testing.T) workflow.Checkpointer {
		return redischeckpoint.New(client, redischeckpoint.WithPrefix(prefixOf(t)))
	})
}

func TestKeysShareTheRunsHashTag(t *testing.T) {
	client := newClient(t)
	forget(t, client, "shop", "order-42")
	cp := redischeckpoint.New(client, redischeckpoint.WithPrefix("shop"))
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	require.NoError(t, r.ExecuteRun(context.Background(), durabletest.Workflow("w", nil), "order-42"))

	ctx := context.Background()
	log := logOf(t, client, "shop", "order-42")
	assert.Equal(t, "shop:{order-42}:log:"+client.Get(ctx, "shop:{order-42}:owner").Val(), log)
	n, err := client.LLen(ctx, log).Result()
	require.NoError(t, err)
	assert.EqualValues(t, 7, n, "the first checkpoint, then one per action")
	first, err := client.LIndex(ctx, log, 0).Result()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(first, `{"seq":0,"completed":0,"full":true,"plan":{"workflow":"durable-test"`), first)
	assert.Zero(t, client.Exists(ctx, "shop:{order-42}:lease").Val(), "a finished worker releases its lease")
}

func TestLostLeaseRefusesTheWrite(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	prefix := prefixOf(t)
	cp := redischeckpoint.New(client, redischeckpoint.WithPrefix(prefix))
	claim, _, err := cp.Claim(ctx, "run")
	require.NoError(t, err)
	defer claim.Release(ctx)
	require.NoError(t, claim.Save(ctx, workflow.Checkpoint{Seq: 0, Full: true}))
	require.NoError(t, claim.Save(ctx, workflow.Checkpoint{Seq: 1, Completed: 1}))

	// Another worker took the run after the lease lapsed.
	lease := prefix + ":{run}:lease"
	require.NoError(t, client.Del(ctx, lease).Err())
	other, cps, err := cp.Claim(ctx, "run")
	require.NoError(t, err)
	require.Len(t, cps, 2, "the new owner reads the log the first one wrote")

	err = claim.Save(ctx, workflow.Checkpoint{Seq: 2, Completed: 2})
	require.ErrorIs(t, err, workflow.ErrRunLost)
	assert.EqualValues(t, 2, client.LLen(ctx, logOf(t, client, prefix, "run")).Val(), "nothing was written")
	assert.Equal(t, 1, countKeys(t, client, prefix+":{run}:log:*"), "the first owner's write left no log of its own")
	require.NoError(t, claim.Release(ctx))
	assert.NotEmpty(t, client.Get(ctx, lease).Val(), "release leaves the new owner's lease alone")
	require.NoError(t, other.Save(ctx, workflow.Checkpoint{Seq: 2, Completed: 2}))
	require.NoError(t, other.Release(ctx))
}

// A claim whose renewal finds the lease taken cancels its Held context,
// with a cause wrapping workflow.ErrRunLost, without waiting for a
// checkpoint, and writes nothing more, although its log is still there;
// releasing one that kept its lease cancels it without one.
func TestHeldEndsWhenTheLeaseIsTaken(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	prefix := prefixOf(t)
	cp := redischeckpoint.New(client, redischeckpoint.WithPrefix(prefix), redischeckpoint.WithLease(time.Minute))
	claim, _, err := cp.Claim(ctx, "kept")
	require.NoError(t, err)
	held := claim.(workflow.LeasedClaim).Held()
	require.NoError(t, held.Err(), "a claim just taken holds its run")
	require.NoError(t, claim.Release(ctx))
	require.ErrorIs(t, held.Err(), context.Canceled)
	assert.NotErrorIs(t, context.Cause(held), workflow.ErrRunLost, "a released claim did not lose its run")

	cp = redischeckpoint.New(client, redischeckpoint.WithPrefix(prefix), redischeckpoint.WithLease(300*time.Millisecond))
	claim, _, err = cp.Claim(ctx, "taken")
	require.NoError(t, err)
	defer claim.Release(ctx)
	held = claim.(workflow.LeasedClaim).Held()
	require.NoError(t, claim.Save(ctx, workflow.Checkpoint{Seq: 0, Full: true}))
	require.NoError(t, client.Set(ctx, prefix+":{taken}:lease", "another-token", time.Minute).Err())
	select {
	case <-held.Done():
	case <-time.After(time.Minute): // rather than hang the test
		t.Fatal("Held is not cancelled a minute after the lease was taken (it is renewed every 100 ms)")
	}
	require.ErrorIs(t, context.Cause(held), workflow.ErrRunLost)
	require.ErrorIs(t, claim.Save(ctx, workflow.Checkpoint{Seq: 1, Completed: 1}), workflow.ErrRunLost)
	assert.EqualValues(t, 1, client.LLen(ctx, logOf(t, client, prefix, "taken")).Val(), "nothing was written")
}

func TestLeaseIsRenewedWhileTheRunGoesOn(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	prefix := prefixOf(t)
	cp := redischeckpoint.New(client, redischeckpoint.WithPrefix(prefix), redischeckpoint.WithLease(2*time.Second))
	claim, _, err := cp.Claim(ctx, "run")
	require.NoError(t, err)
	defer claim.Release(ctx)

	// The lease's time left goes down, then up again when it is renewed,
	// with no checkpoint written meanwhile.
	lease := prefix + ":{run}:lease"
	least := client.PTTL(ctx, lease).Val()
	for {
		left := client.PTTL(ctx, lease).Val()
		require.Positive(t, left, "the lease lapsed")
		if left > least {
			break
		}
		least = left
		time.Sleep(20 * time.Millisecond)
	}
	_, _, err = cp.Claim(ctx, "run")
	require.ErrorIs(t, err, workflow.ErrRunInProgress)
	require.NoError(t, claim.Save(ctx, workflow.Checkpoint{Seq: 0, Full: true}))
}

func TestBadOptionsPanic(t *testing.T) {
	assert.Panics(t, func() { redischeckpoint.New(nil) })
	assert.Panics(t, func() { redischeckpoint.WithLease(0) })
	assert.PanicsWithValue(t, `redischeckpoint: WithPrefix: prefix "shop{}" holds a brace: the run's ID is the keys' hash tag`,
		func() { redischeckpoint.WithPrefix("shop{}") })
	assert.Panics(t, func() { redischeckpoint.WithPrefix("shop{eu}") })
}

func TestRunIDWithoutAHashTagIsRefused(t *testing.T) {
	// No server: the ID is refused before anything is sent.
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	t.Cleanup(func() { client.Close() })
	_, _, err := redischeckpoint.New(client).Claim(context.Background(), "}order-42")
	require.EqualError(t, err, `redischeckpoint: run id "}order-42" starts with '}', which leaves its keys no hash tag on Redis Cluster`)
}

// The tests below run workers in processes of their own
// (durabletest.Start), which TestMain turns into runs of
// durabletest.Workflow.

func TestKilledWorkerIsResumedByAnotherProcess(t *testing.T) {
	client := newClient(t)
	forget(t, client, "gostage", "killed", "killed-ref")
	want := durabletest.Start(t, "killed-ref", durabletest.Options{Name: "second", Arg: workerArg(time.Minute)}).Finish()
	require.Equal(t, durabletest.Done, want.Result)

	// The killed worker's lease lapses after a second.
	first := durabletest.Start(t, "killed", durabletest.Options{Name: "first", Hold: true, Arg: workerArg(time.Second)})
	first.WaitHold()
	first.Kill()
	waitLapsed(t, client, "gostage:{killed}:lease")

	got := durabletest.Start(t, "killed", durabletest.Options{Name: "second", Arg: workerArg(time.Minute)}).Finish()
	require.Equal(t, durabletest.Done, got.Result)
	assert.Equal(t, []string{durabletest.Held, "delete-scratch", "put-status"}, got.Ran, "the run resumes at the interrupted action")
	assert.Equal(t, want.Dump, got.Dump, "the resumed run leaves the store of a run that never crashed")
}

func TestTwoWorkersRacingForOneRun(t *testing.T) {
	client := newClient(t)
	forget(t, client, "gostage", "raced")
	workers := []*durabletest.Worker{
		durabletest.Start(t, "raced", durabletest.Options{Name: "a", Hold: true, Arg: workerArg(time.Minute)}),
		durabletest.Start(t, "raced", durabletest.Options{Name: "b", Hold: true, Arg: workerArg(time.Minute)}),
	}
	durabletest.CheckOneRuns(t, workers)
}

// waitLapsed waits until the lease key is gone: its worker stopped
// renewing it and it lapsed.
func waitLapsed(t *testing.T, client *redis.Client, lease string) {
	t.Helper()
	for client.Exists(context.Background(), lease).Val() != 0 {
		time.Sleep(50 * time.Millisecond)
	}
}

// logOf returns the key of the log of run id under prefix: the log is
// named after the token of the run's owner.
func logOf(t *testing.T, client *redis.Client, prefix, id string) string {
	t.Helper()
	base := prefix + ":{" + id + "}:"
	owner, err := client.Get(context.Background(), base+"owner").Result()
	require.NoError(t, err)
	return base + "log:" + owner
}

// forget deletes the keys of runs ids under prefix, so that a test starts
// them afresh.
func forget(t *testing.T, client *redis.Client, prefix string, ids ...string) {
	t.Helper()
	ctx := context.Background()
	for _, id := range ids {
		base := prefix + ":{" + id + "}:"
		owner := client.Get(ctx, base+"owner").Val()
		require.NoError(t, client.Del(ctx, base+"owner", base+"lease", base+"log:"+owner).Err())
	}
}

// countKeys returns how many keys match pattern (KEYS: tests only).
func countKeys(t *testing.T, client *redis.Client, pattern string) int {
	t.Helper()
	keys, err := client.Keys(context.Background(), pattern).Result()
	require.NoError(t, err)
	return len(keys)
}

// before is a hook that calls do before each command named name the
// client sends; the command fails with the error do returns, if any.
type before struct {
	name string
	do   func() error
}

func (h before) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h before) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == h.name {
			if err := h.do(); err != nil {
				cmd.SetErr(err)
				return err
			}
		}
		return next(ctx, cmd)
	}
}

func (h before) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// A checkpoint out of sequence is refused without being written: were it
// written and then taken back out, another worker taking the run in
// between (or the worker dying) would leave it in the log, and the run
// could not be resumed.
func TestCheckpointOutOfSequenceIsNeverWritten(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	prefix := prefixOf(t)
	lease := prefix + ":{run}:lease"
	other := redischeckpoint.New(client, redischeckpoint.WithPrefix(prefix))
	var taken workflow.RunClaim
	hooked := newClient(t)
	hooked.AddHook(before{name: "rpop", do: func() error {
		// The lease lapsed, and another worker took the run.
		require.NoError(t, client.Del(ctx, lease).Err())
		var err error
		taken, _, err = other.Claim(ctx, "run")
		require.NoError(t, err)
		return nil
	}})
	cp := redischeckpoint.New(hooked, redischeckpoint.WithPrefix(prefix))
	claim, _, err := cp.Claim(ctx, "run")
	require.NoError(t, err)
	defer claim.Release(ctx)
	require.NoError(t, claim.Save(ctx, workflow.Checkpoint{Seq: 0, Full: true}))
	require.Error(t, claim.Save(ctx, workflow.Checkpoint{Seq: 5, Completed: 1}))
	if taken != nil {
		require.NoError(t, taken.Release(ctx))
	}

	require.NoError(t, client.Del(ctx, lease).Err())
	again, cps, err := other.Claim(ctx, "run")
	require.NoError(t, err)
	defer again.Release(ctx)
	assert.Len(t, cps, 1, "the refused checkpoint is not in the log")
}

// A checkpoint that finds no log, when the lease cannot be read to tell
// why, fails with the read's error: the worker may still hold the run.
func TestUnreadableLeaseIsNoLostRun(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	prefix := prefixOf(t)
	down := errors.New("connection reset")
	hooked := newClient(t)
	var failing atomic.Bool
	hooked.AddHook(before{name: "get", do: func() error {
		if failing.Load() {
			return down
		}
		return nil
	}})
	cp := redischeckpoint.New(hooked, redischeckpoint.WithPrefix(prefix))
	claim, _, err := cp.Claim(ctx, "run")
	require.NoError(t, err)
	defer claim.Release(ctx)
	require.NoError(t, claim.Save(ctx, workflow.Checkpoint{Seq: 0, Full: true}))
	// The server lost the log; the lease is still the claim's.
	require.NoError(t, client.Del(ctx, logOf(t, client, prefix, "run")).Err())
	failing.Store(true)

	err = claim.Save(ctx, workflow.Checkpoint{Seq: 1, Completed: 1})
	require.ErrorIs(t, err, down)
	assert.NotErrorIs(t, err, workflow.ErrRunLost)
	assert.NoError(t, claim.(workflow.LeasedClaim).Held().Err(), "the claim was not given up")
}
