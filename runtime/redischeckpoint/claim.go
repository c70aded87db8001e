package redischeckpoint

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gostage/gostage/runtime/workflow"
)

var _ workflow.LeasedClaim = (*claim)(nil)

// claim is a worker's lease on a run. A goroutine renews the lease until
// Release, or until it finds the lease lost.
type claim struct {
	c *Checkpointer
	// lease holds the lease's key, as the scripts take it; log is the
	// key of this claim's log.
	lease []string
	log   string
	token string

	// since is when the claim was asked for, and renewed how long after
	// it the last renewal that succeeded was sent: the lease runs until
	// at least renewed + lease on the server, whose clock started later.
	// Only the renewing goroutine, which sends one renewal at a time,
	// sets renewed.
	since   time.Time
	renewed atomic.Int64
	// lost is set once the lease is found taken or lapsed; held is then
	// cancelled with the reason (and by Release, without one).
	lost       atomic.Bool
	held       context.Context
	cancelHeld context.CancelCauseFunc
	// saving is held by Save, which encodes each checkpoint into entry,
	// the buffer reused from one checkpoint to the next. next is the Seq
	// of the next checkpoint: the length of the log as the claim read it
	// and then wrote to it, which no one else writes.
	saving sync.Mutex
	entry  []byte
	next   int
	// mu guards the closing of stop, which ends the renewals; done is
	// closed once they ended.
	mu   sync.Mutex
	stop chan struct{}
	done chan struct{}
}

// newClaim returns the claim of a lease taken with token by a request
// sent at since, whose log held next checkpoints, and starts renewing it.
func newClaim(c *Checkpointer, keys runKeys, token string, since time.Time, next int) *claim {
	cl := &claim{c: c, lease: []string{keys.lease}, log: keys.log(token), token: token,
		since: since, next: next, stop: make(chan struct{}), done: make(chan struct{})}
	cl.held, cl.cancelHeld = context.WithCancelCause(context.Background())
	go cl.renew()
	return cl
}

// renew renews the lease three times per lease time, so that one or two
// failed renewals (a slow network) do not lose it. It stops when told, or
// when the lease turns out lost: taken by another worker, or lapsed, as
// the server says, or as the time since the last renewal that succeeded
// says when the server cannot be reached or the process was paused.
func (cl *claim) renew() {
	defer close(cl.done)
	t := time.NewTicker(cl.c.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-cl.stop:
			return
		case <-t.C:
		}
		if cl.lapsed() {
			cl.lose()
			return
		}
		sent := time.Since(cl.since)
		ctx, cancel := context.WithTimeout(context.Background(), cl.c.lease/3)
		n, err := renewScript.Run(ctx, cl.c.client, cl.lease, cl.token, cl.c.lease.Milliseconds()).Int64()
		cancel()
		switch {
		case err != nil: // tried again at the next tick
		case n == 0:
			cl.lose()
			return
		default:
			cl.renewed.Store(int64(sent))
		}
	}
}

// lapsed reports whether the lease time has passed since the last renewal
// that succeeded was sent: the server has let the lease go, and another
// worker may hold the run.
func (cl *claim) lapsed() bool {
	return time.Since(cl.since)-time.Duration(cl.renewed.Load()) >= cl.c.lease
}

// lose records that the lease is lost, and cancels the context of Held
// with the error saying so, which stops the running action.
func (cl *claim) lose() {
	cl.lost.Store(true)
	cl.cancelHeld(cl.lostError())
}

// Held returns a context that is cancelled once the lease is lost, with a
// cause wrapping [workflow.ErrRunLost], or once the claim is released.
func (cl *claim) Held() context.Context { return cl.held }

