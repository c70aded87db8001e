package redischeckpoint

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gostage/gostage/runtime/workflow"
)

// claim is a worker's lease on a run. A goroutine renews the lease until
// Release, or until it finds the lease lost.
type claim struct {
	c     *Checkpointer
	keys  []string
	token string

	// lost is set once the lease is found taken or lapsed.
	lost atomic.Bool
	// saving is held by Save, which encodes each checkpoint into entry,
	// the buffer reused from one checkpoint to the next.
	saving sync.Mutex
	entry  []byte
	// mu guards the closing of stop, which ends the renewals; done is
	// closed once they ended.
	mu   sync.Mutex
	stop chan struct{}
	done chan struct{}
}

// newClaim returns the claim of a lease just taken with token, and starts
// renewing it.
func newClaim(c *Checkpointer, keys []string, token string) *claim {
	cl := &claim{c: c, keys: keys, token: token, stop: make(chan struct{}), done: make(chan struct{})}
	go cl.renew()
	return cl
}

// renew renews the lease three times per lease time, so that one or two
// failed renewals (a slow network) do not lose it. It stops when told, or
// when the lease turns out lost.
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
		ctx, cancel := context.WithTimeout(context.Background(), cl.c.lease/3)
		n, err := renewScript.Run(ctx, cl.c.client, cl.keys[:1], cl.token, cl.c.lease.Milliseconds()).Int64()
		cancel()
		if err == nil && n == 0 {
			cl.lost.Store(true)
			return
		}
	}
}

// Save appends cp to the run's log and renews the lease, in one script
// that first checks that the lease is still this claim's.
func (cl *claim) Save(ctx context.Context, cp workflow.Checkpoint) error {
	if cl.lost.Load() {
		return cl.lostError()
	}
	cl.saving.Lock()
	defer cl.saving.Unlock()
	var err error
	if cl.entry, err = cp.AppendJSON(cl.entry[:0]); err != nil {
		return err
	}
	res, err := saveScript.Run(ctx, cl.c.client, cl.keys, cl.token, cp.Seq, cl.entry, cl.c.lease.Milliseconds()).Result()
	if err != nil {
		return fmt.Errorf("redischeckpoint: save to %s: %w", cl.keys[1], err)
	}
	switch res {
	case "ok":
		return nil
	case "lost":
		cl.lost.Store(true)
		return cl.lostError()
	}
	return fmt.Errorf("redischeckpoint: checkpoint %d of %s: the log holds %v", cp.Seq, cl.keys[1], res)
}

// lostError is the error of a write refused for a lost lease.
func (cl *claim) lostError() error {
	return fmt.Errorf("redischeckpoint: lease %s lapsed or was taken by another worker: %w", cl.keys[0], workflow.ErrRunLost)
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
	if err := releaseScript.Run(ctx, cl.c.client, cl.keys[:1], cl.token).Err(); err != nil {
		return fmt.Errorf("redischeckpoint: release %s: %w", cl.keys[0], err)
	}
	return nil
}
