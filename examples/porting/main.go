// Command porting runs an order workflow that was written for upstream
// gostage (github.com/davidroman0O/gostage), ported to this module, and
// then moved to gostage-gen one action at a time.
//
// Porting changed what README's porting section lists, and only that:
// workflow.New for gostage.NewWorkflow, Execute(ctx, wf) with the logger
// given to the runner, a StageMiddleware for upstream's per-stage
// WorkflowMiddleware, the initial data put into wf.Store rather than
// Stage.SetInitialData, ctx.Context() for GoContext(), and slog's
// key-value logging. The store calls did not change.
//
// Two actions run: price-order, still hand-written (actions.go), puts
// "order.total" with a string key and declares no contract; charge-order,
// already generated, reads it through its typed IO. The runner's contract
// check accepts the order: an action without a contract may write any key.
// gostage-vet ./examples/porting/... lists the string keys left, the next
// steps of the move.
package main

//go:generate go tool gostage-gen

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"

	"github.com/gostage/gostage/examples/porting/orderkeys"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// newWorkflow returns the order workflow for items, its actions writing
// what they do to out.
func newWorkflow(items []orderkeys.Item, out io.Writer) (*workflow.Workflow, error) {
	wf := workflow.New("order", "order", "prices and charges an order")
	// Upstream: price.SetInitialData("order.items", items).
	if err := wf.Store.Put("order.items", items); err != nil {
		return nil, err
	}
	price := workflow.NewStage("price", "price", "prices the order")
	// Upstream: gostage.NewBaseActionWithTags(name, description, []string{"pricing"}).
	price.AddAction(&PriceOrder{BaseAction: workflow.NewBaseAction("price-order", "sums the order's lines", "pricing")})
	charge := workflow.NewStage("charge", "charge", "charges the order")
	charge.AddAction(&ChargeOrder{Out: out})
	wf.AddStage(price, charge)
	return wf, nil
}

// announce is a StageMiddleware, what upstream called a WorkflowMiddleware
// (it wrapped each stage): it writes each stage's name to out.
func announce(out io.Writer) workflow.StageMiddleware {
	return func(next workflow.StageHandler) workflow.StageHandler {
		return func(ctx context.Context, wf *workflow.Workflow, st *workflow.Stage) error {
			fmt.Fprintf(out, "stage %s\n", st.Name)
			return next(ctx, wf, st)
		}
	}
}

// run runs the order workflow for two lines and returns its final store.
func run(ctx context.Context, out io.Writer, logger *slog.Logger) (*store.KVStore, error) {
	items := []orderkeys.Item{{SKU: "kettle", Quantity: 1, Price: 39.90}, {SKU: "mug", Quantity: 4, Price: 7.50}}
	wf, err := newWorkflow(items, out)
	if err != nil {
		return nil, err
	}
	runner := workflow.NewRunner(workflow.WithLogger(logger), workflow.WithStageMiddleware(announce(out)))
	// Upstream: runner.Execute(ctx, wf, logger).
	if err := runner.Execute(ctx, wf); err != nil {
		return nil, err
	}
	return wf.Store, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	s, err := run(ctx, os.Stdout, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	receipt, err := orderkeys.OrderOf(s).Receipt()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("final store: order.receipt =", receipt)
}