// Save appends cp to the run's log. The first checkpoint of a run is a
// script that checks the lease's token; every later one is one RPUSHX to
// this claim's log, which appends nothing once another worker claimed the
// run, since that claim renamed the log after its own token. A checkpoint
// out of sequence is refused before anything is sent: pushed and then
// taken back out, it would stay in the log for the next owner if this
// worker died or lost the run between the two.
func (cl *claim) Save(ctx context.Context, cp workflow.Checkpoint) error {
	if cl.lost.Load() {
		return cl.lostError()
	}
	if cl.lapsed() {
		cl.lose()
		return cl.lostError()
	}
	cl.saving.Lock()
	defer cl.saving.Unlock()
	if cp.Seq != cl.next {
		return fmt.Errorf("redischeckpoint: checkpoint %d of %s: the log holds %d", cp.Seq, cl.log, cl.next)
	}
	err := cl.append(ctx, cp)
	if err == nil {
		cl.next++
	}
	return err
}

// append writes cp, the next checkpoint of the log, encoding it in
// cl.entry.
func (cl *claim) append(ctx context.Context, cp workflow.Checkpoint) error {
	var err error
	if cl.entry, err = cp.AppendJSON(cl.entry[:0]); err != nil {
		return err
	}
	if cp.Seq == 0 {
		return cl.start(ctx)
	}
	n, err := cl.c.client.RPushX(ctx, cl.log, cl.entry).Result()
	switch {
	case err != nil:
		return fmt.Errorf("redischeckpoint: save to %s: %w", cl.log, err)
	case n == 0:
		return cl.noLog(ctx, cp.Seq)
	case n-1 != int64(cp.Seq):
		// The log is not as this claim left it: the server lost writes,
		// or one whose answer never came got through. Only this claim
		// writes its log, so the checkpoint just pushed is the last
		// one, taken back out so that no one reads it.
		cl.c.client.RPop(context.WithoutCancel(ctx), cl.log)
		return fmt.Errorf("redischeckpoint: checkpoint %d of %s: the log holds %d", cp.Seq, cl.log, n-1)
	}
	return nil
}

// noLog tells why checkpoint seq found no log to append to: another
// worker claimed the run and renamed the log, or, while this claim still
// holds the lease, the server lost the log. When the lease cannot be read
// it says so, rather than give up a run the worker may still hold.
func (cl *claim) noLog(ctx context.Context, seq int) error {
	holder, err := cl.c.client.Get(ctx, cl.lease[0]).Result()
	switch {
	case err == redis.Nil || err == nil && holder != cl.token:
		cl.lose()
		return cl.lostError()
	case err != nil:
		return fmt.Errorf("redischeckpoint: checkpoint %d of %s: no log, and %s could not be read: %w", seq, cl.log, cl.lease[0], err)
	}
	return fmt.Errorf("redischeckpoint: checkpoint %d of %s: the log holds 0", seq, cl.log)
}

// start writes the first checkpoint of a run, encoded in cl.entry.
func (cl *claim) start(ctx context.Context) error {
	res, err := startScript.Run(ctx, cl.c.client, []string{cl.lease[0], cl.log}, cl.token, cl.entry).Result()
	if err != nil {
		return fmt.Errorf("redischeckpoint: save to %s: %w", cl.log, err)
	}
	switch res {
	case "ok":
		return nil
	case "lost":
		cl.lose()
		return cl.lostError()
	}
	return fmt.Errorf("redischeckpoint: checkpoint 0 of %s: the log holds %v", cl.log, res)
}

// lostError is the error of a write refused for a lost lease.
func (cl *claim) lostError() error {
	return fmt.Errorf("redischeckpoint: lease %s lapsed or was taken by another worker: %w", cl.lease[0], workflow.ErrRunLost)
}

// Release stops the renewals and deletes the lease, unless another worker
// holds it now. Releasing twice is harmless.
func (cl *claim) Release(ctx context.Context) error {
	cl.mu.Lock()
	select {
	case <-cl.stop:
		cl.mu.Unlock()
		return nil
	default:
		close(cl.stop)
	}
	cl.mu.Unlock()
	<-cl.done
	cl.cancelHeld(nil)
	if err := releaseScript.Run(ctx, cl.c.client, cl.lease, cl.token).Err(); err != nil {
		return fmt.Errorf("redischeckpoint: release %s: %w", cl.lease[0], err)
	}
	return nil
}
