package main

import (
	"fmt"
	"io"

	"github.com/gostage/gostage/examples/porting/orderkeys"
	"github.com/gostage/gostage/runtime/store"
	"github.com/gostage/gostage/runtime/workflow"
)

// PriceOrder sums the order's lines into "order.total". It is still the
// action as it was written for upstream gostage: it embeds BaseAction,
// reads and writes the store with string keys, and declares no contract,
// so Validate counts it as an action that may write any key.
type PriceOrder struct {
	workflow.BaseAction
}

// Execute puts the sum of the lines' prices under "order.total".
func (a *PriceOrder) Execute(ctx *workflow.ActionContext) error {
	// Upstream: ctx.GoContext().
	if err := ctx.Context().Err(); err != nil {
		return err
	}
	items, err := store.Get[[]orderkeys.Item](ctx.Store(), "order.items")
	if err != nil {
		return err
	}
	total := 0.0
	for _, it := range items {
		total += float64(it.Quantity) * it.Price
	}
	// Upstream logged printf-style, Info("priced %d items", n): against
	// *slog.Logger that compiles and logs !BADKEY; go vet reports it.
	ctx.Logger().Info("priced order", "items", len(items), "total", total)
	return ctx.Store().Put("order.total", total)
}

// ChargeOrder charges the order's total and keeps the payment's
// reference. It is the first action moved to gostage-gen: its keys are
// declared in orderkeys, and its IO and contract are generated.
//
//gostage:action reads=orderkeys.Order.Total writes=orderkeys.Order.Receipt
type ChargeOrder struct {
	Out io.Writer
}

// Run charges the total and stores the receipt.
func (a *ChargeOrder) Run(ctx *workflow.ActionContext, io ChargeOrderIO) error {
	total, err := io.OrderTotal()
	if err != nil {
		return err
	}
	receipt := fmt.Sprintf("R-%.0f", total*100)
	fmt.Fprintf(a.Out, "charged %.2f EUR, receipt %s\n", total, receipt)
	return io.SetOrderReceipt(receipt)
}
