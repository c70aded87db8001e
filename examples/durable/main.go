// Command durable runs an order through a durable workflow: the run is
// checkpointed after every action, so that a run that crashed resumes
// where it stopped, in this process or another one, on this machine or,
// with Redis, on another.
//
//	go run ./examples/durable -crash    # crashes in the middle of charge-card
//	go run ./examples/durable           # resumes: charge-card runs again, then the rest
//	go run ./examples/durable           # the run succeeded: nothing runs
//
// By default the checkpoints are files under -dir; with -redis ADDR they
// are kept on that Redis server. -run names the run (a new name starts a
// new run).
//
// An action that was interrupted runs again when the run resumes, so
// each action must tolerate running twice: charge-card passes the run's
// ID as the payment provider's idempotency key, so a second call does not
// charge the customer again.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/gostage/gostage/runtime/redischeckpoint"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// The keys the order's actions pass to each other.
var (
	itemsKey    = store.NewKey[[]string]("order.items", store.WithDescription("what the customer ordered"))
	totalKey    = store.NewKey[int]("order.total", store.WithDescription("the price, in cents"))
	paymentKey  = store.NewKey[string]("payment.id", store.WithTags("pii"), store.WithDescription("the charge at the payment provider"))
	trackingKey = store.NewKey[string]("shipment.tracking", store.WithTTL(30*24*time.Hour))
	statusKey   = store.NewKey[string]("order.status")
)

// lease is how long a Redis worker holds a run without renewing it: a
// crashed worker's run can be resumed that long after the crash.
const lease = 5 * time.Second

func main() {
	dir := flag.String("dir", filepath.Join(os.TempDir(), "gostage-durable"), "directory of the file checkpoints")
	addr := flag.String("redis", "", "keep the checkpoints on the Redis server at `ADDR` instead of in files")
	runID := flag.String("run", "order-42", "the run's ID")
	crash := flag.Bool("crash", false, "crash in the middle of charge-card")
	flag.Parse()

	cp, err := checkpointer(*dir, *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "durable:", err)
		os.Exit(1)
	}
	var crashNow func()
	if *crash {
		crashNow = func() {
			fmt.Println("crashing in the middle of charge-card")
			os.Exit(3) // as a crash: no deferred call runs, nothing is released
		}
	}
	if err := run(context.Background(), cp, *runID, os.Stdout, crashNow); err != nil {
		fmt.Fprintln(os.Stderr, "durable:", err)
		os.Exit(1)
	}
}

// checkpointer returns the Redis checkpointer when addr is set, and the
// file one otherwise.
func checkpointer(dir, addr string) (workflow.Checkpointer, error) {
	if addr == "" {
		fmt.Println("checkpoints in", dir)
		return workflow.NewFileCheckpointer(dir)
	}
	fmt.Println("checkpoints on the Redis server at", addr)
	client := redis.NewClient(&redis.Options{Addr: addr})
	return redischeckpoint.New(client, redischeckpoint.WithPrefix("durable-example"), redischeckpoint.WithLease(lease)), nil
}

// run starts or resumes the run runID and prints the final store. While
// another worker holds the run (or a crashed one, until its lease
// lapses), it waits and tries again, for up to twice the lease.
func run(ctx context.Context, cp workflow.Checkpointer, runID string, out io.Writer, crash func()) error {
	r := workflow.NewRunner(workflow.WithCheckpointer(cp))
	var wf *workflow.Workflow
	for deadline := time.Now().Add(2 * lease); ; {
		wf = newWorkflow(runID, out, crash)
		err := r.ExecuteRun(ctx, wf, runID)
		if err == nil {
			break
		}
		if !errors.Is(err, workflow.ErrRunInProgress) || time.Now().After(deadline) {
			return err
		}
		fmt.Fprintf(out, "%v: waiting\n", err)
		time.Sleep(time.Second)
	}
	fmt.Fprintf(out, "run %s succeeded; final store:\n", runID)
	for _, k := range wf.Store.ListKeys() {
		v, _ := store.Get[any](wf.Store, k)
		fmt.Fprintf(out, "  %s = %v\n", k, v)
	}
	return nil
}

// newWorkflow returns the order workflow of run runID, whose actions say
// on out what they do. charge-card calls crash, when not nil, after the
// payment provider charged the card and before the action completes.
func newWorkflow(runID string, out io.Writer, crash func()) *workflow.Workflow {
	wf := workflow.New("order", "order", "reserves, charges and ships an order")
	reserve := workflow.NewStage("reserve", "reserve", "reserves the stock")
	reserve.AddAction(step("reserve-stock", out, func(s *store.KVStore) error {
		if err := itemsKey.Put(s, []string{"book", "lamp"}); err != nil {
			return err
		}
		return totalKey.Put(s, 4599)
	}))
	charge := workflow.NewStage("charge", "charge", "charges the customer")
	charge.AddAction(step("charge-card", out, func(s *store.KVStore) error {
		total, err := totalKey.Get(s)
		if err != nil {
			return err
		}
		// The run's ID is the idempotency key: charging twice for one
		// run charges once, so this action may run again after a crash.
		payment := chargeCard(runID, total)
		fmt.Fprintf(out, "  charged %d cents: %s\n", total, payment)
		if crash != nil {
			crash()
		}
		return paymentKey.Put(s, payment)
	}))
	ship := workflow.NewStage("ship", "ship", "ships the order")
	ship.AddAction(
		step("create-shipment", out, func(s *store.KVStore) error { return trackingKey.Put(s, "TRK-"+runID) }),
		step("notify-customer", out, func(s *store.KVStore) error { return statusKey.Put(s, "shipped") }),
	)
	wf.AddStage(reserve, charge, ship)
	return wf
}

// chargeCard stands for a payment provider that takes an idempotency
// key: the same key always gives the same charge.
func chargeCard(idempotencyKey string, cents int) string {
	return fmt.Sprintf("ch_%s_%d", idempotencyKey, cents)
}

// action is an action that runs a function on the store.
type action struct {
	workflow.BaseAction
	out io.Writer
	run func(s *store.KVStore) error
}

// Execute says which action runs, then runs it.
func (a *action) Execute(ctx *workflow.ActionContext) error {
	fmt.Fprintln(a.out, "running", a.Name())
	return a.run(ctx.Store())
}

// step returns the action name, which runs f.
func step(name string, out io.Writer, f func(s *store.KVStore) error) *action {
	return &action{BaseAction: workflow.NewBaseAction(name, name), out: out, run: f}
}
